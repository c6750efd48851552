import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadAgreementFile } from './agreement-file.js';
import { haversineM } from '../core/geo/distance.js';
import { pointInPolygon } from '../core/geo/point-in-polygon.js';
import type { CompiledAgreement } from '../core/agreement/compiled-agreement.js';

/** The repository root (this test runs from src/ under tsx and from dist/src/ once built). */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

const DEMO = join(repoRoot(), 'examples/black-sea/agreement.yaml');
const SEA = join(repoRoot(), '../shared/data/reference/earth_seas_blacksea_bbox.geojson');

function demo(): CompiledAgreement {
  const r = loadAgreementFile(DEMO);
  if (!r.ok) assert.fail(JSON.stringify(r.errors));
  return r.value;
}

const zonesAt = (g: CompiledAgreement, lon: number, lat: number): string[] => {
  const out: number[] = [];
  const n = g.zoneIndex.zonesAt(lon, lat, out);
  return out.slice(0, n).map((i) => g.zones[i]?.id ?? '?');
};

test('the demo agreement loads with every rule type and its file zone', () => {
  const g = demo();
  assert.equal(g.id, 'black-sea-truce');
  assert.equal(g.version, 1);
  assert.equal(g.effectiveFromMs, Date.UTC(2026, 2, 25));
  assert.equal(g.effectiveUntilMs, null);
  assert.deepEqual(
    new Set(g.rules.map((r) => r.type)),
    new Set(['no-entry', 'must-transmit', 'no-loiter', 'no-rendezvous', 'position-integrity', 'transit', 'no-fly', 'no-strike', 'air-integrity']),
  );
  const corridor = g.zones[g.zoneById.get('western-corridor') as number];
  assert.equal(corridor?.name, 'Western humanitarian corridor');
  assert.deepEqual(g.lines.map((l) => l.id), ['bosphorus-north', 'dardanelles-south']);
  assert.equal(g.partyOfFlag('RUS'), 'RU');
  assert.equal(g.partyOfFlag('TUR'), undefined);
});

test('Odesa port is at the edge of its approach and a point 10 km off it is inside', () => {
  const g = demo();
  const approach = g.zones[g.zoneById.get('odesa-approach') as number];
  assert.ok(approach);
  // The port itself (on the quay) is just outside.
  assert.equal(approach.contains(30.75, 46.49), false);
  // 10 km east-south-east of the port, in Odesa Bay.
  const off: [number, number] = [30.87, 46.46];
  assert.ok(Math.abs(haversineM(30.75, 46.49, off[0], off[1]) - 10000) < 600);
  assert.equal(approach.contains(...off), true);
  assert.deepEqual(zonesAt(g, ...off), ['odesa-approach', 'odesa-air']);
});

test('the corridor lies at sea, passes off Constanța and leaves Snake Island out', () => {
  const g = demo();
  const corridor = g.zones[g.zoneById.get('western-corridor') as number];
  assert.ok(corridor && corridor.geometry.type === 'Polygon');
  // Off Constanța (44.17 N): Romania's 12 nm limit lies at 29.03 E; the corridor is just seaward.
  assert.equal(corridor.contains(29.1, 44.17), true);
  assert.equal(corridor.contains(28.9, 44.17), false, 'inside Romanian territorial waters');
  assert.equal(corridor.contains(30.204, 45.255), false, 'Snake Island');
  // Near the Bosphorus north entrance.
  assert.equal(corridor.contains(29.1, 41.3), true);
  const seaFc = JSON.parse(readFileSync(SEA, 'utf8')) as { features: { geometry: { coordinates: number[][][][] } }[] };
  const sea = seaFc.features[0]?.geometry.coordinates ?? [];
  const atSea = (x: number, y: number): boolean => sea.some((p) => pointInPolygon(x, y, p));
  for (const p of corridor.geometry.coordinates[0] ?? []) assert.ok(atSea(p[0] as number, p[1] as number), `vertex ${p} on land`);
  // Dense sample of the interior.
  const [x0, y0, x1, y1] = corridor.bbox;
  let inside = 0;
  for (let x = x0; x <= x1; x += 0.02) {
    for (let y = y0; y <= y1; y += 0.02) {
      if (!corridor.contains(x, y)) continue;
      inside++;
      assert.ok(atSea(x, y), `${x},${y} on land`);
    }
  }
  assert.ok(inside > 500, `only ${inside} samples`);
  assert.ok(corridor.areaKm2 > 3000 && corridor.areaKm2 < 7000, `${corridor.areaKm2} km²`);
});

test('the naval bases, the Kerch Strait and the Odesa no-fly area are where they should be', () => {
  const g = demo();
  assert.deepEqual(zonesAt(g, 33.52, 44.62), ['sevastopol']);
  const seva = g.zones[g.zoneById.get('sevastopol') as number];
  // 12 nm circle: π (12 × 1.852)² ≈ 1,549 km².
  assert.ok(seva && Math.abs(seva.areaKm2 - 1549.3) < 5, `${seva?.areaKm2}`);
  assert.equal(seva.contains(33.52, 44.62 + 11.9 / 60), true);
  assert.equal(seva.contains(33.52, 44.62 + 12.1 / 60), false);
  assert.deepEqual(zonesAt(g, 37.8, 44.7), ['novorossiysk']);
  assert.deepEqual(zonesAt(g, 36.6, 45.3), ['kerch-strait']);
  assert.deepEqual(zonesAt(g, 30.2, 46.8), ['odesa-air']);
  assert.deepEqual(zonesAt(g, 34, 43.5), []);
});

test('a southbound ship at the Bosphorus crosses its transit line', async () => {
  const { segmentCrossing } = await import('../core/geo/segment-cross.js');
  const g = demo();
  const line = g.lines[0]?.geometry;
  assert.ok(line && line.type === 'LineString');
  assert.equal(segmentCrossing(29.13, 41.26, 29.12, 41.20, line.coordinates), 1);
});

test('an unreadable agreement file is an error naming the path', () => {
  const r = loadAgreementFile('/nonexistent/agreement.yaml');
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.errors[0]?.file, '/nonexistent/agreement.yaml');
  assert.match(r.errors[0]?.message ?? '', /cannot read agreement file \/nonexistent\/agreement\.yaml: ENOENT/);
});

test('a missing zone file is an error at its file: line naming the resolved path', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-agreement-'));
  const path = join(dir, 'a.yaml');
  writeFileSync(path, [
    'agreement: t', 'title: T', 'version: 1', 'effective: { from: 2026-03-25T00:00:00Z }',
    'parties: { UA: { name: Ukraine, flags: [UKR] } }',
    'zones:', '  - id: c', '    file: zones/missing.geojson',
    'rules:', '  - { id: R1, type: no-entry, zones: [c] }', '',
  ].join('\n'));
  const r = loadAgreementFile(path);
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.errors.length, 1);
  assert.deepEqual({ ...r.errors[0], message: '' }, { file: path, line: 8, column: 11, field: 'zones[0].file', message: '' });
  assert.match(r.errors[0]?.message ?? '', new RegExp(`${join(dir, 'zones/missing.geojson')}: ENOENT`));
});

test('the demo diffed against an amended copy lists exactly the amendments', async () => {
  const { diffAgreements, renderAgreementChanges } = await import('../core/agreement/diff.js');
  const { cpSync } = await import('node:fs');
  const dir = mkdtempSync(join(tmpdir(), 'vigil-amended-'));
  cpSync(join(repoRoot(), 'examples/black-sea'), dir, { recursive: true });
  const path = join(dir, 'agreement.yaml');
  const text = readFileSync(path, 'utf8')
    .replace('version: 1', 'version: 2')
    .replace('params: { maxGap: 30m }', 'params: { maxGap: 20m }')
    .replace('circle: { center: [33.52, 44.62], radiusNm: 12 }', 'circle: { center: [33.52, 44.62], radiusNm: 15 }')
    .replace(/  - id: R9\n(    .*\n)+/, '');
  writeFileSync(path, text);
  const b = loadAgreementFile(path);
  assert.ok(b.ok, JSON.stringify(!b.ok && b.errors));
  assert.deepEqual(renderAgreementChanges(diffAgreements(demo(), b.value)), [
    '~ version: 1 → 2',
    '~ zone sevastopol geometry: circle 12 nm around [33.52, 44.62] → circle 15 nm around [33.52, 44.62]',
    '- rule R9 (air-integrity)',
    '~ rule R2 params.maxGap: 30m → 20m',
  ]);
});
