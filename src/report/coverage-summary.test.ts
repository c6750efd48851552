import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byFeed, coverageLine, HOUR_MS } from './coverage-summary.js';

const T0 = Date.parse('2026-03-25T00:00:00Z');

test('hours with data and maximal gaps, including at the ends of the period', () => {
  const counts = [0, 1, 2, 6, 7].map((bucket) => ({ feed: 'ais', bucket, count: 5 }));
  const line = coverageLine('ais', 'ais', counts, T0, 10);
  assert.equal(line.hoursWithData, 5);
  assert.deepEqual(line.gaps, [
    { from: new Date(T0 + 3 * HOUR_MS).toISOString(), to: new Date(T0 + 6 * HOUR_MS).toISOString(), hours: 3 },
    { from: new Date(T0 + 8 * HOUR_MS).toISOString(), to: new Date(T0 + 10 * HOUR_MS).toISOString(), hours: 2 },
  ]);
  assert.deepEqual(coverageLine('z', 'Z', [], T0, 2).gaps, [{ from: new Date(T0).toISOString(), to: new Date(T0 + 2 * HOUR_MS).toISOString(), hours: 2 }]);
});

test('counts outside the period or of zero do not count as coverage; feeds are grouped in name order', () => {
  const line = coverageLine('a', 'a', [{ feed: 'a', bucket: -1, count: 3 }, { feed: 'a', bucket: 0, count: 0 }, { feed: 'a', bucket: 5, count: 1 }], T0, 2);
  assert.equal(line.hoursWithData, 0);
  assert.deepEqual([...byFeed([{ feed: 'radar', bucket: 1, count: 1 }, { feed: 'ais', bucket: 2, count: 1 }, { feed: 'ais', bucket: 0, count: 1 }])].map(([f, c]) => [f, c.map((x) => x.bucket)]),
    [['ais', [0, 2]], ['radar', [1]]]);
});
