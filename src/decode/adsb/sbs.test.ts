import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import type { EngineEvent } from '../../core/track/observation.js';
import { REPO_ROOT } from '../../../test/helpers/shared-data.js';
import type { LineCounters } from '../line-tally.js';
import { SbsDecoder, sbsTimeMs } from './sbs.js';

function decode(lines: readonly string[], maxAircraft?: number) {
  const events: EngineEvent[] = [];
  const rejects: { reason: string; detail: string }[] = [];
  const d = new SbsDecoder({ event: (e) => events.push(e), reject: (reason, detail) => rejects.push({ reason, detail }) }, maxAircraft ? { maxAircraft } : {});
  for (const l of lines) d.push(l);
  d.flush();
  return { events, rejects, counters: d.counters };
}

function accounted(c: LineCounters): number {
  return c.blank + c.comments + c.metadata + c.eventLines + c.rejectedLines + c.heldLines;
}

const T0 = Date.UTC(2024, 2, 25, 4, 12, 0);

test('merges an MSG,4 velocity into the following MSG,3 position, every field set', () => {
  const { events, rejects } = decode([
    'MSG,4,1,1,4CA2D6,1,2024/03/25,04:12:00.000,2024/03/25,04:12:00.010,,,431,87.5,,,-640,,,,,0',
    'MSG,3,1,1,4CA2D6,1,2024/03/25,04:12:00.500,2024/03/25,04:12:00.510,,34975,,,46.48123,30.73456,,,0,0,0,0',
  ]);
  assert.deepEqual(rejects, []);
  assert.deepEqual(events, [{
    kind: 'fix', timeMs: T0 + 500, entityId: 'icao:4ca2d6', entityKind: 'aircraft', lon: 30.73456, lat: 46.48123,
    altitudeFt: 34975, speedKn: 431, courseDeg: 87.5, verticalRateFpm: -640, onGround: false,
  }]);
});

test('records the squawk of an MSG,6 on later fixes, and an emergency squawk as is', () => {
  const { events } = decode([
    'MSG,6,1,1,508035,1,2024/03/25,04:12:00.000,2024/03/25,04:12:00.000,,32000,,,,,,7700,-1,-1,0,0',
    'MSG,3,1,1,508035,1,2024/03/25,04:12:01.000,2024/03/25,04:12:01.000,,32000,,,45.1,31.2,,,0,-1,0,0',
  ]);
  assert.equal(events.length, 1);
  assert.equal((events[0] as { squawk?: string }).squawk, '7700');
});

test('emits the callsign of an MSG,1 as static info once, and again only when it changes', () => {
  const line = (cs: string, t: string) => `MSG,1,1,1,4CA2D6,1,2024/03/25,${t},2024/03/25,${t},${cs},,,,,,,,,,,`;
  const { events, counters } = decode([line('RYR4TP  ', '04:12:00.000'), line('RYR4TP', '04:12:05.000'), line('RYR5XY', '04:12:10.000')]);
  assert.deepEqual(events, [
    { kind: 'static', timeMs: T0, entityId: 'icao:4ca2d6', entityKind: 'aircraft', name: 'RYR4TP', callsign: 'RYR4TP' },
    { kind: 'static', timeMs: T0 + 10_000, entityId: 'icao:4ca2d6', entityKind: 'aircraft', name: 'RYR5XY', callsign: 'RYR5XY' },
  ]);
  assert.equal(counters.metadata, 1);
});

test('does not merge a velocity older than a minute into a position', () => {
  const { events } = decode([
    'MSG,4,1,1,4CA2D6,1,2024/03/25,04:12:00.000,,,,,431,87.5,,,0,,,,,0',
    'MSG,3,1,1,4CA2D6,1,2024/03/25,04:13:30.000,,,,34975,,,46.4,30.7,,,0,0,0,0',
  ]);
  assert.equal(events.length, 1);
  assert.equal('speedKn' in events[0]!, false);
  assert.equal('courseDeg' in events[0]!, false);
});

test('takes a surface position (MSG,2) as on the ground with its own speed and track', () => {
  const { events } = decode(['MSG,2,1,1,3C6444,1,2024/03/25,04:12:00.000,2024/03/25,04:12:00.000,,,12,271,46.427,30.676,,,,,,']);
  assert.deepEqual(events, [{ kind: 'fix', timeMs: T0, entityId: 'icao:3c6444', entityKind: 'aircraft', lon: 30.676, lat: 46.427, speedKn: 12, courseDeg: 271, onGround: true }]);
});

test('falls back to the logged time when the generated time is empty', () => {
  const { events } = decode(['MSG,3,1,1,3C6444,1,,,2024/03/25,04:12:00.000,,1000,,,46.4,30.6,,,,,,0']);
  assert.equal(events[0]!.timeMs, T0);
});

test('counts SEL, ID, AIR, STA and CLK lines as metadata, comments as comments', () => {
  const { events, rejects, counters } = decode(['SEL,,496,2286,4CA4E5,27215,2010/02/19,18:06:07.710,2010/02/19,18:06:07.710,RYR1427', 'ID,,496,7162,405637,27928,2010/02/19,18:06:07.115,2010/02/19,18:06:07.115,EZY691A', 'AIR,,496,5906,400F01,27931,2010/02/19,18:06:07.128,2010/02/19,18:06:07.128', 'STA,,5,179,400AE7,10103,2008/11/28,14:58:51.153,2008/11/28,14:58:51.153,RM', 'CLK,,496,-1,,-1,2010/02/19,18:18:19.036,2010/02/19,18:18:19.036', '# comment', '']);
  assert.deepEqual([events.length, rejects.length, counters.metadata, counters.comments, counters.blank], [0, 0, 5, 1, 1]);
});

test('rejects each kind of bad line with its reason', () => {
  const ok = 'MSG,3,1,1,4CA2D6,1,2024/03/25,04:12:00.000,2024/03/25,04:12:00.000,,34975,,,46.4,30.7,,,0,0,0,0';
  const f = ok.split(',');
  const withField = (i: number, v: string) => f.map((x, j) => (j === i ? v : x)).join(',');
  const { rejects, events } = decode([
    ok + ',extra',
    withField(1, '9'),
    withField(4, '4CA2D'),
    withField(4, '~4CA2D'),
    withField(6, '2024/13/25'),
    withField(7, '25:00:00'),
    withField(11, '35k'),
    withField(14, '91.2'),
    withField(15, ''),
    withField(17, '7800'),
    'garbage',
  ]);
  assert.equal(events.length, 0);
  assert.deepEqual(rejects.map((r) => r.reason), [
    'wrong-field-count', 'bad-message-type', 'bad-hex-ident', 'bad-hex-ident', 'bad-time', 'bad-time', 'bad-number', 'bad-position', 'bad-position', 'bad-number', 'not-sbs',
  ]);
});

test('reads generated times with and without fractions, and refuses impossible dates', () => {
  assert.equal(sbsTimeMs('2024/03/25', '04:12:00.123'), T0 + 123);
  assert.equal(sbsTimeMs('2024/03/25', '04:12:00'), T0);
  assert.equal(sbsTimeMs('2023/02/29', '00:00:00'), undefined);
  assert.equal(sbsTimeMs('2024-03-25', '04:12:00'), undefined);
});

test('keeps per-aircraft state bounded: an evicted aircraft loses its remembered velocity', () => {
  const { events } = decode([
    'MSG,4,1,1,000001,1,2024/03/25,04:12:00.000,,,,,400,10,,,0,,,,,',
    'MSG,4,1,1,000002,1,2024/03/25,04:12:00.000,,,,,300,20,,,0,,,,,',
    'MSG,3,1,1,000001,1,2024/03/25,04:12:01.000,,,,30000,,,45,30,,,,,,',
  ], 1);
  assert.equal('speedKn' in events[0]!, false);
});

// test/fixtures/in/sbs-sample.sbs was converted from the real OpenSky state vectors of
// ../shared/data/adsb/opensky-switzerland-2018-08-01.json.gz (no recorded SBS log exists in
// the shared data): each state became an MSG,4 velocity line then an MSG,3 position line.
test('decodes the SBS sample converted from real OpenSky Switzerland state vectors', () => {
  const lines = readFileSync(resolve(REPO_ROOT, 'test/fixtures/in/sbs-sample.sbs'), 'latin1').split('\n');
  const { events, rejects, counters } = decode(lines);
  assert.deepEqual(rejects, []);
  const fixes = events.filter((e) => e.kind === 'fix');
  const positionLines = lines.filter((l) => l.startsWith('MSG,3,')).length;
  assert.equal(fixes.length, positionLines);
  assert.ok(fixes.length >= 200);
  assert.ok(fixes.every((f) => f.kind === 'fix' && f.speedKn !== undefined && f.courseDeg !== undefined && f.altitudeFt !== undefined));
  assert.equal(accounted(counters), counters.lines);
});

test('arbitrary text never throws and every line is an event, metadata or a rejection with a reason', () => {
  const sbsish = fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.array(fc.oneof(fc.constantFrom('MSG', '3', '4CA2D6', '2024/03/25', '04:12:00.000', '46.4', '-1', ''), fc.string({ maxLength: 8 })), { minLength: 20, maxLength: 24 }).map((a) => a.join(','))), { maxLength: 40 });
  fc.assert(fc.property(sbsish, (lines) => {
    const { counters, rejects } = decode(lines);
    assert.equal(counters.lines, lines.length);
    assert.equal(accounted(counters), lines.length);
    assert.equal(rejects.length, counters.rejectedLines);
    assert.ok(rejects.every((r) => r.reason !== '' && r.detail !== ''));
  }), { numRuns: 500 });
});
