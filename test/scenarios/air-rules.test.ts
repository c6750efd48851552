import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alertToJson, type Alert } from '../../src/core/alert/alert.js';
import { airEntityId, nextReportMs, reportIntervalOf, type AirActor } from '../../src/sim/air/air-actor.js';
import { AIR_SCENARIO_TYPES, matchAirTruth, runAirScenario } from '../helpers/air-scenario.js';
import { demoAgreement, START_MS } from '../helpers/scenario.js';

// One 3-hour scenario per air rule type over the Black Sea: background airliners, patrols,
// radar-only UAV and missile tracks and strike reports, plus the injected violations (positive
// cases, with ground truth) and their near-misses (negative cases that must stay silent).

const show = (alerts: readonly Alert[]): string => alerts.map(alertToJson).join('\n');

/** Report instants of an actor whose reported position is inside the zone. */
function fixesInside(actor: AirActor, zoneId: string): number {
  const zone = demoAgreement().zones.find((z) => z.id === zoneId)!;
  let n = 0;
  const step = reportIntervalOf(actor.identity);
  for (let t = nextReportMs(actor, START_MS); t < START_MS + 3 * 3600_000; t += step) {
    const s = actor.stateAt(t);
    if (s !== null && zone.contains(s.position[0], s.position[1])) n++;
  }
  return n;
}

const EXPECTED_TRUTHS: Record<string, number> = { 'no-fly': 2, 'air-integrity': 2, 'no-strike': 2 };

for (const type of AIR_SCENARIO_TYPES) {
  test(`${type}: the violations raise exactly the true alerts, within one reporting interval, and the near-misses raise none`, async () => {
    const sc = await runAirScenario({ types: [type] });
    assert.equal(sc.truth.length, EXPECTED_TRUTHS[type], 'injected violations');
    for (const i of sc.result.inputs) assert.deepEqual(i.rejected, {}, `${i.name} has no rejected lines`);
    const { missed, unexpected } = matchAirTruth(sc.result.alerts, sc.truth);
    assert.deepEqual(missed, [], `missed: ${JSON.stringify(missed)}\nalerts:\n${show(sc.result.alerts)}`);
    assert.deepEqual(unexpected.map(alertToJson), []);
  });
}

test('no-fly: the civil airliner near-miss really crosses the zone and the military one never enters it', async () => {
  const sc = await runAirScenario({ types: ['no-fly'], background: false });
  const byId = new Map(sc.actors.map((a) => [airEntityId(a.identity), a]));
  assert.ok(fixesInside(byId.get('icao:504ff1')!, 'odesa-air') > 50, 'civil airliner reports from inside odesa-air');
  assert.equal(fixesInside(byId.get('icao:ae01ce')!, 'odesa-air'), 0, 'RC-135 stays outside');
  assert.ok(sc.sbs.some((l) => l.includes(',AE01CE,')), 'the RC-135 is in the SBS feed');
  const ids = sc.result.alerts.map((a) => a.entity.id).sort();
  assert.deepEqual(ids, ['icao:155001', 'track:NATO-E3A-1:4021']);
  const drone = sc.result.alerts.find((a) => a.entity.id.startsWith('track:'))!;
  assert.equal(drone.entity.kind, 'radar');
  assert.equal(drone.entity.category, 'military', 'a uav radar track classifies as military');
  const il38 = sc.result.alerts.find((a) => a.entity.id === 'icao:155001')!;
  assert.equal(il38.entity.party, 'RU');
});

test('no-strike: two sources reporting the same strike give two alerts at the same time and place', async () => {
  const sc = await runAirScenario({ types: ['no-strike'], background: false });
  assert.equal(sc.reports.length, 5, 'two reports of the strike and three near-misses');
  const alerts = sc.result.alerts;
  assert.equal(alerts.length, 2);
  assert.notEqual(alerts[0]!.id, alerts[1]!.id);
  assert.equal(alerts[0]!.start, alerts[1]!.start);
  assert.equal(alerts[0]!.zone, 'odesa-approach');
  assert.deepEqual(alerts.map((a) => a.evidence.sourceType).sort(), ['observer', 'party']);
  assert.ok(alerts.every((a) => a.start === a.end), 'start = end = report time');
});

test('air-integrity: the spoofed jump and the duplicated address each give one alert; the 550 kt fighter none', async () => {
  const sc = await runAirScenario({ types: ['air-integrity'], background: false });
  const ids = sc.result.alerts.map((a) => a.entity.id).sort();
  assert.deepEqual(ids, ['icao:4bf012', 'icao:4bf1a2']);
  const spoof = sc.result.alerts.find((a) => a.entity.id === 'icao:4bf1a2')!;
  assert.equal(spoof.evidence.offendingFixes, 1, 'the jump out; the jump back ends the alert');
  assert.equal(spoof.evidence.reason, 'impossible-speed');
  assert.equal(sc.result.alerts.find((a) => a.entity.id === 'icao:4bf012')!.evidence.reason, 'duplicated-address');
  assert.ok((spoof.evidence.maxImpliedSpeedKt as number) > 70_000, '200 km in 5 s is ~78,000 kt');
  assert.ok(sc.sbs.some((l) => l.includes(',4BF0A1,')), 'the fighter is in the SBS feed');
});

test('2 hours of background air traffic and strike reports on the port areas raise no alert', async () => {
  const sc = await runAirScenario({ types: [], durationMs: 2 * 3600_000, seed: 77 });
  assert.ok(sc.sbs.length > 30_000, `${sc.sbs.length} SBS lines`);
  assert.ok(sc.radar.length > 1_000, `${sc.radar.length} radar lines`);
  assert.ok(sc.reports.length >= 2, `${sc.reports.length} reports`);
  assert.ok(sc.result.engine.tracks > 30, `${sc.result.engine.tracks} tracks`);
  for (const i of sc.result.inputs) assert.deepEqual(i.rejected, {}, `${i.name} has no rejected lines`);
  assert.deepEqual(sc.result.alerts.map(alertToJson), []);
});
