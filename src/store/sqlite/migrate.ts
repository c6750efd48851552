import type { Database } from 'better-sqlite3';
import { type Migration, MIGRATIONS } from './migrations.js';

const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT    NOT NULL,
  applied_ms INTEGER NOT NULL
) STRICT`;

/** The highest migration version applied to `db` (0 for a new database). */
export function schemaVersion(db: Database): number {
  return Math.max(0, ...appliedVersions(db));
}

/** The migration versions applied to `db`. */
export function appliedVersions(db: Database): Set<number> {
  db.exec(CREATE_TABLE);
  const rows = db.prepare('SELECT /* write path */ version FROM schema_migrations').all() as { version: number }[];
  return new Set(rows.map((r) => r.version));
}

/**
 * Applies every migration not yet applied, in version order, each in its own transaction
 * together with its `schema_migrations` row, so a crash leaves the database at a whole
 * version. Versions are numbered in ranges per module (001… records, 100… access, 200…
 * cases), so a new migration may sort below one already applied: it is still applied.
 * Idempotent: a second call (or another process's, at the same time) applies nothing. Returns
 * the versions this call applied.
 * Throws when the database holds a version this program does not know (it is newer).
 */
export function migrate(db: Database, nowMs: number, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const applied = appliedVersions(db);
  const known = new Set(migrations.map((m) => m.version));
  const unknown = [...applied].filter((v) => !known.has(v));
  if (unknown.length > 0) {
    throw new Error(`database schema has migration ${unknown.join(', ')}, unknown to this program: it was written by a newer Vigil; upgrade, or roll the database back with that version`);
  }
  const done: number[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_ms) VALUES (?, ?, ?)');
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(m.version)) continue;
    // IMMEDIATE takes the write lock first; under it, look again: another process opening the
    // same new file (workers started together) may have applied it meanwhile.
    const ran = db.transaction(() => {
      if (db.prepare('SELECT /* write path */ 1 FROM schema_migrations WHERE version = ?').get(m.version) !== undefined) return false;
      db.exec(m.up);
      record.run(m.version, m.name, nowMs);
      return true;
    }).immediate();
    if (ran) done.push(m.version);
  }
  return done;
}

/**
 * Runs the `undo` scripts of every applied migration above `toVersion`, newest first, each
 * in its own transaction. Returns the versions undone. Data in dropped tables is lost.
 */
export function rollback(db: Database, toVersion: number, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const applied = appliedVersions(db);
  const undone: number[] = [];
  const forget = db.prepare('DELETE FROM schema_migrations WHERE version = ?');
  for (const m of [...migrations].sort((a, b) => b.version - a.version)) {
    if (!applied.has(m.version) || m.version <= toVersion) continue;
    db.transaction(() => {
      db.exec(m.down);
      forget.run(m.version);
    })();
    undone.push(m.version);
  }
  return undone;
}
