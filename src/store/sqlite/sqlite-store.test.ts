import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { COALITION } from '../marking.js';
import { storeContract } from '../contract.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations.js';
import { openSqliteStore } from './sqlite-store.js';
import { SqlReader } from './sql-reader.js';

const INTERNAL = ['insertAll', 'upsertAll', 'forgetKeys', 'enqueue', 'enforceBound'];
const tmp = mkdtempSync(join(tmpdir(), 'vigil-store-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
let files = 0;

storeContract('sqlite in memory', (o) => openSqliteStore(':memory:', o), { internalMethods: INTERNAL });
storeContract('sqlite file', (o) => openSqliteStore(join(tmp, `contract-${files++}.db`), o), { internalMethods: INTERNAL });

describe('sqlite store', () => {
  test('opens a file in WAL mode with synchronous=NORMAL', async () => {
    const s = openSqliteStore(join(tmp, 'pragmas.db'));
    assert.equal(s.db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(s.db.pragma('synchronous', { simple: true }), 1);
    await s.close();
  });

  test('migrate is idempotent: a second run applies nothing and the schema is unchanged', async () => {
    const s = openSqliteStore(':memory:');
    const schema = () => s.db.prepare("SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all();
    const before = schema();
    assert.deepEqual(s.migrate(), []);
    assert.deepEqual(schema(), before);
    assert.equal(s.schemaVersion(), MIGRATIONS.at(-1)!.version);
    await s.close();
  });

  test('every undo script removes what its do script made, and migrating again works', async () => {
    const s = openSqliteStore(':memory:');
    assert.deepEqual(s.rollback(0), MIGRATIONS.map((m) => m.version).sort((a, b) => b - a));
    const left = s.db.prepare("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name != 'schema_migrations'").all();
    assert.deepEqual(left, []);
    assert.deepEqual(s.migrate(), MIGRATIONS.map((m) => m.version));
    await s.close();
  });

  test('migration versions are unique and listed in increasing order', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    assert.deepEqual(versions, [...new Set(versions)].sort((a, b) => a - b));
  });

  test('a migration numbered below one already applied is still applied', async () => {
    const s = openSqliteStore(':memory:', { migrate: false });
    const [first, second, ...rest] = MIGRATIONS;
    assert.deepEqual(migrate(s.db, 0, [second!]), [second!.version]);
    assert.deepEqual(migrate(s.db, 0, [first!, second!]), [first!.version]);
    assert.deepEqual(migrate(s.db, 0, [first!, second!, ...rest]), rest.map((m) => m.version));
    await s.close();
  });

  test('refuses a database migrated by a newer program', async () => {
    const path = join(tmp, 'newer.db');
    const s = openSqliteStore(path);
    s.db.prepare('INSERT INTO schema_migrations (version, name, applied_ms) VALUES (999, ?, 0)').run('future');
    await s.close();
    assert.throws(() => openSqliteStore(path), /migration 999, unknown to this program/);
  });

  test('data survives closing and re-opening a file store', async () => {
    const path = join(tmp, 'reopen.db');
    const s1 = openSqliteStore(path);
    const w = s1.batchWriter();
    for (let i = 0; i < 1234; i++) {
      w.addObservation({ entityId: 'mmsi:1', kind: 'vessel', timeMs: i, lon: 31, lat: 46, feed: 'f', originator: 'FRA', marking: COALITION });
    }
    await w.flush();
    await s1.feeds.put({ name: 'f', kind: 'file', state: 'ended', counters: { lines: 1234 }, updatedMs: 5, originator: 'FRA', marking: COALITION });
    await s1.close();
    const s2 = openSqliteStore(path);
    assert.deepEqual(s2.migrate(), []);
    const page = await s2.observations.byEntity({ nation: 'GBR' }, { entityId: 'mmsi:1', fromMs: 0, toMs: 10_000, limit: 10_000 });
    assert.equal(page.items.length, 1234);
    assert.equal((await s2.feeds.get({ nation: 'GBR' }, 'f'))?.counters['lines'], 1234);
    await s2.close();
  });

  test('a failed batch flush keeps the buffer and writes nothing', async () => {
    const s = openSqliteStore(':memory:');
    const w = s.batchWriter();
    w.addObservation({ entityId: 'a', kind: 'vessel', timeMs: 1, lon: 31, lat: 46, feed: 'f', originator: 'FRA', marking: COALITION });
    w.addObservation({ entityId: 'b', kind: 'vessel', timeMs: 1, lon: 31, lat: 46, feed: 'f', originator: 'bad', marking: COALITION });
    await assert.rejects(w.flush(), /originator "bad"/);
    assert.equal(w.pending, 2);
    assert.deepEqual((await s.observations.byEntity({ system: true }, { entityId: 'a', fromMs: 0, toMs: 2 })).items, []);
    await s.close();
  });

  test('every read query built by SqlReader starts its WHERE with the releasability filter', () => {
    const sql = SqlReader.sql({ columns: 't.*', from: 'tracks t', alias: 't', where: ['t.id = @id'], orderBy: 't.id', limit: 5 });
    assert.equal(sql, "SELECT t.* FROM tracks t WHERE (@viewerSystem = 1 OR t.originator = @viewerNation OR t.marking = 'COALITION'" +
      " OR instr(t.releasable_to, ',' || @viewerNation || ',') > 0) AND t.id = @id ORDER BY t.id LIMIT @limit");
  });

  test('no SQLite repository reads records except through SqlReader (source check)', () => {
    const dir = dirname(fileURLToPath(import.meta.url));
    const offenders: string[] = [];
    for (const file of readdirSync(dir)) {
      if (!/\.[jt]s$/.test(file) || /\.(test|bench)\.[jt]s$/.test(file) || /^(migrations.*|migrate|sql-reader)\./.test(file)) continue;
      const text = readFileSync(join(dir, file), 'utf8');
      // A SELECT outside SqlReader is allowed only on the write path (a lookup inside a write
      // transaction), and must say so, so that a reviewer sees it is not a read for a viewer.
      for (const m of text.matchAll(/SELECT(?! \/\* write path \*\/)/g)) {
        offenders.push(`${file}:${text.slice(0, m.index).split('\n').length}`);
      }
      if (/\.select<.*>\(\s*\{\s*system/.test(text)) offenders.push(`${file}: reads as the system viewer`);
    }
    assert.deepEqual(offenders, []);
  });
});
