import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAgreement } from '../agreement/parse-agreement.js';
import type { Alert } from '../alert/alert.js';
import { LandMask } from '../geo/land-mask.js';
import type { Port } from '../geo/port-index.js';
import type { EngineEvent } from '../track/observation.js';
import { TruceEngine } from './engine.js';

const T0 = Date.parse('2026-03-25T00:00:00Z');
const S = 1000;

// Land: everything east of 31°E in the box (a straight coast at 31°E).
const LAND = [[[[31, 45], [33, 45], [33, 47], [31, 47], [31, 45]]]];

function run(events: EngineEvent[], ports: Port[] = []): Alert[] {
  const a = parseAgreement(`agreement: t
title: T
version: 1
effective: { from: 2026-03-25T00:00:00Z }
parties: {}
zones: []
rules:
  - { id: R5, type: position-integrity, params: { maxSpeedKn: 60, landMarginM: 1000 } }
`);
  if (!a.ok) throw new Error(JSON.stringify(a.errors));
  const alerts: Alert[] = [];
  const landMask = new LandMask(LAND, { bbox: [29, 44, 34, 48], ports });
  const engine = new TruceEngine(a.value, { opened: (x) => alerts.push(x), closed: () => {} }, { landMask });
  for (const e of events) engine.push(e);
  engine.finish();
  return alerts;
}

const fix = (s: number, lon: number, lat: number, speedKn = 10, id = 'mmsi:273000001'): EngineEvent => ({ kind: 'fix', timeMs: T0 + s * S, entityId: id, entityKind: 'vessel', lon, lat, speedKn });

// 31.4°E is ~31 km inland of the 31°E coast at 46°N, 31.05°E ~3.9 km.
test('on land without a jump (a river, canal or fjord the coastline lacks) is no alert, however far inland; jumped there it is, from the jump, with how far inland', () => {
  assert.deepEqual(run([fix(0, 31.4, 46.2, 0), fix(180, 31.4, 46.2, 0), fix(360, 31.4, 46.2, 0)]), []);
  assert.deepEqual(run([fix(0, 30.9, 46.2, 8), fix(3600, 31.4, 46.2, 8), fix(7200, 31.8, 46.2, 8)]), []);
  const [a, ...rest] = run([fix(0, 30.9, 46.2, 0), fix(10, 31.4, 46.2, 0), fix(190, 31.4, 46.2, 0), fix(370, 31.4, 46.2, 0)]);
  assert.equal(rest.length, 0);
  assert.equal(a!.start, '2026-03-25T00:00:10.000Z');
  assert.equal(a!.end, null);
  assert.equal(a!.evidence.kind, 'displaced');
  assert.equal(a!.evidence.onLand, true);
  assert.equal(a!.evidence.offendingFixes, 3);
  assert.ok(Math.abs((a!.evidence.inlandM as number) - 31_000) < 500, `inland ${a!.evidence.inlandM} m`);
});

test('a ship moored or sailing a few km "inland" (a waterway the coastline lacks) is no alert; spoofed there by a jump, it is until it jumps back', () => {
  assert.deepEqual(run([fix(0, 30.9, 46.2, 8), fix(600, 31.05, 46.2, 8), fix(1200, 31.05, 46.25, 0), fix(1380, 31.05, 46.25, 0)]), []);
  const [a, ...rest] = run([fix(0, 30.9, 46.2, 12), fix(10, 31.05, 46.2, 12), fix(190, 31.05, 46.2, 0), fix(370, 31.05, 46.2, 0), fix(380, 30.9, 46.2, 12)]);
  assert.equal(rest.length, 0);
  assert.equal(a!.start, '2026-03-25T00:00:10.000Z');
  assert.equal(a!.end, '2026-03-25T00:06:20.000Z');
  assert.equal(a!.evidence.onLand, true);
  assert.equal(a!.evidence.offendingFixes, 3);
});

test('after a jump, a berth up a river near a river port of the gazetteer is not "on land"; far from any port, or far beyond the port, it is', () => {
  const riverPort: Port = { name: 'River port', locode: 'XXRVP', lon: 31.4, lat: 46.0 };
  const jumped = (lon: number): EngineEvent[] => [fix(-10, 30.9, 46.02, 0), fix(0, 30.9, 46.02, 0), fix(10, lon, 46.02, 0), fix(190, lon, 46.02, 0), fix(370, lon, 46.02, 0)];
  // Near the port: a jump, then a consistent track at sea as far as the coastline can tell.
  assert.deepEqual(run(jumped(31.45), [riverPort]).map((a) => [a.evidence.onLand, a.evidence.offendingFixes, a.end]), [[false, 1, '2026-03-25T00:03:10.000Z']]);
  assert.deepEqual(run(jumped(31.45)).map((a) => [a.evidence.onLand, a.evidence.offendingFixes, a.end]), [[true, 3, null]]);
  // 31.7°E is ~54 km inland: beyond the port's 31 km and the 10 km allowance.
  assert.deepEqual(run(jumped(31.7), [riverPort]).map((a) => [a.evidence.onLand, a.evidence.offendingFixes]), [[true, 3]]);
});

test('travel compressed by delivery delay (satellite AIS) is not a jump; a jump far beyond the reported speed is', () => {
  // 2.2 km in one second at a reported 19.6 kn: a satellite downlinked minutes of travel at once.
  assert.deepEqual(run([fix(0, 30.0, 45.5, 19.6), fix(1, 30.028, 45.5, 19.6), fix(2, 30.012, 45.5, 19.6)]), []);
  // 60 km in 10 s, and the track stays there: spoofing or a shared MMSI.
  const [a, ...rest] = run([fix(-10, 30.0, 45.5, 12), fix(0, 30.0, 45.5, 12), fix(10, 30.77, 45.5, 12), fix(20, 30.771, 45.5, 12)]);
  // Jumped from the track's first fix and on from there: that first fix was the corrupted one.
  assert.deepEqual(run([fix(0, 30.0, 45.5, 12), fix(10, 30.77, 45.5, 12), fix(20, 30.771, 45.5, 12)]), []);
  assert.equal(rest.length, 0);
  assert.equal(a!.start, '2026-03-25T00:00:10.000Z');
  assert.ok((a!.evidence.maxImpliedSpeedKn as number) > 10_000);
  assert.equal(a!.evidence.onLand, false);
});

test('one displaced fix between two consistent ones is a corrupted report; displaced again to the same place, it is a second transmitter', () => {
  // The AISHub log: a ship at a berth in Rotterdam reports latitude 30.9° once, then 51.9° again.
  const berth = (s: number): EngineEvent => fix(s, 30.0, 45.5, 0);
  assert.deepEqual(run([berth(0), fix(10, 30.0, 25.5, 0), berth(20), berth(30)]), []);
  // Two transmitters on one MMSI, 60 km apart: each excursion comes back at once.
  const other = (s: number): EngineEvent => fix(s, 30.77, 45.5, 0);
  const alerts = run([berth(0), other(10), berth(20), berth(30), other(40), berth(50)]);
  assert.deepEqual(alerts.map((x) => [x.start, x.end, x.evidence.kind, x.evidence.sameAsFixAt]), [
    ['2026-03-25T00:00:40.000Z', '2026-03-25T00:00:50.000Z', 'second-transmitter', '2026-03-25T00:00:10.000Z'],
  ]);
});
