import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { haversineM } from '../src/core/geo/distance.js';
import type { Alert } from '../src/core/alert/alert.js';
import { loadAgreementFile } from '../src/config/agreement-file.js';
import { landMaskFor } from '../src/geo-data/land-for-agreement.js';
import { AIS_FORMAT } from '../src/pipeline/ais-format.js';
import { runCheck } from '../src/pipeline/run-check.js';
import { REPO_ROOT, sharedDataPath } from './helpers/shared-data.js';

// Every maritime rule over the real recordings that carry times (docs/detection.md, "On real
// recordings"): what remains must be real events, not artefacts of harbours, satellites or
// receiver outages.
const AGREEMENT = `${REPO_ROOT}/test/fixtures/real-logs/agreement.yaml`;

async function check(file: string, agreementText?: string): Promise<Alert[]> {
  let path = AGREEMENT;
  if (agreementText !== undefined) writeFileSync((path = join(mkdtempSync(join(tmpdir(), 'vigil-real-')), 'agreement.yaml')), agreementText);
  const loaded = loadAgreementFile(path);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  const lines = readFileSync(sharedDataPath(`ais/${file}`), 'latin1').split('\n');
  const r = await runCheck(loaded.value, [{ name: file, format: AIS_FORMAT, lines: (async function* () { yield lines; })() }], { landMask: landMaskFor(loaded.value) });
  return r.alerts;
}

const byRule = (alerts: readonly Alert[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const a of alerts) out[a.rule] = (out[a.rule] ?? 0) + 1;
  return out;
};

/** MMSIs that many transmitters share: unset (0), 111111111, or a MID followed by zeros. */
const PLACEHOLDER_MMSI = /^mmsi:(0|111111111|\d{3}000000)$/;

test('real recordings: only real events remain (warships in the zone, MMSIs shared by many transmitters)', { skip: !existsSync(sharedDataPath('ais')) && 'no shared data' }, async () => {
  // Before: 472, 124 and 655 position-integrity alerts (harbours, rivers and docks the
  // coastline draws as land; satellite deliveries compressing minutes of travel into a second).
  const amsa = await check('amsa-receiver-mixed.nmea');
  const dma = await check('dma-denmark-gatehouse.nmea');
  const sat = await check('exactearth-sat-gatehouse.nmea');
  assert.deepEqual([byRule(amsa), byRule(dma), byRule(sat)], [{ R1: 1, R5: 3 }, { R5: 1 }, { R1: 1, R5: 4 }]);
  assert.deepEqual([...amsa, ...sat].filter((a) => a.rule === 'R1').map((a) => a.entity.name), ['WARSHIP BATHURST', 'NAVIOS MAGELLAN']);
  for (const a of [...amsa, ...dma, ...sat].filter((x) => x.rule === 'R5')) {
    assert.match(a.entity.id, PLACEHOLDER_MMSI);
    const d = haversineM(a.evidence.fromLon as number, a.evidence.fromLat as number, a.position.lon, a.position.lat);
    assert.ok(d > 10_000, `${a.entity.id} jumped ${Math.round(d)} m`);
  }
  assert.deepEqual(byRule(await check('amsa-tagblock-times.nmea')), {});
});

test('a receiver outage is not a fleet going dark', { skip: !existsSync(sharedDataPath('ais')) && 'no shared data' }, async () => {
  // The AMSA recording has 6 min of traffic, 1 h 40 min of nothing at all, then 12 min of
  // traffic: no ship was observed silent for 30 min, though hundreds reappear after 1 h 50.
  const text = readFileSync(AGREEMENT, 'utf8').replace('category: [civil]', 'category: [civil, unknown]');
  assert.deepEqual((await check('amsa-receiver-mixed.nmea', text)).filter((a) => a.rule === 'R2').map((a) => a.entity.id), []);
  const short = text.replace('maxGap: 30m', 'maxGap: 5m');
  assert.ok((await check('amsa-receiver-mixed.nmea', short)).filter((a) => a.rule === 'R2').length > 50, 'observed silences of 5 min still count');
});
