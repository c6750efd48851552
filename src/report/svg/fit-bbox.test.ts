import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitBbox } from './fit-bbox.js';

const near = (a: readonly number[], b: readonly number[]): boolean => a.every((v, i) => Math.abs(v - b[i]!) < 1e-9);

test('fitBbox adds 10 % of the span on each side', () => {
  assert.ok(near(fitBbox([[30, 44], [32, 46], [31, 45]]), [29.8, 43.8, 32.2, 46.2]));
});

test('a single point or a narrow spread gets at least 0.5° each way, then the margin', () => {
  assert.ok(near(fitBbox([[30, 46]]), [29.7, 45.7, 30.3, 46.3]));
  assert.ok(near(fitBbox([[30, 46], [30.1, 48]]), [29.75, 45.8, 30.35, 48.2]));
});

test('non-finite positions are ignored and an empty input is an error naming the fix', () => {
  assert.ok(near(fitBbox([[NaN, 1], [30, 46]]), [29.7, 45.7, 30.3, 46.3]));
  assert.throws(() => fitBbox([]), /nothing to fit.*pass bbox/);
});
