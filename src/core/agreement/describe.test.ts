import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAgreement } from './parse-agreement.js';
import { describeAgreement } from './describe.js';

test('the summary names zones with areas and states rules as sentences', () => {
  const r = parseAgreement([
    'agreement: t', 'title: Test truce', 'version: 3', 'effective: { from: 2026-03-25T00:00:00Z }',
    'parties: { UA: { name: Ukraine, flags: [UKR] }, RU: { name: Russian Federation, flags: [RUS] } }',
    'zones:',
    '  - { id: odesa-approach, name: Odesa port approaches, kind: port-approach, geometry: { type: Polygon, coordinates: [[[30.6, 46.2], [31.2, 46.2], [31.2, 46.6], [30.6, 46.6], [30.6, 46.2]]] } }',
    '  - { id: bosphorus, geometry: { type: LineString, coordinates: [[29.1, 41.236], [29.158, 41.214]] } }',
    'rules:',
    '  - { id: R1, type: no-entry, zones: [odesa-approach], applies: { domain: sea, category: [military], parties: [RU] } }',
    '  - { id: R2, type: no-loiter, zones: [odesa-approach] }',
    '  - { id: R3, type: transit, zones: [bosphorus], applies: { category: [military] }, params: { direction: left-to-right } }',
    '  - { id: R4, type: position-integrity }',
    '',
  ].join('\n'));
  assert.ok(r.ok);
  assert.deepEqual(describeAgreement(r.value), [
    't v3: Test truce',
    'effective from 2026-03-25T00:00:00Z (open-ended)',
    'parties: UA Ukraine (UKR); RU Russian Federation (RUS)',
    'zones (2):',
    '  odesa-approach — Odesa port approaches [port-approach], 2,046 km²',
    '  bosphorus — bosphorus [transit-line], line 5.4 km',
    'rules (4):',
    '  R1 no-entry: military vessels of RU must not enter odesa-approach (Odesa port approaches) [high]',
    '  R2 no-loiter: vessels must not stay below 2 kn for 45m or more in odesa-approach (Odesa port approaches), outside harbours [medium]',
    '  R3 transit: military vessels crossing bosphorus are reported (direction: left-to-right) [high]',
    '  R4 position-integrity: vessels must not report positions implying more than 60 kn or lying more than 1000 m inland, anywhere [medium]',
  ]);
});

test('issue 11: the speed bound and exclude zones of rendezvous and loiter rules are put in words', () => {
  const r = parseAgreement([
    'agreement: t', 'title: T', 'version: 1', 'effective: { from: 2026-03-25T00:00:00Z }', 'parties: {}',
    'zones:',
    '  - { id: corridor, name: Western corridor, geometry: { type: Polygon, coordinates: [[[28, 41], [31, 41], [31, 46], [28, 46], [28, 41]]] } }',
    '  - { id: odesa-anchorage, name: Odesa outer anchorage, circle: { center: [30.9, 45.9], radiusNm: 3 } }',
    '  - { id: bosphorus-anchorage, circle: { center: [29.05, 41.28], radiusNm: 2 } }',
    'rules:',
    '  - { id: R3, type: no-loiter, zones: [corridor], params: { excludeZones: [odesa-anchorage] } }',
    '  - { id: R4, type: no-rendezvous, zones: [corridor], params: { maxSpeedKn: 2, excludeZones: [odesa-anchorage, bosphorus-anchorage] } }',
    '  - { id: R5, type: no-rendezvous, zones: [corridor], params: { maxSpeedKn: 3 } }',
    '',
  ].join('\n'));
  assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
  assert.deepEqual(describeAgreement(r.value).slice(-3), [
    '  R3 no-loiter: vessels must not stay below 2 kn for 45m or more in corridor (Western corridor), outside zone odesa-anchorage (Odesa outer anchorage), outside harbours [medium]',
    '  R4 no-rendezvous: vessels must not stay within 500 m of each other, both below 2 kn, for 30m or more in corridor (Western corridor), outside zones odesa-anchorage (Odesa outer anchorage) and bosphorus-anchorage, outside harbours [medium]',
    '  R5 no-rendezvous: vessels must not stay within 500 m of each other, both below 3 kn, for 30m or more in corridor (Western corridor), outside harbours [medium]',
  ]);
});
