/* ls-rebalance.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-rebalance"

#include "config.h"

#include "ls-rebalance-private.h"

#include <math.h>
#include <string.h>

/* DESIGN.md "Rebalancing" step 5: stop a phase when a round moves less
 * than this share of the remaining need at the start of step 5. */
#define ROUND_THRESHOLD 1e-9
#define MAX_ROUNDS 100

typedef struct
{
  LsFlowState    *st;
  const LsLevers *levers;
  guint           stage;
  double         *need;     /* r[j] */
  double         *surplus;  /* u[i] */
  double         *offer;    /* C × C scratch */
  double         *offered;  /* C scratch */
} Rerouting;

static gboolean
may_serve (const Rerouting *rr,
           guint            i,
           guint            j,
           gboolean         members_only)
{
  guint C = rr->st->n_countries;

  if (rr->levers->restricted[((gsize) rr->stage * C + i) * C + j])
    return FALSE;

  return !members_only || (rr->levers->members[i] && rr->levers->members[j]);
}

/* DESIGN.md "Rebalancing" step 5: proportional offers, in rounds. */
static void
run_rounds (Rerouting *rr,
            gboolean   members_only,
            double     threshold)
{
  guint C = rr->st->n_countries;

  for (guint round = 0; round < MAX_ROUNDS; round++)
    {
      double moved = 0.0;
      gboolean any_offer = FALSE;

      memset (rr->offered, 0, sizeof (double) * C);

      /* Every exporter with surplus offers it to the importers it may
       * serve, in proportion to their remaining need. */
      for (guint i = 0; i < C; i++)
        {
          double *row = &rr->offer[(gsize) i * C];
          double total_need = 0.0;

          memset (row, 0, sizeof (double) * C);

          if (rr->surplus[i] <= 0.0)
            continue;

          for (guint j = 0; j < C; j++)
            if (rr->need[j] > 0.0 && may_serve (rr, i, j, members_only))
              total_need += rr->need[j];

          if (total_need <= 0.0)
            continue;

          for (guint j = 0; j < C; j++)
            if (rr->need[j] > 0.0 && may_serve (rr, i, j, members_only))
              {
                row[j] = rr->surplus[i] * (rr->need[j] / total_need);
                rr->offered[j] += row[j];
                any_offer = TRUE;
              }
        }

      if (!any_offer)
        break;

      /* Each importer takes up to its need, pro rata across its offers. */
      for (guint j = 0; j < C; j++)
        {
          double take;
          double ratio;

          if (rr->offered[j] <= 0.0)
            continue;

          take = MIN (rr->need[j], rr->offered[j]);
          ratio = take / rr->offered[j];

          for (guint i = 0; i < C; i++)
            {
              double amount = rr->offer[(gsize) i * C + j] * ratio;

              if (amount <= 0.0)
                continue;

              _ls_flow_state_add (rr->st, rr->stage, i, j, amount, LS_EVIDENCE_MODELLED);
              rr->surplus[i] = MAX (0.0, rr->surplus[i] - amount);
            }

          rr->need[j] = MAX (0.0, rr->need[j] - take);
          moved += take;
        }

      if (moved < threshold || moved <= 0.0)
        break;
    }
}

/* DESIGN.md "Rebalancing" step 6: the friend-shoring swap. Members'
 * spare and exported supply replaces, up to φ of what is possible, what
 * members take from non-members; non-members get back from non-members
 * what members no longer send them. Restrictions are not consulted. */
static void
swap_to_members (Rerouting *rr)
{
  LsFlowState *st = rr->st;
  const gboolean *members = rr->levers->members;
  guint C = st->n_countries;
  guint s = rr->stage;
  g_autofree double *available = g_new0 (double, C);
  g_autofree double *reduced = g_new0 (double, C);
  g_autofree double *freed = g_new0 (double, C);
  g_autofree double *lost = g_new0 (double, C);
  double need = 0.0;
  double avail = 0.0;
  double x;
  double a;
  double b;
  double total_lost = 0.0;

  for (guint i = 0; i < C; i++)
    for (guint j = 0; j < C; j++)
      {
        double f = st->flow[LS_FLOW_INDEX (st, s, i, j)];

        if (!members[i] && members[j])
          need += f;
        else if (members[i] && !members[j])
          available[i] += f;
      }

  for (guint i = 0; i < C; i++)
    if (members[i])
      {
        available[i] += rr->surplus[i];
        avail += available[i];
      }

  if (need <= 0.0 || avail <= 0.0)
    return;

  x = rr->levers->friend_shoring * MIN (need, avail);
  if (x <= 0.0)
    return;

  a = x / need;
  b = x / avail;

  for (guint i = 0; i < C; i++)
    for (guint j = 0; j < C; j++)
      {
        gsize k = LS_FLOW_INDEX (st, s, i, j);
        double f = st->flow[k];

        if (f <= 0.0)
          continue;

        if (!members[i] && members[j])
          {
            reduced[j] += f * a;
            freed[i] += f * a;
            _ls_flow_state_scale (st, k, 1.0 - a);
          }
        else if (members[i] && !members[j])
          {
            lost[j] += f * b;
            _ls_flow_state_scale (st, k, 1.0 - b);
          }
      }

  for (guint i = 0; i < C; i++)
    if (members[i])
      rr->surplus[i] *= 1.0 - b;

  /* Member importer j gets red[j] from member i pro rata to avail[i]. */
  for (guint j = 0; j < C; j++)
    {
      if (reduced[j] <= 0.0)
        continue;

      for (guint i = 0; i < C; i++)
        if (members[i] && available[i] > 0.0)
          _ls_flow_state_add (st, s, i, j, reduced[j] * (available[i] / avail), LS_EVIDENCE_MODELLED);
    }

  /* The volume freed at non-member exporters replaces, pro rata, what
   * non-member importers lost; the rest stays unallocated. */
  for (guint m = 0; m < C; m++)
    total_lost += lost[m];

  for (guint m = 0; m < C; m++)
    {
      if (lost[m] <= 0.0)
        continue;

      for (guint k = 0; k < C; k++)
        if (freed[k] > 0.0)
          _ls_flow_state_add (st, s, k, m, lost[m] * (freed[k] / x), LS_EVIDENCE_MODELLED);
    }

  for (guint k = 0; k < C; k++)
    if (freed[k] > 0.0)
      rr->surplus[k] += freed[k] * MAX (0.0, 1.0 - total_lost / x);
}

/* DESIGN.md "Rebalancing" step 6, members' unmet need: member exporters
 * divert φ of what they send outside the bloc, up to the members' need
 * left after step 5, so that a new plant in the bloc is fed. Non-member
 * importers are not compensated (their loss is their shortfall in step 7),
 * and restrictions are not consulted. */
static void
serve_members_need (Rerouting *rr)
{
  LsFlowState *st = rr->st;
  const gboolean *members = rr->levers->members;
  guint C = st->n_countries;
  guint s = rr->stage;
  g_autofree double *outside = g_new0 (double, C);
  double nb = 0.0;
  double m = 0.0;
  double z;

  for (guint j = 0; j < C; j++)
    if (members[j])
      nb += rr->need[j];

  for (guint i = 0; i < C; i++)
    {
      if (!members[i])
        continue;

      for (guint j = 0; j < C; j++)
        if (!members[j])
          outside[i] += st->flow[LS_FLOW_INDEX (st, s, i, j)];
      m += outside[i];
    }

  if (nb <= 0.0 || m <= 0.0)
    return;

  z = rr->levers->friend_shoring * MIN (nb, m);
  if (z <= 0.0)
    return;

  for (guint i = 0; i < C; i++)
    {
      if (!members[i])
        continue;

      for (guint j = 0; j < C; j++)
        if (!members[j])
          _ls_flow_state_scale (st, LS_FLOW_INDEX (st, s, i, j), 1.0 - z / m);
    }

  /* Member j gains z · (o[i]/m) · (r[j]/nb) from each member exporter i. */
  for (guint j = 0; j < C; j++)
    {
      if (!members[j] || rr->need[j] <= 0.0)
        continue;

      for (guint i = 0; i < C; i++)
        if (members[i] && outside[i] > 0.0)
          _ls_flow_state_add (st, s, i, j, z * (outside[i] / m) * (rr->need[j] / nb),
                              LS_EVIDENCE_MODELLED);

      rr->need[j] -= z * rr->need[j] / nb;
    }
}

/**
 * _ls_rebalance:
 * @target: (out caller-allocates): n_stages × n_countries, T[s][c]
 * @shortfall: (out caller-allocates): n_stages × n_countries
 *
 * DESIGN.md "Rebalancing", stage by stage from first to last.
 */
LsFlowState *
_ls_rebalance (const LsInputs     *inputs,
               const LsFlowState *baseline,
               const LsLevers    *levers,
               double            *target,
               double            *shortfall)
{
  guint S = baseline->n_stages;
  guint C = baseline->n_countries;
  LsFlowState *st = _ls_flow_state_new (S, C);
  g_autofree double *need = g_new0 (double, C);
  g_autofree double *surplus = g_new0 (double, C);
  g_autofree double *offer = g_new0 (double, (gsize) C * C);
  g_autofree double *offered = g_new0 (double, C);
  Rerouting rr = { st, levers, 0, need, surplus, offer, offered };

  memset (shortfall, 0, sizeof (double) * S * C);

  /* Step 1: the first stage's output with its capacity change. */
  for (guint c = 0; c < C; c++)
    {
      target[c] = MAX (0.0, baseline->production[c] + levers->delta[c]);
      st->production[c] = target[c];
    }

  for (guint s = 0; s + 1 < S; s++)
    {
      double yield = inputs->yield[s + 1];
      const double *P = &baseline->production[s * C];
      const double *P2 = &st->production[s * C];
      double *T = &target[(s + 1) * C];
      double start_need = 0.0;

      rr.stage = s;

      /* Step 2: scale each baseline outflow by P'/P; "unknown" keeps its.
       * Each flow's share of P (at most 1) times P', not P'/P first:
       * that ratio overflows when P is tiny (issue 14). */
      for (guint i = 0; i <= C; i++)
        for (guint j = 0; j < C; j++)
          {
            gsize k = LS_FLOW_INDEX (st, s, i, j);

            if (i == C)
              {
                st->flow[k] = baseline->flow[k];
                st->estimated[k] = baseline->estimated[k];
                st->modelled[k] = baseline->modelled[k];
              }
            else if (P2[i] == P[i])
              {
                /* Unchanged output keeps its flows exactly, so that no
                 * levers give the baseline to the last bit. */
                st->flow[k] = baseline->flow[k];
                st->estimated[k] = baseline->estimated[k];
                st->modelled[k] = baseline->modelled[k];
              }
            else if (P[i] > 0.0)
              {
                st->flow[k] = baseline->flow[k] / P[i] * P2[i];
                st->estimated[k] = baseline->estimated[k] / P[i] * P2[i];
                st->modelled[k] = baseline->modelled[k] / P[i] * P2[i];
              }
            else
              st->flow[k] = st->estimated[k] = st->modelled[k] = 0.0;
          }

      /* Step 3: restrictions. */
      for (guint i = 0; i < C; i++)
        for (guint j = 0; j < C; j++)
          {
            double keep = levers->keep[((gsize) s * C + i) * C + j];

            if (keep < 1.0)
              _ls_flow_state_scale (st, LS_FLOW_INDEX (st, s, i, j), keep);
          }

      /* Step 4: targets, the cap on inflows, remaining need, surplus. */
      for (guint j = 0; j < C; j++)
        {
          double max_need;
          double in = 0.0;

          T[j] = MAX (0.0, baseline->production[(s + 1) * C + j] + levers->delta[(s + 1) * C + j]);
          max_need = T[j] / yield;

          for (guint i = 0; i <= C; i++)
            in += st->flow[LS_FLOW_INDEX (st, s, i, j)];

          if (in > max_need)
            {
              double factor = max_need / in;

              for (guint i = 0; i <= C; i++)
                _ls_flow_state_scale (st, LS_FLOW_INDEX (st, s, i, j), factor);
              in = max_need;
            }

          /* A need met in full sums back to R' only up to rounding (the
           * flows are added in another order than the baseline's); a
           * remainder of a billionth is no need to re-route volume to, as
           * step 7 reports no such shortfall. */
          need[j] = MAX (0.0, max_need - in);
          if (need[j] <= ROUND_THRESHOLD * max_need)
            need[j] = 0.0;
          start_need += need[j];
        }

      for (guint i = 0; i < C; i++)
        {
          double out = 0.0;

          for (guint j = 0; j < C; j++)
            out += st->flow[LS_FLOW_INDEX (st, s, i, j)];

          surplus[i] = MAX (0.0, P2[i] - out);
        }

      /* Step 5: own surplus first, then rounds (members first when φ > 0). */
      for (guint i = 0; i < C; i++)
        {
          double domestic;

          if (levers->restricted[((gsize) s * C + i) * C + i])
            continue;

          domestic = MIN (surplus[i], need[i]);
          if (domestic > 0.0)
            {
              _ls_flow_state_add (st, s, i, i, domestic, LS_EVIDENCE_MODELLED);
              surplus[i] -= domestic;
              need[i] -= domestic;
            }
        }

      if (levers->friend_shoring > 0.0)
        run_rounds (&rr, TRUE, ROUND_THRESHOLD * start_need);
      run_rounds (&rr, FALSE, ROUND_THRESHOLD * start_need);

      /* Step 6: the friend-shoring swap, then members' unmet need. */
      if (levers->friend_shoring > 0.0)
        {
          swap_to_members (&rr);
          serve_members_need (&rr);
        }

      /* Step 7: next stage's output and shortfall. */
      for (guint j = 0; j < C; j++)
        {
          double in = 0.0;

          for (guint i = 0; i <= C; i++)
            in += st->flow[LS_FLOW_INDEX (st, s, i, j)];

          /* A need met in full comes back as T up to rounding; do not
           * report that rounding as a shortfall. */
          if (T[j] - yield * in <= ROUND_THRESHOLD * T[j])
            st->production[(s + 1) * C + j] = T[j];
          else
            st->production[(s + 1) * C + j] = yield * in;
          shortfall[(s + 1) * C + j] = T[j] - st->production[(s + 1) * C + j];
        }
    }

  _ls_flow_state_finish (st);

  return st;
}
