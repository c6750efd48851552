import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Outages } from './outages.js';

const MIN = 60_000;

test('a long total silence after busy traffic is an outage, taken out of silences', () => {
  const o = new Outages(5 * MIN, 10, 10 * MIN);
  o.observe(0, () => 50);
  o.observe(1 * MIN, () => 50);
  o.observe(100 * MIN, () => 50); // nothing for 99 min while 50 tracks had been reporting
  o.observe(101 * MIN, () => 50);
  assert.deepEqual(o.list(), [[1 * MIN, 100 * MIN]]);
  assert.equal(o.silentMs(0, 101 * MIN), 2 * MIN);
  assert.equal(o.silentMs(100 * MIN, 110 * MIN), 10 * MIN);
  assert.equal(o.silentMs(50 * MIN, 120 * MIN), 20 * MIN);
});

test('a quiet feed with few tracks, or a short pause, is no outage', () => {
  const o = new Outages(5 * MIN, 10, 10 * MIN);
  o.observe(0, () => 3);
  o.observe(60 * MIN, () => 3); // a lone ship going dark must still count as silence
  o.observe(62 * MIN, () => 50);
  o.observe(64 * MIN, () => 50);
  assert.deepEqual(o.list(), []);
  assert.equal(o.silentMs(0, 64 * MIN), 64 * MIN);
});
