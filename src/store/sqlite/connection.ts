import Database from 'better-sqlite3';

/**
 * How long a connection waits for another one's write lock before SQLITE_BUSY (ms). The
 * store's connection and its writer thread's connection share one file; the longest lock
 * either holds is a 50,000-row firehose transaction (a few hundred ms), and another process
 * (a `vigil report` run beside `vigil serve`) may hold it briefly too.
 */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens a connection to the store's database with the store's settings: WAL journaling and
 * synchronous=NORMAL (durable across a process crash; a power loss may lose the last commits,
 * never corrupt the file). The store's own connection and the writer thread's both use it.
 */
export function openConnection(path: string): Database.Database {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // 64 MiB of page cache (default 2 MiB): the observation indexes take inserts at one point
    // per live entity (a few thousand), and those pages must stay in memory between commits.
    db.pragma('cache_size = -65536');
    // Checkpoint the WAL every 10,000 pages (40 MB) instead of 1,000: each checkpoint copies
    // the hot index pages back into the file, so fewer of them write far less.
    db.pragma('wal_autocheckpoint = 10000');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
