import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { auditEntryHash, canonicalJson, GENESIS_HASH } from './audit-hash.js';
import { SqliteAuditLog } from './sqlite-audit-log.js';

const T0 = Date.UTC(2026, 2, 25, 6, 0, 0);

function clock(start = T0): () => number {
  let t = start;
  return () => (t += 1000);
}

/** A log over a fresh in-memory store with five entries of varied content. */
async function seeded(): Promise<{ db: Database; log: SqliteAuditLog }> {
  const store = openSqliteStore(':memory:');
  const log = new SqliteAuditLog(store.db, clock());
  await log.append({ actor: 'cli', nation: 'FRA', action: 'user.bootstrap', target: 'user:root', details: { roles: ['coalition-admin'], id: 1 } });
  await log.append({ actor: 'user:root', nation: 'GBR', action: 'user.create', target: 'user:ana', details: { nation: 'GBR', roles: ['analyst'] } });
  await log.append({ actor: 'user:ana', nation: null, action: 'login.failure', target: 'user:ghost', details: { reason: 'unknown user' } });
  await log.append({ actor: 'token:3', nation: 'GBR', action: 'token.revoke', target: 'token:3', details: {} });
  await log.append({ actor: 'user:ana', nation: 'GBR', action: 'logout', target: 'user:ana' });
  return { db: store.db, log };
}

/** Runs `sql` with the append-only triggers dropped, as someone with raw access to the file would. */
function tamper(db: Database, sql: string, ...params: unknown[]): void {
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  try {
    db.prepare(sql).run(...params);
  } finally {
    db.exec(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'append-only'); END;
             CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'append-only'); END;`);
  }
}

/** `s` with the character at `i` replaced by a different one of the same kind (hex stays hex). */
function flipChar(s: string, i: number): string {
  const c = s[i]!;
  const alt = c === '0' ? '1' : /[0-9a-f]/.test(c) ? '0' : c === 'x' ? 'y' : 'x';
  return s.slice(0, i) + alt + s.slice(i + 1);
}

test('appends chain each entry to the previous hash, from 64 zeros', async () => {
  const { log } = await seeded();
  const { items } = await log.list();
  assert.equal(items.length, 5);
  assert.equal(items[0]!.prevHash, GENESIS_HASH);
  for (let i = 1; i < items.length; i++) assert.equal(items[i]!.prevHash, items[i - 1]!.hash);
  assert.deepEqual(items.map((e) => e.seq), [1, 2, 3, 4, 5]);
  assert.deepEqual(items.map((e) => e.timeMs), [T0 + 1000, T0 + 2000, T0 + 3000, T0 + 4000, T0 + 5000]);
  assert.deepEqual(items[0]!.details, { id: 1, roles: ['coalition-admin'] });
  assert.deepEqual(await log.verify(), { ok: true, entries: 5 });
});

test('the hash is SHA-256 over the canonical serialisation with sorted detail keys', async () => {
  const { log } = await seeded();
  const first = (await log.list({ limit: 1 })).items[0]!;
  const expected = auditEntryHash({
    seq: 1, timeMs: T0 + 1000, actor: 'cli', nation: 'FRA', action: 'user.bootstrap', target: 'user:root',
    detailsJson: '{"id":1,"roles":["coalition-admin"]}', prevHash: GENESIS_HASH,
  });
  assert.equal(first.hash, expected);
  assert.match(first.hash, /^[0-9a-f]{64}$/);
  assert.equal(canonicalJson({ b: { d: 1, c: [3, { z: 0, y: 1 }] }, a: null }), '{"a":null,"b":{"c":[3,{"y":1,"z":0}],"d":1}}');
});

test('an empty log verifies with zero entries', async () => {
  const log = new SqliteAuditLog(openSqliteStore(':memory:').db, clock());
  assert.deepEqual(await log.verify(), { ok: true, entries: 0 });
  assert.deepEqual(log.head(), { seq: 0, hash: GENESIS_HASH });
});

test('the triggers refuse UPDATE and DELETE on audit_log', async () => {
  const { db, log } = await seeded();
  assert.throws(() => db.prepare("UPDATE audit_log SET actor = 'x' WHERE seq = 2").run(), /append-only: UPDATE refused/);
  assert.throws(() => db.prepare('DELETE FROM audit_log WHERE seq = 5').run(), /append-only: DELETE refused/);
  assert.throws(() => db.prepare('DELETE FROM audit_log').run(), /append-only: DELETE refused/);
  assert.deepEqual(await log.verify(), { ok: true, entries: 5 });
});

test('changing any single character of any text column of any entry is detected at that entry', async () => {
  const { db, log } = await seeded();
  const columns = ['actor', 'nation', 'action', 'target', 'details', 'prev_hash', 'hash'] as const;
  let cases = 0;
  for (let seq = 1; seq <= 5; seq++) {
    for (const col of columns) {
      const original = (db.prepare(`SELECT ${col} AS v FROM audit_log WHERE seq = ?`).get(seq) as { v: string | null }).v;
      if (original === null) continue;
      for (let i = 0; i < original.length; i++) {
        tamper(db, `UPDATE audit_log SET ${col} = ? WHERE seq = ?`, flipChar(original, i), seq);
        const r = await log.verify();
        assert.equal(r.ok, false, `${col}[${i}] of seq ${seq} changed unnoticed`);
        if (!r.ok) {
          // A changed prev_hash or content breaks this entry; a changed hash is caught here too.
          assert.equal(r.brokenAt, seq, `${col}[${i}] of seq ${seq}: ${r.reason}`);
          assert.equal(r.entries, 5);
        }
        tamper(db, `UPDATE audit_log SET ${col} = ? WHERE seq = ?`, original, seq);
        cases++;
      }
    }
  }
  assert.ok(cases > 800, `only ${cases} cases`);
  assert.deepEqual(await log.verify(), { ok: true, entries: 5 });
});

test('changing the time, nulling the nation or renumbering an entry is detected', async () => {
  const { db, log } = await seeded();
  tamper(db, 'UPDATE audit_log SET time_ms = time_ms + 1 WHERE seq = 3');
  assert.deepEqual(await log.verify(), { ok: false, entries: 5, brokenAt: 3, reason: 'content changed: the stored hash does not match the entry' });
  tamper(db, 'UPDATE audit_log SET time_ms = time_ms - 1 WHERE seq = 3');
  tamper(db, 'UPDATE audit_log SET nation = NULL WHERE seq = 2');
  assert.equal((await log.verify() as { brokenAt: number }).brokenAt, 2);
  tamper(db, "UPDATE audit_log SET nation = 'GBR' WHERE seq = 2");
  tamper(db, 'UPDATE audit_log SET seq = 9 WHERE seq = 4');
  const r = await log.verify();
  assert.equal(r.ok, false);
  assert.equal((r as { brokenAt: number }).brokenAt, 4);
  assert.match((r as { reason: string }).reason, /^entry missing \(seq gap\)/);
});

test('an entry rewritten with a recomputed hash breaks the chain at the next entry', async () => {
  const { db, log } = await seeded();
  const row = db.prepare('SELECT * FROM audit_log WHERE seq = 2').get() as { time_ms: number; nation: string; action: string; details: string; prev_hash: string };
  const forged = auditEntryHash({ seq: 2, timeMs: row.time_ms, actor: 'user:mallory', nation: row.nation, action: row.action, target: 'user:ana', detailsJson: row.details, prevHash: row.prev_hash });
  tamper(db, "UPDATE audit_log SET actor = 'user:mallory', hash = ? WHERE seq = 2", forged);
  assert.deepEqual(await log.verify(), { ok: false, entries: 5, brokenAt: 3, reason: 'chain broken: prevHash does not match the previous entry\'s hash' });
});

test('deleting an entry in the middle, the first or the last is detected', async () => {
  for (const [seq, brokenAt] of [[3, 3], [1, 1], [5, 5]] as const) {
    const { db, log } = await seeded();
    tamper(db, 'DELETE FROM audit_log WHERE seq = ?', seq);
    const r = await log.verify();
    assert.equal(r.ok, false, `deleting seq ${seq}`);
    assert.equal((r as { brokenAt: number }).brokenAt, brokenAt);
    assert.equal(r.entries, 4);
    assert.match((r as { reason: string }).reason, /^entry missing \(seq gap\)/);
  }
});

test('swapping two entries is detected', async () => {
  const { db, log } = await seeded();
  tamper(db, 'UPDATE audit_log SET seq = 100 WHERE seq = 2');
  tamper(db, 'UPDATE audit_log SET seq = 2 WHERE seq = 3');
  tamper(db, 'UPDATE audit_log SET seq = 3 WHERE seq = 100');
  const r = await log.verify();
  assert.equal(r.ok, false);
  assert.equal((r as { brokenAt: number }).brokenAt, 2);
});

test('the chain survives closing and reopening the database file, and appends continue it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-audit-'));
  const path = join(dir, 'vigil.sqlite');
  let store = openSqliteStore(path);
  let log = new SqliteAuditLog(store.db, clock());
  await log.append({ actor: 'cli', nation: 'FRA', action: 'user.bootstrap', target: 'user:root' });
  await log.append({ actor: 'user:root', nation: 'FRA', action: 'user.create', target: 'user:ana', details: { roles: ['analyst'] } });
  const head = log.head();
  await store.close();

  store = openSqliteStore(path);
  log = new SqliteAuditLog(store.db, clock(T0 + 60_000));
  assert.deepEqual(log.head(), head);
  assert.deepEqual(await log.verify(), { ok: true, entries: 2 });
  const third = await log.append({ actor: 'user:ana', nation: 'FRA', action: 'logout', target: 'user:ana' });
  assert.equal(third.seq, 3);
  assert.equal(third.prevHash, head.hash);
  assert.deepEqual(await log.verify(), { ok: true, entries: 3 });
  await store.close();
});

test('a byte changed in the database file itself is detected', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-audit-'));
  const path = join(dir, 'vigil.sqlite');
  let store = openSqliteStore(path);
  let log = new SqliteAuditLog(store.db, clock());
  await log.append({ actor: 'cli', nation: 'FRA', action: 'user.bootstrap', target: 'user:root' });
  // The marker sits in `details`, which no index copies, so the file holds it once.
  await log.append({ actor: 'user:root', nation: 'FRA', action: 'user.create', target: 'user:ana', details: { note: 'zzmarker' } });
  await log.append({ actor: 'user:root', nation: 'FRA', action: 'logout', target: 'user:root' });
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  await store.close();

  const bytes = readFileSync(path);
  const at = bytes.indexOf('zzmarker');
  assert.ok(at > 0, 'marker not found in the file');
  assert.equal(bytes.indexOf('zzmarker', at + 1), -1, 'marker found twice in the file');
  bytes[at + 2] = 'q'.charCodeAt(0);
  writeFileSync(path, bytes);

  store = openSqliteStore(path);
  log = new SqliteAuditLog(store.db, clock());
  assert.deepEqual(await log.verify(), { ok: false, entries: 3, brokenAt: 2, reason: 'content changed: the stored hash does not match the entry' });
  await store.close();
});

test('list filters by nation, action, target and time, and pages by cursor', async () => {
  const { log } = await seeded();
  assert.deepEqual((await log.list({ nation: 'GBR' })).items.map((e) => e.seq), [2, 4, 5]);
  assert.deepEqual((await log.list({ action: 'logout' })).items.map((e) => e.seq), [5]);
  assert.deepEqual((await log.list({ target: 'user:ana' })).items.map((e) => e.seq), [2, 5]);
  assert.deepEqual((await log.list({ fromMs: T0 + 2000, toMs: T0 + 3000 })).items.map((e) => e.seq), [2, 3]);
  const p1 = await log.list({ limit: 2 });
  assert.deepEqual(p1.items.map((e) => e.seq), [1, 2]);
  assert.ok(p1.nextCursor !== null);
  const p2 = await log.list({ limit: 2, cursor: p1.nextCursor });
  assert.deepEqual(p2.items.map((e) => e.seq), [3, 4]);
  const p3 = await log.list({ limit: 2, cursor: p2.nextCursor! });
  assert.deepEqual(p3.items.map((e) => e.seq), [5]);
  assert.equal(p3.nextCursor, null);
  await assert.rejects(log.list({ cursor: 'nonsense' }), /invalid cursor/);
});

test('verify walks chains longer than one page', async () => {
  const log = new SqliteAuditLog(openSqliteStore(':memory:').db, clock());
  for (let i = 0; i < 2500; i++) log.appendSync({ actor: 'system', nation: null, action: 'test', target: `n:${i}` });
  assert.deepEqual(await log.verify(), { ok: true, entries: 2500 });
});

test('an append inside a rolled-back transaction leaves no entry', async () => {
  const { db, log } = await seeded();
  assert.throws(() => db.transaction(() => {
    log.appendSync({ actor: 'system', nation: null, action: 'doomed', target: 'x' });
    throw new Error('roll back');
  })(), /roll back/);
  assert.deepEqual(await log.verify(), { ok: true, entries: 5 });
  assert.equal((await log.append({ actor: 'system', nation: null, action: 'next', target: 'x' })).seq, 6);
});
