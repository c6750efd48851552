import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BLACK_SEA_BBOX, loadLandMask, loadLandPolygons } from './land.js';
import { pointInPolygon } from '../core/geo/point-in-polygon.js';

test('central Crimea is tens of kilometres inland', () => {
  const mask = loadLandMask(BLACK_SEA_BBOX);
  const d = mask.depthInlandM(34.1, 45.0);
  assert.ok(d > 20000 && d < 80000, `got ${d}`);
});

test('the middle of the Black Sea and Odesa Bay are at sea', () => {
  const mask = loadLandMask(BLACK_SEA_BBOX);
  assert.equal(mask.depthInlandM(34.0, 43.5), 0);
  assert.equal(mask.depthInlandM(30.85, 46.4), 0);
});

test('Simferopol airport (a known spoofing destination) is well inland', () => {
  const mask = loadLandMask(BLACK_SEA_BBOX);
  assert.ok(mask.depthInlandM(33.975, 45.052) > 10000);
});

test('Gelendzhik airport is on land but within a few kilometres of the coast', () => {
  const mask = loadLandMask(BLACK_SEA_BBOX);
  const d = mask.depthInlandM(38.01, 44.58);
  assert.ok(d > 0 && d < 5000, `got ${d}`);
});

test('the mask is built once per box and cached', () => {
  assert.equal(loadLandMask(BLACK_SEA_BBOX), loadLandMask(BLACK_SEA_BBOX));
});

test('land/sea matches brute-force point-in-polygon over the Black Sea box', () => {
  const mask = loadLandMask(BLACK_SEA_BBOX);
  const polys = loadLandPolygons().filter((p) => p[0]?.some((q) => (q[0] as number) > 25 && (q[0] as number) < 43.5 && (q[1] as number) > 39 && (q[1] as number) < 49.5));
  let land = 0;
  for (let x = 27.013; x < 42; x += 0.237) {
    for (let y = 40.51; y < 48; y += 0.173) {
      const expected = polys.some((p) => pointInPolygon(x, y, p));
      if (expected) land++;
      assert.equal(mask.depthInlandM(x, y) > 0, expected, `${x},${y}`);
    }
  }
  assert.ok(land > 100, `only ${land} land points sampled`);
});
