import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { EngineEvent } from '../../core/track/observation.js';
import type { LineCounters } from '../../decode/line-tally.js';
import { COT_REJECT_REASONS, CotDecoder, MAX_EVENT_CHARS } from './cot-decoder.js';
import { COT_FORMAT, looksLikeCot } from './cot-format.js';
import { parseXml } from './cot-xml.js';

function decode(lines: readonly string[]) {
  const events: EngineEvent[] = [];
  const rejects: { reason: string; detail: string; line: string }[] = [];
  const d = new CotDecoder({ event: (e) => events.push(e), reject: (reason, detail, line) => rejects.push({ reason, detail, line }) });
  for (const l of lines) d.push(l);
  d.flush();
  return { events, rejects, counters: d.counters, reasons: rejects.map((r) => r.reason) };
}

function accounted(c: LineCounters): number {
  return c.blank + c.comments + c.metadata + c.eventLines + c.rejectedLines + c.heldLines;
}

const TIME = 'time="2026-03-25T02:10:00Z" start="2026-03-25T02:10:00Z" stale="2026-03-25T02:15:00Z"';
const ev = (uid: string, type: string, inner = '<point lat="44.6" lon="33.5" hae="9999999" ce="9999999" le="9999999"/>', time = TIME) =>
  `<event version="2.0" uid="${uid}" type="${type}" ${time} how="m-g">${inner}</event>`;
const T = Date.UTC(2026, 2, 25, 2, 10);

test('a sea atom from ATAK becomes a vessel fix of track:cot:UID, its callsign static info, speed m/s → kn', () => {
  const { events, rejects } = decode([ev('ANDROID-589520ccfcd20f01', 'a-u-S', '<point lat="44.6" lon="33.5" hae="12" ce="10" le="10"/><detail><contact callsign="PATROL 7"/><track course="270.5" speed="5.144444"/></detail>')]);
  assert.deepEqual(rejects, []);
  assert.deepEqual(events, [
    { kind: 'static', timeMs: T, entityId: 'track:cot:ANDROID-589520ccfcd20f01', entityKind: 'vessel', name: 'PATROL 7', shipType: undefined, callsign: undefined, imo: undefined },
    { kind: 'fix', timeMs: T, entityId: 'track:cot:ANDROID-589520ccfcd20f01', entityKind: 'vessel', lon: 33.5, lat: 44.6, speedKn: 5.144444 / (1852 / 3600), courseDeg: 270.5 },
  ]);
});

test('a vessel\'s 2525 function becomes its AIS ship type, so category rules apply to CoT tracks', () => {
  const { events } = decode([ev('op-1', 'a-h-S-C-L-F-F'), ev('op-1', 'a-h-S-C-L-F-F'), ev('op-1', 'a-n-S-X-M-O')]);
  assert.deepEqual(events.filter((e) => e.kind === 'static').map((e) => (e as { shipType?: number }).shipType), [35, 80]);
});

test('air atoms are radar-kind fixes with a classification from the 2525 function and hae as altitude', () => {
  const { events } = decode([
    ev('uav-1', 'a-h-A-M-F-Q', '<point lat="46.1" lon="31.2" hae="304.8" ce="50" le="50"/>'),
    ev('msl-1', 'a-u-A-W-M', '<point lat="46.1" lon="31.2" hae="9999999" ce="50" le="50"/>'),
    ev('helo-1', 'a-n-A-C-H', '<point lat="46.1" lon="31.2" hae="0" ce="50" le="50"/>'),
    ev('air-1', 'a-u-A', '<point lat="46.1" lon="31.2" hae="0" ce="50" le="50"/>'),
  ]);
  assert.deepEqual(events.map((e) => e.kind === 'fix' ? [e.entityId, e.entityKind, e.classification, e.altitudeFt === undefined ? undefined : Math.round(e.altitudeFt)] : e.kind), [
    ['track:cot:uav-1', 'radar', 'uav', 1000],
    ['track:cot:msl-1', 'radar', 'missile', undefined],
    ['track:cot:helo-1', 'radar', 'rotary', 0],
    ['track:cot:air-1', 'radar', 'unknown', 0],
  ]);
});

test('Vigil\'s own track uids give back the original entity ids and kinds', () => {
  const { events } = decode([
    ev('vigil.track.mmsi:273456780', 'a-n-S-X-M'),
    ev('vigil.track.icao:4b1805', 'a-n-A-C-F'),
    ev('vigil.track.track:NATO-E3A-1:4021', 'a-n-A-M'),
    ev('vigil.track.not-an-id', 'a-n-S'),
  ]);
  assert.deepEqual(events.filter((e) => e.kind === 'fix').map((e) => [e.entityId, (e as { entityKind: string }).entityKind]), [
    ['mmsi:273456780', 'vessel'], ['icao:4b1805', 'aircraft'], ['track:NATO-E3A-1:4021', 'radar'], ['track:cot:vigil.track.not-an-id', 'vessel'],
  ]);
});

test('several events on one line, one event across lines, and declarations between them', () => {
  const a = ev('a', 'a-u-S');
  const b = ev('b', 'a-u-S');
  const split = ev('c', 'a-u-S', '<point lat="44.6"\nlon="33.5" hae="0" ce="1" le="1"/>\n<detail>\n<remarks>two\nlines</remarks>\n</detail>');
  const { events, rejects, counters } = decode([`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${a}<?xml version="1.0"?>${b}`, ...split.split('\n'), '', '<!-- end -->']);
  assert.deepEqual(rejects, []);
  assert.deepEqual(events.map((e) => e.entityId), ['track:cot:a', 'track:cot:b', 'track:cot:c']);
  assert.equal(counters.records, 3);
  assert.equal(accounted(counters), counters.lines);
});

test('a stream without line breaks, cut by split-lines at 64 KB, still decodes', () => {
  const many = Array.from({ length: 400 }, (_, i) => ev(`u${i}`, 'a-u-S')).join('');
  const cut = 65_536;
  const pieces: string[] = [];
  for (let i = 0; i < many.length; i += cut) pieces.push(many.slice(i, i + cut));
  assert.ok(pieces.length > 1 && pieces[0]!.length === cut);
  const { events, rejects } = decode(pieces);
  assert.deepEqual(rejects, []);
  assert.equal(events.length, 400);
});

test('a spot marker becomes an incident report; Vigil\'s own alert markers are skipped', () => {
  const { events, rejects, counters } = decode([
    ev('spot-9', 'b-m-p-s-m', '<point lat="46.48" lon="30.73" hae="0" ce="20" le="20"/><detail><contact callsign="OBS-2"/><remarks>Explosion heard near the port</remarks></detail>'),
    ev('vigil.alert.3f2a9c0d11aa22bb', 'b-m-p-s-m'),
  ]);
  assert.deepEqual(rejects, []);
  assert.deepEqual(events, [{
    kind: 'report', timeMs: T, entityId: 'report:cot:spot-9',
    report: { id: 'cot:spot-9', time: '2026-03-25T02:10:00Z', lat: 46.48, lon: 30.73, category: 'other', source: 'OBS-2', description: 'Explosion heard near the port' },
  }]);
  assert.equal(counters.recordsWithoutEvent, 1);
});

test('garbage is rejected with a reason and never throws', () => {
  const { events, reasons } = decode([
    'hello there',
    ev('x', 'a-u-S').replace('</event>', '</evnt></event>'),
    ev('x', 'a-u-S', '<point lat="44.6" lon="33.5" hae="0" ce="1" le="1"/><detail>&bogus;</detail>'),
    '<!DOCTYPE lol [<!ENTITY a "aaaa">]>',
    ev('has space', 'a-u-S'),
    ev('x', 'a--S'),
    ev('x', 'a-u-S', undefined, 'time="yesterday" start="" stale=""'),
    ev('x', 'a-u-S', '<detail/>'),
    ev('x', 'a-u-S', '<point lat="95" lon="33.5" hae="0" ce="1" le="1"/>'),
    ev('x', 'a-u-S', '<point lat="0" lon="0" hae="0" ce="1" le="1"/>'),
    ev('x', 'a-f-G-U-C'),
    ev('x', 't-x-c-t'),
    '<event version="2.0" uid="never-closed" type="a-u-S"',
  ]);
  assert.deepEqual(events, []);
  assert.deepEqual(reasons, ['bad-xml', 'bad-xml', 'bad-xml', 'bad-xml', 'bad-uid', 'bad-type', 'bad-time', 'no-point', 'bad-point', 'no-point', 'unsupported-type', 'unsupported-type', 'bad-xml']);
  for (const r of reasons) assert.ok((COT_REJECT_REASONS as readonly string[]).includes(r), r);
});

test('an event that never closes is cut at MAX_EVENT_CHARS and the stream goes on', () => {
  const filler = 'x'.repeat(1000);
  const lines = ['<event version="2.0" uid="big" type="a-u-S" ' + TIME + ' how="m-g"><detail>', ...Array.from({ length: Math.ceil(MAX_EVENT_CHARS / 1000) + 2 }, () => filler), ev('after', 'a-u-S')];
  const { events, reasons } = decode(lines);
  assert.deepEqual(reasons, ['event-too-long']);
  assert.deepEqual(events.map((e) => e.entityId), ['track:cot:after']);
});

test('UTF-8 read as latin1 (as ingest reads bytes) is re-read as UTF-8', () => {
  const line = Buffer.from(ev('u', 'a-u-S', '<point lat="44.6" lon="33.5" hae="0" ce="1" le="1"/><detail><contact callsign="Ельчанинов"/></detail>'), 'utf8').toString('latin1');
  const { events } = decode([line]);
  assert.equal((events[0] as { name?: string }).name, 'Ельчанинов');
});

test('arbitrary text and mutated events never throw, and every line is accounted for', () => {
  const good = ev('m', 'a-u-S', '<point lat="44.6" lon="33.5" hae="0" ce="1" le="1"/><detail><contact callsign="A"/></detail>');
  const mutated = fc.record({ at: fc.nat({ max: good.length }), cut: fc.nat({ max: 5 }), ins: fc.string({ maxLength: 3 }) }).map(({ at, cut, ins }) => good.slice(0, at) + ins + good.slice(at + cut));
  fc.assert(fc.property(fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), mutated), { maxLength: 20 }), (lines) => {
    const { counters, rejects } = decode(lines);
    assert.equal(counters.lines, lines.length);
    assert.equal(accounted(counters), lines.length);
    for (const r of rejects) assert.ok(r.reason.length > 0 && r.detail.length > 0);
  }), { numRuns: 400 });
});

test('the parser refuses what is not well-formed and reads what is', () => {
  assert.equal(parseXml('<a x="1" x="2"/>').ok, false);
  assert.equal(parseXml('<a><b></a></b>').ok, false);
  assert.equal(parseXml('<a x=1/>').ok, false);
  assert.equal(parseXml('<a/><b/>').ok, false);
  assert.equal(parseXml('<a>&#0;</a>').ok, false);
  const r = parseXml('<?xml version="1.0"?><!-- c --><a x=\'&lt;1&gt;\'>t<![CDATA[<raw>]]>&#x263A;<b/></a>');
  assert.ok(r.ok);
  assert.equal(r.value.attrs.get('x'), '<1>');
  assert.equal(r.value.text, 't<raw>\u263A');
  assert.equal(r.value.children[0]!.name, 'b');
});

test('the cot format is detected from an <event line or an XML declaration followed by events', () => {
  assert.equal(looksLikeCot([ev('a', 'a-u-S')]), true);
  assert.equal(looksLikeCot(['<?xml version="1.0" encoding="UTF-8"?>', ev('a', 'a-u-S')]), true);
  assert.equal(looksLikeCot(['<?xml version="1.0"?>', '<kml xmlns="http://www.opengis.net/kml/2.2">']), false);
  assert.equal(looksLikeCot(['!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0*23']), false);
  const d = COT_FORMAT.create({ event: () => {}, reject: () => {} });
  d.push('junk');
  d.flush();
  assert.deepEqual(d.stats(), { lines: 1, rejected: { 'bad-xml': 1 } });
});
