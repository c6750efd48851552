import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { AlertInput, BatchWriter, FeedStatus, ObservationInput, TrackRecord } from '../ports.js';
import type { BatchWorkerData } from './batch-worker.js';
import { batchRows, type FromWriterThread, type ToWriterThread, type WriteBatch, WriteBatchBuilder } from './write-batch.js';

/**
 * Batches handed to the writer thread and not yet committed, at most, by default. One is
 * being written while the next ones wait, so the pipeline never waits for a commit unless the
 * writer falls behind; each 50,000-row batch holds ~2.8 MB of columns, so three bound the
 * backlog at a few hundred ms of writing and under 10 MB.
 */
export const DEFAULT_MAX_IN_FLIGHT = 3;

/**
 * Whether the compiled worker script is there: not when this module runs from its TypeScript
 * source (tsx, as the store bench does), where the store keeps the in-thread writer.
 */
export const WRITER_THREAD_AVAILABLE = import.meta.url.endsWith('.js');

export interface ThreadedBatchWriterOptions {
  /** Rows per batch (the batch is sealed and handed over when it holds this many). */
  maxRows: number;
  /** Batches handed over and not committed, at most; beyond that sealed batches wait here. */
  maxInFlight: number;
  /** The store's outbox bound (messages). */
  outboxLimit: number;
  /** The store's wall clock, stamped on each batch for alert and outbox times. */
  nowMs: () => number;
  /** Seal only at `checkpoint()` and `flush()` (`BatchWriterOptions.checkpointed`). */
  checkpointed?: boolean;
}

/**
 * A `BatchWriter` whose transactions run on a worker thread with its own connection to the
 * database file, so that the pipeline's thread never waits for SQLite (issue 3: the second
 * core). Batches are committed in the order they were sealed.
 *
 * A write that fails comes back with its rows, and the thread hands back every later batch
 * unwritten until the next `flush()`, which sends them all again in order: nothing is lost,
 * and a later alert state never lands before an earlier one.
 */
export class ThreadedBatchWriter implements BatchWriter {
  readonly threaded = true;
  private readonly worker: Worker;
  private readonly builder: WriteBatchBuilder;
  /** Sealed batches not in the thread (waiting for room, or handed back by a failed write), by seq. */
  private readonly held: WriteBatch[] = [];
  private heldRows = 0;
  /** Rows of each batch in the thread, by seq (insertion order is seq order). */
  private readonly sent = new Map<number, number>();
  private sentRows = 0;
  /** Set when a write failed: nothing more is sent until `flush()` retries. */
  private failure: Error | undefined;
  /** Set when the thread is gone (closed, or died: then the rows it held are lost). */
  private ended: Error | undefined;
  private closing: Promise<void> | undefined;
  private waiters: (() => void)[] = [];

  constructor(path: string, private readonly options: ThreadedBatchWriterOptions) {
    const { maxRows, maxInFlight } = options;
    if (!Number.isInteger(maxRows) || maxRows < 1) throw new RangeError(`batch size must be a positive integer, got ${maxRows}`);
    if (!Number.isInteger(maxInFlight) || maxInFlight < 1) throw new RangeError(`batches in flight must be a positive integer, got ${maxInFlight}`);
    this.builder = new WriteBatchBuilder(maxRows);
    const workerData: BatchWorkerData = { path, outboxLimit: options.outboxLimit };
    this.worker = new Worker(new URL('./batch-worker.js', import.meta.url), { workerData });
    // Referenced only while batches are in the thread: an idle writer does not keep the process up.
    this.worker.unref();
    this.worker.on('message', (m: FromWriterThread) => this.#reply(m));
    this.worker.on('error', (err) => this.#end(err));
    this.worker.on('exit', (code) => this.#end(new Error(`the batch writer thread exited (code ${code})`)));
  }

  get pending(): number {
    return this.builder.rows + this.heldRows;
  }

  get inFlight(): number {
    return this.sentRows;
  }

  get backlogged(): boolean {
    return this.sent.size + this.held.length >= this.options.maxInFlight;
  }

  addObservation(row: ObservationInput): void {
    this.#open();
    this.builder.addObservation(row);
    if (this.options.checkpointed !== true && this.builder.rows >= this.options.maxRows) this.#seal();
  }

  addTrack(row: TrackRecord): void {
    this.#open();
    this.builder.addTrack(row);
    if (this.options.checkpointed !== true && this.builder.rows >= this.options.maxRows) this.#seal();
  }

  addAlert(row: AlertInput): void {
    this.#open();
    this.builder.addAlert(row);
    if (this.options.checkpointed !== true && this.builder.rows >= this.options.maxRows) this.#seal();
  }

  checkpoint(row: FeedStatus): void {
    this.#open();
    this.builder.setCheckpoint(row);
    this.#seal();
  }

  async ready(): Promise<void> {
    for (;;) {
      if (this.ended !== undefined) throw this.ended;
      if (!this.backlogged) return;
      if (this.failure !== undefined) throw this.failure;
      await this.#nextReply();
    }
  }

  async flush(): Promise<number> {
    this.#open();
    const n = this.pending + this.inFlight;
    this.#seal();
    const last = this.#lastSealed();
    if (this.failure !== undefined) {
      // Retry: once every batch is back from the thread, send them again from the failed one.
      await this.#until(() => this.sent.size === 0);
      if (this.failure !== undefined && this.ended === undefined) {
        this.failure = undefined;
        this.#post({ type: 'resume' });
        this.#pump();
      }
    }
    await this.#until(() => this.#settled(last));
    if (this.ended !== undefined) throw this.ended;
    if (this.held.length > 0 && this.held[0]!.seq <= last) throw this.failure ?? new Error('batch writer: a write did not complete');
    return n;
  }

  /**
   * Waits for the batches already sealed (handed over, or waiting for room) to commit, then
   * ends the thread. Rows still buffered, or handed back by a failed write, are not written:
   * call `flush()` first. Idempotent.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.#until(() => this.ended !== undefined || (this.sent.size === 0 && (this.held.length === 0 || this.failure !== undefined)));
      if (this.ended !== undefined) return;
      this.ended = new Error('the batch writer is closed');
      const exited = once(this.worker, 'exit');
      this.worker.ref();
      this.#post({ type: 'close' });
      await exited;
    })();
    return this.closing;
  }

  #open(): void {
    if (this.ended !== undefined) throw this.ended;
  }

  #seal(): void {
    const b = this.builder.seal(this.options.nowMs());
    if (b === undefined) return;
    this.held.push(b);
    this.heldRows += batchRows(b);
    this.#pump();
  }

  #lastSealed(): number {
    const h = this.held.at(-1)?.seq ?? -1;
    let s = -1;
    for (const seq of this.sent.keys()) s = seq;
    return Math.max(h, s);
  }

  /** Sends held batches while the thread has room and no write has failed. */
  #pump(): void {
    while (this.failure === undefined && this.ended === undefined && this.sent.size < this.options.maxInFlight && this.held.length > 0) {
      const b = this.held.shift()!;
      const rows = batchRows(b);
      this.heldRows -= rows;
      this.sent.set(b.seq, rows);
      this.sentRows += rows;
      if (this.sent.size === 1) this.worker.ref();
      this.#post({ type: 'batch', batch: b }, [b.nums.buffer, b.keys.buffer]);
    }
  }

  #post(m: ToWriterThread, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(m, transfer);
  }

  #reply(m: FromWriterThread): void {
    const seq = m.type === 'done' ? m.seq : m.batch.seq;
    this.sentRows -= this.sent.get(seq) ?? 0;
    this.sent.delete(seq);
    if (m.type === 'done') {
      this.builder.recycle(m.nums, m.keys);
    } else {
      if (this.failure === undefined) {
        const err = new Error(m.error.message);
        err.name = m.error.name;
        this.failure = err;
      }
      // Back in seq order, ahead of anything sealed later.
      const at = this.held.findIndex((h) => h.seq > seq);
      this.held.splice(at < 0 ? this.held.length : at, 0, m.batch);
      this.heldRows += batchRows(m.batch);
    }
    if (this.sent.size === 0) this.worker.unref();
    this.#pump();
    this.#wake();
  }

  #end(err: Error): void {
    if (this.ended === undefined) {
      const lost = this.sentRows;
      this.ended = lost > 0 ? new Error(`${err.message}; ${lost} rows handed to it were not written`) : err;
    }
    this.sent.clear();
    this.sentRows = 0;
    this.#wake();
  }

  /** True when every batch up to `seq` is committed, or came back failed, or the thread is gone. */
  #settled(seq: number): boolean {
    if (this.ended !== undefined) return true;
    const firstSent = this.sent.keys().next();
    if (!firstSent.done && firstSent.value <= seq) return false;
    return this.failure !== undefined || this.held.length === 0 || this.held[0]!.seq > seq;
  }

  async #until(done: () => boolean): Promise<void> {
    while (!done()) await this.#nextReply();
  }

  #nextReply(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  #wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const resolve of w) resolve();
  }
}
