import { test } from 'node:test';
import assert from 'node:assert/strict';
import { polygonAreaKm2 } from './area.js';
import { EARTH_RADIUS_M } from './distance.js';

const RAD = Math.PI / 180;
/** Exact area of a lon/lat rectangle on the sphere: R² Δλ (sin φ2 − sin φ1). */
function cellKm2(lon0: number, lat0: number, lon1: number, lat1: number): number {
  return (EARTH_RADIUS_M ** 2 * (lon1 - lon0) * RAD * (Math.sin(lat1 * RAD) - Math.sin(lat0 * RAD))) / 1e6;
}

test('a one-degree cell on the equator is about 12,364 km²', () => {
  const a = polygonAreaKm2([[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]);
  assert.ok(Math.abs(a - 12363.72) < 0.5, `got ${a}`);
});

test('the SPEC Odesa box (0.6° × 0.4°) matches the exact spherical area within 1 %', () => {
  const a = polygonAreaKm2([[[30.6, 46.2], [31.2, 46.2], [31.2, 46.6], [30.6, 46.6], [30.6, 46.2]]]);
  const exact = cellKm2(30.6, 46.2, 31.2, 46.6);
  assert.ok(Math.abs(a - exact) / exact < 0.01, `${a} vs ${exact}`);
  assert.ok(a > 2000 && a < 2100, `got ${a}`);
});

test('winding does not change the area', () => {
  const ccw = polygonAreaKm2([[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]);
  const cw = polygonAreaKm2([[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]]);
  assert.equal(ccw, cw);
});

test('a hole is subtracted', () => {
  const outer = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]];
  const hole = [[0.25, 0.25], [0.75, 0.25], [0.75, 0.75], [0.25, 0.75], [0.25, 0.25]];
  const a = polygonAreaKm2([outer, hole]);
  const expected = cellKm2(0, 0, 1, 1) - cellKm2(0.25, 0.25, 0.75, 0.75);
  assert.ok(Math.abs(a - expected) < 0.5, `${a} vs ${expected}`);
});

test('a polygon across the antimeridian keeps its small area', () => {
  const a = polygonAreaKm2([[[179.5, 0], [-179.5, 0], [-179.5, 1], [179.5, 1], [179.5, 0]]]);
  assert.ok(Math.abs(a - 12363.72) < 0.5, `got ${a}`);
});
