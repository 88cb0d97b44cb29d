#!/usr/bin/env node
/* convert-shapes.mjs
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One-off conversion of Natural Earth admin-0 countries, as shipped in
 * TopoJSON by the npm package world-atlas 2.x, into data/shapes/*.json
 * ("lodestone-shapes" version 1). It is NOT run at build time; see
 * data/shapes/README.md for how and why.
 *
 *   mkdir /tmp/shapes && cd /tmp/shapes
 *   npm install world-atlas@2.0.2 i18n-iso-countries@7.14.0
 *   node /path/to/tools/convert-shapes.mjs /tmp/shapes/node_modules /path/to/data/shapes
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [modules, outDir] = process.argv.slice(2);
if (!modules || !outDir) {
  console.error('usage: convert-shapes.mjs NODE_MODULES_DIR OUTPUT_DIR');
  process.exit(2);
}

const readJson = path => JSON.parse(readFileSync(path, 'utf8'));
const atlasVersion = readJson(join(modules, 'world-atlas/package.json')).version;

/* ISO 3166-1 numeric → alpha-3, from i18n-iso-countries' codes.json
 * (rows of [alpha-2, alpha-3, numeric, …]). Used here only: the output
 * carries alpha-3 codes and nothing reads the npm package at run time. */
const numericToAlpha3 = new Map(
  readJson(join(modules, 'i18n-iso-countries/codes.json')).map(row => [row[2], row[1]]));

/* Features without an ISO numeric id in world-atlas. Kosovo gets XKX (the
 * user-assigned code used by the EU, IMF and World Bank); the others get
 * Natural Earth's own ADM0_A3 code so the map stays without holes. */
const EXTRA_CODES = new Map([
  ['Kosovo', 'XKX'],
  ['N. Cyprus', 'CYN'],
  ['Somaliland', 'SOL'],
  ['Siachen Glacier', 'KAS'],
  ['Indian Ocean Ter.', 'IOA'],
]);

const DECIMALS = { '110m': 2, '50m': 3 };

const stats = { cut: 0, polar: 0, sliver: 0 };

/* ---- TopoJSON decoding ------------------------------------------------ */

function decodeArcs(topology) {
  const [sx, sy] = topology.transform.scale;
  const [tx, ty] = topology.transform.translate;
  /* Quantized arcs are delta-encoded: each position is the running sum. */
  return topology.arcs.map(arc => {
    let x = 0, y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return [x * sx + tx, y * sy + ty];
    });
  });
}

function decodeRing(arcs, indices) {
  const ring = [];
  indices.forEach((index, k) => {
    /* A negative index ~i means arc i walked backwards. */
    const arc = index >= 0 ? arcs[index] : arcs[~index].slice().reverse();
    /* Consecutive arcs share their joining position. */
    ring.push(...(k === 0 ? arc : arc.slice(1)));
  });
  ring.pop(); /* TopoJSON rings repeat the first position; ours are implicitly closed */
  return ring;
}

function decodePolygons(arcs, geometry) {
  const polygons = geometry.type === 'Polygon' ? [geometry.arcs]
    : geometry.type === 'MultiPolygon' ? geometry.arcs : [];
  return polygons.map(rings => rings.map(r => decodeRing(arcs, r)));
}

/* ---- Antimeridian ----------------------------------------------------- */

const wrap = d => d > 180 ? d - 360 : d <= -180 ? d + 360 : d;

function area(ring) {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    a += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return a / 2;
}

/* Sutherland–Hodgman against one vertical half-plane. Clipping a concave
 * ring this way can leave zero-width bridges along the line; they are
 * harmless for even-odd filling and point-in-polygon. */
function clipX(ring, x0, keepGreater) {
  const inside = p => keepGreater ? p[0] >= x0 : p[0] <= x0;
  const out = [];
  for (let i = 0; i < ring.length; i++) {
    const a = ring[(i + ring.length - 1) % ring.length], b = ring[i];
    if (inside(a) !== inside(b)) {
      const t = (x0 - a[0]) / (b[0] - a[0]);
      out.push([x0, a[1] + t * (b[1] - a[1])]);
    }
    if (inside(b))
      out.push(b);
  }
  return out;
}

/* Returns Map(shift → ring): the ring cut into pieces that each lie in
 * [-180, 180], keyed by the multiple of 360° they were shifted by. */
function splitRing(ring) {
  /* Make longitudes continuous, so an edge 179.9 → -179.9 becomes a
   * 0.2° step east instead of a 359.8° jump west. */
  const u = [[ring[0][0], ring[0][1]]];
  for (let i = 1; i < ring.length; i++)
    u.push([u[i - 1][0] + wrap(ring[i][0] - ring[i - 1][0]), ring[i][1]]);
  const closing = u[u.length - 1][0] + wrap(ring[0][0] - ring[ring.length - 1][0]) - u[0][0];

  if (Math.abs(closing) > 180) {
    stats.polar++;
    /* The ring winds once around a pole (Antarctica): in the plane it
     * must be closed along that pole's edge of the map, densified so no
     * edge is long. */
    const pole = u.reduce((s, p) => s + p[1], 0) < 0 ? -90 : 90;
    const start = u[0][0], end = start + closing;
    u.push([end, u[0][1]]);
    const steps = Math.ceil(Math.abs(start - end) / 10);
    for (let k = 0; k <= steps; k++)
      u.push([end + (start - end) * k / steps, pole]);
  }

  const pieces = new Map();
  const lo = Math.min(...u.map(p => p[0])), hi = Math.max(...u.map(p => p[0]));
  for (let shift = -720; shift <= 720; shift += 360) {
    if (hi + shift < -180 || lo + shift > 180)
      continue;
    let piece = u.map(([x, y]) => [x + shift, y]);
    piece = clipX(clipX(piece, -180, true), 180, false);
    if (piece.length >= 3 && Math.abs(area(piece)) > 1e-9)
      pieces.set(shift, piece);
  }
  if (pieces.size > 1)
    stats.cut++;
  return pieces;
}

/* Long edges on the ±180° meridian (made by the cut) become curves in
 * Equal Earth; give them a vertex every degree. */
function densifyMeridians(ring) {
  const out = [];
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i], b = ring[(i + 1) % ring.length];
    out.push(a);
    if (Math.abs(a[0]) === 180 && a[0] === b[0]) {
      const n = Math.floor(Math.abs(b[1] - a[1]));
      for (let k = 1; k < n; k++)
        out.push([a[0], a[1] + (b[1] - a[1]) * k / n]);
    }
  }
  return out;
}

/* ---- Output ----------------------------------------------------------- */

function roundRing(ring, decimals) {
  const f = 10 ** decimals;
  const r = x => Math.round(x * f) / f + 0; /* "+ 0" turns -0 into 0 */
  const out = [];
  for (const [x, y] of ring) {
    const p = [r(x), r(Math.max(-90, Math.min(90, y)))];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1])
      out.push(p);
  }
  while (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1])
    out.pop();
  return out.length >= 3 && area(out) !== 0 ? out : null;
}

function bbox(ring) {
  const xs = ring.map(p => p[0]), ys = ring.map(p => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

function hugsPole(ring) {
  const lats = ring.map(p => Math.abs(p[1]));
  return Math.min(...lats) > 89.99;
}

function convertPolygons(rings, decimals) {
  /* world-atlas 50m gives Antarctica's main body as a hole in a ring that
   * hugs the South Pole at -89.999°; in the plane that sliver is noise. */
  if (hugsPole(rings[0])) {
    stats.sliver++;
    return rings.slice(1).flatMap(hole => convertPolygons([hole], decimals));
  }

  const outers = [...splitRing(rings[0]).values()].map(ring => ({ ring, box: bbox(ring), holes: [] }));
  /* A hole piece belongs to the outer piece around it; the shifts of the
   * two need not match, since each ring was unwrapped from its own start. */
  for (const hole of rings.slice(1)) {
    for (const piece of splitRing(hole).values()) {
      const [x0, y0, x1, y1] = bbox(piece);
      const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
      const owner = outers.find(o => o.box[0] <= cx && cx <= o.box[2] && o.box[1] <= cy && cy <= o.box[3]);
      if (owner)
        owner.holes.push(piece);
      else
        console.warn(`dropped a hole piece at ${cx}, ${cy} outside its polygon`);
    }
  }
  const result = [];
  for (const o of outers) {
    const polygon = [o.ring, ...o.holes].map(r => roundRing(densifyMeridians(r), decimals));
    if (polygon[0])
      result.push(polygon.filter(r => r !== null));
  }
  return result;
}

function convert(resolution) {
  const topology = readJson(join(modules, `world-atlas/countries-${resolution}.json`));
  const arcs = decodeArcs(topology);
  const decimals = DECIMALS[resolution];
  const countries = new Map();
  const skipped = [];
  Object.keys(stats).forEach(k => { stats[k] = 0; });

  for (const geometry of topology.objects.countries.geometries) {
    const name = geometry.properties.name;
    const id = geometry.id !== undefined ? numericToAlpha3.get(geometry.id) : EXTRA_CODES.get(name);
    if (!id) {
      skipped.push(name);
      continue;
    }
    const polygons = decodePolygons(arcs, geometry).flatMap(p => convertPolygons(p, decimals));
    if (polygons.length === 0) {
      skipped.push(`${name} (too small)`);
      continue;
    }
    const size = polygons.flat(2).length;
    const existing = countries.get(id);
    if (existing) {
      /* Several features with one code (Australia and Ashmore and Cartier
       * Is. at 50m): merge them under the name of the bigger one. */
      if (size > existing.size)
        existing.name = name;
      existing.polygons.push(...polygons);
      existing.size += size;
      console.warn(`${resolution}: merged ${name} into ${id}`);
    } else {
      countries.set(id, { id, name, polygons, size });
    }
  }
  if (skipped.length)
    console.warn(`${resolution}: skipped ${skipped.join(', ')}`);

  /* One country per line keeps the file diffable and error positions useful. */
  const lines = [...countries.values()]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map(c => JSON.stringify({
      id: c.id,
      name: c.name,
      polygons: c.polygons.map(p => p.map(r => r.flat())),
    }));
  const header = {
    format: 'lodestone-shapes',
    version: 1,
    resolution,
    source: `Natural Earth admin-0 countries via world-atlas ${atlasVersion} (public domain)`,
  };
  const text = JSON.stringify(header).slice(0, -1) + ',\n"countries": [\n' + lines.join(',\n') + '\n]}\n';
  const path = join(outDir, `countries-${resolution}.json`);
  writeFileSync(path, text);
  console.log(`${path}: ${countries.size} countries, ${Buffer.byteLength(text)} bytes; ` +
              `${stats.cut} rings cut at the antimeridian, ${stats.polar} closed along a pole, ` +
              `${stats.sliver} polar slivers dropped`);
}

convert('110m');
convert('50m');
