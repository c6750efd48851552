import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import type { EngineEvent, ReportEvent } from '../../core/track/observation.js';
import { REPO_ROOT } from '../../../test/helpers/shared-data.js';
import type { LineCounters } from '../line-tally.js';
import { looksLikeReports, ReportDecoder } from './report-decoder.js';

function decode(lines: readonly string[]) {
  const events: EngineEvent[] = [];
  const rejects: { reason: string; detail: string }[] = [];
  const d = new ReportDecoder({ event: (e) => events.push(e), reject: (reason, detail) => rejects.push({ reason, detail }) });
  for (const l of lines) d.push(l);
  d.flush();
  return { events: events as ReportEvent[], rejects, counters: d.counters };
}

function accounted(c: LineCounters): number {
  return c.blank + c.comments + c.metadata + c.eventLines + c.rejectedLines + c.heldLines;
}

const SPEC_EXAMPLE = '{"id":"ua-af-2026-03-25-001","time":"2026-03-25T02:10:00Z","lat":46.48,"lon":30.73,"category":"drone-attack","party":"RU","source":"UA Air Force","sourceType":"party","description":"…","timePrecision":"minute","geoPrecision":"town"}';

test('reads the SPEC example report into a report event at the report time', () => {
  const { events, rejects } = decode([SPEC_EXAMPLE]);
  assert.deepEqual(rejects, []);
  assert.deepEqual(events, [{
    kind: 'report', timeMs: Date.UTC(2026, 2, 25, 2, 10), entityId: 'report:ua-af-2026-03-25-001',
    report: { id: 'ua-af-2026-03-25-001', time: '2026-03-25T02:10:00Z', lat: 46.48, lon: 30.73, category: 'drone-attack', party: 'RU', source: 'UA Air Force', sourceType: 'party', description: '…', geoPrecision: 'town', timePrecision: 'minute' },
  }]);
});

test('keeps unknown keys, casualties, links and attachments (hash lower-cased)', () => {
  const sha = 'AB'.repeat(32);
  const { events } = decode([JSON.stringify({ id: 'r1', time: '2026-03-25T02:10:00+02:00', lat: 46, lon: 30, category: 'Air strike', casualties: { killed: 1, injured: 3 }, links: ['https://example.org/a'], attachments: [{ sha256: sha, name: 'a.jpg' }], verifiedBy: 'FR', extra: { nested: true } })]);
  assert.deepEqual(events[0]!.report, {
    id: 'r1', time: '2026-03-25T00:10:00Z', lat: 46, lon: 30, category: 'air-strike', casualties: { killed: 1, injured: 3 }, links: ['https://example.org/a'],
    attachments: [{ sha256: 'ab'.repeat(32), name: 'a.jpg' }], verifiedBy: 'FR', extra: { nested: true },
  });
});

test('keeps the same incident from two sources as two reports', () => {
  const a = { time: '2026-03-25T02:10:00Z', lat: 46.48, lon: 30.73, category: 'drone-attack', description: 'same' };
  const { events } = decode([JSON.stringify({ id: 'a-1', source: 'UA Air Force', ...a }), JSON.stringify({ id: 'b-7', source: 'OSINT', ...a })]);
  assert.deepEqual(events.map((e) => e.entityId), ['report:a-1', 'report:b-7']);
});

test('rejects reports that break the schema, each with its reason', () => {
  const base = { id: 'r1', time: '2026-03-25T02:10:00Z', lat: 46, lon: 30, category: 'shelling' };
  const { rejects, events } = decode([
    JSON.stringify({ ...base, id: 'has space' }),
    JSON.stringify({ ...base, time: '25/03/2026' }),
    JSON.stringify({ ...base, lat: 95 }),
    JSON.stringify({ ...base, lon: undefined }),
    JSON.stringify({ ...base, category: 'riot' }),
    JSON.stringify({ ...base, party: 7 }),
    JSON.stringify({ ...base, timePrecision: 'fortnight' }),
    JSON.stringify({ ...base, casualties: { killed: -1 } }),
    JSON.stringify({ ...base, attachments: [{ sha256: 'abc' }] }),
    '{"id": "r1",',
    '"just a string"',
  ]);
  assert.equal(events.length, 0);
  assert.deepEqual(rejects.map((r) => r.reason), ['bad-id', 'bad-time', 'bad-position', 'missing-position', 'bad-category', 'bad-field', 'bad-field', 'bad-field', 'bad-attachment', 'bad-json', 'bad-json']);
});

test('reads reports from CSV, with | separated links and attachments and casualty columns', () => {
  const sha = 'c'.repeat(64);
  const { events, rejects } = decode([
    'id,time,timePrecision,lat,lon,geoPrecision,category,party,source,sourceType,description,killed,injured,links,attachments,cell',
    `obs-1,2026-03-25T02:10:00Z,minute,46.48,30.73,town,drone-attack,RU,Observer team 1,observer,"Drone hit the port, two cranes damaged",0,2,https://example.org/1|https://example.org/2,${sha}:photo.jpg|${'d'.repeat(64)},FR-2`,
    'obs-2,2026-03-25T03:00:00Z,,46.5,30.7,,other,,,,,,,,,',
  ]);
  assert.deepEqual(rejects, []);
  assert.deepEqual(events.map((e) => e.report), [
    { id: 'obs-1', time: '2026-03-25T02:10:00Z', lat: 46.48, lon: 30.73, category: 'drone-attack', party: 'RU', source: 'Observer team 1', sourceType: 'observer', description: 'Drone hit the port, two cranes damaged', geoPrecision: 'town', timePrecision: 'minute', casualties: { killed: 0, injured: 2 }, links: ['https://example.org/1', 'https://example.org/2'], attachments: [{ sha256: sha, name: 'photo.jpg' }, { sha256: 'd'.repeat(64) }], cell: 'FR-2' },
    { id: 'obs-2', time: '2026-03-25T03:00:00Z', lat: 46.5, lon: 30.7, category: 'other' },
  ]);
});

test('rejects a CSV row with a bad casualty count or coordinates', () => {
  const { rejects } = decode(['id,time,lat,lon,category,killed', 'x,2026-03-25T02:10:00Z,46,30,shelling,two', 'y,2026-03-25T02:10:00Z,north,30,shelling,']);
  assert.deepEqual(rejects.map((r) => r.reason), ['bad-field', 'bad-position']);
});

test('detects report JSON lines and report CSV headers', () => {
  assert.ok(looksLikeReports([SPEC_EXAMPLE]));
  assert.ok(looksLikeReports(['id,time,lat,lon,category,party']));
  assert.equal(looksLikeReports(['{"sensor":"A","track":"1"}']), false);
  assert.equal(looksLikeReports(['event_id_cnty,event_date,latitude,longitude']), false);
});

test('decodes the reports sample fixture without a rejection', () => {
  const lines = readFileSync(resolve(REPO_ROOT, 'test/fixtures/in/reports-sample.jsonl'), 'utf8').split('\n');
  const { events, rejects, counters } = decode(lines);
  assert.deepEqual(rejects, []);
  assert.equal(events.length, 8);
  assert.equal(accounted(counters), counters.lines);
});

test('arbitrary text never throws and every line is an event, metadata or a rejection with a reason', () => {
  const field = fc.oneof(fc.constantFrom('r1', '2026-03-25T02:10:00Z', '46.4', '30.7', 'shelling', 'RU', '"a,""b"""', ''), fc.string({ maxLength: 8 }));
  const lines = fc.oneof(
    fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 150 }), fc.json({ maxDepth: 2 }), fc.record({ id: fc.string(), time: fc.string(), lat: fc.double(), lon: fc.double(), category: fc.constantFrom('shelling', 'mine', 'x') }).map((o) => JSON.stringify(o))), { maxLength: 30 }),
    fc.array(fc.array(field, { minLength: 5, maxLength: 7 }).map((a) => a.join(',')), { maxLength: 30 }).map((a) => ['id,time,lat,lon,category,party', ...a]),
  );
  fc.assert(fc.property(lines, (ls) => {
    const { counters, rejects } = decode(ls);
    assert.equal(accounted(counters), ls.length);
    assert.equal(rejects.length, Object.values(counters.rejected).reduce((a, b) => a + b, 0));
    assert.ok(rejects.every((r) => r.reason !== '' && r.detail !== ''));
  }), { numRuns: 500 });
});
