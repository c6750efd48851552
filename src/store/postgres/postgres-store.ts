import pg from 'pg';
import type { BatchWriter, BatchWriterOptions, Store } from '../ports.js';
import { DEFAULT_OUTBOX_LIMIT } from '../sqlite/outbox-repo.js';
import { DEFAULT_QUARANTINE_PER_FEED } from '../sqlite/quarantine-repo.js';
import { PgAgreementRepository } from './pg-agreement-repo.js';
import { PgAlertRepository } from './pg-alert-repo.js';
import { PgBatchWriter } from './pg-batch-writer.js';
import { PgFeedStatusRepository } from './pg-feed-repo.js';
import { pgAppliedVersions, pgMigrate, pgRollback } from './pg-migrate.js';
import { PgObservationRepository } from './pg-observation-repo.js';
import { PgOutboxRepository } from './pg-outbox-repo.js';
import { PgQuarantineRepository } from './pg-quarantine-repo.js';
import { PgReader, PgWriter } from './pg-reader.js';
import { PgReportRepository } from './pg-report-repo.js';
import { PgTrackRepository } from './pg-track-repo.js';

/** Options of `openPostgresStore`. */
export interface PostgresStoreOptions {
  /** Wall clock for created/updated times and outbox due times (ms). Default `Date.now`. */
  nowMs?: () => number;
  /** Rejected lines kept per feed. Default 10,000. */
  quarantinePerFeed?: number;
  /** Outbox bound (messages). Default 100,000. */
  outboxLimit?: number;
  /** Apply pending migrations on open. Default true. */
  migrate?: boolean;
  /** Connections in the pool. Default 10. */
  poolSize?: number;
}

const INT8_OID = 20;

/**
 * bigint columns (times in ms, ids, counts) as JS numbers: every value the store keeps is
 * below 2^53 (ms times until the year 287,396; row ids and counts far below).
 */
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format ?? 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * The shared store for a scaled-out deployment: every repository over one PostgreSQL 15 +
 * PostGIS 3 database (see docs/scale-out-store.md). Many processes may open one database:
 * upserts are idempotent (`ON CONFLICT`), the outbox is claimed with `FOR UPDATE SKIP LOCKED`,
 * and migrations take an advisory lock.
 */
export class PostgresStore implements Store {
  readonly observations: PgObservationRepository;
  readonly tracks: PgTrackRepository;
  readonly alerts: PgAlertRepository;
  readonly reports: PgReportRepository;
  readonly quarantine: PgQuarantineRepository;
  readonly agreements: PgAgreementRepository;
  readonly feeds: PgFeedStatusRepository;
  readonly outbox: PgOutboxRepository;
  private readonly nowMs: () => number;
  private readonly writers = new Set<PgBatchWriter>();
  private readonly writer: PgWriter;
  private closed = false;

  constructor(readonly pool: pg.Pool, options: PostgresStoreOptions = {}) {
    this.nowMs = options.nowMs ?? Date.now;
    const reader = new PgReader(pool, () => this.#writesSettled());
    this.writer = new PgWriter(pool);
    this.observations = new PgObservationRepository(reader, this.writer);
    this.tracks = new PgTrackRepository(reader, this.writer);
    this.outbox = new PgOutboxRepository(this.writer, this.nowMs, options.outboxLimit ?? DEFAULT_OUTBOX_LIMIT);
    this.alerts = new PgAlertRepository(reader, this.writer, this.outbox, this.nowMs);
    this.reports = new PgReportRepository(reader, this.writer, this.nowMs);
    this.quarantine = new PgQuarantineRepository(reader, this.writer, options.quarantinePerFeed ?? DEFAULT_QUARANTINE_PER_FEED);
    this.agreements = new PgAgreementRepository(reader, this.writer);
    this.feeds = new PgFeedStatusRepository(reader, this.writer);
  }

  /** Applies pending migrations (idempotent); returns the versions applied. */
  migrate(): Promise<number[]> {
    return pgMigrate(this.pool, this.nowMs());
  }

  /** Undoes migrations above `toVersion`; returns the versions undone. */
  rollback(toVersion: number): Promise<number[]> {
    return pgRollback(this.pool, toVersion);
  }

  /** The schema version of the database. */
  async schemaVersion(): Promise<number> {
    return Math.max(0, ...(await pgAppliedVersions(this.pool)));
  }

  /** A batch writer (`thread` is ignored: the server does the work; see `PgBatchWriter`). */
  batchWriter(options: BatchWriterOptions = {}): BatchWriter {
    if (this.closed) throw new Error('the store is closed: open it again for a new batch writer');
    const w = new PgBatchWriter(this.writer, this.observations, this.tracks, this.alerts, options);
    this.writers.add(w);
    return w;
  }

  /** Waits for the batches handed to the server, then closes the pool. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.#writesSettled();
    this.writers.clear();
    await this.pool.end();
  }

  async #writesSettled(): Promise<void> {
    if (this.writers.size === 0) return;
    await Promise.all([...this.writers].map((w) => w.settled()));
  }
}

/**
 * Opens the shared store at `url` (`postgres://user@host:5432/db`) and migrates it. The
 * PostGIS extension must exist in the database, or the role must be allowed to create it.
 * Connect as an ordinary role (not a superuser, not BYPASSRLS), so the row-level security
 * policies apply as a second wall behind the queries' own releasability filter.
 * @example const store = await openPostgresStore('postgres://vigil@db/vigil'); await store.alerts.list({ nation: 'FRA' });
 */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, types: TYPES });
  // An idle connection that dies (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  try {
    const store = new PostgresStore(pool, options);
    if (options.migrate !== false) await store.migrate();
    return store;
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
}
