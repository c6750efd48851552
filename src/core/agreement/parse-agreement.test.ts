import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAgreement } from './parse-agreement.js';
import { formatAgreementError } from './agreement-error.js';

const HEAD = [
  'agreement: test',
  'title: Test',
  'version: 1',
  'effective: { from: 2026-03-25T00:00:00Z }',
  'parties:',
  '  UA: { name: Ukraine, flags: [UKR] }',
  '  RU: { name: Russian Federation, flags: [RUS] }',
];
const ZONE = [
  'zones:',
  '  - id: box',
  '    geometry: { type: Polygon, coordinates: [[[30, 46], [31, 46], [31, 47], [30, 47], [30, 46]]] }',
];
const text = (...lines: string[]): string => [...lines, ''].join('\n');

function errorsOf(src: string): string[] {
  const r = parseAgreement(src, { file: 'bad.yaml' });
  assert.equal(r.ok, false, 'expected errors');
  return r.ok ? [] : r.errors.map(formatAgreementError);
}

test('a good minimal agreement compiles with defaults applied', () => {
  const r = parseAgreement(text(...HEAD, ...ZONE, 'rules:', '  - { id: R1, type: must-transmit, zones: [box] }', '  - { id: R2, type: no-strike }'));
  assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
  const [r1, r2] = r.value.rules;
  assert.ok(r1?.type === 'must-transmit');
  assert.equal(r1.params.maxGapMs, 30 * 60_000);
  assert.deepEqual(r1.zones, [0]);
  assert.equal(r1.severity, 'medium');
  assert.deepEqual(r1.applies, { domains: new Set(['sea', 'air']), categories: null, parties: null });
  assert.ok(r2?.type === 'no-strike');
  assert.deepEqual(r2.params.categories, new Set(['air-strike', 'missile-attack', 'drone-attack', 'shelling', 'naval-attack']));
  assert.deepEqual(r2.applies.domains, new Set(['report']));
  assert.deepEqual(r2.zones, []);
});

test('a bad agreement reports each mistake with file, line, column and field', () => {
  const src = text(
    ...HEAD,
    'zones:',
    '  - id: open',
    '    geometry: { type: Polygon, coordinates: [[[30, 46], [31, 46], [31, 47], [30, 47]]] }',
    'rules:',
    '  - { id: R1, type: no-entry, zones: [odesa] }',
    '  - { id: R2, type: must-transmit, params: { maxGap: 30x } }',
    '  - { id: R3, zones: [open] }',
  );
  assert.deepEqual(errorsOf(src), [
    'bad.yaml:10:46: zones[0].geometry.coordinates[0]: polygon ring is not closed: last position [30, 47] must repeat the first [30, 46]',
    'bad.yaml:12:39: rules[0].zones[0]: unknown zone "odesa" (zones: open)',
    'bad.yaml:13:54: rules[1].params.maxGap: expected a duration such as 30s, 30m or 2h (a number then s, m or h)',
    'bad.yaml:14:5: rules[2].type: missing type: expected one of no-entry, must-transmit, no-loiter, no-rendezvous, position-integrity, transit, no-fly, no-strike, air-integrity',
  ]);
});

test('an unknown key is reported at the key itself', () => {
  const errs = errorsOf(text(...HEAD, ...ZONE, 'rules:', '  - id: R1', '    type: no-loiter', '    parmas: { maxSpeedKn: 2 }'));
  assert.deepEqual(errs, ['bad.yaml:14:5: rules[0].parmas: unknown key "parmas"']);
});

test('cross-checks: duplicate ids, bad flags, lines in non-transit rules, period order, unknown parties', () => {
  const src = text(
    'agreement: test',
    'title: Test',
    'version: 2',
    'effective: { from: 2026-03-25T00:00:00Z, until: 2026-03-01T00:00:00Z }',
    'parties:',
    '  UA: { name: Ukraine, flags: [UKR] }',
    '  RU: { name: Russian Federation, flags: [RUS, UKR] }',
    'zones:',
    '  - { id: box, circle: { center: [30, 46], radiusNm: 5 } }',
    '  - { id: box, circle: { center: [31, 46], radiusNm: 5 } }',
    '  - { id: strait, geometry: { type: LineString, coordinates: [[29, 41], [29.1, 41.1]] } }',
    'rules:',
    '  - { id: R1, type: no-entry, zones: [strait], applies: { parties: [TR] } }',
    '  - { id: R1, type: transit, zones: [box] }',
    '  - { id: R3, type: no-fly, applies: { domain: sea } }',
  );
  assert.deepEqual(errorsOf(src), [
    'bad.yaml:4:49: effective.until: effective.until must be after effective.from',
    'bad.yaml:7:48: parties.RU.flags[1]: flag UKR already belongs to party UA',
    'bad.yaml:10:11: zones[1].id: duplicate zone id "box"',
    'bad.yaml:13:39: rules[0].zones[0]: zone "strait" is a transit line; only transit rules can use it',
    'bad.yaml:13:68: rules[0].applies.parties: unknown party "TR" (parties: UA, RU)',
    'bad.yaml:14:11: rules[1].id: duplicate rule id "R1"',
    'bad.yaml:14:38: rules[1].zones[0]: transit rules need transit-line (LineString) zones; "box" is a polygon',
    'bad.yaml:15:48: rules[2].applies.domain: a no-fly rule cannot apply to the sea domain (it observes air)',
  ]);
});

test('party flags that are not three capital letters are rejected', () => {
  const errs = errorsOf(text('agreement: t', 'title: T', 'version: 1', 'effective: { from: 2026-03-25T00:00:00Z }',
    'parties: { UA: { name: Ukraine, flags: [UA] } }', 'rules: [{ id: R1, type: no-strike }]'));
  assert.deepEqual(errs, ['bad.yaml:5:41: parties.UA.flags[0]: flags are ISO 3166-1 alpha-3 codes: three capital letters, e.g. UKR']);
});

test('missing required fields and a version of 0 are reported', () => {
  const errs = errorsOf(text('agreement: t', 'version: 0', 'effective: { from: 2026-03-25 }', 'parties: {}', 'rules: [{ id: R1, type: no-strike }]'));
  assert.deepEqual(errs, [
    'bad.yaml:1:1: title: missing required field "title"',
    'bad.yaml:2:10: version: version starts at 1',
    'bad.yaml:3:20: effective.from: expected an ISO 8601 time with a zone, such as 2026-03-25T00:00:00Z',
  ]);
});

test('YAML syntax errors are positioned', () => {
  const errs = errorsOf('agreement: t\ntitle: [unclosed\n');
  assert.equal(errs.length >= 1, true);
  assert.match(errs[0] ?? '', /^bad\.yaml:\d+:\d+: YAML syntax: /);
});

test('a file zone without a resolver is an error, not a throw', () => {
  const errs = errorsOf(text(...HEAD, 'zones:', '  - { id: c, file: c.geojson }', 'rules:', '  - { id: R1, type: no-entry, zones: [c] }'));
  assert.deepEqual(errs, ['bad.yaml:9:20: zones[0].file: cannot read c.geojson: file zones need the agreement to be loaded from a file']);
});

test('file zones accept a Feature, a one-feature FeatureCollection or a bare geometry', () => {
  const poly = { type: 'Polygon', coordinates: [[[30, 46], [31, 46], [31, 47], [30, 46]]] };
  const files: Record<string, unknown> = {
    'a.geojson': { type: 'Feature', properties: { name: 'From file' }, geometry: poly },
    'b.geojson': { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: poly }] },
    'c.geojson': poly,
    'd.geojson': { type: 'FeatureCollection', features: [] },
  };
  const resolveFile = (p: string) => (p in files ? { ok: true as const, value: JSON.stringify(files[p]) } : { ok: false as const, error: `no ${p}` });
  const good = parseAgreement(text(...HEAD, 'zones:', '  - { id: a, file: a.geojson }', '  - { id: b, file: b.geojson }', '  - { id: c, name: C, file: c.geojson }',
    'rules:', '  - { id: R1, type: no-entry, zones: [a, b, c] }'), { resolveFile });
  assert.ok(good.ok);
  assert.deepEqual(good.value.zones.map((z) => z.name), ['From file', 'b', 'C']);
  const bad = parseAgreement(text(...HEAD, 'zones:', '  - { id: d, file: d.geojson }', 'rules:', '  - { id: R1, type: no-entry, zones: [d] }'), { resolveFile, file: 'x.yaml' });
  assert.ok(!bad.ok);
  assert.equal(bad.errors[0]?.message, 'd.geojson: a FeatureCollection zone must hold exactly one feature (has 0)');
});

test('durations in s, m and h become milliseconds', () => {
  const r = parseAgreement(text(...HEAD, ...ZONE, 'rules:',
    '  - { id: A, type: no-loiter, zones: [box], params: { minDuration: 90s } }',
    '  - { id: B, type: no-rendezvous, zones: [box], params: { minDuration: 2h, distanceM: 250 } }',
    '  - { id: C, type: must-transmit, zones: [box], params: { maxGap: 1.5h } }'));
  assert.ok(r.ok);
  const [a, b, c] = r.value.rules;
  assert.ok(a?.type === 'no-loiter' && b?.type === 'no-rendezvous' && c?.type === 'must-transmit');
  assert.equal(a.params.minDurationMs, 90_000);
  assert.equal(a.params.maxSpeedKn, 2);
  assert.equal(b.params.minDurationMs, 7_200_000);
  assert.equal(b.params.distanceM, 250);
  assert.equal(c.params.maxGapMs, 5_400_000);
});

test('issue 11: excludeZones and maxSpeedKn compile; absent, the rules keep SPEC meaning', () => {
  const r = parseAgreement(text(...HEAD, ...ZONE, '  - { id: port, circle: { center: [30.5, 46.5], radiusNm: 2 } }', 'rules:',
    '  - { id: A, type: no-loiter, zones: [box], params: { excludeZones: [port] } }',
    '  - { id: B, type: no-rendezvous, zones: [box], params: { maxSpeedKn: 2, excludeZones: [port] } }',
    '  - { id: C, type: no-rendezvous, zones: [box] }',
    '  - { id: D, type: no-loiter, zones: [box], params: { includeBerths: true } }'));
  assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
  const [a, b, c, d] = r.value.rules;
  assert.ok(a?.type === 'no-loiter' && b?.type === 'no-rendezvous' && c?.type === 'no-rendezvous' && d?.type === 'no-loiter');
  assert.deepEqual(a.params, { maxSpeedKn: 2, minDurationMs: 45 * 60_000, excludeZones: ['port'], includeBerths: false });
  assert.deepEqual(b.params, { distanceM: 500, minDurationMs: 30 * 60_000, maxSpeedKn: 2, excludeZones: ['port'], includeBerths: false });
  assert.deepEqual(c.params, { distanceM: 500, minDurationMs: 30 * 60_000, includeBerths: false });
  assert.equal(d.params.includeBerths, true);
});

test('issue 11: an unknown, line or own exclude zone is reported at its place, like a zones: reference', () => {
  const src = text(...HEAD, ...ZONE,
    '  - { id: line, geometry: { type: LineString, coordinates: [[29, 41], [29.1, 41.1]] } }',
    'rules:',
    '  - { id: R1, type: no-rendezvous, zones: [box], params: { maxSpeedKn: 2, excludeZones: [line, odesa-anchorage] } }',
    '  - id: R2',
    '    type: no-loiter',
    '    zones: [box]',
    '    params:',
    '      excludeZones: [box]');
  assert.deepEqual(errorsOf(src), [
    'bad.yaml:13:90: rules[0].params.excludeZones[0]: zone "line" is a transit line; only polygonal zones can be excluded',
    'bad.yaml:13:96: rules[0].params.excludeZones[1]: unknown zone "odesa-anchorage" (zones: box, line)',
    'bad.yaml:18:22: rules[1].params.excludeZones[0]: zone "box" is one of the rule\'s zones; excluding it would switch the rule off there',
  ]);
});

test('issue 11: an unknown exclude zone is reported even when the file has schema errors too', () => {
  const src = text(...HEAD, ...ZONE, 'rules:',
    '  - { id: R1, type: no-rendezvous, zones: [box], params: { maxSpeedKn: -1, excludeZones: [nowhere] } }');
  assert.deepEqual(errorsOf(src), [
    'bad.yaml:12:72: rules[0].params.maxSpeedKn: maxSpeedKn must be > 0',
    'bad.yaml:12:91: rules[0].params.excludeZones[0]: unknown zone "nowhere" (zones: box)',
  ]);
});

test('issue 15 (fuzzing): an alias before its anchor is a positioned YAML error, not a thrown ReferenceError', () => {
  assert.deepEqual(errorsOf(text(...HEAD, 'title2: *later', 'x: &later 1')), [
    'bad.yaml:8:9: YAML syntax: Unresolved alias (the anchor must be set before the alias): later',
  ]);
});

test('issue 15 (fuzzing): an alias bomb is a YAML error, not a thrown ReferenceError', () => {
  const bomb = ['a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]'];
  assert.deepEqual(errorsOf(text(...bomb)), ['bad.yaml:1:1: YAML syntax: Excessive alias count indicates a resource exhaustion attack']);
});
