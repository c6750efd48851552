import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ZoneIndex } from './zone-index.js';
import { pointInPolygon } from './point-in-polygon.js';
import type { ZoneGeometry } from './polygon-geometry.js';
import { mulberry32 } from '../../sim/prng.js';

const box = (x0: number, y0: number, x1: number, y1: number): ZoneGeometry => ({
  type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]],
});

test('returns the indices of all zones containing a point, in order', () => {
  const index = new ZoneIndex([box(30, 46, 31, 47), box(30.5, 46.5, 32, 47.5), box(40, 40, 41, 41)]);
  const out: number[] = [];
  assert.equal(index.zonesAt(30.7, 46.7, out), 2);
  assert.deepEqual(out.slice(0, 2), [0, 1]);
  assert.equal(index.zonesAt(30.2, 46.2, out), 1);
  assert.equal(out[0], 0);
  assert.equal(index.zonesAt(35, 44, out), 0);
  assert.equal(index.zonesAt(-170, 10, out), 0);
});

test('line zones are placeholders: never returned, indices stay aligned', () => {
  const index = new ZoneIndex([
    { type: 'LineString', coordinates: [[29, 41], [29.1, 41.2]] },
    box(29, 41, 30, 42),
  ]);
  const out: number[] = [];
  assert.equal(index.zonesAt(29.5, 41.5, out), 1);
  assert.equal(out[0], 1);
  assert.equal(index.contains(0, 29.05, 41.1), false);
});

test('a hole in a zone is not part of it', () => {
  const index = new ZoneIndex([{
    type: 'Polygon',
    coordinates: [
      [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
      [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]],
    ],
  }]);
  const out: number[] = [];
  assert.equal(index.zonesAt(5, 5, out), 0);
  assert.equal(index.zonesAt(2, 2, out), 1);
});

test('a multipolygon zone is found once through either part', () => {
  const index = new ZoneIndex([{
    type: 'MultiPolygon',
    coordinates: [
      [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]],
      [[[1, 0], [2, 0], [2, 1], [1, 1], [1, 0]]],
    ],
  }]);
  const out: number[] = [];
  assert.equal(index.zonesAt(0.5, 0.5, out), 1);
  assert.equal(index.zonesAt(1.5, 0.5, out), 1);
  assert.equal(out[0], 0);
});

test('a zone drawn across the antimeridian contains points on both sides of it', () => {
  // Written as GeoJSON often is: 179 → -179, jumping across ±180.
  const index = new ZoneIndex([
    { type: 'Polygon', coordinates: [[[179, -1], [-179, -1], [-179, 1], [179, 1], [179, -1]]] },
    box(10, -1, 12, 1),
  ]);
  const out: number[] = [];
  assert.equal(index.zonesAt(179.5, 0, out), 1);
  assert.equal(out[0], 0);
  assert.equal(index.zonesAt(-179.5, 0, out), 1);
  assert.equal(out[0], 0);
  assert.equal(index.zonesAt(180, 0, out), 1);
  assert.equal(index.zonesAt(-178.5, 0, out), 0);
  assert.equal(index.zonesAt(178.5, 0, out), 0);
  assert.equal(index.zonesAt(0, 0, out), 0);
  assert.equal(index.zonesAt(11, 0, out), 1);
  assert.equal(out[0], 1);
  assert.equal(index.contains(0, -179.9, 0.5), true);
});

test('a zone written with longitudes beyond 180 is found at the wrapped longitude', () => {
  const index = new ZoneIndex([box(179, -1, 181, 1)]);
  const out: number[] = [];
  assert.equal(index.zonesAt(-179.5, 0.5, out), 1);
  assert.equal(index.zonesAt(179.5, 0.5, out), 1);
  assert.equal(index.zonesAt(-178.9, 0.5, out), 0);
});

test('agrees with brute-force point-in-polygon on random star polygons and points', () => {
  const rnd = mulberry32(42);
  const geoms: ZoneGeometry[] = [];
  for (let z = 0; z < 20; z++) {
    const cx = 28 + rnd() * 12;
    const cy = 41 + rnd() * 6;
    const n = 5 + Math.floor(rnd() * 40);
    const ring: number[][] = [];
    for (let i = 0; i < n; i++) {
      const a = (i / n) * 2 * Math.PI;
      const r = 0.1 + rnd() * 1.5;
      ring.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
    }
    ring.push(ring[0] as number[]);
    geoms.push({ type: 'Polygon', coordinates: [ring] });
  }
  const index = new ZoneIndex(geoms);
  const out: number[] = [];
  for (let k = 0; k < 20000; k++) {
    const x = 26 + rnd() * 16;
    const y = 39 + rnd() * 10;
    const count = index.zonesAt(x, y, out);
    const expected: number[] = [];
    geoms.forEach((g, i) => { if (g.type === 'Polygon' && pointInPolygon(x, y, g.coordinates)) expected.push(i); });
    assert.deepEqual(out.slice(0, count), expected, `at ${x},${y}`);
  }
});

test('an empty index finds nothing', () => {
  const index = new ZoneIndex([]);
  assert.equal(index.zonesAt(30, 46, []), 0);
});
