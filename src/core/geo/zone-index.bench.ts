/**
 * ZoneIndex.zonesAt throughput on Black-Sea-like zones, against brute-force point-in-polygon
 * over every zone (the peer). Seeded PRNG so runs compare.
 *
 * Run: npx tsx src/core/geo/zone-index.bench.ts
 */
import { ZoneIndex } from './zone-index.js';
import { flattenRings, pointInFlatPolygon } from './point-in-polygon.js';
import type { ZoneGeometry } from './polygon-geometry.js';
import { mulberry32 } from '../../sim/prng.js';

const rnd = mulberry32(1);
const zones: ZoneGeometry[] = [];
// 10 zones of 8–80 vertices, like the demo (port approaches, circles of 64, a corridor).
for (let z = 0; z < 10; z++) {
  const cx = 28 + rnd() * 12;
  const cy = 41 + rnd() * 6;
  const n = 8 + Math.floor(rnd() * 72);
  const ring: number[][] = [];
  for (let i = 0; i < n; i++) {
    const a = (i / n) * 2 * Math.PI;
    const r = 0.1 + rnd() * 0.5;
    ring.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  ring.push(ring[0] as number[]);
  zones.push({ type: 'Polygon', coordinates: [ring] });
}
const N = 1_000_000;
const xs = new Float64Array(N);
const ys = new Float64Array(N);
for (let i = 0; i < N; i++) { xs[i] = 27.5 + rnd() * 14; ys[i] = 40.9 + rnd() * 6; }

let t0 = performance.now();
const index = new ZoneIndex(zones);
console.log(`build: ${(performance.now() - t0).toFixed(1)} ms`);
const out: number[] = [];
for (let rep = 0; rep < 3; rep++) {
  let hits = 0;
  t0 = performance.now();
  for (let i = 0; i < N; i++) hits += index.zonesAt(xs[i] as number, ys[i] as number, out);
  const ms = performance.now() - t0;
  console.log(`ZoneIndex.zonesAt: ${(N / ms / 1000).toFixed(2)} M fixes/s (${((ms * 1e6) / N).toFixed(0)} ns/fix), hits ${hits}`);
}
const flats = zones.map((g) => flattenRings(g.coordinates as number[][][]));
for (let rep = 0; rep < 2; rep++) {
  let hits = 0;
  t0 = performance.now();
  for (let i = 0; i < N; i++) for (const f of flats) if (pointInFlatPolygon(xs[i] as number, ys[i] as number, f)) hits++;
  const ms = performance.now() - t0;
  console.log(`brute force pip:   ${(N / ms / 1000).toFixed(2)} M fixes/s (${((ms * 1e6) / N).toFixed(0)} ns/fix), hits ${hits}`);
}
