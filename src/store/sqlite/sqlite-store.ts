import type Database from 'better-sqlite3';
import { resolve } from 'node:path';
import type { BatchWriter, BatchWriterOptions, Store } from '../ports.js';
import { SqliteAgreementRepository } from './agreement-repo.js';
import { SqliteAlertRepository } from './alert-repo.js';
import { DEFAULT_BATCH_ROWS, SqliteBatchWriter } from './batch-writer.js';
import { openConnection } from './connection.js';
import { SqliteFeedStatusRepository } from './feed-repo.js';
import { migrate, rollback, schemaVersion } from './migrate.js';
import { SqliteObservationRepository } from './observation-repo.js';
import { DEFAULT_OUTBOX_LIMIT, SqliteOutboxRepository } from './outbox-repo.js';
import { DEFAULT_QUARANTINE_PER_FEED, SqliteQuarantineRepository } from './quarantine-repo.js';
import { SqliteReportRepository } from './report-repo.js';
import { SqlReader, SqlWriter } from './sql-reader.js';
import { DEFAULT_MAX_IN_FLIGHT, ThreadedBatchWriter, WRITER_THREAD_AVAILABLE } from './threaded-batch-writer.js';
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
  private readonly outboxLimit: number;
  private readonly threadWriters = new Set<ThreadedBatchWriter>();

  constructor(readonly db: Database.Database, options: SqliteStoreOptions = {}) {
    this.nowMs = options.nowMs ?? Date.now;
    this.outboxLimit = options.outboxLimit ?? DEFAULT_OUTBOX_LIMIT;
    const reader = new SqlReader(db);
    const writer = new SqlWriter(db);
    this.observations = new SqliteObservationRepository(reader, writer);
    this.tracks = new SqliteTrackRepository(reader, writer);
    this.outbox = new SqliteOutboxRepository(writer, this.nowMs, this.outboxLimit);
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

  /**
   * A batch writer: on a thread of its own with `thread: true` when the database is a file
   * (an in-memory database lives in this thread only) and the program runs compiled, else on
   * the caller's thread.
   */
  batchWriter(options: BatchWriterOptions = {}): BatchWriter {
    if (options.thread === true && WRITER_THREAD_AVAILABLE && !this.db.memory && this.db.name !== '') {
      if (!this.db.open) throw new Error('the store is closed: open it again for a new batch writer');
      const writer = new ThreadedBatchWriter(resolve(this.db.name), {
        maxRows: options.maxRows ?? DEFAULT_BATCH_ROWS, maxInFlight: options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT,
        outboxLimit: this.outboxLimit, nowMs: this.nowMs, checkpointed: options.checkpointed === true,
      });
      this.threadWriters.add(writer);
      return writer;
    }
    return new SqliteBatchWriter(this.db, this.observations, this.tracks, this.alerts, options);
  }

  /**
   * Whether the database takes a write, without keeping one: takes the write lock, inserts a
   * row of 8 KiB into a scratch table (new pages: a database at its page limit answers
   * SQLITE_FULL) and rolls it all back. Throws the SQLite error (SQLITE_READONLY, SQLITE_FULL,
   * SQLITE_BUSY after the busy timeout) naming the file.
   */
  probeWrite(): void {
    try {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        this.db.exec('CREATE TABLE vigil_write_probe (b BLOB); INSERT INTO vigil_write_probe VALUES (zeroblob(8192))');
      } finally {
        // SQLite ends the transaction itself on some errors (SQLITE_FULL): roll back only what is open.
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
      }
    } catch (e) {
      const err = e as Error & { code?: string };
      throw Object.assign(new Error(`${this.db.name}: ${err.code ?? 'error'}: ${err.message}`), { code: err.code });
    }
  }

  /** Waits for the batches handed to writer threads, ends the threads, then closes the database. */
  async close(): Promise<void> {
    const writers = [...this.threadWriters];
    this.threadWriters.clear();
    await Promise.all(writers.map((w) => w.close()));
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
  const db = openConnection(path);
  try {
    const store = new SqliteStore(db, options);
    if (options.migrate !== false) store.migrate();
    return store;
  } catch (err) {
    db.close();
    throw err;
  }
}
