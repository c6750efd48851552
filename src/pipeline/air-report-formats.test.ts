import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import type { EngineEvent } from '../core/track/observation.js';
import { REPO_ROOT, sharedDataPath } from '../../test/helpers/shared-data.js';
import { detectFormat, FORMATS, formatByName } from './formats.js';
import { openInputs } from './open-inputs.js';

const fixture = (name: string) => resolve(REPO_ROOT, 'test/fixtures/in', name);

/** Opens a file the way `vigil check` does (format detected from content) and decodes it all. */
async function run(path: string) {
  const [input] = await openInputs([path]);
  const events: EngineEvent[] = [];
  const rejects: string[] = [];
  const d = input!.format.create({ event: (e) => events.push(e), reject: (reason) => rejects.push(reason) });
  for await (const batch of input!.lines) for (const l of batch) d.push(l);
  d.flush();
  return { format: input!.format.name, events, rejects, stats: d.stats() };
}

test('registers the air and report formats after AIS, the loosest detection (opensky) last', () => {
  assert.deepEqual(FORMATS.map((f) => f.name), ['ais', 'sbs', 'radar', 'acled', 'reports', 'cot', 'opensky']);
  for (const n of ['sbs', 'opensky', 'radar', 'reports', 'acled']) assert.equal(formatByName(n)?.name, n);
});

test('detects each sample from its content and decodes it without a rejection', async () => {
  const expected: [string, string, number][] = [
    ['sbs-sample.sbs', 'sbs', 244],
    ['radar-sample.csv', 'radar', 24],
    ['reports-sample.jsonl', 'reports', 8],
  ];
  for (const [file, format, events] of expected) {
    const r = await run(fixture(file));
    assert.equal(r.format, format, file);
    assert.deepEqual(r.rejects, [], file);
    assert.equal(r.events.length, events, file);
  }
});

test('detects the ACLED sample and keeps every row as a report or a rejection', async () => {
  const r = await run(fixture('acled-sample.csv'));
  assert.equal(r.format, 'acled');
  assert.equal(r.events.length + r.rejects.length, 30);
  assert.deepEqual(r.stats.rejected, { 'missing-coordinates': 1, 'bad-date': 1, 'bad-field': 1 });
});

test('detects and decodes the real gzipped single-line OpenSky file through the ingest', async () => {
  const r = await run(sharedDataPath('adsb/opensky-switzerland-2018-08-01.json.gz'));
  assert.equal(r.format, 'opensky');
  assert.deepEqual(r.rejects, []);
  assert.equal(r.events.filter((e) => e.kind === 'fix').length, 139_098);
});

test('detects the real column-oriented spoofing flight and the OpenSky positions CSV as opensky', async () => {
  assert.equal((await openInputs([sharedDataPath('adsb/gnss-spoofing-thy9bp-2024-09-17.json.gz')]))[0]!.format.name, 'opensky');
  assert.equal((await openInputs([sharedDataPath('adsb/opensky-ms804-positions.csv')]))[0]!.format.name, 'opensky');
});

test('still detects AIS first, and leaves unknown text unrecognised', () => {
  assert.equal(detectFormat(['!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A'])?.name, 'ais');
  assert.equal(detectFormat(['hello world']), undefined);
  assert.equal(detectFormat(['{"id":"r1","time":"2026-03-25T02:10:00Z","lat":46,"lon":30,"category":"other","icao24":"4ca2d6"}'])?.name, 'reports');
  assert.equal(detectFormat(['# comment', 'MSG,3,1,1,4CA2D6,1,2024/03/25,04:12:00.000,,,,35000,,,46,30,,,,,,0'])?.name, 'sbs');
});
