import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAgreement } from '../agreement/parse-agreement.js';
import type { Alert } from '../alert/alert.js';
import type { EngineEvent } from '../track/observation.js';
import { TruceEngine } from './engine.js';

const T0 = Date.parse('2026-03-25T00:00:00Z');
const MIN = 60_000;

/** A box 30–31 E, 46–47 N with an anchorage 30.4–30.6 E, 46.4–46.6 N inside it; R1 plain, R2 excluding the anchorage. */
function run(events: EngineEvent[]): { opened: Alert[]; closed: Alert[] } {
  const r = parseAgreement([
    'agreement: t', 'title: T', 'version: 1', 'effective: { from: 2026-03-25T00:00:00Z }', 'parties: {}',
    'zones:',
    '  - { id: box, geometry: { type: Polygon, coordinates: [[[30, 46], [31, 46], [31, 47], [30, 47], [30, 46]]] } }',
    '  - { id: anchorage, geometry: { type: Polygon, coordinates: [[[30.4, 46.4], [30.6, 46.4], [30.6, 46.6], [30.4, 46.6], [30.4, 46.4]]] } }',
    'rules:',
    '  - { id: R1, type: no-loiter, zones: [box], params: { maxSpeedKn: 2, minDuration: 45m } }',
    '  - { id: R2, type: no-loiter, zones: [box], params: { maxSpeedKn: 2, minDuration: 45m, excludeZones: [anchorage] } }',
    '',
  ].join('\n'));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const opened: Alert[] = [];
  const closed: Alert[] = [];
  const engine = new TruceEngine(r.value, { opened: (a) => opened.push(a), closed: (a) => closed.push(a) });
  for (const e of events) engine.push(e);
  engine.finish();
  return { opened, closed };
}

/** A ship at 0.2 kn, one fix every 3 min from minute `from` to minute `to`, at `at(minute)`. */
function stop(from: number, to: number, at: (m: number) => [number, number]): EngineEvent[] {
  const out: EngineEvent[] = [];
  for (let m = from; m <= to; m += 3) {
    const [lon, lat] = at(m);
    out.push({ kind: 'fix', timeMs: T0 + m * MIN, entityId: 'mmsi:271000001', entityKind: 'vessel', lon, lat, speedKn: 0.2 });
  }
  return out;
}

test('a ship loitering inside an exclude zone raises no alert, and does outside it', () => {
  assert.deepEqual(run(stop(0, 90, () => [30.5, 46.5])).opened.map((a) => a.rule), ['R1'], 'in the anchorage');
  assert.deepEqual(run(stop(0, 90, () => [30.2, 46.2])).opened.map((a) => a.rule).sort(), ['R1', 'R2'], 'in open water');
});

test('a loitering run ends when the ship drifts into an exclude zone, as if it left the zone', () => {
  // 60 min stopped just west of the anchorage, then into it at minute 63.
  const { opened, closed } = run(stop(0, 90, (m) => [m < 63 ? 30.39 : 30.41, 46.5]));
  assert.deepEqual(opened.map((a) => a.rule).sort(), ['R1', 'R2']);
  assert.equal(closed.find((a) => a.rule === 'R2')?.end, '2026-03-25T01:03:00.000Z');
  assert.equal(closed.some((a) => a.rule === 'R1'), false, 'the rule without excludeZones still sees a stop in its zone');
});
