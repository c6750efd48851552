import { test } from 'node:test';
import assert from 'node:assert/strict';
import { destinationPoint, haversineM, initialBearingDeg } from './distance.js';

// Reference values computed independently with the spherical law of cosines and a
// vector (cross-product) bearing in Python, R = 6371008.8 m.
test('Odesa to Istanbul is about 624.6 km', () => {
  const d = haversineM(30.7233, 46.4825, 28.9784, 41.0082);
  assert.ok(Math.abs(d - 624599.27) < 1, `got ${d}`);
});

test('Odesa to Sevastopol is about 299.6 km', () => {
  const d = haversineM(30.75, 46.49, 33.52, 44.62);
  assert.ok(Math.abs(d - 299552.23) < 1, `got ${d}`);
});

test('one degree of longitude on the equator is 111.195 km', () => {
  assert.ok(Math.abs(haversineM(0, 0, 1, 0) - 111195.08) < 0.1);
});

test('distance is zero between a point and itself', () => {
  assert.equal(haversineM(31, 46, 31, 46), 0);
});

test('initial bearing from Odesa to Istanbul is about 193.6°', () => {
  const b = initialBearingDeg(30.7233, 46.4825, 28.9784, 41.0082);
  assert.ok(Math.abs(b - 193.577) < 0.01, `got ${b}`);
});

test('initial bearing due east on the equator is 90° and due west 270°', () => {
  assert.ok(Math.abs(initialBearingDeg(0, 0, 1, 0) - 90) < 1e-9);
  assert.ok(Math.abs(initialBearingDeg(1, 0, 0, 0) - 270) < 1e-9);
});

test('destination point inverts distance and bearing', () => {
  const [lon, lat] = destinationPoint(30.7233, 46.4825, 193.577, 624599.27);
  assert.ok(Math.abs(lon - 28.9784) < 1e-3, `lon ${lon}`);
  assert.ok(Math.abs(lat - 41.0082) < 1e-3, `lat ${lat}`);
});

test('destination point wraps longitude across the antimeridian', () => {
  const [lon, lat] = destinationPoint(179.5, 0, 90, 111195.08);
  assert.ok(Math.abs(lon - -179.5) < 1e-6, `lon ${lon}`);
  assert.ok(Math.abs(lat) < 1e-9);
});
