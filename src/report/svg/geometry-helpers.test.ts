/** Clipping, simplification, path encoding and the GeoJSON ring scanner: the pure pieces under the map. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanRings } from './geojson-rings.js';
import { clipLine, clipRing } from './pixel-clip.js';
import { ringArea, simplifyLine, simplifyRing } from './simplify.js';
import { appendPath } from './svg-path.js';
import { degreeLabel, graticuleStep, integerTicks, niceLengthKm, stepDecimals } from './nice-step.js';
import { LabelPlacer } from './label-placer.js';

test('clipRing cuts a square to the box; a ring outside vanishes', () => {
  const r = clipRing([0, 0, 10, 0, 10, 10, 0, 10], [5, 5, 20, 20]);
  assert.equal(Math.abs(ringArea(r)), 25);
  assert.deepEqual(clipRing([0, 0, 1, 0, 1, 1], [5, 5, 20, 20]), []);
});

test('clipLine splits a line that leaves and re-enters the box', () => {
  assert.deepEqual(clipLine([0, 0, 10, 0], [2, -1, 4, 1]), [[2, 0, 4, 0]]);
  assert.deepEqual(clipLine([0, 0, 3, 0, 3, 5, 1, 5, 1, 0.5], [0, -1, 2, 1]).length, 2);
});

test('simplifyLine drops sub-tolerance wiggles and keeps the ends; tiny rings vanish', () => {
  assert.deepEqual(simplifyLine([0, 0, 1, 0.1, 2, 0], 0.5), [0, 0, 2, 0]);
  assert.deepEqual(simplifyLine([0, 0, 1, 2, 2, 0], 0.5), [0, 0, 1, 2, 2, 0]);
  assert.deepEqual(simplifyRing([0, 0, 0.5, 0, 0.5, 0.5], 0.5), []);
  assert.equal(simplifyRing([0, 0, 10, 0, 10, 0.1, 10, 10, 0, 10], 0.5).length, 8);
});

test('appendPath writes one absolute move then relative tenths, skipping repeats', () => {
  const out: string[] = [];
  appendPath(out, [0, 0, 10, 0, 10.01, 0, 10, 5.04], true);
  appendPath(out, [1.25, 2, 0.5, -1], false);
  appendPath(out, [3, 3, 3.01, 3.02], false); // one distinct vertex: skipped
  assert.equal(out.join(''), 'M0 0l10 0 0 5zM1.3 2l-0.8-3');
});

test('scanRings reads Polygon and MultiPolygon rings as JSON.parse would', () => {
  const text = JSON.stringify({
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { name: 'a [1, 2] "q"' }, geometry: { type: 'Polygon', coordinates: [[[-25.27691, 16.67695], [1e-7, 2.5, 100], [3, 4]]] } },
      { type: 'Feature', properties: null, geometry: { type: 'MultiPolygon', coordinates: [[[[1, 2], [3, 4]], [[5, 6], [7, 8]]], [[[-9.123456789012345, 10]]]] } },
    ],
  });
  const rings: number[][] = [];
  scanRings(Buffer.from(text), (r) => rings.push(r));
  assert.deepEqual(rings, [[-25.27691, 16.67695, 1e-7, 2.5, 3, 4], [1, 2, 3, 4], [5, 6, 7, 8], [-9.123456789012345, 10]]);
});

test('nice steps: graticule spacing, degree labels, scale lengths, integer ticks', () => {
  assert.equal(graticuleStep(60, 100), 2);
  assert.equal(graticuleStep(1000, 90), 0.1);
  assert.equal(stepDecimals(0.25), 2);
  assert.deepEqual([degreeLabel(30, 'lon', 0), degreeLabel(-0.5, 'lon', 1), degreeLabel(46.25, 'lat', 2), degreeLabel(0, 'lat', 0)], ['30°E', '0.5°W', '46.25°N', '0°']);
  assert.deepEqual([73, 0.3, 1, 199].map(niceLengthKm), [50, 0.2, 1, 100]);
  assert.deepEqual(integerTicks(7, 5), [0, 2, 4, 6, 8]);
  assert.deepEqual(integerTicks(0, 5), [0, 1]);
});

test('LabelPlacer takes the first free candidate inside the bounds', () => {
  const p = new LabelPlacer(100, 100);
  p.reserve([0, 0, 10, 10]);
  assert.equal(p.place([[5, 5, 20, 20], [90, 90, 110, 110], [20, 20, 30, 30]]), 2);
  assert.equal(p.place([[25, 25, 35, 35]]), -1);
});
