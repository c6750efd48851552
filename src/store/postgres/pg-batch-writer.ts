import type { AlertInput, BatchWriter, BatchWriterOptions, FeedStatus, ObservationInput, TrackRecord } from '../ports.js';
import { DEFAULT_BATCH_ROWS } from '../sqlite/batch-writer.js';
import type { PgAlertRepository } from './pg-alert-repo.js';
import { putFeedStatusIn } from './pg-feed-repo.js';
import type { PgObservationRepository } from './pg-observation-repo.js';
import type { PgWriter } from './pg-reader.js';
import type { PgTrackRepository } from './pg-track-repo.js';

interface Batch {
  observations: ObservationInput[];
  tracks: TrackRecord[];
  alerts: AlertInput[];
  /** Written last in the batch's transaction (`BatchWriter.checkpoint`). */
  checkpoint?: FeedStatus;
}

/** Unanswered batches a writer holds before it is backlogged (as the SQLite writer thread). */
export const DEFAULT_PG_MAX_IN_FLIGHT = 3;

const rowsOf = (b: Batch): number => b.observations.length + b.tracks.length + b.alerts.length;
const emptyBatch = (): Batch => ({ observations: [], tracks: [], alerts: [] });

/**
 * Buffers observations, track states and alerts and writes each batch in one PostgreSQL
 * transaction (one `unnest` INSERT for the observations, one for the track states, the
 * alerts with their outbox messages). Semantics of the SQLite in-thread writer, except that a
 * network write cannot finish inside a synchronous `add*`: a full batch is handed to the
 * server at once and the writes are chained in order, so
 * - `pending` counts rows buffered and rows handed back by a failed write, `inFlight` rows
 *   sent and not yet committed;
 * - the store's reads wait for the batches handed over before them (read-your-writes, as with
 *   the in-thread writer);
 * - `backlogged` is true while `maxInFlight` batches (default 3) are unanswered, so the live
 *   pipeline's `await ready()` bounds the memory a slow server can make it hold;
 * - a failed write hands its rows, and those of every later batch, back in order (so an
 *   alert's later state is never overwritten by a retried earlier one); `ready()` rejects
 *   until `flush()` writes them again.
 * `threaded` is false: no thread of ours is involved.
 */
export class PgBatchWriter implements BatchWriter {
  private buffer: Batch = emptyBatch();
  /** Batches handed back by failed writes, oldest first. */
  private returned: Batch[] = [];
  private sent: Batch[] = [];
  private chain: Promise<void> = Promise.resolve();
  private error: Error | undefined;
  private readonly maxRows: number;
  private readonly maxInFlight: number;
  private readonly checkpointed: boolean;
  readonly threaded = false;

  constructor(
    private readonly writer: PgWriter, private readonly obsRepo: PgObservationRepository, private readonly trackRepo: PgTrackRepository,
    private readonly alertRepo: PgAlertRepository, options: BatchWriterOptions = {},
  ) {
    this.maxRows = options.maxRows ?? DEFAULT_BATCH_ROWS;
    if (!Number.isInteger(this.maxRows) || this.maxRows < 1) throw new RangeError(`batch size must be a positive integer, got ${this.maxRows}`);
    this.checkpointed = options.checkpointed === true;
    this.maxInFlight = options.maxInFlight ?? DEFAULT_PG_MAX_IN_FLIGHT;
    if (!Number.isInteger(this.maxInFlight) || this.maxInFlight < 1) throw new RangeError(`maxInFlight must be a positive integer, got ${this.maxInFlight}`);
  }

  get pending(): number {
    return rowsOf(this.buffer) + this.returned.reduce((n, b) => n + rowsOf(b), 0);
  }

  get inFlight(): number {
    return this.sent.reduce((n, b) => n + rowsOf(b), 0);
  }

  get backlogged(): boolean {
    return this.sent.length >= this.maxInFlight;
  }

  addObservation(row: ObservationInput): void {
    this.buffer.observations.push(row);
    this.#maybeSend();
  }

  addTrack(row: TrackRecord): void {
    this.buffer.tracks.push(row);
    this.#maybeSend();
  }

  addAlert(row: AlertInput): void {
    this.buffer.alerts.push(row);
    this.#maybeSend();
  }

  async ready(): Promise<void> {
    for (;;) {
      if (this.error !== undefined) throw this.error;
      if (!this.backlogged) return;
      await this.chain;
    }
  }

  /** Resolves once every batch handed over so far has been answered (never rejects). */
  settled(): Promise<void> {
    return this.chain;
  }

  async flush(): Promise<number> {
    await this.chain;
    const batches = [...this.returned, this.buffer];
    this.returned = [];
    this.buffer = emptyBatch();
    this.error = undefined;
    let checkpoint: FeedStatus | undefined;
    for (const b of batches) checkpoint = b.checkpoint ?? checkpoint;
    const merged: Batch = {
      observations: batches.flatMap((b) => b.observations), tracks: batches.flatMap((b) => b.tracks), alerts: batches.flatMap((b) => b.alerts),
      ...(checkpoint !== undefined ? { checkpoint } : {}),
    };
    const n = rowsOf(merged);
    if (n === 0 && checkpoint === undefined) return 0;
    this.#send(merged);
    await this.chain;
    if (this.error !== undefined) throw this.error;
    return n;
  }

  checkpoint(row: FeedStatus): void {
    const batch = { ...this.buffer, checkpoint: row };
    this.buffer = emptyBatch();
    this.#send(batch);
  }

  #maybeSend(): void {
    if (this.checkpointed || rowsOf(this.buffer) < this.maxRows) return;
    const batch = this.buffer;
    this.buffer = emptyBatch();
    this.#send(batch);
  }

  #send(batch: Batch): void {
    this.sent.push(batch);
    this.chain = this.chain.then(async () => {
      try {
        if (this.error !== undefined) {
          this.returned.push(batch);
          return;
        }
        try {
          await this.writer.transaction(async (q) => {
            await this.obsRepo.insertAll(q, batch.observations);
            await this.trackRepo.upsertAll(q, batch.tracks);
            await this.alertRepo.upsertAll(q, batch.alerts);
            if (batch.checkpoint !== undefined) await putFeedStatusIn(q, batch.checkpoint);
          });
        } catch (err) {
          this.error = err instanceof Error ? err : new Error(String(err));
          this.returned.push(batch);
        }
      } finally {
        this.sent.splice(this.sent.indexOf(batch), 1);
      }
    });
  }
}
