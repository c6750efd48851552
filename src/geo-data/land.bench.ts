/**
 * Land mask build time (Natural Earth 10m) and depthInlandM throughput over the Black Sea,
 * plus ZoneIndex.zonesAt on the demo agreement's zones with fixes concentrated near them.
 *
 * Run: npx tsx src/geo-data/land.bench.ts
 */
import { LandMask } from '../core/geo/land-mask.js';
import { BLACK_SEA_BBOX, loadLandPolygons } from './land.js';
import { loadAgreementFile } from '../config/agreement-file.js';
import { mulberry32 } from '../sim/prng.js';

let t0 = performance.now();
const polygons = loadLandPolygons();
console.log(`read + topojson decode: ${(performance.now() - t0).toFixed(0)} ms`);
t0 = performance.now();
const mask = new LandMask(polygons, { bbox: BLACK_SEA_BBOX });
console.log(`build Black Sea mask: ${(performance.now() - t0).toFixed(0)} ms`);
t0 = performance.now();
const world = new LandMask(polygons);
console.log(`build world mask: ${(performance.now() - t0).toFixed(0)} ms`);

const rnd = mulberry32(7);
const N = 1_000_000;
const xs = new Float64Array(N);
const ys = new Float64Array(N);
for (let i = 0; i < N; i++) { xs[i] = 27.5 + rnd() * 14; ys[i] = 40.9 + rnd() * 6; }
for (const [name, m] of [['Black Sea', mask], ['world', world]] as const) {
  let land = 0;
  t0 = performance.now();
  for (let i = 0; i < N; i++) if (m.isLand(xs[i] as number, ys[i] as number)) land++;
  const ms = performance.now() - t0;
  console.log(`${name} isLand: ${(N / ms / 1000).toFixed(1)} M/s (${((ms * 1e6) / N).toFixed(0)} ns), land ${(land / N * 100).toFixed(1)} %`);
}
let sum = 0;
t0 = performance.now();
for (let i = 0; i < 20000; i++) sum += mask.depthInlandM(xs[i] as number, ys[i] as number);
console.log(`depthInlandM incl. land points: ${((performance.now() - t0) * 1e6 / 20000).toFixed(0)} ns/call (mean ${(sum / 20000).toFixed(0)} m)`);

const g = loadAgreementFile('examples/black-sea/agreement.yaml');
if (!g.ok) throw new Error('demo agreement invalid');
const zx = new Float64Array(N);
const zy = new Float64Array(N);
// Half the fixes in the north-west Black Sea where most demo zones lie.
for (let i = 0; i < N; i++) {
  if (i % 2 === 0) { zx[i] = 29 + rnd() * 2.5; zy[i] = 44 + rnd() * 3; } else { zx[i] = 27.5 + rnd() * 14; zy[i] = 40.9 + rnd() * 6; }
}
const out: number[] = [];
for (let rep = 0; rep < 3; rep++) {
  let hits = 0;
  t0 = performance.now();
  for (let i = 0; i < N; i++) hits += g.value.zoneIndex.zonesAt(zx[i] as number, zy[i] as number, out);
  const ms = performance.now() - t0;
  console.log(`demo zonesAt: ${(N / ms / 1000).toFixed(1)} M fixes/s (${((ms * 1e6) / N).toFixed(0)} ns/fix), hits ${hits}`);
}
