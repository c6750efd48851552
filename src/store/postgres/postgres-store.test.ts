/**
 * The store contract against a throwaway PostgreSQL 15 + PostGIS 3 server
 * (test/helpers/postgres-server.ts), one fresh database per store; plus what only this
 * backend has: migrations, row-level security, concurrent outbox claims.
 * Skipped, saying why, when PostgreSQL or PostGIS is not installed (`.ci/run` installs them).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { findPostgresBinaries, type PostgresServer, startPostgresServer } from '../../../test/helpers/postgres-server.js';
import { storeContract } from '../contract.js';
import { COALITION } from '../marking.js';
import { PG_MIGRATIONS } from './migrations.js';
import { PgReader } from './pg-reader.js';
import { openPostgresStore, type PostgresStoreOptions } from './postgres-store.js';

const INTERNAL = ['insertAll', 'upsertAll', 'enqueue', 'enforceBound'];

if (findPostgresBinaries() === undefined) {
  test('postgres store (skipped: PostgreSQL 15 + PostGIS 3 not installed; apt-get install postgresql-15 postgresql-15-postgis-3)', { skip: true }, () => {});
} else {
  const server: PostgresServer = await startPostgresServer();
  after(() => server.stop());
  let databases = 0;
  const fresh = async (o: PostgresStoreOptions = {}) => openPostgresStore(await server.createDatabase(`contract_${databases++}`), { poolSize: 4, ...o });

  storeContract('postgres', (o) => fresh(o), { internalMethods: INTERNAL });

  describe('postgres store', () => {
    test('migrate is idempotent, and every undo script removes what its do script made', async () => {
      const s = await fresh();
      try {
        assert.deepEqual(await s.migrate(), []);
        assert.equal(await s.schemaVersion(), PG_MIGRATIONS.at(-1)!.version);
        assert.deepEqual(await s.rollback(0), PG_MIGRATIONS.map((m) => m.version).reverse());
        const left = await s.pool.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('schema_migrations', 'spatial_ref_sys')");
        assert.deepEqual(left.rows, []);
        assert.deepEqual(await s.migrate(), PG_MIGRATIONS.map((m) => m.version));
      } finally {
        await s.close();
      }
    });

    test('refuses a database migrated by a newer program', async () => {
      const url = await server.createDatabase(`newer_${databases++}`);
      const s = await openPostgresStore(url);
      await s.pool.query("INSERT INTO schema_migrations (version, name, applied_ms) VALUES (999, 'future', 0)");
      await s.close();
      await assert.rejects(openPostgresStore(url), /migration 999, unknown to this program/);
    });

    test('several processes opening one new database at once migrate it once', async () => {
      const url = await server.createDatabase(`racing_${databases++}`);
      const stores = await Promise.all([0, 1, 2, 3].map(() => openPostgresStore(url, { poolSize: 2 })));
      const applied = await stores[0]!.pool.query<{ n: number }>('SELECT count(*) AS n FROM schema_migrations');
      assert.equal(applied.rows[0]!.n, PG_MIGRATIONS.length);
      await Promise.all(stores.map((s) => s.close()));
    });

    test('row-level security filters a session that forgets the WHERE, and an unset viewer sees nothing', async () => {
      const url = await server.createDatabase(`rls_${databases++}`);
      const s = await openPostgresStore(url);
      await s.tracks.upsert([
        { id: 'a', kind: 'vessel', category: 'civil', lastMs: 1, lon: 31, lat: 46, fixes: 1, originator: 'FRA', marking: COALITION },
        { id: 'b', kind: 'vessel', category: 'civil', lastMs: 1, lon: 31, lat: 46, fixes: 1, originator: 'FRA', marking: { kind: 'ORIGINATOR_ONLY' } },
        { id: 'c', kind: 'vessel', category: 'civil', lastMs: 1, lon: 31, lat: 46, fixes: 1, originator: 'TUR', marking: { kind: 'REL_TO', nations: ['GBR'] } },
      ]);
      await s.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        assert.deepEqual((await c.query('SELECT id FROM tracks ORDER BY id')).rows, [], 'no viewer set: no rows');
        const as = async (system: string, nation: string): Promise<string[]> => {
          await c.query('BEGIN');
          await c.query("SELECT set_config('vigil.viewer_system', $1, true), set_config('vigil.viewer_nation', $2, true)", [system, nation]);
          const ids = (await c.query<{ id: string }>('SELECT id FROM tracks ORDER BY id')).rows.map((r) => r.id);
          await c.query('COMMIT');
          return ids;
        };
        assert.deepEqual(await as('off', 'GBR'), ['a', 'c']);
        assert.deepEqual(await as('off', 'DEU'), ['a']);
        assert.deepEqual(await as('off', 'FRA'), ['a', 'b']);
        assert.deepEqual(await as('on', ''), ['a', 'b', 'c']);
        assert.deepEqual((await c.query('SELECT id FROM tracks')).rows, [], 'SET LOCAL ends with the transaction');
        await c.query('BEGIN');
        await c.query("SELECT set_config('vigil.viewer_nation', 'GBR', true)");
        assert.equal((await c.query("UPDATE tracks SET name = 'x' WHERE id = 'a'")).rowCount, 0, 'only the system viewer writes');
        await assert.rejects(c.query("INSERT INTO feeds (name, kind, state, counters, updated_ms, originator, marking) VALUES ('x', 'k', 's', '{}', 0, 'GBR', 'COALITION')"),
          /row-level security/);
        await c.query('ROLLBACK');
      } finally {
        await c.end();
      }
    });

    test('concurrent outbox claims never hand out one message twice (FOR UPDATE SKIP LOCKED)', async () => {
      const s = await fresh({ poolSize: 8 });
      try {
        const alerts = Array.from({ length: 40 }, (_, i) => ({
          alert: {
            id: `a${i}`, rule: 'R1', type: 'no-entry' as const, domain: 'sea' as const, severity: 'high' as const,
            entity: { kind: 'vessel' as const, id: 'mmsi:1', category: 'military' as const }, zone: 'z', start: new Date(1000).toISOString(),
            end: null, position: { lat: 46, lon: 31 }, evidence: {},
          },
          agreementId: 'x', agreementVersion: 1, originator: 'FRA', marking: COALITION,
        }));
        await s.alerts.upsert(alerts);
        const claims = await Promise.all(Array.from({ length: 8 }, () => s.outbox.claim(10, { nowMs: Date.now() + 1000, leaseMs: 60_000 })));
        const ids = claims.flat().map((m) => m.id);
        assert.equal(ids.length, 40);
        assert.equal(new Set(ids).size, 40);
      } finally {
        await s.close();
      }
    });

    test('a failed batch write keeps its rows for the next flush and writes nothing', async () => {
      const s = await fresh();
      try {
        const w = s.batchWriter();
        w.addObservation({ entityId: 'a', kind: 'vessel', timeMs: 1, lon: 31, lat: 46, feed: 'f', originator: 'FRA', marking: COALITION });
        w.addObservation({ entityId: 'b', kind: 'vessel', timeMs: 1, lon: 31, lat: 46, feed: 'f', originator: 'bad', marking: COALITION });
        await assert.rejects(w.flush(), /originator "bad"/);
        assert.equal(w.pending, 2);
        await assert.rejects(w.ready(), /originator "bad"/);
        assert.deepEqual((await s.observations.byEntity({ system: true }, { entityId: 'a', fromMs: 0, toMs: 2 })).items, []);
      } finally {
        await s.close();
      }
    });

    test('every read query built by PgReader starts its WHERE with the releasability filter', () => {
      const sql = PgReader.sql({ columns: 't.*', from: 'tracks t', alias: 't', where: ['t.id = @id'], orderBy: 't.id', limit: 5 });
      assert.equal(sql, "SELECT t.* FROM tracks t WHERE (@viewerSystem::boolean OR t.originator = @viewerNation::text OR t.marking = 'COALITION'" +
        ' OR t.releasable_to @> ARRAY[@viewerNation::text]) AND t.id = @id ORDER BY t.id LIMIT @limit');
    });

    test('no PostgreSQL repository reads records for a viewer except through PgReader (source check)', () => {
      const dir = dirname(fileURLToPath(import.meta.url));
      const offenders: string[] = [];
      for (const file of readdirSync(dir)) {
        if (!/\.[jt]s$/.test(file) || /\.(test|bench)\.[jt]s$/.test(file) || /^(migrations|pg-migrate|pg-reader)\./.test(file) || file.endsWith('.map')) continue;
        const text = readFileSync(join(dir, file), 'utf8');
        if (/\.select<.*>\(\s*\{\s*system/.test(text) || /pool\.query|\.query\(/.test(text)) offenders.push(file);
      }
      assert.deepEqual(offenders, []);
    });
  });
}
