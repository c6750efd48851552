import type { Database } from 'better-sqlite3';
import type { AlertInput, BatchWriter, BatchWriterOptions, FeedStatus, ObservationInput, TrackRecord } from '../ports.js';
import type { SqliteAlertRepository } from './alert-repo.js';
import { putFeedStatus } from './feed-repo.js';
import { SqlWriter } from './sql-reader.js';
import type { SqliteObservationRepository } from './observation-repo.js';
import type { SqliteTrackRepository } from './track-repo.js';

/**
 * Rows per transaction by default. Each commit rewrites every index page it touched, and the
 * observation indexes take inserts at one page per live entity (thousands), so the cost of a
 * commit is nearly fixed: on the 1M-row benchmark (3,000 vessels) 5,000 rows a transaction
 * gave ~135k rows/s, 20,000 ~190k, 50,000 ~220k, 100,000 ~250k. 50,000 keeps a flush near
 * 0.2 s of blocked event loop at full replay speed; a live feed (hundreds of messages a
 * second) flushes on the caller's timer long before that, in a few milliseconds.
 * On the writer thread (`ThreadedBatchWriter`) the event loop does not wait for a batch, and
 * 50,000 against 200,000 rows made no difference beyond noise (~3 s of CPU per 900k rows
 * either way, half of it the (entity_key, time_ms) index); 50,000 keeps each batch's columns
 * near 2.8 MB and the store's own writes waiting at most one such transaction.
 */
export const DEFAULT_BATCH_ROWS = 50_000;

/**
 * Buffers observations, track states and alerts; writes them in one SQLite transaction per
 * flush, on the caller's thread (for `:memory:` databases, and wherever a writer thread is not
 * asked for). The threaded writer is `ThreadedBatchWriter`.
 */
export class SqliteBatchWriter implements BatchWriter {
  private observations: ObservationInput[] = [];
  private tracks: TrackRecord[] = [];
  private alerts: AlertInput[] = [];
  private checkpointRow: FeedStatus | undefined;
  private readonly maxRows: number;
  private readonly checkpointed: boolean;
  private readonly write: () => void;

  constructor(
    db: Database, private readonly obsRepo: SqliteObservationRepository, trackRepo: SqliteTrackRepository, alertRepo: SqliteAlertRepository,
    options: BatchWriterOptions = {},
  ) {
    this.maxRows = options.maxRows ?? DEFAULT_BATCH_ROWS;
    if (!Number.isInteger(this.maxRows) || this.maxRows < 1) throw new RangeError(`batch size must be a positive integer, got ${this.maxRows}`);
    this.checkpointed = options.checkpointed === true;
    const feeds = new SqlWriter(db);
    const write = db.transaction(() => {
      obsRepo.insertAll(this.observations);
      trackRepo.upsertAll(this.tracks);
      alertRepo.upsertAll(this.alerts);
      if (this.checkpointRow !== undefined) putFeedStatus(feeds, this.checkpointRow);
    });
    // IMMEDIATE: take the write lock first (waiting out a writer thread on the same file),
    // rather than upgrade a read mid-transaction, which fails at once if another connection
    // committed in between.
    this.write = () => write.immediate();
  }

  get pending(): number {
    return this.observations.length + this.tracks.length + this.alerts.length;
  }

  private get full(): boolean {
    return !this.checkpointed && this.pending >= this.maxRows;
  }

  /** Nothing is ever in flight: a batch is committed before `add*` returns. */
  readonly threaded = false;
  readonly inFlight = 0;
  readonly backlogged = false;

  async ready(): Promise<void> {}

  addObservation(row: ObservationInput): void {
    this.observations.push(row);
    if (this.full) this.flushNow();
  }

  addTrack(row: TrackRecord): void {
    this.tracks.push(row);
    if (this.full) this.flushNow();
  }

  addAlert(row: AlertInput): void {
    this.alerts.push(row);
    if (this.full) this.flushNow();
  }

  async flush(): Promise<number> {
    return this.flushNow();
  }

  /** Commits the buffer with `row` at once (a failure keeps both for the next flush, and throws). */
  checkpoint(row: FeedStatus): void {
    this.checkpointRow = row;
    this.flushNow();
  }

  /**
   * Writes the buffer synchronously. On failure the transaction rolls back and the buffer is
   * kept, so the caller may retry once the cause (disk full, a bad row) is dealt with.
   */
  flushNow(): number {
    const n = this.pending;
    if (n === 0 && this.checkpointRow === undefined) return 0;
    try {
      this.write();
    } catch (err) {
      this.obsRepo.forgetKeys();
      throw err;
    }
    this.observations = [];
    this.tracks = [];
    this.alerts = [];
    this.checkpointRow = undefined;
    return n;
  }
}
