import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolvePeriod } from './report-period.js';

const NOW = Date.parse('2026-03-30T10:42:00Z');
const iso = (r: ReturnType<typeof resolvePeriod>): [string, string] | string => r.ok ? [new Date(r.value.fromMs).toISOString(), new Date(r.value.toMs).toISOString()] : r.error;

test('daily and weekly run from --from, up to --to, or up to the current hour', () => {
  assert.deepEqual(iso(resolvePeriod('daily', '2026-03-25', undefined, NOW)), ['2026-03-25T00:00:00.000Z', '2026-03-26T00:00:00.000Z']);
  assert.deepEqual(iso(resolvePeriod('weekly', undefined, '2026-04-01T00:00:00Z', NOW)), ['2026-03-25T00:00:00.000Z', '2026-04-01T00:00:00.000Z']);
  assert.deepEqual(iso(resolvePeriod('daily', undefined, undefined, NOW)), ['2026-03-29T10:00:00.000Z', '2026-03-30T10:00:00.000Z']);
  assert.deepEqual(iso(resolvePeriod('custom', '2026-03-25T06:00:00+02:00', '2026-03-25T18:00:00Z', NOW)), ['2026-03-25T04:00:00.000Z', '2026-03-25T18:00:00.000Z']);
});

test('bad periods say what is wrong', () => {
  assert.match(iso(resolvePeriod('monthly', undefined, undefined, NOW)) as string, /not daily, weekly or custom/);
  assert.match(iso(resolvePeriod('custom', '2026-03-25', undefined, NOW)) as string, /needs both/);
  assert.match(iso(resolvePeriod('custom', '2026-03-26', '2026-03-25', NOW)) as string, /must be before/);
  assert.match(iso(resolvePeriod('daily', '2026-03-25', '2026-03-26', NOW)) as string, /not both/);
  assert.match(iso(resolvePeriod('daily', '2026-03-25T06:00:00', undefined, NOW)) as string, /with its zone/);
  assert.match(iso(resolvePeriod('daily', '2026-02-31T00:00:00Z', undefined, NOW)) as string, /from "2026-02-31/);
});
