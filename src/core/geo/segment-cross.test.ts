import { test } from 'node:test';
import assert from 'node:assert/strict';
import { segmentCrossing } from './segment-cross.js';

// A north-running line: its left is west, its right is east.
const north = [[0, -1], [0, 1]];

test('moving west to east across a north-running line crosses left to right', () => {
  assert.equal(segmentCrossing(-1, 0, 1, 0, north), 1);
});

test('moving east to west crosses right to left', () => {
  assert.equal(segmentCrossing(1, 0, -1, 0, north), -1);
});

test('a segment that stops short of the line does not cross', () => {
  assert.equal(segmentCrossing(-1, 0, -0.1, 0, north), 0);
});

test('a segment passing beyond the end of the line does not cross', () => {
  assert.equal(segmentCrossing(-1, 2, 1, 2, north), 0);
});

test('a segment parallel to the line does not cross', () => {
  assert.equal(segmentCrossing(-1, -1, -1, 1, north), 0);
  assert.equal(segmentCrossing(0, -0.5, 0, 0.5, north), 0);
});

test('landing exactly on the line then leaving counts once', () => {
  assert.equal(segmentCrossing(-1, 0, 0, 0, north), 1);
  assert.equal(segmentCrossing(0, 0, 1, 0, north), 0);
});

test('crossing a polyline through a shared vertex counts once', () => {
  const bent = [[0, -1], [0, 0], [1, 1]];
  assert.equal(segmentCrossing(-1, 0, 1, 0, bent), 1);
});

test('crossing the Bosphorus line southbound is left to right for an east-running line', () => {
  // Line drawn west → east across the northern entrance: north is its left.
  const bosphorus = [[29.03, 41.21], [29.13, 41.23]];
  assert.equal(segmentCrossing(29.08, 41.25, 29.07, 41.19, bosphorus), 1);
  assert.equal(segmentCrossing(29.07, 41.19, 29.08, 41.25, bosphorus), -1);
});
