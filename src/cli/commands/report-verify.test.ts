import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Command } from 'commander';
import { CliError } from '../command.js';
import { loadOrCreateNodeKey, nodeKeyPaths } from '../../report/signing/node-key.js';
import { writeSignedReport } from '../../report/signing/report-files.js';
import { configureReportVerify } from './report-verify.js';

const root = mkdtempSync(join(tmpdir(), 'vigil-report-verify-'));
after(() => rmSync(root, { recursive: true, force: true }));
const nodeData = join(root, 'node');
const node = loadOrCreateNodeKey(nodeData);
const other = loadOrCreateNodeKey(join(root, 'other'));
const doc = join(root, 'report.html');
writeSignedReport(root, [{ name: 'report.html', bytes: Buffer.from('<h1>Weekly</h1>\n'), mediaType: 'text/html; charset=utf-8' }], {
  agreement: { id: 'black-sea-truce', version: 2 },
  period: { kind: 'weekly', from: '2026-03-18T00:00:00Z', to: '2026-03-25T00:00:00Z' },
  preparedFor: 'GBR', marking: 'REL TO FRA, GBR', generator: { name: 'vigil', version: '0.1.0' }, generatedAt: '2026-03-25T06:00:00Z',
}, node);

/** `vigil report verify ARGS…` on a tiny program as the report command will build it: stdout, or the CliError. */
async function run(...args: string[]): Promise<{ stdout: string; error?: CliError }> {
  const program = new Command('vigil').exitOverride();
  configureReportVerify(program.command('report').exitOverride());
  let stdout = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => {
    stdout += chunk;
    return true;
  }) as typeof process.stdout.write;
  try {
    await program.parseAsync(['node', 'vigil', 'report', 'verify', ...args]);
    return { stdout };
  } catch (err) {
    if (err instanceof CliError) return { stdout, error: err };
    throw err;
  } finally {
    process.stdout.write = write;
  }
}

const VERIFIED = `verified ${doc}: 1 file(s), signed by ${node.keyId} (black-sea-truce v2, 2026-03-18T00:00:00Z–2026-03-25T00:00:00Z, prepared for GBR)\n`;

test('with --key of the signer: prints the verified line', async () => {
  assert.deepEqual(await run(doc, '--key', nodeKeyPaths(nodeData).publicKey), { stdout: VERIFIED });
});

test('with --data of the signing node: trusts its node key', async () => {
  assert.deepEqual(await run('--data', nodeData, doc), { stdout: VERIFIED });
});

test('--key repeats and does not swallow the file that follows', async () => {
  assert.deepEqual(await run('--key', nodeKeyPaths(join(root, 'other')).publicKey, '--key', nodeKeyPaths(nodeData).publicKey, doc), { stdout: VERIFIED });
});

test('without a key: exit 2, a signature proves nothing without a key you trust', async () => {
  const r = await run(doc);
  assert.equal(r.error?.exitCode, 2);
  assert.equal(r.error?.message, 'give --key PUB.pem or --data DIR: a signature proves nothing without a key you trust');
  assert.equal(r.stdout, '');
});

test('with another node\'s key only: exit 1, NOT VERIFIED, not among the trusted keys', async () => {
  const r = await run(doc, '--key', nodeKeyPaths(join(root, 'other')).publicKey);
  assert.equal(r.error?.exitCode, 1);
  assert.equal(r.error?.message, `${doc}: NOT VERIFIED: signed by key ${node.keyId} which is not among the trusted keys (${other.keyId})`);
  assert.equal(r.stdout, '');
});

test('a private key or a data directory without a key is a usage error (exit 2)', async () => {
  const priv = await run(doc, '--key', nodeKeyPaths(nodeData).privateKey);
  assert.equal(priv.error?.exitCode, 2);
  assert.match(priv.error?.message ?? '', /is a private key: give the public key/);
  const none = await run(doc, '--data', join(root, 'nowhere'));
  assert.equal(none.error?.exitCode, 2);
  assert.match(none.error?.message ?? '', /nowhere has no node key \(.*node-ed25519\.pub\.pem does not exist/);
});

test('a changed document, verified: exit 1 naming the file (kept last: it alters the report)', async () => {
  writeFileSync(doc, '<h1>Weekly</h2>\n'); // one byte changed, same size
  const r = await run(doc, '--data', nodeData);
  assert.equal(r.error?.exitCode, 1);
  assert.match(r.error?.message ?? '', new RegExp(`^${doc.replace(/[.]/g, '\\.')}: NOT VERIFIED: report\\.html: SHA-256 [0-9a-f]{64} differs from the manifest's [0-9a-f]{64}$`));
});
