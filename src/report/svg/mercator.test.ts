import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frameFor, latOfY, lonOfX, mercatorX, mercatorY, metresPerPixel, pixelX, pixelY } from './mercator.js';

test('Web Mercator world coordinates: equator and Greenwich at the middle, round trip', () => {
  assert.equal(mercatorX(0), 0.5);
  assert.equal(mercatorY(0), 0.5);
  assert.ok(Math.abs(mercatorY(85.051129)) < 1e-6);
  for (const [lon, lat] of [[30.7, 46.5], [-70, -33], [179, 80]] as const) {
    assert.ok(Math.abs(lonOfX(mercatorX(lon)) - lon) < 1e-9);
    assert.ok(Math.abs(latOfY(mercatorY(lat)) - lat) < 1e-9);
  }
});

test('frameFor keeps the aspect: the box is widened about its centre, never stretched', () => {
  const bbox = [30, 44, 32, 47] as const; // taller than wide on the map
  const f = frameFor(bbox, 1000, 500);
  // The requested box is inside the frame, and touches it top and bottom.
  assert.ok(pixelX(f, 30) > 0 && pixelX(f, 32) < 1000);
  assert.ok(Math.abs(pixelY(f, 47)) < 1e-9 && Math.abs(pixelY(f, 44) - 500) < 1e-9);
  // Centred horizontally.
  assert.ok(Math.abs(pixelX(f, 30) - (1000 - pixelX(f, 32))) < 1e-9);
  // Same scale both ways: one world unit is as many px across as down.
  assert.ok(Math.abs((pixelX(f, 32) - pixelX(f, 30)) / (mercatorX(32) - mercatorX(30)) - f.scale) < 1e-6);
  assert.ok(f.bbox[0] < 30 && f.bbox[2] > 32 && Math.abs(f.bbox[1] - 44) < 1e-9 && Math.abs(f.bbox[3] - 47) < 1e-9);
});

test('metres per pixel shrink with cos(latitude)', () => {
  const f = frameFor([0, -1, 10, 1], 1000, 1000);
  const equator = metresPerPixel(f, 0);
  assert.ok(Math.abs(equator - (2 * Math.PI * 6378137) / f.scale) < 1e-6);
  assert.ok(Math.abs(metresPerPixel(f, 60) - equator / 2) < 1e-6);
});

test('frameFor rejects an empty or inverted box', () => {
  assert.throws(() => frameFor([32, 44, 30, 47], 100, 100), /minLon < maxLon/);
  assert.throws(() => frameFor([30, 44, 32, 47], 0, 100), /positive/);
});
