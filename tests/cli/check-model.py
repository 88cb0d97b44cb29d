#!/usr/bin/env python3
# check-model.py: an independent implementation of the model
#
# Copyright 2026 The Lodestone authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Recomputes the baseline and the rebalanced result of "lodestone-cli flows"
# from the inputs the CLI prints, following ../shared/DESIGN.md ("The model")
# and nothing else, and compares with what the CLI computed.  It is written
# without reading src/model/*.c so that a misreading of DESIGN.md there shows
# up here as a difference rather than being copied.
#
# Usage: check-model.py PATH/TO/lodestone-cli
# Prints TAP; exits 1 when any scenario differs.

import json
import os
import random
import subprocess
import sys
import tempfile

UNKNOWN = "unknown"
REL_TOL = 1e-6
ABS_TOL = 1e-6
MAX_ROUNDS = 100
ROUND_STOP = 1e-9


# ---------------------------------------------------------------------------
# The model, from DESIGN.md
# ---------------------------------------------------------------------------

class Model:
    """The inputs of one "flows" JSON, indexed for the computation."""

    def __init__(self, doc):
        self.stages = [st["id"] for st in doc["stages"]]
        self.yields = {st["id"]: float(st["yield"]) for st in doc["stages"]}
        self.bloc = set(doc["bloc"])

        countries = set(doc["bloc"])
        for prod in doc["production"].values():
            countries.update(prod)
        for f in doc["given_flows"]:
            countries.update((f["from"], f["to"]))
        for section in (doc["baseline"]["flows"], doc["result"]["flows"]):
            for f in section:
                countries.update((f["from"], f["to"]))
        countries.discard(UNKNOWN)
        for r in doc["scenario"]["restrictions"]:
            for side in ("from", "to"):
                if isinstance(r[side], list):
                    countries.update(r[side])
        for c in doc["scenario"]["capacity"]:
            countries.add(c["country"])
        # Sorted, so that sums run in a fixed order.
        self.countries = sorted(countries)

        self.P = {s: {c: float(doc["production"].get(s, {}).get(c, 0.0))
                      for c in self.countries}
                  for s in self.stages}
        self.E = {s: {} for s in self.stages}
        for f in doc["given_flows"]:
            key = (f["from"], f["to"])
            self.E[f["stage"]][key] = self.E[f["stage"]].get(key, 0.0) + float(f["value"])

        sc = doc["scenario"]
        self.phi = float(sc["friend_shoring"])
        self.delta = {s: {c: 0.0 for c in self.countries} for s in self.stages}
        for cap in sc["capacity"]:
            self.delta[cap["stage"]][cap["country"]] += float(cap["delta"])
        self.restrictions = sc["restrictions"]

    def in_set(self, country, spec):
        """Whether @country is in a restriction's country set.  `unknown` is
        in none: it is never restricted."""
        if country == UNKNOWN:
            return False
        if spec == "bloc":
            return country in self.bloc
        if spec == "non-bloc":
            return country not in self.bloc
        return country in spec

    # -- Completing the flows ------------------------------------------------

    def baseline(self):
        flows = {s: {} for s in self.stages}
        unallocated = {}
        unknown_origin = {}
        C = self.countries

        def add(s, i, j, v):
            if v != 0.0:
                flows[s][(i, j)] = flows[s].get((i, j), 0.0) + v

        for k in range(len(self.stages) - 1):
            s, t = self.stages[k], self.stages[k + 1]
            E = self.E[s]
            R = {j: self.P[t][j] / self.yields[t] for j in C}
            G = {j: sum(v for (a, b), v in E.items() if b == j) for j in C}
            O = {i: sum(v for (a, b), v in E.items() if a == i) for i in C}
            r = {j: max(0.0, R[j] - G[j]) for j in C}
            for (a, b), v in E.items():
                add(s, a, b, v)

            d = {}
            for j in C:
                if (j, j) in E:
                    d[j] = 0.0
                else:
                    d[j] = min(r[j], max(0.0, self.P[s][j] - O[j]))
                r[j] -= d[j]
                add(s, j, j, d[j])

            u = {i: max(0.0, self.P[s][i] - O[i] - d[i]) for i in C}
            U = sum(u[i] for i in C)
            N = sum(r[j] for j in C)
            denom = max(U, N)
            if denom > 0.0:
                for i in C:
                    if u[i] <= 0.0:
                        continue
                    for j in C:
                        if r[j] > 0.0:
                            add(s, i, j, u[i] * r[j] / denom)
            unallocated[s] = max(0.0, U - N)
            unknown_origin[s] = max(0.0, N - U)
            if N - U > 0.0:
                for j in C:
                    if r[j] > 0.0:
                        add(s, UNKNOWN, j, r[j] * (N - U) / N)
        return flows, unallocated, unknown_origin

    # -- Rebalancing -----------------------------------------------------------

    def rebalance(self, base_flows, trace=None):
        C = self.countries
        B = self.bloc
        stages = self.stages
        first = stages[0]
        Pn = {s: {} for s in stages}
        shortfall = {s: {} for s in stages}
        flows = {s: {} for s in stages}

        # Step 1.
        for c in C:
            Pn[first][c] = max(0.0, self.P[first][c] + self.delta[first][c])

        for k in range(len(stages) - 1):
            s, t = stages[k], stages[k + 1]
            Y = self.yields[t]

            # Step 2: scale each country's baseline outflows; `unknown` keeps
            # its baseline flows.
            F = {}
            for (i, j), v in base_flows[s].items():
                if i == UNKNOWN:
                    F[(i, j)] = v
                else:
                    p = self.P[s][i]
                    F[(i, j)] = v * Pn[s][i] / p if p != 0.0 else 0.0

            # Step 3: restrictions.
            restricted = set()
            for rs in self.restrictions:
                if rs["stage"] != s:
                    continue
                f = float(rs["fraction"])
                for (i, j) in list(F):
                    if self.in_set(i, rs["from"]) and self.in_set(j, rs["to"]):
                        F[(i, j)] *= (1.0 - f)
                if f > 0.0:
                    for i in C:
                        if not self.in_set(i, rs["from"]):
                            continue
                        for j in C:
                            if self.in_set(j, rs["to"]):
                                restricted.add((i, j))

            # Step 4: cap inflows at the need of the target.
            T = {j: max(0.0, self.P[t][j] + self.delta[t][j]) for j in C}
            Rn = {j: T[j] / Y for j in C}
            inflow = {j: 0.0 for j in C}
            for (i, j), v in F.items():
                inflow[j] += v
            for j in C:
                if inflow[j] > Rn[j]:
                    factor = Rn[j] / inflow[j]
                    for key in F:
                        if key[1] == j:
                            F[key] *= factor
            inflow = {j: 0.0 for j in C}
            outflow = {i: 0.0 for i in C}
            for (i, j), v in F.items():
                inflow[j] += v
                if i != UNKNOWN:
                    outflow[i] += v
            r = {j: max(0.0, Rn[j] - inflow[j]) for j in C}
            u = {i: max(0.0, Pn[s][i] - outflow[i]) for i in C}

            # Step 5: re-routing.
            threshold = ROUND_STOP * sum(r.values())

            def move(i, j, v):
                F[(i, j)] = F.get((i, j), 0.0) + v
                u[i] -= v
                r[j] -= v

            for c in C:
                if (c, c) in restricted:
                    continue
                m = min(u[c], r[c])
                if m > 0.0:
                    move(c, c, m)

            def rounds(allowed):
                n_moved = 0
                for _ in range(MAX_ROUNDS):
                    offers = {}
                    for i in C:
                        if u[i] <= 0.0:
                            continue
                        targets = [j for j in C
                                   if r[j] > 0.0 and allowed(i, j)
                                   and (i, j) not in restricted]
                        total = sum(r[j] for j in targets)
                        if total <= 0.0:
                            continue
                        for j in targets:
                            offers[(i, j)] = u[i] * r[j] / total
                    offered = {}
                    for (i, j), v in offers.items():
                        offered[j] = offered.get(j, 0.0) + v
                    takes = []
                    for (i, j), v in offers.items():
                        if offered[j] > 0.0:
                            takes.append((i, j, v * min(1.0, r[j] / offered[j])))
                    moved = 0.0
                    for i, j, take in takes:
                        if take > 0.0:
                            move(i, j, take)
                            moved += take
                    if moved > 0.0:
                        n_moved += 1
                        if trace is not None:
                            trace.setdefault("moves", {}).setdefault(s, []).append(moved)
                    if moved < threshold or moved == 0.0:
                        break
                return n_moved

            n_rounds = 0
            if self.phi > 0.0:
                n_rounds += rounds(lambda i, j: i in B and j in B)
            n_rounds += rounds(lambda i, j: True)
            if trace is not None:
                trace.setdefault("rounds", {})[s] = n_rounds

            # Step 6: friend-shoring swap.
            if self.phi > 0.0:
                need = sum(v for (i, j), v in F.items()
                           if i != UNKNOWN and i not in B and j in B)
                avail_i = {i: u[i] for i in C if i in B}
                for (i, j), v in F.items():
                    if i != UNKNOWN and i in B and j not in B:
                        avail_i[i] += v
                avail = sum(avail_i.values())
                x = self.phi * min(need, avail)
                if trace is not None:
                    trace.setdefault("swap", {})[s] = x
                if x > 0.0 and need > 0.0 and avail > 0.0:
                    red = {}
                    freed = {}
                    lost = {}
                    for key in list(F):
                        i, j = key
                        v = F[key]
                        if i != UNKNOWN and i not in B and j in B:
                            cut = v * x / need
                            F[key] = v - cut
                            red[j] = red.get(j, 0.0) + cut
                            freed[i] = freed.get(i, 0.0) + cut
                        elif i != UNKNOWN and i in B and j not in B:
                            cut = v * x / avail
                            F[key] = v - cut
                            lost[j] = lost.get(j, 0.0) + cut
                    for i in avail_i:
                        u[i] -= u[i] * x / avail
                    for j, rj in red.items():
                        for i, ai in avail_i.items():
                            if ai > 0.0:
                                F[(i, j)] = F.get((i, j), 0.0) + rj * ai / avail
                    for kk, fk in freed.items():
                        given = 0.0
                        for m, lm in lost.items():
                            v = lm * fk / x
                            F[(kk, m)] = F.get((kk, m), 0.0) + v
                            given += v
                        u[kk] += fk - given

                # Then members' unmet need: member exporters divert φ of
                # what they send outside the bloc, up to the members'
                # remaining need after step 5 (the swap does not change it).
                nb = sum(r[j] for j in C if j in B and r[j] > 0.0)
                o = {}
                for (i, j), v in F.items():
                    if i != UNKNOWN and i in B and j not in B:
                        o[i] = o.get(i, 0.0) + v
                m_out = sum(o.values())
                z = self.phi * min(nb, m_out)
                if trace is not None:
                    trace.setdefault("unmet", {})[s] = z
                if z > 0.0:
                    for key in list(F):
                        i, j = key
                        if i != UNKNOWN and i in B and j not in B:
                            F[key] -= F[key] * z / m_out
                    for j in C:
                        if j in B and r[j] > 0.0:
                            for i, oi in o.items():
                                F[(i, j)] = F.get((i, j), 0.0) + z * (oi / m_out) * (r[j] / nb)

            # Step 7.
            inflow = {j: 0.0 for j in C}
            for (i, j), v in F.items():
                inflow[j] += v
            for j in C:
                Pn[t][j] = min(T[j], Y * inflow[j])
                shortfall[t][j] = T[j] - Pn[t][j]
            flows[s] = {key: v for key, v in F.items()}

        # Dependency of the bloc on non-members, per stage.
        dependency = {}
        for k, s in enumerate(stages):
            if k == len(stages) - 1:
                dependency[s] = None
                continue
            intake = 0.0
            by = {}
            for (i, j), v in flows[s].items():
                if j not in B:
                    continue
                intake += v
                if i == UNKNOWN or i not in B:
                    by[i] = by.get(i, 0.0) + v
            if intake <= 0.0:
                dependency[s] = None
            else:
                dependency[s] = {
                    "non_bloc_share": sum(by.values()) / intake,
                    "by_supplier": {i: v / intake for i, v in by.items()},
                }
        return Pn, flows, shortfall, dependency


# ---------------------------------------------------------------------------
# Comparison
# ---------------------------------------------------------------------------

def close(a, b):
    return abs(a - b) <= max(ABS_TOL, REL_TOL * max(abs(a), abs(b)))


def flow_table(entries):
    table = {}
    for f in entries:
        key = (f["stage"], f["from"], f["to"])
        table[key] = table.get(key, 0.0) + float(f["value"])
    return table


def compare_maps(what, expected, got, diffs):
    for key in sorted(set(expected) | set(got), key=str):
        e = expected.get(key, 0.0)
        g = got.get(key, 0.0)
        if not close(e, g):
            diffs.append("%s %s: expected %.9g, got %.9g (diff %.3g)"
                         % (what, key if not isinstance(key, tuple)
                            else ":".join(key), e, g, g - e))


def resolve_import_shares(doc):
    """DESIGN.md "Import shares": the flows the stated shares resolve to,
    {(stage, from, to): t}, from the production and the flows given in
    tonnes (those not marked resolved)."""
    stages = [st["id"] for st in doc["stages"]]
    yields = {st["id"]: float(st["yield"]) for st in doc["stages"]}
    prod = doc["production"]
    out = {}
    for f in doc["given_flows"]:
        if not f.get("resolved"):
            key = (f["stage"], f["from"])
            out[key] = out.get(key, 0.0) + float(f["value"])
    resolved = {}
    for entry in doc.get("import_shares", []):
        s, j = entry["stage"], entry["to"]
        t = stages[stages.index(s) + 1]
        R = float(prod.get(t, {}).get(j, 0.0)) / yields[t]
        own = float(prod.get(s, {}).get(j, 0.0)) - out.get((s, j), 0.0)
        m = max(0.0, R - max(0.0, own))
        for i, share in entry["shares"].items():
            if share * m > 0.0:
                resolved[(s, i, j)] = share * m
    return resolved


def check(doc, trace=None):
    """Returns the list of differences between the CLI's output and this
    implementation."""
    m = Model(doc)
    diffs = []

    compare_maps("flow resolved from an import share", resolve_import_shares(doc),
                 {(f["stage"], f["from"], f["to"]): float(f["value"])
                  for f in doc["given_flows"] if f.get("resolved")}, diffs)

    flows, unallocated, unknown_origin = m.baseline()
    expected = {(s, i, j): v for s in flows for (i, j), v in flows[s].items()}
    compare_maps("baseline flow", expected,
                 flow_table(doc["baseline"]["flows"]), diffs)
    compare_maps("baseline unallocated", unallocated,
                 {k: float(v) for k, v in doc["baseline"]["unallocated"].items()},
                 diffs)
    compare_maps("baseline unknown_origin", unknown_origin,
                 {k: float(v) for k, v in doc["baseline"]["unknown_origin"].items()},
                 diffs)
    given = {(f["stage"], f["from"], f["to"]) for f in doc["given_flows"]}
    for f in doc["baseline"]["flows"]:
        key = (f["stage"], f["from"], f["to"])
        if key not in given and not f["estimated"]:
            diffs.append("baseline flow %s: not given but not marked estimated"
                         % ":".join(key))

    Pn, rflows, shortfall, dependency = m.rebalance(flows, trace)
    res = doc["result"]
    for s in m.stages:
        compare_maps("result production " + s, Pn[s],
                     {c: float(v) for c, v in res["production"].get(s, {}).items()},
                     diffs)
        compare_maps("shortfall " + s, shortfall[s],
                     {c: float(v) for c, v in res["shortfall"].get(s, {}).items()},
                     diffs)
    expected = {(s, i, j): v for s in rflows for (i, j), v in rflows[s].items()}
    compare_maps("result flow", expected, flow_table(res["flows"]), diffs)

    for s in m.stages:
        e = dependency[s]
        g = res["dependency"].get(s)
        if e is None or g is None:
            if (e is None) != (g is None):
                diffs.append("dependency %s: expected %s, got %s"
                             % (s, json.dumps(e), json.dumps(g)))
            continue
        if not close(e["non_bloc_share"], float(g["non_bloc_share"])):
            diffs.append("dependency %s non_bloc_share: expected %.9g, got %.9g"
                         % (s, e["non_bloc_share"], g["non_bloc_share"]))
        compare_maps("dependency %s by_supplier" % s, e["by_supplier"],
                     {k: float(v) for k, v in g["by_supplier"].items()}, diffs)
    return diffs


# ---------------------------------------------------------------------------
# Synthetic datasets (format: data/README.md)
# ---------------------------------------------------------------------------

STAGE_IDS = ["mining", "separation", "metal", "magnets", "use"]


def dataset(name, yields, production, flows, alliances, year=2030, shares=()):
    """@production: {stage: {ISO3: t}}; @flows: [(stage, from, to, t)];
    @alliances: {id: [ISO3]}; @shares: [(stage, to, {from: share})]."""
    countries = set()
    for prod in production.values():
        countries.update(prod)
    for _, a, b, _ in flows:
        countries.update((a, b))
    for members in alliances.values():
        countries.update(members)
    src = "synthetic"
    return {
        "format": "lodestone-dataset",
        "version": 1,
        "title": "Synthetic: " + name,
        "description": "A small dataset for check-model.py.",
        "default_year": year,
        "sources": [{"id": src, "title": "check-model.py"}],
        "stages": [{"id": sid, "name": sid.capitalize(), "unit": "t",
                    "basis": "test",
                    "yield": {"value": y, "source": src}}
                   for sid, y in zip(STAGE_IDS, yields)],
        "countries": [{"id": c, "name": c,
                       "label": {"lat": 10.0 + n, "lon": 20.0 + n},
                       "source": src}
                      for n, c in enumerate(sorted(countries))],
        "alliances": [{"id": aid, "name": aid, "description": "test",
                       "source": src,
                       "members": [{"country": c} for c in members]}
                      for aid, members in alliances.items()],
        "years": [{
            "year": year,
            "production": [{"stage": s, "country": c, "value": v,
                            "source": src}
                           for s, prod in production.items()
                           for c, v in prod.items()],
            "flows": [{"stage": s, "from": a, "to": b, "value": v,
                       "source": src}
                      for s, a, b, v in flows],
            "import_shares": [{"stage": s, "to": j, "source": src,
                               "estimated": True, "note": "test",
                               "shares": [{"from": i, "share": v}
                                          for i, v in sh.items()]}
                              for s, j, sh in shares],
        }],
    }


SYNTHETIC = {
    # Member ore all goes outside; a member plant added by the scenario is
    # fed only by DESIGN.md's members' unmet need rule (step 6).
    "unmet": dataset(
        "members' unmet need", [1, 1, 1, 1, 1],
        {"mining": {"AAA": 100, "CHN": 50, "BBB": 20},
         "separation": {"DDD": 100, "EEE": 50, "BBB": 20}},
        [("mining", "AAA", "DDD", 100), ("mining", "CHN", "EEE", 50)],
        {"west": ["AAA", "CHN", "CCC"]}),
    # Import shares: KKK's intake stated as partner shares, with an
    # unknown part; a tonnage flow of its own lowers its import need.
    "shares": dataset(
        "import shares", [1, 0.5, 1, 1, 1],
        {"mining": {"AAA": 100, "CHN": 300, "KKK": 30},
         "separation": {"KKK": 40, "BBB": 10, "CHN": 80},
         "metal": {"KKK": 20, "JJJ": 40, "CHN": 50}},
        [("mining", "KKK", "BBB", 10)],
        {"west": ["KKK", "JJJ", "AAA"]},
        shares=[("mining", "KKK", {"CHN": 0.6, "unknown": 0.25}),
                ("separation", "JJJ", {"CHN": 0.5, "KKK": 0.25, "unknown": 0.1})]),
    # Mining falls short of separation's need (unknown origin), separation
    # has more than metal needs (unallocated); a given domestic flow
    # (BBB→BBB) turns off the domestic step for BBB.
    "unknown-unallocated": dataset(
        "unknown origin and unallocated output", [1, 0.5, 1, 1, 1],
        {"mining": {"AAA": 100, "BBB": 50, "CCC": 10},
         "separation": {"AAA": 20, "CCC": 60, "DDD": 30, "BBB": 10},
         "metal": {"AAA": 10, "DDD": 50, "EEE": 40},
         "magnets": {"DDD": 60, "EEE": 40},
         "use": {"AAA": 30, "DDD": 30, "EEE": 20, "FFF": 20}},
        [("mining", "BBB", "CCC", 30), ("mining", "BBB", "BBB", 5),
         ("separation", "CCC", "EEE", 25),
         ("magnets", "EEE", "FFF", 15)],
        {"west": ["AAA", "DDD", "FFF"]}),
    # Exporters that may each serve only some importers, so that one round
    # of offers leaves surplus and need that later rounds match.
    "multi-round": dataset(
        "multi-round re-routing", [1, 1, 1, 1, 1],
        {"mining": {"AAA": 100, "BBB": 60, "CCC": 40, "DDD": 10},
         "separation": {"AAA": 60, "BBB": 10, "CCC": 50, "DDD": 80,
                        "EEE": 10},
         "metal": {"AAA": 60, "BBB": 10, "CCC": 50, "DDD": 80, "EEE": 10},
         "magnets": {"AAA": 60, "BBB": 10, "CCC": 50, "DDD": 80, "EEE": 10},
         "use": {"AAA": 60, "BBB": 10, "CCC": 50, "DDD": 80, "EEE": 10}},
        [("mining", "AAA", "DDD", 40), ("mining", "BBB", "DDD", 30),
         ("mining", "CCC", "EEE", 10)],
        {"one": ["AAA", "BBB"], "two": ["CCC", "DDD", "EEE"]}),
    # Four suppliers that are fully used in the baseline; the scenario adds
    # spare output and new need, and restrictions leave each supplier a
    # different set of customers, so that re-routing takes three rounds.
    "rounds": dataset(
        "three rounds of offers", [1, 1, 1, 1, 1],
        {"mining": {"AAA": 50, "BBB": 50, "CCC": 50, "DDD": 50},
         "separation": {"WWW": 50, "XXX": 50, "YYY": 50, "ZZZ": 50},
         "metal": {"WWW": 50, "XXX": 50, "YYY": 50, "ZZZ": 50},
         "magnets": {"WWW": 50, "XXX": 50, "YYY": 50, "ZZZ": 50},
         "use": {"WWW": 50, "XXX": 50, "YYY": 50, "ZZZ": 50}},
        [("mining", "AAA", "WWW", 50), ("mining", "BBB", "XXX", 50),
         ("mining", "CCC", "YYY", 50), ("mining", "DDD", "ZZZ", 50)],
        {"ab": ["AAA", "BBB", "WWW", "XXX"]}),
    # A bloc of three members and three non-members trading both ways, with
    # members' surplus, for the friend-shoring swap.
    "swap": dataset(
        "friend-shoring swap", [1, 1, 1, 1, 1],
        {"mining": {"AAA": 50, "BBB": 40, "CCC": 30, "XXX": 200,
                    "YYY": 80, "ZZZ": 20},
         "separation": {"AAA": 60, "BBB": 30, "CCC": 20, "XXX": 150,
                        "YYY": 60, "ZZZ": 50},
         "metal": {"AAA": 60, "BBB": 30, "CCC": 20, "XXX": 150, "YYY": 60,
                   "ZZZ": 50},
         "magnets": {"AAA": 40, "BBB": 40, "CCC": 30, "XXX": 160,
                     "YYY": 50, "ZZZ": 40},
         "use": {"AAA": 50, "BBB": 50, "CCC": 40, "XXX": 120, "YYY": 60,
                 "ZZZ": 40}},
        [("mining", "XXX", "AAA", 30), ("mining", "YYY", "BBB", 20),
         ("mining", "AAA", "ZZZ", 10), ("mining", "BBB", "YYY", 15),
         ("separation", "XXX", "BBB", 10), ("separation", "AAA", "ZZZ", 5),
         ("magnets", "XXX", "AAA", 10), ("magnets", "XXX", "CCC", 5),
         ("magnets", "CCC", "ZZZ", 5)],
        {"west": ["AAA", "BBB", "CCC"], "east": ["XXX", "YYY", "ZZZ"]}),
    # A tight chain with no slack: a cut at one stage leaves its customers
    # short, and their customers at the next stage short in turn.
    "cascade": dataset(
        "shortfall over two stages", [1, 0.5, 1, 1, 1],
        {"mining": {"AAA": 100, "BBB": 100},
         "separation": {"CCC": 50, "DDD": 50},
         "metal": {"EEE": 60, "FFF": 40},
         "magnets": {"GGG": 50, "HHH": 50},
         "use": {"GGG": 50, "HHH": 50}},
        [("mining", "AAA", "CCC", 100), ("mining", "BBB", "DDD", 100),
         ("separation", "CCC", "EEE", 50), ("separation", "DDD", "EEE", 10),
         ("separation", "DDD", "FFF", 40),
         ("metal", "EEE", "GGG", 50), ("metal", "EEE", "HHH", 10),
         ("metal", "FFF", "HHH", 40)],
        {"west": ["CCC", "EEE", "GGG"]}),
}


# ---------------------------------------------------------------------------
# Scenarios
# ---------------------------------------------------------------------------

def shipped_scenarios(root):
    cases = []
    cases.append(("no levers", []))
    cases.append(("no levers, msp", ["--alliance", "msp"]))
    cases.append(("no levers, 2023, msp", ["--year", "2023", "--alliance", "msp"]))
    scen_dir = os.path.join(root, "data", "scenarios")
    for name in sorted(os.listdir(scen_dir)):
        if name.startswith("0") and name.endswith(".json"):
            path = os.path.join(scen_dir, name)
            cases.append(("preset " + name, ["--scenario", path]))
    cases.append(("preset 04, 2023",
                  ["--scenario", os.path.join(scen_dir, "04-diversify-us-vietnam-laos.json"),
                   "--year", "2023"]))

    msp = ["--alliance", "msp"]
    for st in STAGE_IDS[:-1]:
        cases.append(("restrict %s CHN→bloc 1" % st,
                      msp + ["--restrict", "%s:CHN:bloc:1" % st]))
        cases.append(("restrict %s non-bloc→bloc 0.6" % st,
                      msp + ["--restrict", "%s:non-bloc:bloc:0.6" % st]))
        cases.append(("restrict %s bloc→non-bloc 0.5" % st,
                      msp + ["--restrict", "%s:bloc:non-bloc:0.5" % st]))
        cases.append(("restrict %s CHN,MYS→USA,JPN,KOR 0.8, φ 0.5" % st,
                      msp + ["--restrict", "%s:CHN,MYS:USA,JPN,KOR:0.8" % st,
                             "--friend-shoring", "0.5"]))
    cases.append(("restrict CHN→non-bloc at separation (own domestic)",
                  msp + ["--restrict", "separation:CHN:non-bloc:0.3"]))
    cases.append(("two restrictions multiply",
                  msp + ["--restrict", "magnets:CHN:bloc:0.5",
                         "--restrict", "magnets:non-bloc:USA,DEU:0.5"]))
    cases.append(("restriction fraction 0",
                  msp + ["--restrict", "mining:CHN:bloc:0"]))
    cases.append(("restriction fraction 0 with new need",
                  msp + ["--restrict", "mining:non-bloc:USA:0",
                         "--capacity", "separation:USA:3000",
                         "--capacity", "mining:NGA:5000"]))

    cases.append(("capacity up: USA separation +5000, JPN magnets +2000",
                  msp + ["--capacity", "separation:USA:5000",
                         "--capacity", "magnets:JPN:2000"]))
    cases.append(("capacity up at a new producer: KOR metal +1000, KOR magnets +1000",
                  msp + ["--capacity", "metal:KOR:1000",
                         "--capacity", "magnets:KOR:1000"]))
    cases.append(("capacity down: CHN mining -100000",
                  msp + ["--capacity", "mining:CHN:-100000"]))
    cases.append(("capacity down past 0: MYS separation -99999, MMR mining -1e6",
                  msp + ["--capacity", "separation:MYS:-99999",
                         "--capacity", "mining:MMR:-1000000"]))
    cases.append(("capacity down past 0 at use: JPN use -1e6",
                  msp + ["--capacity", "use:JPN:-1000000"]))
    cases.append(("capacity down: CHN separation -20000, CHN magnets -30000",
                  msp + ["--capacity", "separation:CHN:-20000",
                         "--capacity", "magnets:CHN:-30000"]))

    for phi in ("0.25", "0.5", "1"):
        cases.append(("friend-shoring %s" % phi, msp + ["--friend-shoring", phi]))
        cases.append(("friend-shoring %s, g7+quad, restrictions" % phi,
                      ["--alliance", "g7", "--alliance", "quad",
                       "--friend-shoring", phi,
                       "--restrict", "separation:CHN:bloc:0.7",
                       "--restrict", "mining:non-bloc:USA:0.4"]))
    cases.append(("friend-shoring 1, 2023, capacity",
                  msp + ["--year", "2023", "--friend-shoring", "1",
                         "--capacity", "separation:EST:3000"]))
    return cases


def random_scenarios(seed, count, countries):
    rng = random.Random(seed)
    alliances = ["msp", "g7", "quad", "eu27", "brics", "forge"]
    cases = []
    for n in range(count):
        args = ["--year", rng.choice(["2023", "2024"])]
        for a in rng.sample(alliances, rng.randint(0, 3)):
            args += ["--alliance", a]
        for c in rng.sample(countries, rng.randint(0, 2)):
            args += ["--add", c]
        for c in rng.sample(countries, rng.randint(0, 2)):
            args += ["--remove", c]
        for _ in range(rng.randint(0, 3)):
            st = rng.choice(STAGE_IDS[:-1])
            sides = []
            for _ in range(2):
                kind = rng.random()
                if kind < 0.3:
                    sides.append("bloc")
                elif kind < 0.6:
                    sides.append("non-bloc")
                else:
                    sides.append(",".join(rng.sample(countries, rng.randint(1, 3))))
            frac = rng.choice(["0", "1", "%.3f" % rng.random()])
            args += ["--restrict", "%s:%s:%s:%s" % (st, sides[0], sides[1], frac)]
        for _ in range(rng.randint(0, 3)):
            st = rng.choice(STAGE_IDS)
            c = rng.choice(countries)
            delta = rng.choice([-1, 1]) * rng.choice([100, 1000, 5000, 50000, 300000])
            args += ["--capacity", "%s:%s:%d" % (st, c, delta)]
        phi = rng.choice(["0", "0", "0.25", "0.5", "1", "%.3f" % rng.random()])
        args += ["--friend-shoring", phi]
        cases.append(("random %d (seed %d)" % (n, seed), args))
    return cases


def synthetic_scenarios(files):
    cases = []
    d = files["unknown-unallocated"]
    cases += [
        ("synthetic unknown/unallocated: no levers", ["--data", d]),
        ("synthetic unknown/unallocated: west, φ 0.5",
         ["--data", d, "--alliance", "west", "--friend-shoring", "0.5"]),
        ("synthetic unknown/unallocated: restriction and cut",
         ["--data", d, "--alliance", "west",
          "--restrict", "mining:BBB:non-bloc:0.5",
          "--capacity", "mining:AAA:-50"]),
    ]
    d = files["multi-round"]
    cases += [
        ("synthetic multi-round: cut DDD's mining feed, restrict",
         ["--data", d, "--alliance", "one",
          "--capacity", "mining:AAA:-40",
          "--capacity", "mining:DDD:100",
          "--restrict", "mining:AAA:EEE,CCC:1",
          "--restrict", "mining:CCC:DDD:1"]),
        ("synthetic multi-round: capacity up, restrictions, φ 0.5",
         ["--data", d, "--alliance", "two", "--friend-shoring", "0.5",
          "--capacity", "separation:DDD:60", "--capacity", "mining:CCC:80",
          "--restrict", "mining:BBB:CCC,EEE:1",
          "--restrict", "mining:CCC:CCC:1"]),
    ]
    d = files["rounds"]
    rounds = ["--data", d,
              "--capacity", "mining:AAA:150", "--capacity", "mining:BBB:20",
              "--capacity", "mining:CCC:45",
              "--capacity", "separation:WWW:100",
              "--capacity", "separation:XXX:30",
              "--capacity", "separation:ZZZ:60",
              "--restrict", "mining:BBB:XXX,WWW:1",
              "--restrict", "mining:CCC:XXX,YYY:1",
              "--restrict", "mining:DDD:ZZZ,YYY:1"]
    cases += [
        ("synthetic rounds: three rounds", rounds),
        ("synthetic rounds: three rounds, bloc first, φ 0.5",
         rounds + ["--alliance", "ab", "--friend-shoring", "0.5"]),
        # A restriction with f = 0 changes no flow and, unlike f > 0,
        # does not bar the pair from re-routed volume.
        ("synthetic rounds: a restriction with fraction 0 blocks nothing",
         rounds + ["--restrict", "mining:AAA:YYY,ZZZ:0"]),
    ]
    d = files["swap"]
    cases += [
        ("synthetic swap: φ %s" % phi,
         ["--data", d, "--alliance", "west", "--friend-shoring", phi])
        for phi in ("0.25", "0.5", "1")
    ]
    cases += [
        ("synthetic swap: φ 0.5 with restriction",
         ["--data", d, "--alliance", "west", "--friend-shoring", "0.5",
          "--restrict", "mining:bloc:non-bloc:1"]),
        ("synthetic swap: φ 0.7 with surplus at members",
         ["--data", d, "--alliance", "west", "--friend-shoring", "0.7",
          "--capacity", "mining:CCC:100", "--capacity", "separation:AAA:30"]),
    ]
    d = files["unmet"]
    cases += [
        ("synthetic unmet need: new member plant, φ %s" % phi,
         ["--data", d, "--alliance", "west", "--friend-shoring", phi,
          "--capacity", "separation:CCC:60"])
        for phi in ("0.3", "1")
    ]
    cases += [
        ("synthetic unmet need: with a restriction and a cut",
         ["--data", d, "--alliance", "west", "--friend-shoring", "0.6",
          "--capacity", "separation:CCC:60", "--capacity", "mining:AAA:-20",
          "--restrict", "mining:BBB:CCC:1"]),
    ]
    d = files["shares"]
    cases += [
        ("synthetic import shares: no levers", ["--data", d]),
        ("synthetic import shares: China cut off, φ 0.5",
         ["--data", d, "--alliance", "west", "--friend-shoring", "0.5",
          "--restrict", "mining:CHN:bloc:1", "--restrict", "separation:CHN:bloc:1"]),
    ]
    d = files["cascade"]
    cases += [
        ("synthetic cascade: mining cut",
         ["--data", d, "--capacity", "mining:BBB:-60"]),
        ("synthetic cascade: restriction and φ",
         ["--data", d, "--alliance", "west", "--friend-shoring", "0.5",
          "--restrict", "separation:DDD:EEE:1",
          "--capacity", "metal:FFF:20"]),
    ]
    return cases


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------

def run_cli(cli, args):
    proc = subprocess.run([cli, "flows", "--format", "json"] + args,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)
    if proc.returncode != 0:
        raise RuntimeError("exit %d: %s" % (proc.returncode, proc.stderr.strip()))
    return json.loads(proc.stdout)


def main():
    if len(sys.argv) < 2:
        sys.stderr.write("usage: %s PATH/TO/lodestone-cli\n" % sys.argv[0])
        return 2
    cli = sys.argv[1]
    verbose = "--verbose" in sys.argv[2:]
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

    with tempfile.TemporaryDirectory(prefix="check-model-") as tmp:
        files = {}
        for name, doc in SYNTHETIC.items():
            path = os.path.join(tmp, name + ".json")
            with open(path, "w") as fh:
                json.dump(doc, fh, indent=1)
            files[name] = path

        cases = shipped_scenarios(root)
        countries = ["CHN", "USA", "AUS", "MMR", "MYS", "JPN", "KOR", "DEU",
                     "VNM", "THA", "IND", "EST", "ITA", "NGA", "RUS", "LAO"]
        cases += random_scenarios(20260601, 30, countries)
        cases += synthetic_scenarios(files)

        print("1..%d" % len(cases))
        failed = 0
        for n, (name, args) in enumerate(cases, 1):
            trace = {}
            try:
                doc = run_cli(cli, args)
                diffs = check(doc, trace)
            except Exception as e:  # a crash of the CLI is a failure too
                diffs = ["%s: %s" % (type(e).__name__, e)]
            if diffs:
                failed += 1
                print("not ok %d - %s" % (n, name))
                print("# args: %s" % " ".join(args))
                for line in diffs[:8]:
                    print("#   " + line)
                if len(diffs) > 8:
                    print("#   … and %d more" % (len(diffs) - 8))
            else:
                print("ok %d - %s" % (n, name))
            if verbose:
                print("# trace: %s" % json.dumps(trace))
        return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
