import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Alert } from '../../core/alert/alert.js';
import type { TrackRecord } from '../../store/ports.js';
import { SKIP_WITHOUT_XMLLINT, xmllintValidate } from '../../../test/helpers/cot-xmllint.js';
import { alertToCot, decimal, trackToCot } from './cot-event.js';
import { shipTypeInfo } from '../../core/track/ship-types.js';
import { cotTypeOf, shipTypeOfCotType } from './cot-type.js';
import { escapeXml, parseXml } from './cot-xml.js';

const T0 = Date.UTC(2026, 2, 25, 2, 10);
const OPTS = { staleSeconds: 300 };

function track(over: Partial<TrackRecord> = {}): TrackRecord {
  return { id: 'mmsi:273456780', kind: 'vessel', category: 'civil', lastMs: T0, lon: 33.52, lat: 44.61, fixes: 3, originator: 'FRA', marking: { kind: 'COALITION' }, ...over };
}

function alert(over: Partial<Alert> = {}): Alert {
  return {
    id: '3f2a9c0d11aa22bb', rule: 'no-entry-sevastopol', type: 'no-entry', domain: 'sea', severity: 'high',
    entity: { kind: 'vessel', id: 'mmsi:273456780', name: 'PIONER', flag: 'RUS', category: 'military', party: 'RU' },
    zone: 'sevastopol', start: '2026-03-25T02:10:00.000Z', end: null, position: { lat: 44.61, lon: 33.52 }, evidence: {}, ...over,
  };
}

test('vessels get MIL-STD-2525 sea-surface types from category and ship type, unidentified ones a-u-S', () => {
  assert.equal(cotTypeOf(track({ category: 'civil' }), []), 'a-n-S-X-M');
  assert.equal(cotTypeOf(track({ category: 'civil', shipType: 70 }), []), 'a-n-S-X-M-C');
  assert.equal(cotTypeOf(track({ category: 'civil', shipType: 84 }), []), 'a-n-S-X-M-O');
  assert.equal(cotTypeOf(track({ category: 'civil', shipType: 30 }), []), 'a-n-S-X-F');
  assert.equal(cotTypeOf(track({ category: 'civil', shipType: 37 }), []), 'a-n-S-X-R');
  assert.equal(cotTypeOf(track({ category: 'military', shipType: 35, party: 'RU', flag: 'RUS' }), []), 'a-n-S-C');
  assert.equal(cotTypeOf(track({ category: 'law-enforcement', shipType: 55 }), []), 'a-n-S-X-L');
  assert.equal(cotTypeOf(track({ category: 'government', shipType: 51 }), []), 'a-n-S-N-N-R');
  assert.equal(cotTypeOf(track({ category: 'government', shipType: 59 }), []), 'a-n-S-N');
  assert.equal(cotTypeOf(track({ category: 'unknown' }), []), 'a-u-S');
});

test('aircraft and radar tracks get air types; reports the ground dimension', () => {
  assert.equal(cotTypeOf(track({ kind: 'aircraft', id: 'icao:4b1805', category: 'civil' }), []), 'a-n-A-C-F');
  assert.equal(cotTypeOf(track({ kind: 'aircraft', id: 'icao:43c6f1', category: 'military' }), []), 'a-n-A-M-F');
  assert.equal(cotTypeOf(track({ kind: 'aircraft', category: 'unknown' }), []), 'a-u-A');
  assert.equal(cotTypeOf(track({ kind: 'radar', id: 'track:NATO-E3A-1:4021', category: 'military' }), []), 'a-n-A-M');
  assert.equal(cotTypeOf(track({ kind: 'radar', category: 'unknown' }), []), 'a-u-A');
  assert.equal(cotTypeOf(track({ kind: 'report', category: 'unknown' }), []), 'a-u-G');
});

test('a vessel\'s category survives its CoT type: the type reads back as an AIS ship type of the same category', () => {
  assert.equal(shipTypeOfCotType('a-h-S-C-L-D-D'), 35);
  assert.equal(shipTypeOfCotType('a-n-S-X-M-O'), 80);
  assert.equal(shipTypeOfCotType('a-u-S'), undefined);
  assert.equal(shipTypeOfCotType('a-n-A-M-F'), undefined);
  for (let code = 1; code <= 99; code++) {
    const info = shipTypeInfo(code)!;
    const back = shipTypeOfCotType(cotTypeOf(track({ category: info.category, shipType: code }), []));
    assert.equal(back === undefined ? undefined : shipTypeInfo(back)!.category, info.category, `ship type ${code}`);
  }
});

test('only the coalition\'s own non-civil craft are friendly; a party\'s warship is neutral, not hostile', () => {
  assert.equal(cotTypeOf(track({ category: 'military', flag: 'FRA' }), ['FRA', 'GBR']), 'a-f-S-C');
  assert.equal(cotTypeOf(track({ kind: 'aircraft', category: 'military', flag: 'GBR' }), ['FRA', 'GBR']), 'a-f-A-M-F');
  assert.equal(cotTypeOf(track({ category: 'civil', flag: 'FRA' }), ['FRA']), 'a-n-S-X-M');
  assert.equal(cotTypeOf(track({ category: 'military', flag: 'RUS', party: 'RU' }), ['FRA']), 'a-n-S-C');
  assert.equal(cotTypeOf(track({ category: 'unknown', flag: 'FRA' }), ['FRA']), 'a-u-S');
});

test('a track event carries uid, times, point, contact, track in m/s, remarks and the releasability element', () => {
  const xml = trackToCot(track({ name: 'SEA STAR', shipType: 80, speedKn: 10, courseDeg: 123.45, flag: 'LBR', marking: { kind: 'REL_TO', nations: ['GBR'] } }), { ...OPTS, marking: { kind: 'REL_TO', nations: ['GBR'] } });
  assert.equal(xml,
    '<event version="2.0" uid="vigil.track.mmsi:273456780" type="a-n-S-X-M-O" time="2026-03-25T02:10:00.000Z" start="2026-03-25T02:10:00.000Z" stale="2026-03-25T02:15:00.000Z" how="m-g">'
    + '<point lat="44.61" lon="33.52" hae="9999999" ce="9999999" le="9999999"/>'
    + '<detail><contact callsign="SEA STAR"/><track course="123.5" speed="5.14"/>'
    + '<remarks>[REL TO GBR] Vigil vessel mmsi:273456780 &quot;SEA STAR&quot;: civil, flag LBR. Releasability REL TO GBR, originator FRA.</remarks>'
    + '<__vigil id="mmsi:273456780" kind="vessel" category="civil" flag="LBR" marking="REL TO GBR" originator="FRA" outputMarking="REL TO GBR"/></detail></event>');
});

test('an aircraft\'s altitude becomes hae in metres and its callsign the contact', () => {
  const xml = trackToCot(track({ kind: 'aircraft', id: 'icao:4b1805', category: 'civil', callsign: 'THY7AB', altitudeFt: 35000 }), OPTS);
  assert.match(xml, /<point lat="44.61" lon="33.52" hae="10668" ce="9999999" le="9999999"\/>/);
  assert.match(xml, /<contact callsign="THY7AB"\/>/);
  assert.doesNotMatch(xml, /<track/);
});

test('an open alert is a spot marker at its position until start + alertStaleSeconds; a closed one fades out after its end', () => {
  const rel = { originator: 'GBR', marking: { kind: 'REL_TO' as const, nations: ['FRA'] } };
  const open = alertToCot(alert(), 'open', rel, { ...OPTS, alertStaleSeconds: 3600 });
  assert.equal(open,
    '<event version="2.0" uid="vigil.alert.3f2a9c0d11aa22bb" type="b-m-p-s-m" time="2026-03-25T02:10:00.000Z" start="2026-03-25T02:10:00.000Z" stale="2026-03-25T03:10:00.000Z" how="m-g">'
    + '<point lat="44.61" lon="33.52" hae="9999999" ce="9999999" le="9999999"/>'
    + '<detail><contact callsign="no-entry-sevastopol: PIONER"/>'
    + '<remarks>Vigil alert no-entry-sevastopol (no-entry, high) open: vessel mmsi:273456780 &quot;PIONER&quot; (party RU) in zone sevastopol, since 2026-03-25T02:10:00.000Z. Releasability REL TO FRA, originator GBR.</remarks>'
    + '<__vigil alert="3f2a9c0d11aa22bb" rule="no-entry-sevastopol" ruleType="no-entry" severity="high" status="open" zone="sevastopol" entity="mmsi:273456780" marking="REL TO FRA" originator="GBR"/></detail></event>');
  const closed = alertToCot(alert({ end: '2026-03-25T04:00:00.000Z' }), 'closed', rel, { ...OPTS, alertStaleSeconds: 3600, alertType: 'b-a-g' });
  assert.match(closed, /type="b-a-g" time="2026-03-25T04:00:00.000Z" start="2026-03-25T04:00:00.000Z" stale="2026-03-25T04:05:00.000Z"/);
  assert.match(closed, /\) closed: .* from 2026-03-25T02:10:00.000Z to 2026-03-25T04:00:00.000Z\./);
  assert.match(closed, /status="closed"/);
});

test('escapes markup and drops characters XML cannot carry, in attributes and remarks', () => {
  assert.equal(escapeXml('A&B "C" <D> \'E\'\tF\nG'), 'A&amp;B &quot;C&quot; &lt;D&gt; &apos;E&apos;&#9;F&#10;G');
  assert.equal(escapeXml('bell\u0007 lone\uD800 ok\uD83D\uDE00'), 'bell\uFFFD lone\uFFFD ok\uD83D\uDE00');
  const xml = trackToCot(track({ name: '<script>&"x"\u0001', party: 'R"U' }), OPTS);
  const p = parseXml(xml);
  assert.ok(p.ok, p.ok ? '' : p.error);
  const detail = p.value.children.find((c) => c.name === 'detail')!;
  assert.equal(detail.children.find((c) => c.name === 'contact')!.attrs.get('callsign'), '<script>&"x"\uFFFD');
  assert.equal(detail.children.find((c) => c.name === '__vigil')!.attrs.get('party'), 'R"U');
});

test('numbers are plain decimals (no exponent, no -0) and times always carry Z', () => {
  assert.equal(decimal(1e-9, 7), '0');
  assert.equal(decimal(-1e-9, 7), '0');
  assert.equal(decimal(12.3456789012, 7), '12.3456789');
  assert.throws(() => decimal(Number.NaN, 7), /must be finite/);
  assert.throws(() => decimal(1e21, 1), /must be finite/);
  const xml = trackToCot(track({ lat: 1e-8, lon: -179.99999999 }), OPTS);
  assert.match(xml, /lat="0" lon="-180"/);
  assert.match(xml, /time="[^"]+Z" start="[^"]+Z" stale="[^"]+Z"/);
});

test('the same record always gives the same bytes', () => {
  const rec = track({ name: 'X', speedKn: 3.3, courseDeg: 90 });
  assert.equal(trackToCot(rec, OPTS), trackToCot({ ...rec }, OPTS));
  assert.equal(alertToCot(alert(), 'open', rec, { ...OPTS, alertStaleSeconds: 60 }), alertToCot(alert(), 'open', { ...rec }, { ...OPTS, alertStaleSeconds: 60 }));
});

const arbTrack = fc.record({
  id: fc.constantFrom('mmsi:273456780', 'icao:4b1805', 'track:NATO-E3A-1:4021'),
  kind: fc.constantFrom('vessel', 'aircraft', 'radar') as fc.Arbitrary<TrackRecord['kind']>,
  category: fc.constantFrom('military', 'law-enforcement', 'government', 'civil', 'unknown') as fc.Arbitrary<TrackRecord['category']>,
  lastMs: fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }),
  lat: fc.double({ min: -90, max: 90, noNaN: true }),
  lon: fc.double({ min: -180, max: 180, noNaN: true }),
  fixes: fc.nat(),
  originator: fc.constantFrom('FRA', 'GBR'),
  marking: fc.constantFrom({ kind: 'COALITION' as const }, { kind: 'ORIGINATOR_ONLY' as const }, { kind: 'REL_TO' as const, nations: ['GBR', 'POL'] }),
  name: fc.option(fc.string({ unit: 'binary', maxLength: 30 }), { nil: undefined }),
  shipType: fc.option(fc.integer({ min: 0, max: 99 }), { nil: undefined }),
  speedKn: fc.option(fc.double({ min: 0, max: 2000, noNaN: true }), { nil: undefined }),
  courseDeg: fc.option(fc.double({ min: 0, max: 360, noNaN: true }), { nil: undefined }),
  altitudeFt: fc.option(fc.double({ min: -1000, max: 3_000_000, noNaN: true }), { nil: undefined }),
}).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as unknown as TrackRecord);

test('every event Vigil writes validates against the CoT base schema (xmllint)', { skip: SKIP_WITHOUT_XMLLINT }, () => {
  const docs: string[] = [
    trackToCot(track(), OPTS),
    trackToCot(track({ name: 'A&B <"C">', kind: 'aircraft', id: 'icao:4b1805', altitudeFt: 38000, speedKn: 450, courseDeg: 359.9 }), { ...OPTS, marking: { kind: 'REL_TO', nations: ['GBR'] } }),
    alertToCot(alert(), 'open', { originator: 'FRA', marking: { kind: 'COALITION' } }, { ...OPTS, alertStaleSeconds: 86400 }),
    alertToCot(alert({ end: '2026-03-25T04:00:00.000Z', zone: null, other: { id: 'mmsi:271000001', name: 'Ö' } }), 'closed', { originator: 'FRA', marking: { kind: 'ORIGINATOR_ONLY' } }, { ...OPTS, alertStaleSeconds: 86400, alertType: 'b-a-g' }),
    ...fc.sample(arbTrack, { numRuns: 60, seed: 13 }).map((r) => trackToCot(r, { ...OPTS, ownFlags: ['FRA'] })),
  ];
  xmllintValidate(docs);
});

test('a document that breaks the schema is refused by xmllint (the check has teeth)', { skip: SKIP_WITHOUT_XMLLINT }, () => {
  const bad = trackToCot(track(), OPTS).replace('how="m-g"', '').replace('lat="44.61"', 'lat="95"');
  assert.throws(() => xmllintValidate([bad]), /fails to validate/);
});
