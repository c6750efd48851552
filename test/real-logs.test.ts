import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Alert } from '../src/core/alert/alert.js';
import { loadAgreementFile } from '../src/config/agreement-file.js';
import { landMaskFor } from '../src/geo-data/land-for-agreement.js';
import { AIS_FORMAT } from '../src/pipeline/ais-format.js';
import { runCheck } from '../src/pipeline/run-check.js';
import { REPO_ROOT, sharedDataPath } from './helpers/shared-data.js';

// Receiver outages on a real recording (docs/detection.md, "On real recordings"); the alerts
// of every rule over every real file are pinned in test/real-logs-regression.test.ts.
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

test('a receiver outage is not a fleet going dark', { skip: !existsSync(sharedDataPath('ais')) && 'no shared data' }, async () => {
  // The AMSA recording has 6 min of traffic, 1 h 40 min of nothing at all, then 12 min of
  // traffic: no ship was observed silent for 30 min, though hundreds reappear after 1 h 50.
  const text = readFileSync(AGREEMENT, 'utf8').replace('category: [civil]', 'category: [civil, unknown]');
  assert.deepEqual((await check('amsa-receiver-mixed.nmea', text)).filter((a) => a.rule === 'R2').map((a) => a.entity.id), []);
  const short = text.replace('maxGap: 30m', 'maxGap: 5m');
  assert.ok((await check('amsa-receiver-mixed.nmea', short)).filter((a) => a.rule === 'R2').length > 50, 'observed silences of 5 min still count');
});
