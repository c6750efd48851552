import Database from 'better-sqlite3';
import type { BatchWriterOptions, Store } from '../ports.js';
import { SqliteAgreementRepository } from './agreement-repo.js';
import { SqliteAlertRepository } from './alert-repo.js';
import { SqliteBatchWriter } from './batch-writer.js';
import { SqliteFeedStatusRepository } from './feed-repo.js';
import { migrate, rollback, schemaVersion } from './migrate.js';
import { SqliteObservationRepository } from './observation-repo.js';
import { DEFAULT_OUTBOX_LIMIT, SqliteOutboxRepository } from './outbox-repo.js';
import { DEFAULT_QUARANTINE_PER_FEED, SqliteQuarantineRepository } from './quarantine-repo.js';
import { SqliteReportRepository } from './report-repo.js';
import { SqlReader, SqlWriter } from './sql-reader.js';
import { SqliteTrackRepository } from './track-repo.js';

/** Options of `openSqliteStore`. */
export interface SqliteStoreOptions {
  /** Wall clock for created/updated times and outbox due times (ms). Default `Date.now`. */
  nowMs?: () => number;
  /** Rejected lines kept per feed. Default 10,000. */
  quarantinePerFeed?: number;
  /** Outbox bound (messages). Default 100,000. */
  outboxLimit?: number;
  /** Apply pending migrations on open. Default true. */
  migrate?: boolean;
}

/** The embedded store: every repository over one SQLite database (WAL, synchronous=NORMAL). */
export class SqliteStore implements Store {
  readonly observations: SqliteObservationRepository;
  readonly tracks: SqliteTrackRepository;
  readonly alerts: SqliteAlertRepository;
  readonly reports: SqliteReportRepository;
  readonly quarantine: SqliteQuarantineRepository;
  readonly agreements: SqliteAgreementRepository;
  readonly feeds: SqliteFeedStatusRepository;
  readonly outbox: SqliteOutboxRepository;
  private readonly nowMs: () => number;

  constructor(readonly db: Database.Database, options: SqliteStoreOptions = {}) {
    this.nowMs = options.nowMs ?? Date.now;
    const reader = new SqlReader(db);
    const writer = new SqlWriter(db);
    this.observations = new SqliteObservationRepository(reader, writer);
    this.tracks = new SqliteTrackRepository(reader, writer);
    this.outbox = new SqliteOutboxRepository(writer, this.nowMs, options.outboxLimit ?? DEFAULT_OUTBOX_LIMIT);
    this.alerts = new SqliteAlertRepository(reader, writer, this.outbox, this.nowMs);
    this.reports = new SqliteReportRepository(reader, writer, this.nowMs);
    this.quarantine = new SqliteQuarantineRepository(reader, writer, options.quarantinePerFeed ?? DEFAULT_QUARANTINE_PER_FEED);
    this.agreements = new SqliteAgreementRepository(reader, writer);
    this.feeds = new SqliteFeedStatusRepository(reader, writer);
  }

  /** Applies pending migrations (idempotent); returns the versions applied. */
  migrate(): number[] {
    return migrate(this.db, this.nowMs());
  }

  /** Undoes migrations above `toVersion`; returns the versions undone. */
  rollback(toVersion: number): number[] {
    return rollback(this.db, toVersion);
  }

  /** The schema version of the database. */
  schemaVersion(): number {
    return schemaVersion(this.db);
  }

  batchWriter(options?: BatchWriterOptions): SqliteBatchWriter {
    return new SqliteBatchWriter(this.db, this.observations, this.tracks, this.alerts, options);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/**
 * Opens (creating if needed) the embedded store at `path`, or an in-memory one for
 * `':memory:'`, with WAL journaling and synchronous=NORMAL (durable across a process crash;
 * a power loss may lose the last commits, never corrupt the file), and migrates it.
 * Prepare-time errors in the SQL of a repository surface on first use, not here.
 * @example const store = openSqliteStore('data/vigil.db'); await store.alerts.list({ nation: 'FRA' });
 */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): SqliteStore {
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
    // Another process (an `vigil report` run beside `vigil serve`) may hold the write lock briefly.
    db.pragma('busy_timeout = 5000');
    const store = new SqliteStore(db, options);
    if (options.migrate !== false) store.migrate();
    return store;
  } catch (err) {
    db.close();
    throw err;
  }
}
