import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAgreement } from '../agreement/parse-agreement.js';
import type { Alert } from '../alert/alert.js';
import { destinationPoint } from '../geo/distance.js';
import type { EngineEvent } from '../track/observation.js';
import { TruceEngine } from './engine.js';

const T0 = Date.parse('2026-03-25T00:00:00Z');
const S = 1000;
const KT = 1852 / 3600;
const ID = 'icao:4baac6';

/** Alerts as closed (or still open at the end), in order of opening. */
function run(events: EngineEvent[]): Alert[] {
  const a = parseAgreement(`agreement: t
title: T
version: 1
effective: { from: 2026-03-25T00:00:00Z }
parties: {}
zones: []
rules:
  - { id: A1, type: air-integrity, params: { maxSpeedKt: 1200, maxClimbFpm: 20000 } }
`);
  if (!a.ok) throw new Error(JSON.stringify(a.errors));
  const alerts: Alert[] = [];
  const engine = new TruceEngine(a.value, { opened: (x) => alerts.push(x), closed: () => {} });
  for (const e of events) engine.push(e);
  engine.finish();
  return alerts;
}

/** An airliner at FL380, 450 kt due north from 44°N 30°E: its true position at second `s`. */
const truth = (s: number): [number, number] => destinationPoint(30, 44, 0, 450 * KT * s);

const fix = (s: number, [lon, lat]: [number, number], speedKn = 450, altitudeFt = 38_000): EngineEvent => ({
  kind: 'fix', timeMs: T0 + s * S, entityId: ID, entityKind: 'aircraft', lon, lat, speedKn, courseDeg: 0, altitudeFt,
});

/** A report every `step` s from `from` to `to` (exclusive), positions from `at`. */
function flight(from: number, to: number, at: (s: number) => [number, number] = truth, step = 5): EngineEvent[] {
  const out: EngineEvent[] = [];
  for (let s = from; s < to; s += step) out.push(fix(s, at(s)));
  return out;
}

const iso = (s: number): string => new Date(T0 + s * S).toISOString();

test('a normal flight raises nothing, nor does a position restated for 2 min and then caught up', () => {
  assert.deepEqual(run(flight(0, 3600)), []);
  // The aggregator repeats the last position every second while none is received (OpenSky
  // state vectors): after 2 min the next real one is 28 km on, "in one second".
  const frozen: EngineEvent[] = [];
  for (let s = 600; s < 720; s++) frozen.push(fix(s, truth(600)));
  assert.deepEqual(run([...flight(0, 600), ...frozen, ...flight(720, 1800)]), []);
});

test('a single outlier is one short alert of kind jump, from the outlier to the fix that returns', () => {
  const events = flight(0, 1800);
  events[120] = fix(600, destinationPoint(...truth(600), 90, 200_000)); // 200 km east in 5 s
  const alerts = run(events);
  assert.equal(alerts.length, 1, JSON.stringify(alerts));
  const [a] = alerts;
  assert.equal(a!.evidence.kind, 'jump');
  assert.equal(a!.evidence.reason, 'impossible-speed');
  assert.equal(a!.evidence.offendingFixes, 1);
  assert.ok((a!.evidence.maxImpliedSpeedKt as number) > 70_000, `${a!.evidence.maxImpliedSpeedKt} kt`);
  assert.deepEqual([a!.start, a!.end], [iso(600), iso(605)]);
});

test('a 30-minute displaced stretch 250 km off is one alert from the first displaced fix to the jump back, kind displaced-track', () => {
  // Spoofed positions: 250 km east of the truth, moving with it (consistent among themselves).
  const spoofed = (s: number): [number, number] => destinationPoint(...truth(s), 90, 250_000);
  const alerts = run([...flight(0, 600), ...flight(600, 2400, spoofed), ...flight(2400, 3600)]);
  assert.equal(alerts.length, 1, JSON.stringify(alerts));
  const [a] = alerts;
  assert.deepEqual([a!.start, a!.end], [iso(600), iso(2400)]);
  assert.equal(a!.evidence.kind, 'displaced-track');
  assert.equal(a!.evidence.durationS, 1800);
  assert.equal(a!.evidence.offendingFixes, 360);
  assert.ok(Math.abs((a!.evidence.offsetKm as number) - 250) < 30, `offset ${a!.evidence.offsetKm} km`);
});

test('a displaced stretch after the position froze for 20 min, jumping about and freezing again, is still one alert to the jump back', () => {
  // The real THY9BP pattern (test/real-logs-adsb.test.ts): GNSS jamming freezes the position,
  // spoofing places the aircraft 260 km off at 50 kt, the spoofed position jumps 30 km once
  // and freezes, then the true position returns 700 km from where it froze.
  const events = flight(0, 600);
  for (let s = 600; s < 1800; s++) events.push(fix(s, truth(600)));
  const spoofAt = destinationPoint(...truth(600), 20, 260_000);
  const slow = (s: number): [number, number] => destinationPoint(...spoofAt, 270, 50 * KT * (s - 1800));
  for (let s = 1800; s < 2700; s++) events.push(fix(s, slow(s), 50));
  const moved = destinationPoint(...slow(2700), 80, 30_000);
  for (let s = 2700; s < 3300; s++) events.push(fix(s, moved, 50));
  events.push(...flight(3300, 3900, truth, 1));
  const alerts = run(events);
  assert.equal(alerts.length, 1, JSON.stringify(alerts.map((x) => [x.start, x.end, x.evidence])));
  assert.deepEqual([alerts[0]!.start, alerts[0]!.end], [iso(1800), iso(3300)]);
  assert.equal(alerts[0]!.evidence.kind, 'displaced-track');
});

test('two transmitters alternating on one address are one alert of kind duplicated-address', () => {
  const other = (s: number): [number, number] => destinationPoint(34, 44, 180, 400 * KT * s);
  const events = flight(0, 3600);
  const dup: EngineEvent[] = [];
  for (let s = 1202.5; s < 2400; s += 5) dup.push(fix(s, other(s)));
  events.push(...dup);
  events.sort((x, y) => x.timeMs - y.timeMs);
  const alerts = run(events);
  assert.equal(alerts.length, 1, JSON.stringify(alerts.map((x) => [x.start, x.end, x.evidence.kind])));
  assert.equal(alerts[0]!.evidence.kind, 'duplicated-address');
  assert.equal(alerts[0]!.evidence.reason, 'duplicated-address');
  assert.equal(alerts[0]!.start, iso(1202.5));
  assert.ok(Math.abs(Date.parse(alerts[0]!.end!) - (T0 + 2400 * S)) <= 5 * S, alerts[0]!.end!);
});

test('a track lost while displaced ends the episode at its last fix', () => {
  const spoofed = (s: number): [number, number] => destinationPoint(...truth(s), 90, 250_000);
  const alerts = run([...flight(0, 600), ...flight(600, 1200, spoofed), fix(2400, truth(2400))]);
  assert.equal(alerts.length, 1, JSON.stringify(alerts));
  assert.deepEqual([alerts[0]!.start, alerts[0]!.end], [iso(600), iso(1195)]);
});

test('an altitude glitch is a jump; a steady climb at 3,000 ft/min is nothing', () => {
  const events = flight(0, 1200);
  const e = events[60] as Extract<EngineEvent, { kind: 'fix' }>;
  e.altitudeFt = 3_800; // 38,000 misread
  const alerts = run(events);
  assert.equal(alerts.length, 1);
  assert.equal(alerts[0]!.evidence.reason, 'impossible-climb');
  assert.deepEqual([alerts[0]!.start, alerts[0]!.end], [iso(300), iso(305)]);
  const climb = flight(0, 1200).map((x, i) => ({ ...x, altitudeFt: 2_000 + i * 250 }) as EngineEvent);
  assert.deepEqual(run(climb), []);
});
