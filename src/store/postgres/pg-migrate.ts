import type pg from 'pg';
import { type PgMigration, PG_MIGRATIONS } from './migrations.js';

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version    integer PRIMARY KEY,
  name       text    NOT NULL,
  applied_ms bigint  NOT NULL
)`;

/** Any fixed number: the advisory lock that serializes migrations of workers starting together. */
const MIGRATION_LOCK = 0x7669_6731; // "vig1"

/** The migration versions applied to the database. */
export async function pgAppliedVersions(pool: pg.Pool): Promise<Set<number>> {
  await pool.query(CREATE_TABLE);
  const { rows } = await pool.query<{ version: number }>('SELECT version FROM schema_migrations');
  return new Set(rows.map((r) => r.version));
}

/**
 * Applies every migration not yet applied, in version order, each in its own transaction
 * together with its `schema_migrations` row, holding a transaction-level advisory lock so that
 * several workers opening one database at once apply each migration once. Idempotent; returns
 * the versions applied. Throws when the database holds a version this program does not know.
 */
export async function pgMigrate(pool: pg.Pool, nowMs: number, migrations: readonly PgMigration[] = PG_MIGRATIONS): Promise<number[]> {
  await pool.query(CREATE_TABLE).catch(async (err: unknown) => {
    // Two processes creating the table at once: one wins, the other sees a duplicate type.
    if (!(await pool.query("SELECT to_regclass('schema_migrations') IS NOT NULL AS ok")).rows[0]?.ok) throw err;
  });
  const client = await pool.connect();
  const done: number[] = [];
  try {
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      await client.query('BEGIN');
      try {
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        const applied = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
        const known = new Set(migrations.map((x) => x.version));
        const unknown = [...applied].filter((v) => !known.has(v));
        if (unknown.length > 0) {
          throw new Error(`database schema has migration ${unknown.join(', ')}, unknown to this program: it was written by a newer Vigil; upgrade, or roll the database back with that version`);
        }
        if (!applied.has(m.version)) {
          await client.query(m.up);
          await client.query('INSERT INTO schema_migrations (version, name, applied_ms) VALUES ($1, $2, $3)', [m.version, m.name, nowMs]);
          done.push(m.version);
        }
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    }
  } finally {
    client.release();
  }
  return done;
}

/** Runs the undo scripts of every applied migration above `toVersion`, newest first, each in a transaction. */
export async function pgRollback(pool: pg.Pool, toVersion: number, migrations: readonly PgMigration[] = PG_MIGRATIONS): Promise<number[]> {
  const applied = await pgAppliedVersions(pool);
  const undone: number[] = [];
  for (const m of [...migrations].sort((a, b) => b.version - a.version)) {
    if (!applied.has(m.version) || m.version <= toVersion) continue;
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(m.down);
      await client.query('DELETE FROM schema_migrations WHERE version = $1', [m.version]);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
    undone.push(m.version);
  }
  return undone;
}
