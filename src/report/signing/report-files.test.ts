import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadOrCreateNodeKey } from './node-key.js';
import type { ManifestMeta } from './manifest.js';
import { verifyReportFile, writeSignedReport } from './report-files.js';

const root = mkdtempSync(join(tmpdir(), 'vigil-report-files-'));
after(() => rmSync(root, { recursive: true, force: true }));
const node = loadOrCreateNodeKey(join(root, 'node'));
const META: ManifestMeta = {
  agreement: { id: 'black-sea-truce', version: 1 },
  period: { kind: 'daily', from: '2026-03-24T00:00:00Z', to: '2026-03-25T00:00:00Z' },
  preparedFor: 'FRA', marking: 'COALITION', generator: { name: 'vigil', version: '0.1.0' }, generatedAt: '2026-03-25T00:05:00Z',
};
let n = 0;
const fresh = (): { dir: string; doc: string } => {
  const dir = join(root, `r${++n}`);
  mkdirSync(dir);
  writeSignedReport(dir, [{ name: 'report.md', bytes: Buffer.from('# Daily\n![m](map.svg)\n') }, { name: 'map.svg', bytes: Buffer.from('<svg/>') }], META, node);
  return { dir, doc: join(dir, 'report.md') };
};

test('writeSignedReport writes the files, DOC.manifest.json and DOC.sig beside them, and returns the paths', () => {
  const dir = join(root, 'write');
  mkdirSync(dir);
  const paths = writeSignedReport(dir, [{ name: 'report.html', bytes: Buffer.from('<p>hi</p>') }], META, node);
  assert.deepEqual(paths, { files: [join(dir, 'report.html')], manifest: join(dir, 'report.html.manifest.json'), signature: join(dir, 'report.html.sig') });
  assert.deepEqual(readdirSync(dir).sort(), ['report.html', 'report.html.manifest.json', 'report.html.sig']);
  assert.equal(readFileSync(paths.files[0]!, 'utf8'), '<p>hi</p>');
});

test('verifyReportFile: ok; a changed image beside the document fails naming it', () => {
  const { dir, doc } = fresh();
  const r = verifyReportFile(doc, [node.publicKeyPem]);
  assert.equal(r.ok, true, r.ok ? '' : r.reason);
  writeFileSync(join(dir, 'map.svg'), '<svg/>!');
  const bad = verifyReportFile(doc, [node.publicKeyPem]);
  assert.ok(!bad.ok);
  assert.match(bad.reason, /^map\.svg: SHA-256 /);
});

test('verifyReportFile: a missing manifest, signature or listed file is named', () => {
  let { dir, doc } = fresh();
  unlinkSync(`${doc}.manifest.json`);
  assert.deepEqual(verifyReportFile(doc, [node.publicKeyPem]), { ok: false, reason: `no manifest beside it (${doc}.manifest.json)` });
  ({ dir, doc } = fresh());
  unlinkSync(`${doc}.sig`);
  assert.deepEqual(verifyReportFile(doc, [node.publicKeyPem]), { ok: false, reason: `no signature beside it (${doc}.sig)` });
  ({ dir, doc } = fresh());
  unlinkSync(join(dir, 'map.svg'));
  assert.deepEqual(verifyReportFile(doc, [node.publicKeyPem]), { ok: false, reason: 'map.svg is listed in the manifest but missing' });
});

test('a genuine manifest and signature of another document, renamed beside this one, do not verify it', () => {
  const { dir, doc } = fresh();
  const other = join(dir, 'forged.md');
  writeFileSync(other, '# Nothing happened\n');
  copyFileSync(`${doc}.manifest.json`, `${other}.manifest.json`);
  copyFileSync(`${doc}.sig`, `${other}.sig`);
  assert.deepEqual(verifyReportFile(other, [node.publicKeyPem]), { ok: false, reason: 'the manifest does not list forged.md (it lists report.md, map.svg)' });
});
