import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { parseTtl } from './token.js';

/** The repository root (this test runs from src/ under tsx and from dist/src/ once built). */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

/** `npx tsx src/cli/main.ts ARGS…` (tsx as a loader of this node, as `npx tsx` runs it). */
const vigil = (env: Record<string, string>, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8', cwd: repoRoot(), env: { ...process.env, ...env } });

test('init, user add, token create and audit verify round-trip through the CLI, audited as cli', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-access-cli-'));
  const data = join(dir, 'data');
  const pwFile = join(dir, 'pw');
  writeFileSync(pwFile, 'first admin password\n');

  let r = vigil({}, 'init', '--data', data, '--username', 'root', '--nation', 'FRA', '--password-file', pwFile);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^created .*vigil\.sqlite with coalition admin root \(FRA, id 1\)$/m);
  assert.ok(existsSync(join(data, 'vigil.sqlite')));

  r = vigil({ VIGIL_INIT_PASSWORD: 'another long password' }, 'init', '--data', data, '--username', 'again', '--nation', 'FRA');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /users already exist \(1\)/);

  r = vigil({ VIGIL_USER_PASSWORD: 'analyst password' }, 'user', 'add', '--data', data, '--username', 'ana', '--nation', 'GBR', '--roles', 'analyst,verifier');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'added ana (GBR, analyst,verifier, id 2)\n');

  r = vigil({ VIGIL_USER_PASSWORD: 'short' }, 'user', 'add', '--data', data, '--username', 'bob', '--nation', 'GBR', '--roles', 'viewer');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^vigil: password: must be at least 12 characters/);

  r = vigil({}, 'user', 'list', '--data', data);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^ID +USERNAME +NATION +ROLES +STATUS +CREATED\n1 +root +FRA +coalition-admin +active +\S+\n2 +ana +GBR +analyst,verifier +active +\S+\n$/);

  r = vigil({}, 'token', 'create', '--data', data, '--username', 'ana', '--name', 'ingest', '--scopes', 'read,report:create', '--ttl', '30d');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^vgl_[A-Za-z0-9_-]{43}\n$/);
  assert.match(r.stderr, /token 1 for ana \(read,report:create\)/);

  r = vigil({}, 'token', 'create', '--data', data, '--username', 'ana', '--name', 'x', '--scopes', 'users:manage', '--ttl', '30d');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /scopes: users:manage not granted to ana/);
  r = vigil({}, 'token', 'create', '--data', data, '--username', 'ana', '--name', 'x', '--scopes', 'read', '--ttl', '400d');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /ttlMs:/);

  r = vigil({}, 'token', 'revoke', '--data', data, '--id', '1');
  assert.equal(r.status, 0, r.stderr);
  r = vigil({}, 'user', 'disable', '--data', data, '--username', 'ana');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'disabled ana (GBR, id 2)\n');

  r = vigil({}, 'audit', 'verify', '--data', data);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '5 entries, chain intact\n');

  const db = new Database(join(data, 'vigil.sqlite'));
  const entries = db.prepare('SELECT actor, action, target FROM audit_log ORDER BY seq').all();
  assert.deepEqual(entries, [
    { actor: 'cli', action: 'user.bootstrap', target: 'user:root' },
    { actor: 'cli', action: 'user.create', target: 'user:ana' },
    { actor: 'cli', action: 'token.create', target: 'token:1' },
    { actor: 'cli', action: 'token.revoke', target: 'token:1' },
    { actor: 'cli', action: 'user.disable', target: 'user:ana' },
  ]);
  // Someone with the file drops the guard and rewrites history: verify exits 1 naming the entry.
  db.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET target = 'user:eve' WHERE seq = 2;");
  db.close();
  r = vigil({}, 'audit', 'verify', '--data', data);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'vigil: audit chain broken at entry 2: content changed: the stored hash does not match the entry (5 entries)\n');
});

test('access commands on a directory without a database exit 2 and create nothing', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'vigil-access-cli-')), 'missing');
  const r = vigil({}, 'audit', 'verify', '--data', dir);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /vigil\.sqlite does not exist: run "vigil init --data .*" first/);
  assert.equal(existsSync(dir), false);
});

test('init without a password file or VIGIL_INIT_PASSWORD exits 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-access-cli-'));
  const env = { ...process.env };
  delete env['VIGIL_INIT_PASSWORD'];
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'init', '--data', dir, '--username', 'root', '--nation', 'FRA'], { encoding: 'utf8', cwd: repoRoot(), env });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /give --password-file FILE, or the password in the environment variable VIGIL_INIT_PASSWORD/);
});

test('token lifetimes parse as days, hours, minutes and seconds', () => {
  assert.equal(parseTtl('30d'), 30 * 86_400_000);
  assert.equal(parseTtl('12h'), 12 * 3_600_000);
  assert.equal(parseTtl('90m'), 90 * 60_000);
  assert.equal(parseTtl('45s'), 45_000);
  assert.equal(parseTtl('1y'), undefined);
  assert.equal(parseTtl('d'), undefined);
  assert.equal(parseTtl('-1d'), undefined);
});
