/**
 * Issue 17: order independence on a real recording. The OpenSky Switzerland file (state
 * vectors ordered by aircraft) as given, sorted by time and shuffled gives byte-identical
 * alerts, and every state vector is checked.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { vigil } from './helpers/cli.js';
import { REPO_ROOT, sharedDataPath } from './helpers/shared-data.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-opensky-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const AGREEMENT = join(REPO_ROOT, 'test/fixtures/real-logs/adsb-agreement.yaml');

test('the OpenSky Switzerland recording as given, sorted by time and shuffled gives the same alerts', () => {
  const given = sharedDataPath('adsb/opensky-switzerland-2018-08-01.json.gz');
  const states = JSON.parse(gunzipSync(readFileSync(given)).toString('utf8')) as { timestamp: number; icao24: string }[];
  const byTime = [...states].sort((a, b) => a.timestamp - b.timestamp || (a.icao24 < b.icao24 ? -1 : a.icao24 > b.icao24 ? 1 : 0));
  let seed = 42;
  const shuffled = [...states].map((s) => ({ s, k: (seed = (seed * 1103515245 + 12345) % 2 ** 31) })).sort((a, b) => a.k - b.k).map((x) => x.s);
  const sortedFile = join(dir, 'sorted.json');
  const shuffledFile = join(dir, 'shuffled.json');
  writeFileSync(sortedFile, JSON.stringify(byTime));
  writeFileSync(shuffledFile, JSON.stringify(shuffled));
  const runs = [given, sortedFile, shuffledFile].map((f) => vigil(['check', '--agreement', AGREEMENT, f]));
  for (const r of runs) assert.equal(r.status, 0, r.stderr);
  assert.match(runs[0]!.stderr, /sorted in full/);
  assert.doesNotMatch(runs[1]!.stderr, /sorted in full/);
  assert.equal(runs[1]!.stdout, runs[0]!.stdout);
  assert.equal(runs[2]!.stdout, runs[0]!.stdout);
  for (const r of runs) assert.match(r.stderr, new RegExp(`${states.length} fixes`));
});
