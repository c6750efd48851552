import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flattenRings, pointInFlatPolygon, pointInPolygon } from './point-in-polygon.js';

const square = [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]];
const withHole = [square[0] as number[][], [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]];
// A "C" shape: concave, open to the east.
const cShape = [[[0, 0], [10, 0], [10, 3], [3, 3], [3, 7], [10, 7], [10, 10], [0, 10], [0, 0]]];

test('a point inside a square is inside and one outside is not', () => {
  assert.equal(pointInPolygon(5, 5, square), true);
  assert.equal(pointInPolygon(11, 5, square), false);
  assert.equal(pointInPolygon(5, -0.1, square), false);
});

test('a point in a hole is outside, a point between hole and shell is inside', () => {
  assert.equal(pointInPolygon(5, 5, withHole), false);
  assert.equal(pointInPolygon(2, 2, withHole), true);
});

test('the mouth of a concave polygon is outside', () => {
  assert.equal(pointInPolygon(6, 5, cShape), false);
  assert.equal(pointInPolygon(1, 5, cShape), true);
  assert.equal(pointInPolygon(8, 8.5, cShape), true);
});

test('unclosed rings give the same answer as closed ones', () => {
  const open = [[[0, 0], [10, 0], [10, 10], [0, 10]]];
  assert.equal(pointInPolygon(5, 5, open), true);
  assert.equal(pointInPolygon(15, 5, open), false);
});

test('the flat variant agrees with the array variant on a grid of points', () => {
  for (const rings of [square, withHole, cShape]) {
    const flat = flattenRings(rings);
    for (let x = -1.05; x < 11; x += 0.5) {
      for (let y = -1.05; y < 11; y += 0.5) {
        assert.equal(pointInFlatPolygon(x, y, flat), pointInPolygon(x, y, rings), `${x},${y}`);
      }
    }
  }
});

test('flattening drops the closing vertex and records ring ends', () => {
  const flat = flattenRings(withHole);
  assert.equal(flat.coords.length, 16);
  assert.deepEqual([...flat.ringEnds], [4, 8]);
});
