import assert from 'node:assert/strict';
import { sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadOrCreateNodeKey, type NodeKey } from './node-key.js';
import { parseManifest, sha256Hex, type ManifestMeta } from './manifest.js';
import { signReport, verifyReport } from './sign-report.js';

const root = mkdtempSync(join(tmpdir(), 'vigil-sign-'));
after(() => rmSync(root, { recursive: true, force: true }));
const node: NodeKey = loadOrCreateNodeKey(join(root, 'node'));
const attacker: NodeKey = loadOrCreateNodeKey(join(root, 'attacker'));

const META: ManifestMeta = {
  agreement: { id: 'black-sea-truce', version: 3 },
  period: { kind: 'weekly', from: '2026-03-18T00:00:00Z', to: '2026-03-25T00:00:00Z' },
  preparedFor: 'GBR',
  marking: 'REL TO FRA, GBR',
  generator: { name: 'vigil', version: '0.1.0' },
  generatedAt: '2026-03-25T06:00:00.000Z',
};
const DOC = Buffer.from('# Weekly compliance report\n\n![map](overview-map.svg)\n');
const MAP = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>\n');
const FILES = [{ name: 'report.md', bytes: DOC, mediaType: 'text/markdown; charset=utf-8' }, { name: 'overview-map.svg', bytes: MAP }];
const filesMap = (doc: Buffer = DOC, map: Buffer = MAP): Map<string, Buffer> => new Map([['report.md', doc], ['overview-map.svg', map]]);

const flip = (b: Buffer, at: number): Buffer => {
  const c = Buffer.from(b);
  c[at] = c[at]! ^ 0x01;
  return c;
};

test('the manifest is pretty JSON with a trailing newline, keys in the fixed order, every file with SHA-256 and size', () => {
  const { manifest, signature } = signReport(FILES, META, node);
  const text = manifest.toString('utf8');
  assert.ok(text.endsWith('}\n'));
  const m = JSON.parse(text) as Record<string, unknown>;
  assert.deepEqual(Object.keys(m), ['manifestVersion', 'files', 'agreement', 'period', 'preparedFor', 'marking', 'generator', 'generatedAt', 'key']);
  assert.deepEqual(m.files, [
    { name: 'report.md', mediaType: 'text/markdown; charset=utf-8', sha256: sha256Hex(DOC), sizeBytes: DOC.length },
    { name: 'overview-map.svg', sha256: sha256Hex(MAP), sizeBytes: MAP.length },
  ]);
  assert.deepEqual(m.key, { algorithm: 'Ed25519', id: node.keyId, publicKey: node.publicKeyPem });
  assert.equal(m.marking, 'REL TO FRA, GBR');
  assert.match(text, /^{\n {2}"manifestVersion": 1,\n {2}"files": \[\n/);
  assert.match(signature.toString('ascii'), /^[A-Za-z0-9+/]{86}==\n$/);
  // Same input, same bytes (Ed25519 is deterministic): nothing in the manifest depends on the clock.
  assert.deepEqual(signReport(FILES, META, node), { manifest, signature });
});

test('sign → verify: ok with the signer\'s key id and the manifest, from a map or a reader', () => {
  const { manifest, signature } = signReport(FILES, META, node);
  const r = verifyReport(filesMap(), manifest, signature, [attacker.publicKeyPem, node.publicKeyPem]);
  assert.equal(r.ok, true, r.ok ? '' : r.reason);
  assert.ok(r.ok);
  assert.equal(r.keyId, node.keyId);
  assert.equal(r.manifest.preparedFor, 'GBR');
  assert.equal(r.manifest.files.length, 2);
  const viaReader = verifyReport((name) => filesMap().get(name), manifest, signature, [node.publicKeyPem]);
  assert.equal(viaReader.ok, true);
});

test('one flipped byte in the document fails, naming the file and both SHA-256s', () => {
  const { manifest, signature } = signReport(FILES, META, node);
  const bad = flip(DOC, 10);
  const r = verifyReport(filesMap(bad), manifest, signature, [node.publicKeyPem]);
  assert.deepEqual(r, { ok: false, reason: `report.md: SHA-256 ${sha256Hex(bad)} differs from the manifest's ${sha256Hex(DOC)}` });
  const r2 = verifyReport(filesMap(DOC, flip(MAP, 0)), manifest, signature, [node.publicKeyPem]);
  assert.ok(!r2.ok);
  assert.match(r2.reason, /^overview-map\.svg: SHA-256 [0-9a-f]{64} differs/);
});

test('a truncated or grown file fails with its size; a missing file fails naming it', () => {
  const { manifest, signature } = signReport(FILES, META, node);
  const r = verifyReport(filesMap(Buffer.concat([DOC, Buffer.from('x')])), manifest, signature, [node.publicKeyPem]);
  assert.ok(!r.ok);
  assert.match(r.reason, new RegExp(`^report\\.md: SHA-256 .* \\(and its size is ${DOC.length + 1} bytes, the manifest says ${DOC.length}\\)$`));
  const missing = verifyReport(new Map([['report.md', DOC]]), manifest, signature, [node.publicKeyPem]);
  assert.deepEqual(missing, { ok: false, reason: 'overview-map.svg is listed in the manifest but missing' });
});

test('one flipped byte in the manifest fails, wherever it is', () => {
  const { manifest, signature } = signReport(FILES, META, node);
  const text = manifest.toString('utf8');
  // A digit of a SHA-256 changed to another hex digit (still a valid manifest): the signature no longer verifies.
  const at = text.indexOf(sha256Hex(DOC)) + 5;
  const changed = Buffer.from(manifest);
  changed[at] = text[at] === 'a' ? 0x62 : 0x61;
  assert.equal(parseManifest(changed).ok, true);
  const r = verifyReport(filesMap(), changed, signature, [node.publicKeyPem]);
  assert.ok(!r.ok);
  assert.match(r.reason, new RegExp(`^signature does not verify with any trusted key \\(${node.keyId}\\)`));
  // Every single-byte flip fails (some break the JSON, some the fields, the rest the signature).
  for (let i = 0; i < manifest.length; i += 7) {
    const res = verifyReport(filesMap(), flip(manifest, i), signature, [node.publicKeyPem]);
    assert.equal(res.ok, false, `flip at ${i} verified`);
  }
  const first = verifyReport(filesMap(), flip(manifest, 0), signature, [node.publicKeyPem]);
  assert.ok(!first.ok);
  assert.match(first.reason, /^manifest is not valid JSON: /);
});

test('a flipped byte in the signature fails; a signature file that is not base64 of 64 bytes fails', () => {
  const { manifest, signature } = signReport(FILES, META, node);
  const sig = Buffer.from(signature.toString('ascii').trim(), 'base64');
  const r = verifyReport(filesMap(), manifest, Buffer.from(`${flip(sig, 3).toString('base64')}\n`), [node.publicKeyPem]);
  assert.ok(!r.ok);
  assert.match(r.reason, /^signature does not verify with any trusted key/);
  for (const s of ['', 'not base64!\n', `${sig.subarray(0, 32).toString('base64')}\n`]) {
    assert.deepEqual(verifyReport(filesMap(), manifest, Buffer.from(s), [node.publicKeyPem]), { ok: false, reason: 'signature file is not a base64 Ed25519 signature (64 bytes)' });
  }
});

test('a report signed by another node\'s key fails: "signed by key X which is not among the trusted keys"', () => {
  const { manifest, signature } = signReport(FILES, META, attacker);
  const r = verifyReport(filesMap(), manifest, signature, [node.publicKeyPem]);
  assert.deepEqual(r, { ok: false, reason: `signed by key ${attacker.keyId} which is not among the trusted keys (${node.keyId})` });
  const none = verifyReport(filesMap(), manifest, signature, []);
  assert.ok(!none.ok);
  assert.match(none.reason, /not among the trusted keys \(none given\)/);
});

test('an attacker who changes the document and re-signs the manifest with their own key is not trusted', () => {
  const forged = Buffer.from('# Weekly compliance report\n\nNo violations.\n');
  const { manifest, signature } = signReport([{ name: 'report.md', bytes: forged }, { name: 'overview-map.svg', bytes: MAP }], META, attacker);
  const r = verifyReport(filesMap(forged), manifest, signature, [node.publicKeyPem]);
  assert.ok(!r.ok);
  assert.match(r.reason, new RegExp(`^signed by key ${attacker.keyId} which is not among the trusted keys`));
});

test('an attacker who re-signs but keeps the node\'s key in the manifest fails too (the embedded key grants nothing)', () => {
  const { manifest } = signReport(FILES, META, node);
  const changed = Buffer.from(manifest.toString('utf8').replace('"preparedFor": "GBR"', '"preparedFor": "POL"'));
  const sig = Buffer.from(`${sign(null, changed, attacker.privateKey).toString('base64')}\n`);
  const r = verifyReport(filesMap(), changed, sig, [node.publicKeyPem]);
  assert.ok(!r.ok);
  assert.match(r.reason, /^signature does not verify with any trusted key/);
});

test('manifest names with ../, / or \\ are rejected before any file is read, even when validly signed', () => {
  for (const name of ['../etc/passwd', 'sub/report.md', '..\\report.md', '..', 'a..b']) {
    const m = JSON.parse(signReport(FILES, META, node).manifest.toString('utf8')) as { files: { name: string }[] };
    m.files[1]!.name = name;
    const bytes = Buffer.from(`${JSON.stringify(m, null, 2)}\n`);
    const sig = Buffer.from(`${sign(null, bytes, node.privateKey).toString('base64')}\n`);
    const read: string[] = [];
    const r = verifyReport((n) => {
      read.push(n);
      return filesMap().get(n);
    }, bytes, sig, [node.publicKeyPem]);
    assert.ok(!r.ok, name);
    assert.ok(r.reason.startsWith(`manifest files[1] name ${JSON.stringify(name)} contains `), r.reason);
    assert.match(r.reason, /only plain file names beside the document are allowed$/);
    assert.deepEqual(read, [], `${name}: files were read`);
  }
});

test('signReport refuses names that are not plain file names and duplicates', () => {
  assert.throws(() => signReport([{ name: '../report.md', bytes: DOC }], META, node), /"\.\.\/report\.md" contains a directory separator/);
  assert.throws(() => signReport([{ name: 'a.md', bytes: DOC }, { name: 'a.md', bytes: MAP }], META, node), /listed twice/);
  assert.throws(() => signReport([], META, node), /at least one file/);
});

test('parseManifest names the field at fault', () => {
  const good = JSON.parse(signReport(FILES, META, node).manifest.toString('utf8')) as Record<string, unknown>;
  const withField = (k: string, v: unknown): Buffer => Buffer.from(JSON.stringify({ ...good, [k]: v }));
  const err = (b: Buffer): string => {
    const r = parseManifest(b);
    return r.ok ? 'ok' : r.error;
  };
  assert.equal(err(Buffer.from(JSON.stringify(good))), 'ok');
  assert.match(err(withField('manifestVersion', 2)), /manifestVersion 2, this Vigil reads 1/);
  assert.match(err(withField('period', { kind: 'monthly', from: 'a', to: 'b' })), /period is not/);
  assert.match(err(withField('files', [{ name: 'a', sha256: 'XYZ', sizeBytes: 1 }])), /files\[0\] \(a\) sha256/);
  assert.match(err(withField('key', { algorithm: 'RSA', id: 'x', publicKey: 'y' })), /key is not/);
  assert.match(err(Buffer.from('[1]')), /not a JSON object/);
  assert.match(err(Buffer.alloc((1 << 20) + 1, 0x20)), /more than 1048576/);
});
