import { test } from 'node:test';
import assert from 'node:assert/strict';
import { abortableSleep } from './abortable-sleep.js';

test('waits the given time when nothing aborts', async () => {
  const start = performance.now();
  await abortableSleep(30, new AbortController().signal);
  assert.ok(performance.now() - start >= 25, 'returned before the delay');
});

test('returns as soon as the signal aborts, and at once when it already has', async () => {
  const c = new AbortController();
  const start = performance.now();
  setTimeout(() => c.abort(), 10);
  await abortableSleep(10_000, c.signal);
  await abortableSleep(10_000, c.signal);
  assert.ok(performance.now() - start < 1_000, 'waited for the timer despite the abort');
});
