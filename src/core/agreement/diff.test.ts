import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAgreement } from './parse-agreement.js';
import { diffAgreements, renderAgreementChanges } from './diff.js';
import type { CompiledAgreement } from './compiled-agreement.js';

function compile(lines: string[]): CompiledAgreement {
  const r = parseAgreement([...lines, ''].join('\n'));
  if (!r.ok) assert.fail(JSON.stringify(r.errors));
  return r.value;
}

const V1 = [
  'agreement: t', 'title: T', 'version: 1', 'effective: { from: 2026-03-25T00:00:00Z }',
  'parties: { UA: { name: Ukraine, flags: [UKR] }, RU: { name: Russia, flags: [RUS] } }',
  'zones:',
  '  - { id: a, name: Alpha, circle: { center: [30, 46], radiusNm: 5 } }',
  '  - { id: b, geometry: { type: Polygon, coordinates: [[[30, 44], [31, 44], [31, 45], [30, 44]]] } }',
  'rules:',
  '  - { id: R1, type: no-entry, zones: [a], applies: { category: [military], parties: [RU] } }',
  '  - { id: R2, type: must-transmit, zones: [b], params: { maxGap: 30m } }',
];

test('identical agreements have no changes', () => {
  assert.deepEqual(diffAgreements(compile(V1), compile(V1)), []);
});

test('every kind of change is listed once, in a stable order', () => {
  const v2 = [
    'agreement: t', 'title: T', 'version: 2', 'effective: { from: 2026-03-25T00:00:00Z, until: 2026-06-25T00:00:00Z }',
    'parties: { UA: { name: Ukraine, flags: [UKR] }, RU: { name: Russian Federation, flags: [RUS] }, TR: { name: Türkiye, flags: [TUR] } }',
    'zones:',
    '  - { id: a, name: Alpha, circle: { center: [30, 46], radiusNm: 8 } }',
    '  - { id: c, geometry: { type: Polygon, coordinates: [[[32, 44], [33, 44], [33, 45], [32, 44]]] } }',
    'rules:',
    '  - { id: R1, type: no-entry, zones: [a], applies: { category: [military, government], parties: [RU] } }',
    '  - { id: R3, type: no-strike }',
  ];
  const changes = diffAgreements(compile(V1), compile(v2));
  assert.deepEqual(renderAgreementChanges(changes), [
    '~ version: 1 → 2',
    '~ effective.until: open-ended → 2026-06-25T00:00:00Z',
    '~ party RU name: Russia → Russian Federation',
    '+ party TR (Türkiye)',
    '- zone b (b)',
    '~ zone a geometry: circle 5 nm around [30, 46] → circle 8 nm around [30, 46]',
    '+ zone c (c)',
    '- rule R2 (must-transmit)',
    '~ rule R1 applies.category: military → government, military',
    '+ rule R3 (no-strike)',
  ]);
  assert.deepEqual(changes[0], { kind: 'meta', field: 'version', before: '1', after: '2' });
});

test('a changed duration is shown in agreement units', () => {
  const v2 = V1.map((l) => l.replace('maxGap: 30m', 'maxGap: 20m'));
  assert.deepEqual(diffAgreements(compile(V1), compile(v2)), [
    { kind: 'rule-changed', rule: 'R2', field: 'params.maxGap', before: '30m', after: '20m' },
  ]);
});

test('issue 11: new rendezvous and loiter conditions show as changed params', () => {
  const base = [...V1, '  - { id: R4, type: no-rendezvous, zones: [a] }', '  - { id: R5, type: no-loiter, zones: [a], params: { excludeZones: [b] } }'];
  const v2 = [...V1, '  - { id: R4, type: no-rendezvous, zones: [a], params: { maxSpeedKn: 2, excludeZones: [b] } }', '  - { id: R5, type: no-loiter, zones: [a] }'];
  assert.deepEqual(renderAgreementChanges(diffAgreements(compile(base), compile(v2))), [
    '~ rule R4 params.maxSpeedKn: (none) → 2',
    '~ rule R4 params.excludeZones: (none) → b',
    '~ rule R5 params.excludeZones: b → (none)',
  ]);
});
