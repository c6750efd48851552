import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadAgreementFile } from '../../config/agreement-file.js';
import { ReportDecoder } from '../../decode/reports/report-decoder.js';
import type { EngineEvent } from '../../core/track/observation.js';
import { reportLine, simulateReports } from './incident-reports.js';
import { injectStrikeReports } from './strike-violations.js';
import { REPO_ROOT } from '../../../test/helpers/shared-data.js';

const START_MS = Date.parse('2026-03-25T00:00:00Z');

function demo() {
  const r = loadAgreementFile(`${REPO_ROOT}/examples/black-sea/agreement.yaml`);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

test('the same seed gives the same reports, in time order, each with a source and source type', () => {
  const a = simulateReports({ seed: 4, startMs: START_MS, durationMs: 6 * 3600_000 });
  assert.deepEqual(simulateReports({ seed: 4, startMs: START_MS, durationMs: 6 * 3600_000 }), a);
  assert.ok(a.length >= 6, `${a.length} reports`);
  for (let i = 1; i < a.length; i++) assert.ok(a[i]!.time >= a[i - 1]!.time);
  assert.ok(a.every((r) => r.source !== undefined && r.sourceType !== undefined));
  assert.equal(new Set(a.map((r) => r.id)).size, a.length, 'ids unique');
});

test('the report lines decode without rejection to report events with their ids', () => {
  const reports = simulateReports({ seed: 8, startMs: START_MS, durationMs: 6 * 3600_000 });
  const events: EngineEvent[] = [];
  const rejects: string[] = [];
  const d = new ReportDecoder({ event: (e) => events.push(e), reject: (r) => rejects.push(r) });
  for (const r of reports) d.push(reportLine(r));
  d.flush();
  assert.deepEqual(rejects, []);
  assert.deepEqual(events.map((e) => e.entityId), reports.map((r) => `report:${r.id}`));
});

test('reportLine writes the SPEC keys first and leaves absent ones out', () => {
  assert.equal(reportLine({ id: 'r1', time: '2026-03-25T02:10:00Z', lat: 46.48, lon: 30.73, category: 'other', extra: 1 }),
    '{"id":"r1","time":"2026-03-25T02:10:00Z","lat":46.48,"lon":30.73,"category":"other","extra":1}');
});

test('the strike injection is skipped for an agreement without a no-strike rule', () => {
  const none = injectStrikeReports({ rules: [], zones: [] } as never, START_MS);
  assert.deepEqual(none, { reports: [], truth: [] });
});

test('background strikes land outside every zone of the demo no-strike rule, the injected strike inside one', () => {
  const ag = demo();
  const rule = ag.rules.find((r) => r.type === 'no-strike')!;
  const zones = rule.zones.map((i) => ag.zones[i]!);
  const inAny = (lon: number, lat: number): boolean => zones.some((z) => z.contains(lon, lat));
  for (const seed of [1, 2, 3]) {
    for (const r of simulateReports({ seed, startMs: START_MS, durationMs: 24 * 3600_000 })) assert.ok(!inAny(r.lon, r.lat), `${r.id} at ${r.lon},${r.lat}`);
  }
  const inj = injectStrikeReports(ag, START_MS);
  const positives = new Set(inj.truth.map((t) => t.entity));
  for (const r of inj.reports) {
    if (positives.has(`report:${r.id}`)) assert.ok(inAny(r.lon, r.lat) && rule.params.categories.has(r.category as never), r.id);
  }
  assert.ok(inj.reports.some((r) => r.category === 'missile-attack' && !inAny(r.lon, r.lat)), 'the inland near-miss is outside');
});
