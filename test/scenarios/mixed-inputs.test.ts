import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alertToJson, type Alert } from '../../src/core/alert/alert.js';
import { landMaskFor } from '../../src/geo-data/land-for-agreement.js';
import { AIS_FORMAT } from '../../src/pipeline/ais-format.js';
import { RADAR_FORMAT } from '../../src/pipeline/radar-format.js';
import { REPORTS_FORMAT } from '../../src/pipeline/reports-format.js';
import { runCheck, type CheckInput } from '../../src/pipeline/run-check.js';
import { SBS_FORMAT } from '../../src/pipeline/sbs-format.js';
import { simulate } from '../../src/sim/scenario.js';
import { injectViolations } from '../../src/sim/violations.js';
import { AIR_SCENARIO_TYPES, buildAirFeeds, linesInput } from '../helpers/air-scenario.js';
import { DEMO_AGREEMENT, demoAgreement, START, START_MS } from '../helpers/scenario.js';
import { REPO_ROOT } from '../helpers/shared-data.js';

// SPEC `vigil check`: a mixed sea + air + reports run gives the same alerts as running the
// inputs separately and merging, ordered by start time. Every input has violations in it, and
// all span the same 4 hours (end of input judges silences, so the spans must agree).

const DURATION_MS = 4 * 3600_000;
const agreement = demoAgreement();
const landMask = landMaskFor(agreement);

function feeds(): { name: string; file: string; lines: string[]; input: () => CheckInput } [] {
  const isSea = (lon: number, lat: number): boolean => landMask.depthInlandM(lon, lat) === 0;
  const ais: string[] = [];
  const actors = injectViolations(agreement, START_MS, { isSea });
  for (const l of simulate({ seed: 11, start: START, durationMs: DURATION_MS, classA: 20, classB: 5, actors, artefacts: { duplicate: 0.03, outOfOrder: 0.01 } })) ais.push(l.line);
  const air = buildAirFeeds({ types: AIR_SCENARIO_TYPES, durationMs: DURATION_MS }, agreement);
  const list = [
    { name: 'ais', file: 'sea.nmea', lines: ais, format: AIS_FORMAT },
    { name: 'sbs', file: 'air.sbs', lines: air.sbs, format: SBS_FORMAT },
    { name: 'radar', file: 'radar.csv', lines: air.radar, format: RADAR_FORMAT },
    { name: 'reports', file: 'reports.jsonl', lines: air.reports, format: REPORTS_FORMAT },
  ];
  return list.map((f) => ({ name: f.name, file: f.file, lines: f.lines, input: () => linesInput(f.file, f.format, f.lines) }));
}

const byStartThenId = (a: Alert, b: Alert): number => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const inputs = feeds();
let mixedRun: ReturnType<typeof runCheck> | undefined;
/** The mixed run, shared by both tests. */
const mixedAlerts = async (): Promise<Alert[]> => (await (mixedRun ??= runCheck(agreement, inputs.map((f) => f.input()), { landMask }))).alerts;

test('one run over mixed AIS, SBS, radar and report inputs gives byte-identical alerts to separate runs merged by start time', async () => {
  const mixed = { alerts: await mixedAlerts() };
  const separate: Alert[] = [];
  for (const f of inputs) separate.push(...(await runCheck(agreement, [f.input()], { landMask })).alerts);
  separate.sort(byStartThenId);
  const domains = new Set(mixed.alerts.map((a) => a.domain));
  assert.deepEqual([...domains].sort(), ['air', 'report', 'sea'], 'every domain has alerts');
  assert.ok(mixed.alerts.length >= 10, `${mixed.alerts.length} alerts`);
  assert.deepEqual(mixed.alerts.map(alertToJson), separate.map(alertToJson));
});

test('vigil check on the four files exits 0 and writes the same alerts, sorted by start time', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-mixed-'));
  try {
    const paths = inputs.map((f) => {
      const p = join(dir, f.file);
      writeFileSync(p, f.lines.join('\n') + '\n');
      return p;
    });
    const r = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'check', '--agreement', DEMO_AGREEMENT, ...paths], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    const starts = lines.map((l) => (JSON.parse(l) as Alert).start);
    assert.deepEqual(starts, [...starts].sort(), 'sorted by start');
    assert.deepEqual(lines, (await mixedAlerts()).map(alertToJson));
    for (const f of inputs) assert.match(r.stderr, new RegExp(`${f.file} \\((ais|sbs|radar|reports)\\)`), `${f.file} detected`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
