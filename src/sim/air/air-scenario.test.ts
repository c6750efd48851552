import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SbsDecoder } from '../../decode/adsb/sbs.js';
import { RadarTrackDecoder } from '../../decode/radar/radar-track.js';
import type { EngineEvent } from '../../core/track/observation.js';
import { createAirTraffic } from './air-traffic.js';
import { simulateAir, type AirLine } from './air-scenario.js';
import { sbsAirbornePosition, sbsAirborneVelocity, sbsDateTime } from './sbs-encode.js';

const START = '2026-03-25T00:00:00Z';
const START_MS = Date.parse(START);
const run = (seed: number, durationMs = 20 * 60_000): AirLine[] => [...simulateAir({ seed, start: START, durationMs })];

test('the same seed gives byte-identical feeds and another seed different ones', () => {
  const a = run(3);
  assert.deepEqual(run(3), a);
  assert.notDeepEqual(run(4).map((l) => l.line), a.map((l) => l.line));
});

test('lines come in time order, within the scenario window, radar header first', () => {
  const lines = run(5);
  assert.equal(lines[0]!.line, 'sensor,track,time,lat,lon,altitude_ft,speed_kt,heading,classification,confidence');
  for (let i = 1; i < lines.length; i++) assert.ok(lines[i]!.timeMs >= lines[i - 1]!.timeMs, `line ${i} in order`);
  assert.ok(lines.every((l) => l.timeMs >= START_MS && l.timeMs < START_MS + 20 * 60_000));
});

test('every position is a pure function of time: asking out of order gives the same state', () => {
  const actors = createAirTraffic({ seed: 9, fromMs: START_MS, toMs: START_MS + 3_600_000 });
  const times = [START_MS + 1_800_000, START_MS + 5_000, START_MS + 3_000_000, START_MS + 5_000];
  for (const a of actors) {
    const first = times.map((t) => JSON.stringify(a.stateAt(t)));
    const again = [...times].reverse().map((t) => JSON.stringify(a.stateAt(t))).reverse();
    assert.deepEqual(again, first);
  }
});

test('background airliners fly FL300–FL390 at 420–480 kt with addresses of their operators\' States, none shared', () => {
  const actors = createAirTraffic({ seed: 2, fromMs: START_MS, toMs: START_MS + 3_600_000 });
  const addresses = new Set<number>();
  let airliners = 0;
  let atCruise = 0;
  for (const a of actors) {
    if (a.identity.feed !== 'sbs') continue;
    assert.ok(!addresses.has(a.identity.icao), `address ${a.identity.icao.toString(16)} unique`);
    addresses.add(a.identity.icao);
    const cs = a.identity.callsign ?? '';
    if (!/^(THY|PGT|ROT|MLD|TGZ)\d+$/.test(cs)) continue;
    airliners++;
    const icao = a.identity.icao;
    const block = cs.startsWith('THY') || cs.startsWith('PGT') ? [0x4b8000, 0x4bffff] : cs.startsWith('ROT') ? [0x4a0000, 0x4a7fff] : cs.startsWith('MLD') ? [0x504c00, 0x504fff] : [0x514000, 0x5143ff];
    assert.ok(icao >= block[0]! && icao <= block[1]!, `${cs} ${icao.toString(16)} in its State's block`);
    let cruise = 0;
    for (let t = START_MS; t <= START_MS + 3_600_000; t += 60_000) {
      const s = a.stateAt(t);
      if (s === null) continue;
      assert.ok(s.speedKt >= 420 && s.speedKt <= 480, `${cs} speed ${s.speedKt}`);
      assert.ok(s.altitudeFt >= 2_000 && s.altitudeFt <= 39_000, `${cs} altitude ${s.altitudeFt}`);
      cruise = Math.max(cruise, s.altitudeFt);
    }
    if (cruise >= 30_000) atCruise++;
  }
  assert.ok(airliners >= 12, `${airliners} airliners`);
  assert.ok(atCruise >= airliners / 2, `${atCruise} of ${airliners} reach FL300+ in the hour`);
});

test('the SBS and radar lines decode back to the simulated fixes without rejections', () => {
  const lines = run(6, 5 * 60_000);
  const events: EngineEvent[] = [];
  const rejects: string[] = [];
  const sink = { event: (e: EngineEvent) => events.push(e), reject: (r: string) => rejects.push(r) };
  const sbs = new SbsDecoder(sink);
  const radar = new RadarTrackDecoder(sink);
  for (const l of lines) (l.feed === 'sbs' ? sbs : radar).push(l.line);
  assert.deepEqual(rejects, []);
  const fixes = events.filter((e) => e.kind === 'fix');
  assert.equal(fixes.length, lines.filter((l) => l.line.startsWith('MSG,3') || (l.feed === 'radar' && !l.line.startsWith('sensor'))).length);
  const air = fixes.find((e) => e.entityKind === 'aircraft')!;
  assert.ok(air.speedKn !== undefined && air.courseDeg !== undefined && air.altitudeFt !== undefined, 'velocity merged into the position');
  assert.ok(fixes.some((e) => e.entityKind === 'radar' && e.classification === 'uav'));
});

test('SBS lines carry 22 fields with the generated date/time', () => {
  const t = Date.UTC(2026, 2, 25, 4, 12, 0, 500);
  assert.equal(sbsDateTime(t), '2026/03/25,04:12:00.500');
  assert.equal(sbsAirbornePosition(0x4ba9c1, t, 36_010, 43.123456, 29.5), 'MSG,3,1,1,4BA9C1,1,2026/03/25,04:12:00.500,2026/03/25,04:12:00.500,,36000,,,43.12346,29.50000,,,0,0,0,0');
  assert.equal(sbsAirborneVelocity(0x4ba9c1, t, 452.4, 359.6, 2400).split(',').length, 22);
  assert.equal(sbsAirborneVelocity(0x4ba9c1, t, 452.4, 359.6, 2400).split(',')[13], '0', 'track 359.6 rounds to 0, not 360');
});
