import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAgreement } from '../agreement/parse-agreement.js';
import type { Alert } from '../alert/alert.js';
import type { EngineEvent } from '../track/observation.js';
import { TruceEngine } from './engine.js';

const T0 = Date.parse('2026-03-25T00:00:00Z');
const MIN = 60_000;

function agreement(extra = ''): ReturnType<typeof parseAgreement> {
  return parseAgreement(`agreement: t
title: T
version: 1
effective: { from: 2026-03-25T00:10:00Z, until: 2026-03-25T02:00:00Z }
parties: { RU: { name: Russia, flags: [RUS] } }
zones:
  - { id: box, geometry: { type: Polygon, coordinates: [[[30, 46], [31, 46], [31, 47], [30, 47], [30, 46]]] } }
rules:
  - { id: R1, type: no-entry, zones: [box], applies: { domain: sea, category: [military] } }
  - { id: R2, type: must-transmit, zones: [box], params: { maxGap: 30m } }
${extra}`);
}

function run(events: EngineEvent[], extra = ''): Alert[] {
  const a = agreement(extra);
  if (!a.ok) throw new Error(JSON.stringify(a.errors));
  const alerts: Alert[] = [];
  const engine = new TruceEngine(a.value, { opened: (x) => alerts.push(x), closed: () => {} });
  for (const e of events) engine.push(e);
  engine.finish();
  return alerts;
}

const fix = (min: number, lon: number, lat: number, id = 'mmsi:273000001'): EngineEvent => ({ kind: 'fix', timeMs: T0 + min * MIN, entityId: id, entityKind: 'vessel', lon, lat, speedKn: 10 });
const warship = (min: number, id = 'mmsi:273000001'): EngineEvent => ({ kind: 'static', timeMs: T0 + min * MIN, entityId: id, entityKind: 'vessel', shipType: 35 });

test('an alert never starts before the agreement takes effect', () => {
  const alerts = run([warship(0), fix(1, 30.5, 46.5), fix(20, 30.5, 46.6), fix(25, 32, 46.6)]);
  const r1 = alerts.find((a) => a.rule === 'R1')!;
  assert.equal(r1.start, '2026-03-25T00:10:00.000Z');
  assert.equal(r1.end, '2026-03-25T00:25:00.000Z');
});

test('alerts still open when the agreement ends close at its end', () => {
  const alerts = run([warship(20), fix(30, 30.5, 46.5), ...Array.from({ length: 20 }, (_, i) => fix(35 + i * 5, 30.5, 46.5))]);
  const r1 = alerts.find((a) => a.rule === 'R1')!;
  assert.equal(r1.end, '2026-03-25T02:00:00.000Z');
});

test('a report dated far ahead does not move the clock: no fleet goes silent', () => {
  const report: EngineEvent = { kind: 'report', timeMs: Date.parse('2099-01-01T00:00:00Z'), entityId: 'report:x', report: { id: 'x', time: '2099-01-01T00:00:00Z', lat: 46.5, lon: 30.5, category: 'other' } };
  const alerts = run([fix(20, 30.5, 46.5, 'mmsi:272000001'), report, fix(21, 30.5, 46.51, 'mmsi:272000001')]);
  assert.deepEqual(alerts.filter((a) => a.rule === 'R2'), []);
});

test('a rule that stops matching a reclassified entity ends its alert', () => {
  const alerts: Alert[] = [];
  const closed: Alert[] = [];
  const a = agreement();
  if (!a.ok) throw new Error('agreement');
  const engine = new TruceEngine(a.value, { opened: (x) => alerts.push(x), closed: (x) => closed.push(x) });
  for (const e of [warship(20), fix(21, 30.5, 46.5), fix(22, 30.5, 46.5)]) engine.push(e);
  engine.push({ kind: 'static', timeMs: T0 + 23 * MIN, entityId: 'mmsi:273000001', entityKind: 'vessel', shipType: 70 });
  engine.push(fix(24, 30.5, 46.5));
  assert.equal(closed.filter((x) => x.rule === 'R1').length, 1);
  assert.equal(closed.find((x) => x.rule === 'R1')!.entity.category, 'civil');
});

test('static data before the first position is kept for the track', () => {
  const alerts = run([warship(19.9), fix(21, 30.5, 46.5), fix(22, 30.6, 46.5)]);
  assert.equal(alerts.filter((a) => a.rule === 'R1').length, 1, 'classified as military from the earlier type 5');
});

test('a silence that outlasts track loss ends at the next fix, even far outside the zone', () => {
  const alerts: Alert[] = [];
  const closed: Alert[] = [];
  const a = agreement();
  if (!a.ok) throw new Error('agreement');
  const engine = new TruceEngine(a.value, { opened: (x) => alerts.push(x), closed: (x) => closed.push(x) });
  // In the box at 00:20, silent for 80 min (lost after 60), back at 01:40 far to the east.
  engine.push(fix(20, 30.5, 46.5));
  engine.push(fix(100, 35, 44, 'mmsi:273000009'));
  engine.push(fix(100, 33, 44));
  const gap = closed.find((x) => x.rule === 'R2');
  assert.ok(gap !== undefined, 'the gap alert closed');
  assert.equal(gap.start, '2026-03-25T00:20:00.000Z');
  assert.equal(gap.end, '2026-03-25T01:40:00.000Z');
});

test('zone-scoped rules see a track leave its zone, and nothing of tracks far from it', () => {
  // The warship enters, leaves (the R1 alert ends at the first fix outside), and sails on outside.
  const alerts: Alert[] = [];
  const closed: Alert[] = [];
  const a = agreement();
  if (!a.ok) throw new Error('agreement');
  const engine = new TruceEngine(a.value, { opened: (x) => alerts.push(x), closed: (x) => closed.push(x) });
  for (const e of [warship(20), fix(21, 30.5, 46.5), fix(22, 31.2, 46.5), fix(23, 31.4, 46.5)]) engine.push(e);
  assert.equal(alerts.filter((x) => x.rule === 'R1').length, 1);
  assert.equal(closed.find((x) => x.rule === 'R1')?.end, '2026-03-25T00:22:00.000Z');
});

test('no-rendezvous finds every pair within distanceM and no pair beyond it, whatever the bearing and place in the grid', async () => {
  const { default: fc } = await import('fast-check');
  const { haversineM } = await import('../geo/distance.js');
  const a = agreement('  - { id: R3, type: no-rendezvous, zones: [box], params: { distanceM: 500, minDuration: 20m } }');
  if (!a.ok) throw new Error('agreement');
  fc.assert(fc.property(
    fc.double({ min: 30.05, max: 30.95, noNaN: true }), fc.double({ min: 46.05, max: 46.95, noNaN: true }),
    fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }), fc.double({ min: 400, max: 600, noNaN: true }),
    (lon, lat, bearing, metres) => {
      // The second ship `metres` away on `bearing` (small-angle placement; the test uses the true haversine distance).
      const lon2 = lon + (metres * Math.sin(bearing)) / (111_195 * Math.cos((lat * Math.PI) / 180));
      const lat2 = lat + (metres * Math.cos(bearing)) / 111_195;
      const d = haversineM(lon, lat, lon2, lat2);
      const alerts: Alert[] = [];
      const engine = new TruceEngine(a.value, { opened: (x) => alerts.push(x), closed: () => {} });
      for (let m = 20; m <= 50; m += 2) {
        engine.push(fix(m, lon, lat, 'mmsi:273000001'));
        engine.push(fix(m, lon2, lat2, 'mmsi:273000002'));
      }
      engine.finish();
      assert.equal(alerts.some((x) => x.rule === 'R3'), d <= 500, `${d.toFixed(1)} m apart`);
    }), { numRuns: 300 });
});
