import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAgreement } from '../agreement/parse-agreement.js';
import type { Alert } from '../alert/alert.js';
import type { EngineEvent } from '../track/observation.js';
import { LandMask } from '../geo/land-mask.js';
import { TruceEngine } from './engine.js';

// Issue 11: pairs of ships steaming together at lane speed are not ship-to-ship transfers
// (GFW's encounters need both vessels slow, away from anchorages).

const T0 = Date.parse('2026-03-25T00:00:00Z');
const MIN = 60_000;
const M_PER_DEG_LAT = 111_195;
const M_PER_DEG_LON = M_PER_DEG_LAT * Math.cos((46.2 * Math.PI) / 180);

/** A box 30–31 E, 46–47 N with an anchorage 30.4–30.6 E, 46.4–46.6 N inside it. */
function run(rules: string[], events: EngineEvent[], landMask?: LandMask): Alert[] {
  const r = parseAgreement([
    'agreement: t', 'title: T', 'version: 1', 'effective: { from: 2026-03-25T00:00:00Z }', 'parties: {}',
    'zones:',
    '  - { id: box, geometry: { type: Polygon, coordinates: [[[30, 46], [31, 46], [31, 47], [30, 47], [30, 46]]] } }',
    '  - { id: anchorage, geometry: { type: Polygon, coordinates: [[[30.4, 46.4], [30.6, 46.4], [30.6, 46.6], [30.4, 46.6], [30.4, 46.4]]] } }',
    'rules:', ...rules.map((x) => `  - ${x}`), '',
  ].join('\n'));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const alerts: Alert[] = [];
  const engine = new TruceEngine(r.value, { opened: (a) => alerts.push(a), closed: () => {} }, landMask ? { landMask } : {});
  for (const e of events) engine.push(e);
  engine.finish();
  return alerts;
}

/**
 * Two ships 200 m apart (the second due north of the first), a fix each per minute for 60 min,
 * starting at (lon, lat) and sailing east at `kn` knots; `sog` false leaves SOG out of the reports.
 */
function pair(lon: number, lat: number, kn: number, sog = true, minutes = 60): EngineEvent[] {
  const out: EngineEvent[] = [];
  const stepDeg = (kn * 1852) / 60 / M_PER_DEG_LON;
  for (let m = 0; m <= minutes; m++) {
    const x = lon + m * stepDeg;
    for (const [id, y] of [['mmsi:271000001', lat], ['mmsi:271000002', lat + 200 / M_PER_DEG_LAT]] as const) {
      out.push({ kind: 'fix', timeMs: T0 + m * MIN, entityId: id, entityKind: 'vessel', lon: x, lat: y, ...(sog ? { speedKn: kn } : {}) });
    }
  }
  return out;
}

const PLAIN = '{ id: R1, type: no-rendezvous, zones: [box], params: { distanceM: 500, minDuration: 20m } }';
const SLOW = '{ id: R2, type: no-rendezvous, zones: [box], params: { distanceM: 500, minDuration: 20m, maxSpeedKn: 2 } }';
const AWAY = '{ id: R3, type: no-rendezvous, zones: [box], params: { distanceM: 500, minDuration: 20m, excludeZones: [anchorage] } }';
const rulesOf = (alerts: readonly Alert[]): string[] => alerts.map((a) => a.rule).sort();

test('two ships together at 12 kn raise no alert with maxSpeedKn 2, and do without it', () => {
  const alerts = run([PLAIN, SLOW], pair(30.1, 46.2, 12));
  assert.deepEqual(rulesOf(alerts), ['R1']);
});

test('two ships together at 1 kn raise the alert with maxSpeedKn 2, its evidence giving the bound and the top speed', () => {
  const alerts = run([PLAIN, SLOW], pair(30.1, 46.2, 1));
  assert.deepEqual(rulesOf(alerts), ['R1', 'R2']);
  const [plain, slow] = [alerts.find((a) => a.rule === 'R1')!, alerts.find((a) => a.rule === 'R2')!];
  assert.equal(slow.start, '2026-03-25T00:00:00.000Z');
  assert.equal(slow.entity.id, 'mmsi:271000001');
  assert.equal(slow.other?.id, 'mmsi:271000002');
  assert.deepEqual(slow.evidence, { observations: 121, minDistanceM: 200, maxSpeedKn: 2, topSpeedKn: 1 });
  // A rule without maxSpeedKn keeps the evidence it always had.
  assert.deepEqual(plain.evidence, { observations: 121, minDistanceM: 200 });
});

test('without SOG in the reports, the speed implied by consecutive fixes decides', () => {
  assert.deepEqual(rulesOf(run([PLAIN, SLOW], pair(30.1, 46.2, 12, false))), ['R1'], 'fast by their positions');
  assert.deepEqual(rulesOf(run([PLAIN, SLOW], pair(30.1, 46.2, 1, false))), ['R1', 'R2'], 'slow by their positions');
});

test('a pair that slows down together dates its alert from the first fix at which both were slow', () => {
  // 30 min side by side at 12 kn, then 40 min at 1 kn: the fast half is no encounter.
  const fast = pair(30.1, 46.2, 12, true, 29);
  const last = fast[fast.length - 1] as Extract<EngineEvent, { kind: 'fix' }>;
  const slow = pair(last.lon, 46.2, 1, true, 40).map((e) => ({ ...e, timeMs: e.timeMs + 30 * MIN }));
  const alerts = run([PLAIN, SLOW], [...fast, ...slow]);
  assert.equal(alerts.find((a) => a.rule === 'R1')?.start, '2026-03-25T00:00:00.000Z');
  assert.equal(alerts.find((a) => a.rule === 'R2')?.start, '2026-03-25T00:30:00.000Z');
});

test('a slow pair inside an exclude zone raises no alert, and does outside it', () => {
  assert.deepEqual(rulesOf(run([PLAIN, AWAY], pair(30.45, 46.5, 0.5))), ['R1'], 'in the anchorage');
  assert.deepEqual(rulesOf(run([PLAIN, AWAY], pair(30.1, 46.2, 0.5))), ['R1', 'R3'], 'in open water');
});

test('a pair with only one vessel inside the exclude zone is not together', () => {
  // The anchorage's northern edge is at 46.6 N: the first ship just inside it, the second 200 m north, outside.
  const alerts = run([PLAIN, AWAY], pair(30.45, 46.6 - 50 / M_PER_DEG_LAT, 0.5));
  assert.deepEqual(rulesOf(alerts), ['R1']);
});

test('issue 17: two ships at berth (within 5 km of a gazetteer port) raise no rendezvous or loitering alert unless includeBerths', () => {
  // A port at 30.8 E, 46.6 N (land far away: only the gazetteer matters here).
  const mask = new LandMask([[[[35, 40], [36, 40], [36, 41], [35, 41], [35, 40]]]], { bbox: [29, 44, 34, 48], ports: [{ name: 'Testport', locode: 'XXTST', lon: 30.8, lat: 46.6 }] });
  const atBerth = pair(30.8, 46.6, 0.1);
  assert.deepEqual(run(['{ id: R, type: no-rendezvous, zones: [box], params: { maxSpeedKn: 2 } }', '{ id: L, type: no-loiter, zones: [box] }'], atBerth, mask).map((a) => a.rule), []);
  const included = run(['{ id: R, type: no-rendezvous, zones: [box], params: { maxSpeedKn: 2, includeBerths: true } }', '{ id: L, type: no-loiter, zones: [box], params: { includeBerths: true } }'], atBerth, mask);
  assert.deepEqual([...new Set(included.map((a) => a.rule))].sort(), ['L', 'R']);
  // 20 km from the port the same pair is an encounter.
  assert.equal(run(['{ id: R, type: no-rendezvous, zones: [box], params: { maxSpeedKn: 2 } }'], pair(30.8, 46.42, 0.1), mask).length, 1);
});

test('issue 17: two ships reporting "moored" are at berth wherever the gazetteer has no port; "at anchor" still counts', () => {
  const rule = ['{ id: R, type: no-rendezvous, zones: [box], params: { maxSpeedKn: 2 } }'];
  const withStatus = (status: number): EngineEvent[] => pair(30.8, 46.42, 0.1).map((e) => (e.kind === 'fix' ? { ...e, navStatus: status } : e));
  assert.equal(run(rule, withStatus(5)).length, 0);
  assert.equal(run(rule, withStatus(1)).length, 1, 'ship-to-ship transfers happen at anchor');
  assert.equal(run(['{ id: R, type: no-rendezvous, zones: [box], params: { maxSpeedKn: 2, includeBerths: true } }'], withStatus(5)).length, 1);
});

