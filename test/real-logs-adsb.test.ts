import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { loadAgreementFile } from '../src/config/agreement-file.js';
import type { Alert } from '../src/core/alert/alert.js';
import { haversineM } from '../src/core/geo/distance.js';
import { openInputs } from '../src/pipeline/open-inputs.js';
import { runCheck } from '../src/pipeline/run-check.js';
import { REPO_ROOT, sharedDataPath } from './helpers/shared-data.js';

// The GNSS-spoofed flight, episode by episode (docs/detection.md, "On real recordings"), with
// test/fixtures/real-logs/adsb-agreement.yaml (the rule's defaults); the alerts on every real
// ADS-B file are pinned in test/real-logs-regression.test.ts.
const AGREEMENT = `${REPO_ROOT}/test/fixtures/real-logs/adsb-agreement.yaml`;
const SPOOFED = 'adsb/gnss-spoofing-thy9bp-2024-09-17.json.gz';
const skip = !existsSync(`${REPO_ROOT}/../shared/data/adsb`) && 'no shared data';

async function check(file: string): Promise<Alert[]> {
  const loaded = loadAgreementFile(AGREEMENT);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return (await runCheck(loaded.value, await openInputs([sharedDataPath(file)]))).alerts;
}

/** The flight's reports (pandas column-oriented JSON), in time order, with a position. */
function reports(file: string): { timeMs: number; lat: number; lon: number }[] {
  const cols = JSON.parse(gunzipSync(readFileSync(sharedDataPath(file))).toString('utf8')) as Record<string, Record<string, number | null>>;
  return Object.keys(cols.timestamp!)
    .map((k) => ({ timeMs: cols.timestamp![k]!, lat: cols.latitude![k]!, lon: cols.longitude![k]! }))
    .filter((r) => r.lat !== null && r.lon !== null)
    .sort((a, b) => a.timeMs - b.timeMs);
}

test('the GNSS-spoofed flight is one alert per spoofed episode, from the visible jump to the jump back', { skip }, async () => {
  // Before: 54 alerts of one second each: 49 "impossible speeds" of 2,000–50,000 kt where a
  // position restated every second for up to 2 min was caught up, one altitude step of
  // 1,000 ft after a frozen one, and the spoofed stretch cut into 4 single seconds.
  const rows = reports(SPOOFED);
  const steps = rows.slice(1).map((r, i) => {
    const dtS = Math.max(1, (r.timeMs - rows[i]!.timeMs) / 1000);
    return { timeMs: r.timeMs, dtMs: r.timeMs - rows[i]!.timeMs, kt: haversineM(rows[i]!.lon, rows[i]!.lat, r.lon, r.lat) / dtS * 3600 / 1852 };
  });
  const intervalMs = steps.map((s) => s.dtMs).sort((a, b) => a - b)[steps.length >> 1]!;
  // The jump out and the jump back: the two largest implied speeds between consecutive reports.
  const [jump, back] = [...steps].sort((a, b) => b.kt - a.kt).slice(0, 2).sort((a, b) => a.timeMs - b.timeMs);
  assert.ok(jump!.kt > 1e5 && back!.kt > 1e5, `${Math.round(jump!.kt)} and ${Math.round(back!.kt)} kt`);
  const alerts = await check(SPOOFED);
  assert.equal(alerts.length, 1, alerts.map((a) => `${a.start}–${a.end} ${JSON.stringify(a.evidence)}`).join('\n'));
  const [a] = alerts;
  assert.ok(Math.abs(Date.parse(a!.start) - jump!.timeMs) <= intervalMs, `start ${a!.start}, jump at ${new Date(jump!.timeMs).toISOString()}`);
  assert.ok(Math.abs(Date.parse(a!.end!) - back!.timeMs) <= intervalMs, `end ${a!.end}, jump back at ${new Date(back!.timeMs).toISOString()}`);
  assert.equal(a!.evidence.kind, 'displaced-track');
  assert.ok(Math.abs((a!.evidence.offsetKm as number) - 260) < 10, `offset ${a!.evidence.offsetKm} km`);
  assert.ok((back!.timeMs - jump!.timeMs) / 60_000 > 30, 'a spoofed stretch of over 30 min');
});
