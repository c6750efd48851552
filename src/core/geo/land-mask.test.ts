import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LandMask } from './land-mask.js';
import { pointInPolygon } from './point-in-polygon.js';

// A 1° island on the equator: 1° of latitude = 111,195 m on our sphere.
const island = [[[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]];
const M_PER_DEG = 111195.08;

test('a point at sea is 0 m inland', () => {
  const mask = new LandMask(island);
  assert.equal(mask.depthInlandM(2, 2), 0);
  assert.equal(mask.depthInlandM(-0.001, 0.5), 0);
});

test('the centre of the island is half a degree from the shore', () => {
  const mask = new LandMask(island);
  const d = mask.depthInlandM(0.5, 0.5);
  assert.ok(Math.abs(d - 0.5 * M_PER_DEG) < 50, `got ${d}`);
});

test('a point 100 m inside the coast is about 100 m inland', () => {
  const mask = new LandMask(island);
  const d = mask.depthInlandM(0.5, 100 / M_PER_DEG);
  assert.ok(Math.abs(d - 100) < 1, `got ${d}`);
});

test('a lake (hole) in the land is water', () => {
  const mask = new LandMask([[
    [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]],
    [[0.4, 0.4], [0.6, 0.4], [0.6, 0.6], [0.4, 0.6], [0.4, 0.4]],
  ]]);
  assert.equal(mask.depthInlandM(0.5, 0.5), 0);
  const d = mask.depthInlandM(0.3, 0.5);
  assert.ok(Math.abs(d - 0.1 * M_PER_DEG) < 20, `got ${d}`);
});

test('edges made by clipping to the box are not coastline', () => {
  // Land fills the west half of the box; the clip cuts it at lon 0.5.
  const mask = new LandMask([[[[-5, -5], [0.5, -5], [0.5, 5], [-5, 5], [-5, -5]]]], { bbox: [0, 0, 1, 1] });
  const d = mask.depthInlandM(0.1, 0.5);
  // Nearest real coast is lon 0.5 (0.4° away), not the box edges at lon 0 or lat 0/1.
  assert.ok(Math.abs(d - 0.4 * M_PER_DEG) < 50, `got ${d}`);
  assert.equal(mask.depthInlandM(0.7, 0.5), 0);
  assert.equal(mask.depthInlandM(3, 0.5), 0);
});

test('land/sea agrees with brute-force point-in-polygon on a jagged coast', () => {
  // A saw-tooth coastline with teeth smaller than a grid cell.
  const ring: number[][] = [[0, 0]];
  for (let i = 0; i <= 100; i++) ring.push([i * 0.01, 0.5 + (i % 2 === 0 ? 0.03 : -0.03)]);
  ring.push([1, 0], [0, 0]);
  const mask = new LandMask([[ring]], { bbox: [-0.5, -0.5, 1.5, 1.5], cellDeg: 0.05 });
  for (let x = -0.013; x < 1.1; x += 0.0071) {
    for (let y = 0.4; y < 0.6; y += 0.0037) {
      const expected = pointInPolygon(x, y, [ring]);
      assert.equal(mask.isLand(x, y), expected, `${x},${y}`);
    }
  }
});
