import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBooleanText, parseDecimal, parseIsoTimeMs, parseTimeValue } from './field-values.js';

test('reads decimals strictly, refusing what Number() would take as zero or hex', () => {
  assert.equal(parseDecimal(' -3.5 '), -3.5);
  assert.equal(parseDecimal('1e3'), 1000);
  for (const bad of ['', ' ', '0x1F', '1,5', 'NaN', 'Infinity']) assert.equal(parseDecimal(bad), undefined, bad);
});

test('reads ISO 8601 times with zones, as UTC without, and refuses impossible dates', () => {
  const t = Date.UTC(2026, 2, 25, 2, 10);
  assert.equal(parseIsoTimeMs('2026-03-25T02:10:00Z'), t);
  assert.equal(parseIsoTimeMs('2026-03-25 02:10'), t);
  assert.equal(parseIsoTimeMs('2026-03-25T04:10:00+02:00'), t);
  assert.equal(parseIsoTimeMs('2026-03-25T02:10:00.250Z'), t + 250);
  assert.equal(parseIsoTimeMs('2026-02-29T00:00:00Z'), undefined);
  assert.equal(parseIsoTimeMs('2026-03-25T24:00:00Z'), undefined);
});

test('reads Unix seconds, Unix milliseconds above 10^11, and ISO strings', () => {
  assert.equal(parseTimeValue(1533101250), 1533101250000);
  assert.equal(parseTimeValue(1533101250000), 1533101250000);
  assert.equal(parseTimeValue('1463595069.997'), 1463595069997);
  assert.equal(parseTimeValue('2018-08-01T05:27:30Z'), 1533101250000);
  assert.equal(parseTimeValue(-1), undefined);
  assert.equal(parseTimeValue(true), undefined);
});

test('reads SBS and CSV booleans', () => {
  assert.deepEqual(['-1', '1', 'True', 'false', '0', 'yes'].map(parseBooleanText), [true, true, true, false, false, undefined]);
});
