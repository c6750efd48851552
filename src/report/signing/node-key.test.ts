import assert from 'node:assert/strict';
import { createHash, createPublicKey, sign, verify } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import { keyIdOf, loadOrCreateNodeKey, nodeKeyPaths, readPublicKey } from './node-key.js';

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'vigil-key-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

test('creates the key pair on first use: private key 0600 in a 0700 directory, SPKI public key beside it', () => {
  const data = tempDir();
  const key = loadOrCreateNodeKey(data);
  const paths = nodeKeyPaths(data);
  assert.equal(statSync(paths.privateKey).mode & 0o777, 0o600);
  assert.equal(statSync(paths.dir).mode & 0o777, 0o700);
  assert.match(readFileSync(paths.privateKey, 'utf8'), /^-----BEGIN PRIVATE KEY-----\n/);
  assert.equal(readFileSync(paths.publicKey, 'utf8'), key.publicKeyPem);
  assert.match(key.publicKeyPem, /^-----BEGIN PUBLIC KEY-----\n/);
  assert.equal(key.privateKey.asymmetricKeyType, 'ed25519');
  const sig = sign(null, Buffer.from('x'), key.privateKey);
  assert.ok(verify(null, Buffer.from('x'), createPublicKey(key.publicKeyPem), sig));
});

test('the key id is ed25519: and the first 16 hex digits of SHA-256 of the DER SPKI key', () => {
  const key = loadOrCreateNodeKey(tempDir());
  const der = createPublicKey(key.publicKeyPem).export({ type: 'spki', format: 'der' });
  assert.equal(key.keyId, `ed25519:${createHash('sha256').update(der).digest('hex').slice(0, 16)}`);
  assert.match(key.keyId, /^ed25519:[0-9a-f]{16}$/);
  assert.equal(keyIdOf(key.publicKeyPem), key.keyId);
});

test('loads the same key the second time, and rewrites a missing public key file', () => {
  const data = tempDir();
  const first = loadOrCreateNodeKey(data);
  assert.equal(loadOrCreateNodeKey(data).keyId, first.keyId);
  unlinkSync(nodeKeyPaths(data).publicKey);
  assert.equal(loadOrCreateNodeKey(data).keyId, first.keyId);
  assert.equal(readFileSync(nodeKeyPaths(data).publicKey, 'utf8'), first.publicKeyPem);
});

test('a private key readable by group or others (0644, 0640) is refused, naming the file', () => {
  const data = tempDir();
  loadOrCreateNodeKey(data);
  const path = nodeKeyPaths(data).privateKey;
  for (const mode of [0o644, 0o640, 0o604]) {
    chmodSync(path, mode);
    assert.throws(() => loadOrCreateNodeKey(data), (err: Error) => {
      assert.ok(err.message.includes(path), err.message);
      assert.match(err.message, new RegExp(`accessible by group or others \\(mode 0${mode.toString(8)}\\).*chmod 600`));
      return true;
    });
  }
  chmodSync(path, 0o400);
  assert.match(loadOrCreateNodeKey(data).keyId, /^ed25519:/);
});

test('a public key file that is not the private key\'s half is an error, not a silent choice', () => {
  const data = tempDir();
  loadOrCreateNodeKey(data);
  writeFileSync(nodeKeyPaths(data).publicKey, loadOrCreateNodeKey(tempDir()).publicKeyPem);
  assert.throws(() => loadOrCreateNodeKey(data), /is not the public key of/);
});

test('readPublicKey reads an SPKI PEM and refuses a private key, a non-key and a missing file', () => {
  const data = tempDir();
  const key = loadOrCreateNodeKey(data);
  const paths = nodeKeyPaths(data);
  assert.deepEqual(readPublicKey(paths.publicKey), { publicKeyPem: key.publicKeyPem, keyId: key.keyId });
  assert.throws(() => readPublicKey(paths.privateKey), /is a private key: give the public key/);
  const junk = join(data, 'junk.pem');
  writeFileSync(junk, 'hello\n');
  assert.throws(() => readPublicKey(junk), new RegExp(`${junk}: not a PEM public key`));
  assert.throws(() => readPublicKey(join(data, 'none.pem')), /cannot read public key .*none\.pem/);
});
