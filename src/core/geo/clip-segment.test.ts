import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clipSegmentParams } from './clip-segment.js';

test('the part of a segment inside a box, as parameters of its ends; null when it misses', () => {
  const box = [0, -1, 1, 1] as const;
  assert.deepEqual(clipSegmentParams(-1, 0, 2, 0, box), [0.5, 1]);
  assert.deepEqual(clipSegmentParams(0.2, 0, 0.5, 0, box), [0, 1]);
  assert.deepEqual(clipSegmentParams(-1, -3, 3, 6, box), [1 / 3, 2 / 3]);
  assert.equal(clipSegmentParams(2, 0, 1, 0, box), null);
  assert.equal(clipSegmentParams(-1, 2, 3, 0, box), null);
});
