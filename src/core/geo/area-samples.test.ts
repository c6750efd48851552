import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sampleArea, shareInside } from './area-samples.js';

const box = (x0: number, y0: number, x1: number, y1: number): number[][][] => [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]];
const inBox = (x0: number, y0: number, x1: number, y1: number) => (lon: number, lat: number): boolean => lon >= x0 && lon <= x1 && lat >= y0 && lat <= y1;

test('the share of an area inside a region is its area-weighted overlap', () => {
  const s = sampleArea([box(30, 46, 32, 48)]);
  assert.equal(shareInside(s, () => true), 1);
  assert.equal(shareInside(s, inBox(40, 40, 41, 41)), 0);
  const half = shareInside(s, inBox(31, 40, 40, 50));
  assert.ok(Math.abs(half - 0.5) < 0.005, String(half));
  // The northern half of a box is smaller on the sphere than the southern.
  const north = shareInside(s, inBox(0, 47, 90, 90));
  assert.ok(north < 0.5 && north > 0.48, String(north));
  assert.equal(shareInside(s, inBox(31, 40, 40, 50), [31, 40, 40, 50]), half);
});

test('holes and several polygons count by the even-odd rule; a degenerate area has no samples', () => {
  const ring = sampleArea([[...box(0, 0, 4, 4), ...box(1, 1, 3, 3)]]);
  assert.equal(shareInside(ring, inBox(1.01, 1.01, 2.99, 2.99)), 0);
  const two = sampleArea([box(0, 0, 1, 1), box(10, 0, 11, 1)]);
  assert.ok(Math.abs(shareInside(two, inBox(9, -1, 12, 2)) - 0.5) < 0.01);
  assert.equal(sampleArea([[[[0, 0], [1, 0], [2, 0]]]]).totalWeight, 0);
});

test('the same polygons give the same samples', () => {
  const a = sampleArea([box(22.1, 44.3, 40.2, 52.4)]);
  const b = sampleArea([box(22.1, 44.3, 40.2, 52.4)]);
  assert.deepEqual(a.points, b.points);
  assert.ok(a.points.length / 3 > 15_000 && a.points.length / 3 < 25_000);
});
