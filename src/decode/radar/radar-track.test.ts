import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import type { EngineEvent, Fix } from '../../core/track/observation.js';
import { REPO_ROOT } from '../../../test/helpers/shared-data.js';
import type { LineCounters } from '../line-tally.js';
import { looksLikeRadarTracks, RadarTrackDecoder } from './radar-track.js';

function decode(lines: readonly string[]) {
  const events: EngineEvent[] = [];
  const rejects: { reason: string; detail: string }[] = [];
  const d = new RadarTrackDecoder({ event: (e) => events.push(e), reject: (reason, detail) => rejects.push({ reason, detail }) });
  for (const l of lines) d.push(l);
  d.flush();
  return { events, rejects, counters: d.counters };
}

function accounted(c: LineCounters): number {
  return c.blank + c.comments + c.metadata + c.eventLines + c.rejectedLines + c.heldLines;
}

const T = Date.UTC(2026, 2, 25, 2, 10, 0);
const HEADER = 'sensor,track,time,lat,lon,altitude_ft,speed_kt,heading,classification,confidence';

test('decodes a radar CSV row into a radar fix with every field', () => {
  const { events, rejects } = decode([HEADER, 'FR-E3F-1,2041,2026-03-25T02:10:00Z,46.1,31.2,1500,90,315,UAV,0.8']);
  assert.deepEqual(rejects, []);
  const expected: Fix = { kind: 'fix', timeMs: T, entityId: 'track:FR-E3F-1:2041', entityKind: 'radar', lon: 31.2, lat: 46.1, classification: 'uav', source: 'FR-E3F-1', altitudeFt: 1500, speedKn: 90, courseDeg: 315 };
  assert.deepEqual(events, [expected]);
});

test('decodes the same plot from JSON Lines, and leaves an absent classification unknown', () => {
  const { events, rejects } = decode([
    '{"sensor":"FR-E3F-1","track":2041,"time":"2026-03-25T02:10:00Z","lat":46.1,"lon":31.2,"altitudeFt":1500,"speedKt":90,"heading":315,"classification":"uav","confidence":0.8}',
    '{"sensor":"RO-1","track":"7","time":1774404600,"lat":45,"lon":30}',
  ]);
  assert.deepEqual(rejects, []);
  assert.deepEqual(events, [
    { kind: 'fix', timeMs: T, entityId: 'track:FR-E3F-1:2041', entityKind: 'radar', lon: 31.2, lat: 46.1, classification: 'uav', source: 'FR-E3F-1', altitudeFt: 1500, speedKn: 90, courseDeg: 315 },
    { kind: 'fix', timeMs: T, entityId: 'track:RO-1:7', entityKind: 'radar', lon: 30, lat: 45, classification: 'unknown', source: 'RO-1' },
  ]);
});

test('accepts a CSV with only the required columns, in another order', () => {
  const { events } = decode(['sensor,track,lon,lat,time', 'S1,1,30.5,45.5,2026-03-25T02:10:00Z']);
  assert.equal(events.length, 1);
  assert.equal((events[0] as Fix).lat, 45.5);
});

test('rejects bad plots with their reasons', () => {
  const { rejects, events } = decode([
    HEADER,
    'FR:1,2041,2026-03-25T02:10:00Z,46.1,31.2,,,,,',
    'FR,2041,25/03/2026,46.1,31.2,,,,,',
    'FR,2041,2026-03-25T02:10:00Z,46.1,191.2,,,,,',
    'FR,2041,2026-03-25T02:10:00Z,46.1,31.2,,,,balloon,',
    'FR,2041,2026-03-25T02:10:00Z,46.1,31.2,,,,uav,1.5',
    'FR,2041,2026-03-25T02:10:00Z,46.1,31.2,,,400,uav,',
    'FR,2041,2026-03-25T02:10:00Z,46.1',
  ]);
  assert.equal(events.length, 0);
  assert.deepEqual(rejects.map((r) => r.reason), ['bad-id', 'bad-time', 'bad-position', 'bad-classification', 'bad-number', 'bad-number', 'wrong-field-count']);
});

test('rejects JSON lines that are not objects', () => {
  const { rejects } = decode(['{"sensor":"A","track":"1","time":"2026-03-25T02:10:00Z","lat":1,"lon":2}', '[1,2]', '{"sensor":', 'null']);
  assert.deepEqual(rejects.map((r) => r.reason), ['bad-json', 'bad-json', 'bad-json']);
});

test('detects radar CSV headers and JSON lines with sensor and track keys only', () => {
  assert.ok(looksLikeRadarTracks([HEADER]));
  assert.ok(looksLikeRadarTracks(['{"sensor":"A","track":"1","time":1}']));
  assert.equal(looksLikeRadarTracks(['{"sensor":"A","time":1}']), false);
  assert.equal(looksLikeRadarTracks(['time,icao24,lat,lon']), false);
});

test('decodes the radar sample fixture without a rejection', () => {
  const lines = readFileSync(resolve(REPO_ROOT, 'test/fixtures/in/radar-sample.csv'), 'utf8').split('\n');
  const { events, rejects, counters } = decode(lines);
  assert.deepEqual(rejects, []);
  assert.equal(events.length, 24);
  assert.deepEqual([...new Set(events.map((e) => (e as Fix).classification))].sort(), ['fixed-wing', 'missile', 'rotary', 'uav', 'unknown']);
  assert.equal(accounted(counters), counters.lines);
});

test('arbitrary text never throws and every line is an event, metadata or a rejection with a reason', () => {
  const cell = fc.oneof(fc.constantFrom('S1', '7', '2026-03-25T02:10:00Z', '46.1', '31.2', 'uav', '0.5', '', '"a,b"'), fc.string({ maxLength: 6 }));
  const row = fc.array(cell, { minLength: 8, maxLength: 11 }).map((a) => a.join(','));
  const lines = fc.oneof(
    fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 120 }), fc.json({ maxDepth: 2 })), { maxLength: 30 }),
    fc.array(row, { maxLength: 30 }).map((a) => [HEADER, ...a]),
  );
  fc.assert(fc.property(lines, (ls) => {
    const { counters, rejects } = decode(ls);
    assert.equal(accounted(counters), ls.length);
    assert.equal(counters.heldLines, 0);
    assert.equal(rejects.length, Object.values(counters.rejected).reduce((a, b) => a + b, 0));
    assert.ok(rejects.every((r) => r.reason !== '' && r.detail !== ''));
  }), { numRuns: 500 });
});
