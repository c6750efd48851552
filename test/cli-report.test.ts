/**
 * `vigil report` over recorded inputs and `vigil report verify`, as a user runs them: one
 * process each, files on disk, exit codes.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vigil } from './helpers/cli.js';
import { DEMO_AGREEMENT, runScenario } from './helpers/scenario.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-report-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a Markdown report over a recorded feed: document, its SVG images beside it, manifest and signature; verify passes, a changed image fails', async () => {
  const sc = await runScenario({ durationMs: 3 * 3600_000, classA: 6, classB: 2 }, {});
  const input = join(dir, 'day.nmea');
  writeFileSync(input, sc.lines.join('\n') + '\n');
  const out = join(dir, 'out', 'brief.md');
  const keys = join(dir, 'node');
  const r = vigil(['report', '--agreement', DEMO_AGREEMENT, input, '--period', 'daily', '--from', '2026-03-25', '--nation', 'FRA', '--format', 'md', '--out', out, '--key-dir', keys]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /wrote .*brief\.md \(COALITION; \d+ alerts/);
  const text = readFileSync(out, 'utf8');
  assert.match(text, /^\*\*COALITION\*\*/);
  assert.match(text, /## Coverage and outages/);
  const images = [...text.matchAll(/\]\((brief-[\w-]+\.svg)\)/g)].map((m) => m[1]!);
  assert.ok(images.includes('brief-overview-map.svg'), images.join(', '));
  for (const img of images) assert.ok(existsSync(join(dir, 'out', img)), `${img} beside the document`);
  const manifest = JSON.parse(readFileSync(`${out}.manifest.json`, 'utf8')) as { files: { name: string }[] };
  assert.deepEqual(manifest.files.map((f) => f.name), ['brief.md', ...[...new Set(images)].sort()]);

  const ok = vigil(['report', 'verify', out, '--data', keys]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /^verified .*brief\.md: \d+ file\(s\), signed by ed25519:[0-9a-f]{16}/);
  const img = join(dir, 'out', 'brief-overview-map.svg');
  writeFileSync(img, readFileSync(img, 'utf8').replace('</svg>', '<!-- --></svg>'));
  const bad = vigil(['report', 'verify', out, '--data', keys]);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /NOT VERIFIED: brief-overview-map\.svg: SHA-256/);
});

test('bad report options exit 2 and say what is wrong', () => {
  const noNation = vigil(['report', '--agreement', DEMO_AGREEMENT, 'x.nmea', '--out', join(dir, 'x.html')]);
  assert.equal(noNation.status, 2);
  assert.match(noNation.stderr, /--nation/);
  const badPeriod = vigil(['report', '--agreement', DEMO_AGREEMENT, 'x.nmea', '--nation', 'FRA', '--out', join(dir, 'x.html'), '--period', 'custom', '--from', '2026-03-25']);
  assert.equal(badPeriod.status, 2);
  assert.match(badPeriod.stderr, /custom period needs both from and to/);
  const noData = vigil(['report', '--data', join(dir, 'nowhere'), '--nation', 'FRA', '--out', join(dir, 'x.html')]);
  assert.equal(noData.status, 2);
  assert.match(noData.stderr, /vigil\.sqlite does not exist/);
});
