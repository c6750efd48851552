import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { haversineM } from './distance.js';
import { impliedSpeedKn } from './implied-speed.js';

const KN_PER_MPS = 3600 / 1852;

test('the short-move shortcut never changes the result: same as the haversine definition', () => {
  // Moves of up to ~2 km around the 500 m threshold, anywhere between the poles' 85th parallels.
  fc.assert(fc.property(
    fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -85, max: 85, noNaN: true }),
    fc.double({ min: -0.02, max: 0.02, noNaN: true }), fc.double({ min: -0.02, max: 0.02, noNaN: true }),
    fc.integer({ min: 0, max: 600_000 }),
    (lon, lat, dLon, dLat, dtMs) => {
      const a = { lon, lat, timeMs: 0 };
      const b = { lon: lon + dLon, lat: lat + dLat, timeMs: dtMs };
      const d = haversineM(a.lon, a.lat, b.lon, b.lat);
      const expected = d < 500 ? 0 : (d / Math.max(2, dtMs / 1000)) * KN_PER_MPS;
      assert.equal(impliedSpeedKn(a, b, 500, 2), expected);
    }), { numRuns: 20_000 });
});

test('a jump of a few kilometres in seconds is an absurd speed', () => {
  assert.ok(impliedSpeedKn({ lon: 30, lat: 46, timeMs: 0 }, { lon: 30, lat: 46.05, timeMs: 10_000 }, 500, 2) > 1000);
  assert.equal(impliedSpeedKn({ lon: 30, lat: 46, timeMs: 0 }, { lon: 30.001, lat: 46.001, timeMs: 10_000 }, 500, 2), 0);
});
