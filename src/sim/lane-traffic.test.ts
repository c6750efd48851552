import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createBackgroundActors } from './scenario.js';
import { distanceM } from './lane-path.js';

interface Episode {
  a: number;
  b: number;
  minutes: number;
  minM: number;
}

/** Pairs of background ships under way (≥ 3 kn) within `withinM` of each other, as episodes of consecutive minutes. */
function closeEpisodes(vessels: number, hours: number, withinM: number): { episodes: Episode[]; laneOf: (i: number) => string } {
  const startMs = Date.parse('2026-03-25T00:00:00Z');
  const actors = createBackgroundActors(20260325, Math.round(vessels * 0.8), vessels - Math.round(vessels * 0.8), startMs);
  const open = new Map<string, Episode>();
  const done: Episode[] = [];
  const cellDeg = 0.01;
  for (let t = startMs; t < startMs + hours * 3600_000; t += 60_000) {
    const fixes = actors.map((a) => a.positionAt(t));
    const cells = new Map<string, number[]>();
    fixes.forEach((f, i) => {
      if (f.sogKn < 3) return;
      const key = `${Math.floor(f.position[0] / cellDeg)}:${Math.floor(f.position[1] / cellDeg)}`;
      cells.set(key, [...(cells.get(key) ?? []), i]);
    });
    const seen = new Set<string>();
    fixes.forEach((f, i) => {
      if (f.sogKn < 3) return;
      const cx = Math.floor(f.position[0] / cellDeg);
      const cy = Math.floor(f.position[1] / cellDeg);
      for (let dx = -1; dx <= 1; dx++) {
        for (let dy = -1; dy <= 1; dy++) {
          for (const j of cells.get(`${cx + dx}:${cy + dy}`) ?? []) {
            if (j <= i) continue;
            const d = distanceM(f.position, fixes[j]!.position);
            if (d >= withinM) continue;
            const key = `${i},${j}`;
            seen.add(key);
            const e = open.get(key) ?? { a: i, b: j, minutes: 0, minM: Infinity };
            e.minutes++;
            e.minM = Math.min(e.minM, d);
            open.set(key, e);
          }
        }
      }
    });
    for (const [key, e] of open) {
      if (seen.has(key)) continue;
      done.push(e);
      open.delete(key);
    }
  }
  return { episodes: [...done, ...open.values()], laneOf: (i) => actors[i]!.lane.id };
}

test('background ships keep a realistic separation: no convoys metres apart, nobody overtaking at a crawl', () => {
  // 1,200 ships for 4 hours, sampled every minute: shipping lanes and circuits are busy, yet
  // ships under way pass each other (minutes within 500 m), they do not sail together.
  const { episodes, laneOf } = closeEpisodes(1200, 4, 500);
  assert.ok(episodes.length > 500, `${episodes.length} passings: the scene is busy enough to test`);
  const long = episodes.filter((e) => e.minutes >= 30);
  assert.deepEqual(long.map((e) => `${laneOf(e.a)}/${laneOf(e.b)} ${e.minutes} min, ${Math.round(e.minM)} m`), [], 'within 500 m for half an hour');
  const sameLane = episodes.filter((e) => e.minutes >= 20 && laneOf(e.a) === laneOf(e.b));
  assert.deepEqual(sameLane.map((e) => `${laneOf(e.a)} ${e.minutes} min`), [], 'same lane, within 500 m for 20 min');
  const near = episodes.filter((e) => e.minM < 100 && e.minutes >= 10);
  assert.deepEqual(near.map((e) => `${laneOf(e.a)}/${laneOf(e.b)} ${e.minutes} min, ${Math.round(e.minM)} m`), [], 'within 100 m for 10 min');
});
