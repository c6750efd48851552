import type { Marking } from '../marking.js';
import type { AlertInput, FeedStatus, ObservationInput, TrackRecord } from '../ports.js';
import { ProvenanceKeys } from './provenance-keys.js';

/**
 * One batch of the firehose as it crosses to the writer thread (`ThreadedBatchWriter` →
 * `batch-worker.ts`). Observations travel as columns in two typed arrays, moved (transferred)
 * rather than copied, and handed back for reuse once written. Their strings cross once per
 * writer: entity ids and provenance are numbered on the main thread, and a batch declares
 * only those first seen in it (the writer thread maps those numbers to database keys).
 * Track states and alerts are few (one per track every few seconds, alerts rarer) and cross
 * as objects.
 */
export interface WriteBatch {
  /** Order of the batch within its writer; batches are committed in this order. */
  seq: number;
  /** Wall clock of the store when the batch was sealed: alerts' created/updated times (ms). */
  nowMs: number;
  /** Observations in the batch. */
  rows: number;
  /** `NUMS_PER_ROW` per observation: time (ms), lon, lat, speed (kn), course (°), altitude (ft); NaN when absent. */
  nums: Float64Array<ArrayBuffer>;
  /** `KEYS_PER_ROW` per observation: entity number, source number. */
  keys: Int32Array<ArrayBuffer>;
  /** Entities first seen in this batch, numbered `entityBase`, `entityBase + 1`, … */
  entityBase: number;
  entityIds: string[];
  entityKinds: ObservationInput['kind'][];
  /** Provenances first seen in this batch, numbered from `sourceBase`. */
  sourceBase: number;
  sources: SourceDeclaration[];
  tracks: TrackRecord[];
  alerts: AlertInput[];
  /** A feed-status row written last in the batch's transaction (`BatchWriter.checkpoint`). */
  checkpoint: FeedStatus | undefined;
}

/** The provenance of observations: one row of `observation_sources` (migration 001). */
export interface SourceDeclaration {
  feed: string;
  /** `''` when the feed names no receiver. */
  source: string;
  originator: string;
  marking: Marking;
}

export const NUMS_PER_ROW = 6;
export const KEYS_PER_ROW = 2;

/** Main thread → writer thread. */
export type ToWriterThread =
  | { type: 'batch'; batch: WriteBatch }
  /** After a failure the thread hands every batch back unwritten until told to resume (see `ThreadedBatchWriter.flush`). */
  | { type: 'resume' }
  | { type: 'close' };

/** Writer thread → main thread. Buffers come back in both cases. */
export type FromWriterThread =
  | { type: 'done'; seq: number; nums: Float64Array<ArrayBuffer>; keys: Int32Array<ArrayBuffer> }
  /** `skipped`: not tried, because an earlier batch failed. */
  | { type: 'failed'; batch: WriteBatch; error: { name: string; message: string }; skipped: boolean };

/** Rows of a batch, as `BatchWriter.pending` counts them (a checkpoint is not a row). */
export function batchRows(b: WriteBatch): number {
  return b.rows + b.tracks.length + b.alerts.length;
}

/**
 * Fills write batches on the main thread: one typed-array row per observation, the entity id
 * and provenance replaced by numbers (one Map lookup per row, as the in-thread writer's key
 * cache). Numbers are never reused, so a batch handed back by a failed write can be sent
 * again as it is.
 */
export class WriteBatchBuilder {
  private readonly entities = new Map<string, number>();
  private readonly sources = new ProvenanceKeys();
  private nextEntity = 0;
  private nextSource = 0;
  private nextSeq = 0;
  private readonly spare: { nums: Float64Array<ArrayBuffer>; keys: Int32Array<ArrayBuffer> }[] = [];
  private batch: WriteBatch;

  /** `capacity`: observations a batch holds at most (the writer seals it at `maxRows` rows). */
  constructor(private readonly capacity: number) {
    this.batch = this.#fresh();
  }

  /** Rows in the batch being filled. */
  get rows(): number {
    return batchRows(this.batch);
  }

  addObservation(r: ObservationInput): void {
    const b = this.batch;
    // Full: a checkpointed writer seals only at checkpoints, so the batch grows (and is not recycled).
    if (b.rows * NUMS_PER_ROW === b.nums.length) this.#grow(b);
    let entity = this.entities.get(r.entityId);
    if (entity === undefined) {
      entity = this.nextEntity++;
      this.entities.set(r.entityId, entity);
      b.entityIds.push(r.entityId);
      b.entityKinds.push(r.kind);
    }
    const k = b.rows * KEYS_PER_ROW;
    b.keys[k] = entity;
    b.keys[k + 1] = this.sources.keyOf(r, (source) => {
      this.batch.sources.push({ feed: r.feed, source, originator: r.originator, marking: r.marking });
      return this.nextSource++;
    });
    const n = b.rows * NUMS_PER_ROW;
    const nums = b.nums;
    nums[n] = r.timeMs;
    nums[n + 1] = r.lon;
    nums[n + 2] = r.lat;
    nums[n + 3] = r.speedKn ?? NaN;
    nums[n + 4] = r.courseDeg ?? NaN;
    nums[n + 5] = r.altitudeFt ?? NaN;
    b.rows++;
  }

  addTrack(r: TrackRecord): void {
    this.batch.tracks.push(r);
  }

  addAlert(r: AlertInput): void {
    this.batch.alerts.push(r);
  }

  /** Ends the batch with a checkpoint row (see `seal`: a batch with only a checkpoint is sealed too). */
  setCheckpoint(row: FeedStatus): void {
    this.batch.checkpoint = row;
  }

  /** The filled batch (undefined if empty), stamped with `nowMs`; a new one starts. */
  seal(nowMs: number): WriteBatch | undefined {
    const b = this.batch;
    if (batchRows(b) === 0 && b.checkpoint === undefined) return undefined;
    b.seq = this.nextSeq++;
    b.nowMs = nowMs;
    this.batch = this.#fresh();
    return b;
  }

  /** Takes back the buffers of a written batch for a later one. */
  recycle(nums: Float64Array<ArrayBuffer>, keys: Int32Array<ArrayBuffer>): void {
    if (nums.length === this.capacity * NUMS_PER_ROW && keys.length === this.capacity * KEYS_PER_ROW) this.spare.push({ nums, keys });
  }

  #grow(b: WriteBatch): void {
    const nums = new Float64Array(b.nums.length * 2);
    nums.set(b.nums);
    const keys = new Int32Array(b.keys.length * 2);
    keys.set(b.keys);
    b.nums = nums;
    b.keys = keys;
  }

  #fresh(): WriteBatch {
    const buffers = this.spare.pop() ?? {
      nums: new Float64Array(this.capacity * NUMS_PER_ROW), keys: new Int32Array(this.capacity * KEYS_PER_ROW),
    };
    return {
      seq: -1, nowMs: 0, rows: 0, ...buffers, entityBase: this.nextEntity, entityIds: [], entityKinds: [],
      sourceBase: this.nextSource, sources: [], tracks: [], alerts: [], checkpoint: undefined,
    };
  }
}
