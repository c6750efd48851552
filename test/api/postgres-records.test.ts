import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findPostgresBinaries } from '../helpers/postgres-server.js';

// Issue 14: the releasability and authorization-matrix suites, run again with the records
// (alerts, reports, tracks, observations, feeds) in PostgreSQL, as `vigil serve --store
// postgres://…` keeps them (test/helpers/api.ts reads VIGIL_TEST_RECORDS).

const SUITES = ['releasability.test.js', 'authz-matrix.test.js'];
const compiled = fileURLToPath(import.meta.url).endsWith('.js');

test('the releasability and authorization-matrix suites pass with the records in PostgreSQL', { timeout: 300_000, skip: (findPostgresBinaries() === undefined || !compiled) && 'needs PostgreSQL 15 + PostGIS 3 and the compiled tests' }, async () => {
  const files = SUITES.map((f) => fileURLToPath(new URL(f, import.meta.url)));
  // Without NODE_TEST_CONTEXT the child is a test run of its own, not a subtest reporting to this one.
  const { NODE_TEST_CONTEXT: _context, ...env } = process.env;
  const { code, out } = await new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, ['--test', '--test-reporter=tap', ...files], { env: { ...env, VIGIL_TEST_RECORDS: 'postgres' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
    child.on('exit', (c) => resolve({ code: c, out }));
  });
  const count = (name: string): number => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(out)?.[1] ?? NaN);
  assert.equal(count('fail'), 0, out.split('\n').filter((l) => /not ok|Error|expected|actual/.test(l)).slice(0, 40).join('\n'));
  assert.ok(count('pass') > 500, `passed: ${count('pass')}`);
  assert.equal(code, 0);
});
