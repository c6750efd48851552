import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clockAfter, isTimeZone, localToUtcMs, parseZonedTime, zoneOffsetMs } from './local-time.js';

const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

test('Kyiv local times: winter +2 h, summer +3 h, and the clock changes of 2026', () => {
  assert.equal(zoneOffsetMs(Date.UTC(2026, 0, 15), 'Europe/Kyiv'), 2 * 3600_000);
  assert.equal(zoneOffsetMs(Date.UTC(2026, 6, 15), 'Europe/Kyiv'), 3 * 3600_000);
  assert.equal(iso(localToUtcMs(2026, 3, 24, 18, 0, 0, 'Europe/Kyiv')), '2026-03-24T16:00:00.000Z');
  // 29 March 03:00 does not exist (clocks go to 04:00): read with the offset before.
  assert.equal(iso(localToUtcMs(2026, 3, 29, 3, 30, 0, 'Europe/Kyiv')), '2026-03-29T01:30:00.000Z');
  // 25 October 03:30 happens twice: the first.
  assert.equal(iso(localToUtcMs(2026, 10, 25, 3, 30, 0, 'Europe/Kyiv')), '2026-10-25T00:30:00.000Z');
  assert.equal(iso(localToUtcMs(2026, 10, 25, 4, 30, 0, 'Europe/Kyiv')), '2026-10-25T02:30:00.000Z');
});

test('zoned times: an offset wins over the zone, no zone means UTC, dotted dates, bad dates refused', () => {
  assert.equal(iso(parseZonedTime('2026-03-24T18:00:00+03:00', 'Europe/Kyiv')), '2026-03-24T15:00:00.000Z');
  assert.equal(iso(parseZonedTime('2026-03-24 18:00', undefined)), '2026-03-24T18:00:00.000Z');
  assert.equal(iso(parseZonedTime('24.03.2026 18:00', 'Europe/Kyiv')), '2026-03-24T16:00:00.000Z');
  assert.equal(parseZonedTime('2026-02-30 18:00', 'Europe/Kyiv'), undefined);
  assert.equal(parseZonedTime('yesterday', 'Europe/Kyiv'), undefined);
  assert.ok(isTimeZone('Europe/Kyiv') && isTimeZone('UTC') && !isTimeZone('Europe/Atlantis'));
});

test('an end given as a clock time is the same local day, or the next when earlier (an overnight wave)', () => {
  const start = Date.UTC(2026, 2, 24, 16); // 18:00 Kyiv
  assert.equal(iso(clockAfter('08:30', start, 'Europe/Kyiv')), '2026-03-25T06:30:00.000Z');
  assert.equal(iso(clockAfter('23:15', start, 'Europe/Kyiv')), '2026-03-24T21:15:00.000Z');
  assert.equal(iso(clockAfter('18:00', start, 'Europe/Kyiv')), '2026-03-24T16:00:00.000Z');
  // Late evening UTC is already the next local day in Kyiv.
  assert.equal(iso(clockAfter('06:00', Date.UTC(2026, 2, 24, 23), 'Europe/Kyiv')), '2026-03-25T04:00:00.000Z');
  assert.equal(iso(clockAfter('06:00', Date.UTC(2026, 2, 24, 23), undefined)), '2026-03-25T06:00:00.000Z');
  assert.equal(clockAfter('25:00', start, 'Europe/Kyiv'), undefined);
});
