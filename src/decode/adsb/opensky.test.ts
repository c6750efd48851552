import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { EngineEvent, Fix } from '../../core/track/observation.js';
import { sharedDataPath } from '../../../test/helpers/shared-data.js';
import type { LineCounters } from '../line-tally.js';
import { looksLikeOpenSky, OpenSkyDecoder } from './opensky.js';

function decode(lines: readonly string[], maxDocumentChars?: number) {
  const events: EngineEvent[] = [];
  const rejects: { reason: string; detail: string }[] = [];
  const d = new OpenSkyDecoder({ event: (e) => events.push(e), reject: (reason, detail) => rejects.push({ reason, detail }) }, maxDocumentChars ? { maxDocumentChars } : {});
  for (const l of lines) d.push(l);
  d.flush();
  return { events, rejects, counters: d.counters, fixes: events.filter((e): e is Fix => e.kind === 'fix') };
}

function accounted(c: LineCounters): number {
  return c.blank + c.comments + c.metadata + c.eventLines + c.rejectedLines + c.heldLines;
}

/** Splits text into lines the way the ingest does: at newlines, and long lines cut at 65,536 characters. */
function asIngested(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) for (let i = 0; i < line.length || i === 0; i += 65_536) out.push(line.slice(i, i + 65_536));
  return out;
}

test('converts a REST states response to ft, kt and ft/min (checked by hand)', () => {
  // 10058.4 m / 0.3048 = 33000 ft; 100 m/s × 3600/1852 = 194.384… kt; 5.08 m/s × 60 / 0.3048 = 1000 ft/min.
  const doc = {
    time: 1711339920,
    states: [
      ['4ca2d6', 'RYR4TP  ', 'Ireland', 1711339915, 1711339919, 30.7, 46.5, 10058.4, false, 100, 87.5, 5.08, null, 10100, '7700', false, 0],
      ['508035', 'AUI101  ', 'Ukraine', null, 1711339919, null, null, null, true, 0, 0, null, null, null, null, false, 0],
    ],
  };
  const { events, rejects } = decode([JSON.stringify(doc)]);
  assert.deepEqual(rejects, []);
  assert.deepEqual(events, [
    { kind: 'static', timeMs: 1711339915000, entityId: 'icao:4ca2d6', entityKind: 'aircraft', name: 'RYR4TP', callsign: 'RYR4TP' },
    { kind: 'fix', timeMs: 1711339915000, entityId: 'icao:4ca2d6', entityKind: 'aircraft', lon: 30.7, lat: 46.5, altitudeFt: 33000, speedKn: 194.38, courseDeg: 87.5, verticalRateFpm: 1000, onGround: false, squawk: '7700' },
    { kind: 'static', timeMs: 1711339919000, entityId: 'icao:508035', entityKind: 'aircraft', name: 'AUI101', callsign: 'AUI101' },
  ]);
});

test('reads a pretty-printed states document held until the end of input', () => {
  const text = JSON.stringify({ time: 1711339920, states: [['4ca2d6', null, 'Ireland', null, null, 30.7, 46.5, null, false, null, null, null, null, 1000, null, false, 0]] }, null, 2);
  const { fixes, counters } = decode(text.split('\n'));
  assert.equal(fixes.length, 1);
  assert.equal(fixes[0]!.timeMs, 1711339920000);
  assert.equal(fixes[0]!.altitudeFt, 3281);
  assert.equal(accounted(counters), counters.lines);
});

test('reads the historical dump CSV in metres and m/s', () => {
  const { fixes, rejects, events } = decode([
    'time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact',
    '1711339920,4ca2d6,46.5,30.7,100.0,87.5,-5.08,RYR4TP  ,False,False,False,1200,10058.4,10100.0,1711339919.5,1711339919.9',
    '1711339930,4ca2d6,,,100.0,87.5,0,RYR4TP  ,False,False,False,1200,,,,',
  ]);
  assert.deepEqual(rejects, []);
  assert.equal(events.length, 2);
  assert.deepEqual(fixes, [{ kind: 'fix', timeMs: 1711339920000, entityId: 'icao:4ca2d6', entityKind: 'aircraft', lon: 30.7, lat: 46.5, altitudeFt: 33000, speedKn: 194.38, courseDeg: 87.5, verticalRateFpm: -1000, onGround: false, squawk: '1200' }]);
});

test('rejects CSV rows and records with their reasons', () => {
  const { rejects } = decode([
    'time,icao24,lat,lon,velocity',
    '1711339920,4ca2d6,46.5,30.7',
    '1711339920,4ca2dz,46.5,30.7,1',
    'yesterday,4ca2d6,46.5,30.7,1',
    '1711339920,4ca2d6,96.5,30.7,1',
    '1711339920,4ca2d6,46.5,30.7,fast',
  ]);
  assert.deepEqual(rejects.map((r) => r.reason), ['wrong-field-count', 'bad-icao24', 'bad-time', 'bad-position', 'bad-number']);
});

test('rejects a CSV without an icao24 column, then each of its rows', () => {
  const { rejects, counters } = decode(['time,hex,lat,lon', '1,2,3,4']);
  assert.deepEqual(rejects.map((r) => r.reason), ['bad-header', 'no-header']);
  assert.equal(counters.rejectedLines, 2);
});

test('recovers the good lines of JSON Lines with a broken line', () => {
  const { fixes, rejects } = decode([
    '{"timestamp":1533101250000,"icao24":"3003ae","latitude":45.8,"longitude":9.2,"altitude":34975}',
    '{"timestamp":1533101260000,"icao24":"3003ae","latitude":45.9,',
    '{"timestamp":1533101270000,"icao24":"3003ae","latitude":46.0,"longitude":9.1,"altitude":35100}',
  ]);
  assert.deepEqual(fixes.map((f) => f.lat), [45.8, 46]);
  assert.deepEqual(rejects.map((r) => r.reason), ['bad-json']);
});

test('rejects a document over the size bound and skips the rest of the input', () => {
  const { rejects, events, counters } = decode(['[', '{"timestamp":1,"icao24":"3003ae"},', '{"timestamp":2,"icao24":"3003ae"}', ']'], 20);
  assert.deepEqual(rejects.map((r) => r.reason), ['document-too-large']);
  assert.equal(events.length, 0);
  assert.equal(accounted(counters), 4);
});

test('detects each OpenSky shape from its first lines and nothing else', () => {
  assert.ok(looksLikeOpenSky(['{"time":1711339920,"states":[["4ca2d6"']));
  assert.ok(looksLikeOpenSky(['{"time":1711339920,"states":null}']));
  assert.ok(looksLikeOpenSky(['[{"timestamp":1533101250000,"altitude":34975.0,"callsign":"DLH8JW","icao24":"3003ae"']));
  assert.ok(looksLikeOpenSky(['{"timestamp":{"0":1726560266000},"icao24":{"0":"4baac6"}}']));
  assert.ok(looksLikeOpenSky(['time,icao24,lat,lon,velocity,heading']));
  assert.ok(looksLikeOpenSky(['icao24,callsign,timestamp,longitude,latitude,altitude_m,accuracy_m']));
  assert.equal(looksLikeOpenSky(['sensor,track,time,lat,lon']), false);
  assert.equal(looksLikeOpenSky(['{"id":"r1","description":"the \\"icao24\\": field"}']), false);
  assert.equal(looksLikeOpenSky(['MSG,3,1,1,4CA2D6']), false);
});

test('parses the real OpenSky Switzerland file: one fix per record with a position', () => {
  const text = gunzipSync(readFileSync(sharedDataPath('adsb/opensky-switzerland-2018-08-01.json.gz'))).toString('latin1');
  const records = JSON.parse(text) as { latitude: number | null; longitude: number | null }[];
  const withPosition = records.filter((r) => typeof r.latitude === 'number' && typeof r.longitude === 'number').length;
  const lines = asIngested(text);
  assert.ok(lines.length > 400, 'the single-line file reaches the decoder cut into pieces');
  assert.ok(looksLikeOpenSky(lines.slice(0, 200)));
  const { fixes, rejects, counters } = decode(lines);
  assert.deepEqual(rejects, []);
  assert.equal(withPosition, 139_098);
  assert.equal(fixes.length, withPosition);
  assert.equal(new Set(fixes.map((f) => f.entityId)).size, 842);
  assert.deepEqual(fixes[0], { kind: 'fix', timeMs: 1533101250000, entityId: 'icao:3003ae', entityKind: 'aircraft', lon: 9.2295455933, lat: 45.8189849854, altitudeFt: 34975, speedKn: 443.4869334744, courseDeg: 324.2670817753, verticalRateFpm: 960 });
  assert.equal(accounted(counters), counters.lines);
});

test('parses the real column-oriented GNSS-spoofing flight', () => {
  const text = gunzipSync(readFileSync(sharedDataPath('adsb/gnss-spoofing-thy9bp-2024-09-17.json.gz'))).toString('latin1');
  const lines = asIngested(text);
  assert.ok(looksLikeOpenSky(lines.slice(0, 200)));
  const cols = JSON.parse(text) as { latitude: Record<string, number | null>; longitude: Record<string, number | null> };
  const keys = Object.keys(cols.latitude);
  const withPosition = keys.filter((k) => cols.latitude[k] !== null && cols.longitude[k] !== null).length;
  const { fixes, rejects, events, counters } = decode(lines);
  assert.deepEqual(rejects, []);
  assert.deepEqual([keys.length, withPosition], [8681, 8670]);
  assert.equal(fixes.length, withPosition);
  assert.equal(counters.recordsWithoutEvent, 11);
  assert.ok(fixes.every((f) => f.entityId === 'icao:4baac6'));
  assert.deepEqual(events.filter((e) => e.kind === 'static').map((e) => (e as { name?: string }).name), ['THY9BP']);
  assert.equal(fixes[0]!.timeMs, 1726560266000);
});

test('parses the real OpenSky positions CSV of flight MS804', () => {
  const lines = readFileSync(sharedDataPath('adsb/opensky-ms804-positions.csv'), 'latin1').split('\n');
  assert.ok(looksLikeOpenSky(lines.slice(0, 5)));
  const { fixes, rejects, counters } = decode(lines);
  assert.deepEqual(rejects, []);
  assert.equal(fixes.length, lines.filter((l) => l.trim() !== '').length - 1);
  assert.equal(fixes[0]!.altitudeFt, 36000);
  assert.equal(accounted(counters), counters.lines);
});

test('arbitrary text never throws and every line and record is accounted for with a reason', () => {
  const jsonish = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.json({ maxDepth: 3 }),
    fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.double(), fc.constant(null), fc.boolean()), { maxLength: 18 }).map((sv) => JSON.stringify({ time: 1711339920, states: [sv] })),
    fc.array(fc.oneof(fc.constantFrom('1711339920', '4ca2d6', '46.5', 'True', ''), fc.string({ maxLength: 6 })), { minLength: 4, maxLength: 4 }).map((a) => a.join(',')),
  );
  fc.assert(fc.property(fc.oneof(fc.array(jsonish, { maxLength: 20 }), fc.array(jsonish, { maxLength: 20 }).map((a) => ['time,icao24,lat,lon', ...a])), (lines) => {
    const { counters, rejects } = decode(lines);
    assert.equal(counters.lines, lines.length);
    assert.equal(accounted(counters), lines.length);
    assert.ok(rejects.every((r) => r.reason !== '' && r.detail !== ''));
    assert.equal(rejects.length, Object.values(counters.rejected).reduce((a, b) => a + b, 0));
  }), { numRuns: 400 });
});
