import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The repository root (this test runs from src/ under tsx and from dist/src/ once built). */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}


const vigil = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8', cwd: repoRoot() });

test('agreement check prints the demo summary and exits 0', () => {
  const r = vigil('agreement', 'check', 'examples/black-sea/agreement.yaml');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^black-sea-truce v1: Aerial and naval ceasefire in the Black Sea$/m);
  assert.match(r.stdout, /R1 no-entry: military vessels of RU must not enter odesa-approach \(Odesa port approaches\)/);
});

test('agreement check prints FILE:LINE:COL errors on stderr and exits 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-cli-'));
  const file = join(dir, 'bad.yaml');
  writeFileSync(file, 'agreement: t\ntitle: T\nversion: 1\neffective: { from: 2026-03-25T00:00:00Z }\nparties: {}\nrules:\n  - { id: R1, type: must-transmit, params: { maxGap: 30x } }\n');
  const r = vigil('agreement', 'check', file);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, new RegExp(`^${file}:7:54: rules\\[0\\]\\.params\\.maxGap: expected a duration`, 'm'));
});

test('agreement diff of a file with itself prints no changes', () => {
  const r = vigil('agreement', 'diff', 'examples/black-sea/agreement.yaml', 'examples/black-sea/agreement.yaml');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'no changes\n');
});

test('issue 11: agreement check states the demo rendezvous and loiter conditions in words', () => {
  const r = vigil('agreement', 'check', 'examples/black-sea/agreement.yaml');
  assert.equal(r.status, 0, r.stderr);
  const anchorages = 'outside zones odesa-outer-anchorage \\(Odesa outer anchorage\\) and bosphorus-north-anchorage \\(Bosphorus northern anchorage off Kilyos\\)';
  assert.match(r.stdout, new RegExp(`R3 no-loiter: vessels must not stay below 2 kn for 45m or more in western-corridor \\(Western humanitarian corridor\\), ${anchorages}, outside harbours \\[medium\\]`));
  assert.match(r.stdout, new RegExp(`R4 no-rendezvous: vessels must not stay within 500 m of each other, both below 3 kn, for 30m or more in western-corridor \\(Western humanitarian corridor\\), ${anchorages}, outside harbours \\[medium\\]`));
});

test('issue 11: an unknown exclude zone fails agreement check at its line and column', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-cli-'));
  const file = join(dir, 'bad.yaml');
  writeFileSync(file, [
    'agreement: t', 'title: T', 'version: 1', 'effective: { from: 2026-03-25T00:00:00Z }', 'parties: {}',
    'zones: [{ id: box, circle: { center: [30, 46], radiusNm: 5 } }]',
    'rules:', '  - { id: R1, type: no-rendezvous, zones: [box], params: { excludeZones: [kilyos] } }', '',
  ].join('\n'));
  const r = vigil('agreement', 'check', file);
  assert.equal(r.status, 2);
  assert.match(r.stderr, new RegExp(`^${file}:8:75: rules\\[0\\]\\.params\\.excludeZones\\[0\\]: unknown zone "kilyos" \\(zones: box\\)$`, 'm'));
});
