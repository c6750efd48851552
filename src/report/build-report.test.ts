import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FormatRegistry } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { loadAgreementFile } from '../config/agreement-file.js';
import { packageRoot } from '../config/package-root.js';
import type { Incident } from '../cases/incident.js';
import { makeAlert } from '../cases/test-kit.js';
import type { Marking, StoredAlert } from '../store/ports.js';
import { buildReport } from './build-report.js';
import type { ReportInputs } from './report-inputs.js';
import { ReportSchema } from './report-schema.js';

FormatRegistry.Set('date-time', (v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(v) && !Number.isNaN(Date.parse(v)));

const loaded = loadAgreementFile(`${packageRoot()}examples/black-sea/agreement.yaml`);
if (!loaded.ok) throw new Error('demo agreement does not load');
const agreement = loaded.value;
const FROM = Date.parse('2026-03-25T00:00:00Z');
const DAY = 86_400_000;

function stored(id: string, party: string | undefined, zone: string, startIso: string, marking: Marking = { kind: 'COALITION' }, originator = 'FRA'): StoredAlert {
  const alert = makeAlert(id, `mmsi:${id.length}00000000`, zone, startIso, 10);
  if (party !== undefined) alert.entity.party = party;
  else delete alert.entity.party;
  return { alert, status: 'closed', agreementId: agreement.id, agreementVersion: 1, createdMs: 0, updatedMs: 0, originator, marking };
}

function incident(id: string, alertIds: string[], status: Incident['status'], party: string | null): Incident {
  const decided = status === 'verified-violation' || status === 'not-a-violation' || status === 'inconclusive';
  return {
    id, title: `Incident ${id}`, status, verdict: decided ? status : null, attributedParty: party, confidence: decided ? { level: 'high', reason: 'radar and AIS agree' } : null,
    grading: { reliability: 'B', credibility: 2 }, assignee: null, alertIds, reportIds: [], createdBy: { userId: 1, username: 'a', nation: 'FRA' },
    createdMs: FROM + 3_600_000, updatedMs: FROM + 3_600_000, revision: 2, originator: 'FRA', marking: { kind: 'COALITION' },
  };
}

function inputs(): ReportInputs {
  const a1 = stored('a1', 'RU', 'odesa-approach', '2026-03-25T02:00:00Z');
  const a2 = stored('a2', 'RU', 'odesa-approach', '2026-03-26T02:00:00Z', { kind: 'REL_TO', nations: ['GBR'] });
  const a3 = stored('a3', undefined, 'western-corridor', '2026-03-26T05:00:00Z');
  return {
    id: 'rpt-1', generatedAtMs: FROM + 7 * DAY, generatorVersion: '0.1.0', agreement,
    period: { kind: 'weekly', fromMs: FROM, toMs: FROM + 7 * DAY }, preparedFor: 'GBR',
    alerts: [a3, a1, a2],
    incidents: [
      { incident: incident('inc-2', ['a2'], 'inconclusive', null), alerts: [a2], reports: [], evidence: [], comments: [] },
      { incident: incident('inc-1', ['a1'], 'verified-violation', 'RU'), alerts: [a1], reports: [], evidence: [], comments: [{ originator: 'FRA', marking: { kind: 'COALITION' } }] },
    ],
    coverage: { feeds: [{ feed: 'ais', bucket: 0, count: 10 }], zones: [{ zoneId: 'odesa-approach', counts: [{ feed: 'ais', bucket: 0, count: 3 }] }] },
    tracks: [], previous: null,
  };
}

test('counts by rule, party, zone and day, verdicts by attributed party, and a summary in sentences', () => {
  const r = buildReport(inputs());
  assert.deepEqual(r.totals, { alerts: 3, openAlerts: 0, incidents: 2, verifiedViolations: 1, notViolations: 0, inconclusive: 1, undecided: 0 });
  assert.deepEqual(r.alertsByParty.map((x) => [x.key, x.count]), [['RU', 2], ['none', 1]]);
  assert.deepEqual(r.alertsByZone.map((x) => [x.key, x.count]), [['odesa-approach', 2], ['western-corridor', 1]]);
  assert.deepEqual(r.alertsByDay.map((d) => d.total), [1, 2, 0, 0, 0, 0, 0]);
  assert.deepEqual(r.alertsByDay[1]!.byParty, { RU: 1, none: 1 });
  assert.deepEqual(r.violationsByParty.map((x) => [x.key, x.count]), [['RU', 1]]);
  assert.equal(r.summary[0], '3 alerts in the period (0 still open); 2 incidents: 1 verified violation (1 attributed to RU); 1 inconclusive; 0 incidents found not to be a violation; 0 under review.');
  assert.deepEqual(r.incidents.map((i) => i.id), ['inc-1', 'inc-2'], 'incidents in creation order, then id');
  assert.equal(r.incidents[0]!.comments, 1);
  assert.equal(r.incidents[0]!.grading, 'B2');
  assert.equal(r.coverage.feeds[0]!.hoursWithData, 1);
  assert.equal(r.coverage.zones[0]!.gaps[0]!.hours, 7 * 24 - 1);
  assert.ok(Value.Check(ReportSchema, r), [...Value.Errors(ReportSchema, r)].map((e) => `${e.path}: ${e.message}`).join('; '));
});

test('the marking is the most restrictive of the contents, naming every nation of the set', () => {
  assert.equal(buildReport(inputs()).marking, 'REL TO FRA, GBR');
  const all = inputs();
  all.alerts = all.alerts.filter((a) => a.alert.id !== 'a2');
  all.incidents = all.incidents.filter((i) => i.incident.id !== 'inc-2');
  assert.equal(buildReport(all).marking, 'COALITION');
});

test('the same inputs give the same report, whatever the order they come in', () => {
  const a = inputs();
  const b = inputs();
  b.alerts.reverse();
  b.incidents.reverse();
  assert.equal(JSON.stringify(buildReport(a)), JSON.stringify(buildReport(b)));
});

test('change log against the previous report of the series', () => {
  const i = inputs();
  i.previous = { id: 'rpt-0', generatedAt: '2026-03-25T00:00:00.000Z', period: { from: '2026-03-18T00:00:00.000Z', to: '2026-03-25T00:00:00.000Z' }, incidents: [{ id: 'inc-1', title: 'Incident inc-1', status: 'under-review' }] };
  const r = buildReport(i);
  assert.deepEqual(r.changes.newIncidents.map((x) => x.id), ['inc-2']);
  assert.deepEqual(r.changes.changedVerdicts, [{ id: 'inc-1', title: 'Incident inc-1', from: 'under-review', to: 'verified-violation' }]);
});
