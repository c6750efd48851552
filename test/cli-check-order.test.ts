/**
 * Issue 17 item 1: a recorded file's records in any order give the same alerts — a file not
 * in time order is detected, said so, and sorted in full; stdin, which cannot be read again,
 * keeps the allowance and says how many events it dropped.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vigil } from './helpers/cli.js';
import { DEMO_AGREEMENT } from './helpers/scenario.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-order-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A seeded shuffle (mulberry32), so the test fails the same way every time. */
function shuffle<T>(xs: T[], seed: number): T[] {
  let a = seed >>> 0;
  const rnd = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

test('radar tracks in any order give the same alerts as in time order, and the check says it sorted them', () => {
  const sim = vigil(['simulate', '--seed', '3', '--duration', '3h', '--vessels', '0', '--violations', '--air', dir, '--out', join(dir, 'ais.nmea')]);
  assert.equal(sim.status, 0, sim.stderr);
  const [header, ...rows] = readFileSync(join(dir, 'radar.csv'), 'utf8').split('\n').filter((l) => l !== '');
  const ordered = vigil(['check', '--agreement', DEMO_AGREEMENT, join(dir, 'radar.csv')]);
  assert.equal(ordered.status, 0, ordered.stderr);
  assert.doesNotMatch(ordered.stderr, /sorted in full/);
  assert.ok(ordered.stdout.trim().split('\n').length >= 1, 'the air scenario raises radar alerts');
  const shuffledFile = join(dir, 'radar-shuffled.csv');
  writeFileSync(shuffledFile, [header, ...shuffle(rows, 17)].join('\n') + '\n');
  const shuffled = vigil(['check', '--agreement', DEMO_AGREEMENT, shuffledFile]);
  assert.equal(shuffled.status, 0, shuffled.stderr);
  assert.match(shuffled.stderr, /radar-shuffled\.csv \(radar\): \d+ lines read, 0 rejected; not in time order: sorted in full before detection/);
  assert.equal(shuffled.stdout, ordered.stdout);
  const fixes = (s: string): string => /(\d+) fixes/.exec(s)?.[1] ?? '';
  assert.equal(fixes(shuffled.stderr), fixes(ordered.stderr));

  const piped = vigil(['check', '--agreement', DEMO_AGREEMENT, '-'], [header, ...shuffle(rows, 17)].join('\n') + '\n');
  assert.equal(piped.status, 0, piped.stderr);
  const dropped = Number(/(\d+) events dropped as late/.exec(piped.stderr)?.[1]);
  assert.ok(dropped > 0 && dropped < rows.length, piped.stderr);
  assert.equal(Number(fixes(piped.stderr)) + dropped, Number(fixes(ordered.stderr)), 'every record is either checked or counted as dropped');
});
