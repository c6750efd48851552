import Database from 'better-sqlite3';
import { join } from 'node:path';
import { abortableSleep } from '../../ingest/abortable-sleep.js';

/** The lock file of a data directory: one `vigil serve` at a time writes to it. */
export const LOCK_FILE = 'serve.lock';

/**
 * Takes the data directory's lock: an SQLite file held in exclusive locking mode, which the
 * operating system releases when the holder exits, however it dies (a POSIX lock). Returns a
 * release function; throws when another process holds it, unless `wait` is given: then it
 * tries again every `pollMs` until it gets it (a warm standby taking over from a crashed
 * server within one poll) or the signal aborts.
 */
export async function lockDataDir(dataDir: string, wait?: { pollMs: number; signal?: AbortSignal }): Promise<() => void> {
  const path = join(dataDir, LOCK_FILE);
  for (;;) {
    const db = new Database(path, { timeout: 0 });
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      // The first write takes the exclusive lock; in this mode it is kept until the connection closes.
      db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS holder (pid INTEGER); DELETE FROM holder; COMMIT');
      db.prepare('INSERT INTO holder (pid) VALUES (?)').run(process.pid);
      return () => db.close();
    } catch (err) {
      db.close();
      if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
      if (wait === undefined) throw new Error(`${dataDir} is in use by another vigil serve (its lock ${path} is held); stop it first, or start this one with --standby to take over when it ends`);
      if (wait.signal?.aborted) throw new Error(`gave up waiting for the lock of ${dataDir}`);
      await abortableSleep(wait.pollMs, wait.signal ?? new AbortController().signal);
    }
  }
}
