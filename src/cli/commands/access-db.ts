import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openAccess } from '../../access/open-access.js';
import { AccessError } from '../../access/ports.js';
import type { SqliteAccessService } from '../../access/sqlite-access-service.js';
import type { SqliteAuditLog } from '../../access/sqlite-audit-log.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';
import type { SystemActor } from '../../access/actor.js';
import { CliError } from '../command.js';

/** The database file inside a data directory (as `vigil serve` opens it). */
export const DATABASE_FILE = 'vigil.sqlite';

/** The actor of every access command: whoever holds the data directory, audited as `cli`. */
export const CLI_ACTOR: SystemActor = Object.freeze({ system: 'cli' });

/**
 * Opens `DIR/vigil.sqlite` (migrating it), runs `fn` with the access service and audit log,
 * and closes it. `create` makes the directory and database (for `vigil init`); otherwise a
 * missing database is a user error, so that a mistyped `--data` never creates a stray one.
 * Access errors (forbidden, invalid, conflict, not found) become `CliError`s with exit 2.
 */
export async function withAccessDb<T>(dataDir: string, fn: (a: { access: SqliteAccessService; audit: SqliteAuditLog }) => Promise<T>, create = false): Promise<T> {
  const path = join(dataDir, DATABASE_FILE);
  if (create) mkdirSync(dataDir, { recursive: true });
  else if (!existsSync(path)) throw new CliError(`${path} does not exist: run "vigil init --data ${dataDir}" first`, 2);
  const store = openSqliteStore(path);
  try {
    return await fn(openAccess(store));
  } catch (e) {
    if (e instanceof AccessError) throw new CliError(e.message, 2);
    throw e;
  } finally {
    await store.close();
  }
}

/**
 * A password from `file` (`-` for stdin; one trailing newline removed) or, without a file,
 * from the environment variable `envVar` — never from the command line, where `ps` and the
 * shell history would show it.
 */
export function readPassword(file: string | undefined, envVar: string): string {
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file === '-' ? 0 : file, 'utf8');
    } catch (e) {
      throw new CliError(`--password-file ${file}: ${(e as Error).message}`, 2);
    }
    return text.replace(/\r?\n$/, '');
  }
  const fromEnv = process.env[envVar];
  if (fromEnv === undefined || fromEnv === '') throw new CliError(`give --password-file FILE, or the password in the environment variable ${envVar}`, 2);
  return fromEnv;
}
