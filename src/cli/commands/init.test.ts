import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { keyIdOf, nodeKeyPaths } from '../../report/signing/node-key.js';

/** The repository root (this test runs from src/ under tsx and from dist/src/ once built). */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

test('vigil init creates the node signing key (0600) and prints its id', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-init-key-'));
  try {
    const data = join(dir, 'data');
    const pw = join(dir, 'pw');
    writeFileSync(pw, 'first admin password\n');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'init', '--data', data, '--username', 'root', '--nation', 'FRA', '--password-file', pw], { encoding: 'utf8', cwd: repoRoot() });
    assert.equal(r.status, 0, r.stderr);
    const paths = nodeKeyPaths(data);
    assert.equal(statSync(paths.privateKey).mode & 0o777, 0o600);
    const id = keyIdOf(readFileSync(paths.publicKey, 'utf8'));
    assert.match(r.stdout, new RegExp(`^node signing key ${id} \\(public key ${paths.publicKey.replace(/[.]/g, '\\.')}\\)$`, 'm'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
