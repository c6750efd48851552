/**
 * The store's repository interfaces (STYLE rule 14). Backend-neutral: `sqlite/` implements
 * them now, a PostgreSQL backend later, and `contract.ts` holds the one test suite both pass.
 *
 * Two rules hold for every repository:
 * - every record carries `originator` (ISO 3166-1 alpha-3) and a releasability `marking`;
 * - every read method takes a `Viewer` first and returns only records releasable to it,
 *   filtered by the backend's query itself (issue 5: "enforced in the data layer").
 *
 * Methods return promises so a networked backend fits; the SQLite backend resolves at once.
 * Times are Unix milliseconds; positions are degrees (WGS 84), speeds knots, courses degrees
 * true, altitudes feet.
 */
import type { Alert } from '../core/alert/alert.js';
import type { Category, Domain, RuleType, Severity } from '../core/agreement/schema.js';
import type { EntityKind, IncidentReport } from '../core/track/observation.js';
import type { Marking } from './marking.js';

export type { Marking } from './marking.js';

/**
 * Who is reading: a user's nation (sees only records releasable to it), or the system
 * itself (the detection pipeline, the outbox worker, audit verification: sees everything).
 */
export type Viewer = { nation: string } | { system: true };

/** The system viewer, for internal readers only — never for a request made by a user. */
export const SYSTEM_VIEWER: Viewer = Object.freeze({ system: true as const });

/** Origin and releasability carried by every stored record. */
export interface Releasability {
  /** Originating nation, ISO 3166-1 alpha-3 (`FRA`). */
  originator: string;
  marking: Marking;
}

/** One page of a list; pass `nextCursor` back as `cursor` for the next page (null: no more). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Paging options of every list method. `limit` defaults to 100 and is capped at 10,000. */
export interface PageQuery {
  limit?: number;
  cursor?: string;
}

/** `[minLon, minLat, maxLon, maxLat]`, degrees, inclusive. */
export type BBox = readonly [number, number, number, number];

// ---------------------------------------------------------------- observations

/** A position of an entity as stored for evidence and replay. */
export interface ObservationInput extends Releasability {
  entityId: string;
  kind: Exclude<EntityKind, 'report'>;
  timeMs: number;
  lon: number;
  lat: number;
  speedKn?: number;
  courseDeg?: number;
  altitudeFt?: number;
  /** The feed it came in on (config name). */
  feed: string;
  /** Receiver or sensor within the feed, when known. */
  source?: string;
}

/** A stored observation; `id` is its insertion sequence number (unique, increasing). */
export interface Observation extends ObservationInput {
  id: number;
}

/** Observations of one entity, `fromMs <= timeMs <= toMs`, oldest first. */
export interface ObservationsByEntityQuery extends PageQuery {
  entityId: string;
  fromMs: number;
  toMs: number;
}

/** Observations inside a box, `fromMs <= timeMs <= toMs`, oldest first. */
export interface ObservationsInAreaQuery extends PageQuery {
  bbox: BBox;
  fromMs: number;
  toMs: number;
}

/** Coverage counts: observations per feed and time bucket, `fromMs <= timeMs < toMs`. */
export interface CoverageQuery {
  fromMs: number;
  toMs: number;
  /** Bucket length, ms (an hour for reports); bucket k is `[fromMs + k·bucketMs, fromMs + (k+1)·bucketMs)`. */
  bucketMs: number;
  /** Only observations inside the box. */
  bbox?: BBox;
}

/** Observations a feed delivered in one bucket; buckets without any are absent. */
export interface CoverageCount {
  feed: string;
  /** k: the bucket starts at `fromMs + k·bucketMs`. */
  bucket: number;
  count: number;
}

export interface ObservationRepository {
  /** Appends positions in one transaction. For a feed's firehose use `Store.batchWriter()`. */
  append(rows: readonly ObservationInput[]): Promise<void>;
  byEntity(viewer: Viewer, query: ObservationsByEntityQuery): Promise<Page<Observation>>;
  inArea(viewer: Viewer, query: ObservationsInAreaQuery): Promise<Page<Observation>>;
  /** Counts per feed and bucket of the observations visible to the viewer, ordered by feed then bucket. */
  coverage(viewer: Viewer, query: CoverageQuery): Promise<CoverageCount[]>;
}

// ---------------------------------------------------------------- tracks

/** The latest state of one entity. */
export interface TrackRecord extends Releasability {
  id: string;
  kind: EntityKind;
  name?: string;
  callsign?: string;
  imo?: number;
  shipType?: number;
  /** ISO 3166-1 alpha-3 flag state. */
  flag?: string;
  category: Category;
  /** Party code from the agreement. */
  party?: string;
  lastMs: number;
  lon: number;
  lat: number;
  speedKn?: number;
  courseDeg?: number;
  altitudeFt?: number;
  /** Fixes seen so far. */
  fixes: number;
}

/** Tracks ordered by id; every filter is optional and they combine with AND. */
export interface TrackQuery extends PageQuery {
  kind?: EntityKind;
  party?: string;
  category?: Category;
  /** Last position inside the box. */
  bbox?: BBox;
  /** `lastMs >= updatedSinceMs`. */
  updatedSinceMs?: number;
}

export interface TrackRepository {
  /**
   * Inserts or replaces the state of each track, in one transaction. A state older than the
   * stored one (`lastMs` smaller) is ignored, so late writes never roll a track back.
   */
  upsert(rows: readonly TrackRecord[]): Promise<void>;
  get(viewer: Viewer, id: string): Promise<TrackRecord | undefined>;
  list(viewer: Viewer, query?: TrackQuery): Promise<Page<TrackRecord>>;
}

// ---------------------------------------------------------------- alerts

export type AlertStatus = 'open' | 'closed';

/** An alert as written by the engine, with what the store adds. */
export interface AlertInput extends Releasability {
  alert: Alert;
  /** Defaults to `open` while `alert.end` is null, else `closed`. */
  status?: AlertStatus;
  agreementId: string;
  agreementVersion: number;
}

/** A stored alert. */
export interface StoredAlert extends Releasability {
  alert: Alert;
  status: AlertStatus;
  agreementId: string;
  agreementVersion: number;
  /** When the store first saw the alert / last changed it (wall clock). */
  createdMs: number;
  updatedMs: number;
}

/** Alerts ordered by start, newest first; filters combine with AND. */
export interface AlertQuery extends PageQuery {
  rule?: string;
  type?: RuleType;
  zone?: string;
  /** `alert.entity.party`. */
  party?: string;
  domain?: Domain;
  severity?: Severity;
  status?: AlertStatus;
  entityId?: string;
  agreementId?: string;
  /** Alerts whose [start, end] overlaps [fromMs, toMs]; an open alert extends to +∞. */
  fromMs?: number;
  toMs?: number;
}

export interface AlertRepository {
  /**
   * Inserts or updates alerts by `alert.id`, in one transaction, and in that same
   * transaction queues an outbox message (topic `alert`) for each alert that is new or
   * changed (STYLE rule 16). Re-writing an identical alert queues nothing.
   */
  upsert(rows: readonly AlertInput[]): Promise<void>;
  get(viewer: Viewer, id: string): Promise<StoredAlert | undefined>;
  list(viewer: Viewer, query?: AlertQuery): Promise<Page<StoredAlert>>;
}

// ---------------------------------------------------------------- reports

export interface ReportInput extends Releasability {
  report: IncidentReport;
}

export interface StoredReport extends Releasability {
  report: IncidentReport;
  /** 1 on first write, +1 on each write that changed it (ACLED-style revisions). */
  revision: number;
  createdMs: number;
  updatedMs: number;
}

/** Reports ordered by event time, newest first. */
export interface ReportQuery extends PageQuery {
  category?: string;
  party?: string;
  bbox?: BBox;
  fromMs?: number;
  toMs?: number;
}

export interface ReportRepository {
  /** Idempotent by `report.id`: the same id again replaces the report (a revision). */
  upsert(rows: readonly ReportInput[]): Promise<void>;
  get(viewer: Viewer, id: string): Promise<StoredReport | undefined>;
  list(viewer: Viewer, query?: ReportQuery): Promise<Page<StoredReport>>;
}

// ---------------------------------------------------------------- quarantine

/** A rejected input line, kept for inspection. */
export interface QuarantineInput extends Releasability {
  feed: string;
  /** A reject reason (`src/decode/ais/reject-reason.ts` for AIS) or another feed's reason. */
  reason: string;
  detail: string;
  line: string;
  /** Wall-clock receipt time. */
  receivedMs: number;
}

export interface QuarantinedLine extends QuarantineInput {
  id: number;
}

/** Quarantined lines, newest first. */
export interface QuarantineQuery extends PageQuery {
  feed?: string;
  reason?: string;
}

/** Lines rejected per feed and reason: `total` ever, `held` still kept. */
export interface QuarantineCount {
  feed: string;
  reason: string;
  total: number;
  held: number;
}

export interface QuarantineRepository {
  /** Adds lines, then drops the oldest of each feed beyond the store's per-feed bound. */
  add(rows: readonly QuarantineInput[]): Promise<void>;
  list(viewer: Viewer, query?: QuarantineQuery): Promise<Page<QuarantinedLine>>;
  counts(viewer: Viewer, feed?: string): Promise<QuarantineCount[]>;
}

// ---------------------------------------------------------------- agreements

export interface AgreementVersionInput extends Releasability {
  agreementId: string;
  version: number;
  /** The agreement file as loaded. */
  yaml: string;
  loadedMs: number;
}

export interface AgreementVersion extends AgreementVersionInput {
  /** SHA-256 of `yaml` (UTF-8), lower-case hex. */
  sha256: string;
}

export interface AgreementRepository {
  /**
   * Keeps a version. The same id, version and text again is a no-op; the same id and version
   * with another text throws `StoreConflictError` (an amendment needs a new version number).
   */
  add(row: AgreementVersionInput): Promise<AgreementVersion>;
  /** Versions, by agreement id then version. */
  list(viewer: Viewer, agreementId?: string): Promise<AgreementVersion[]>;
  get(viewer: Viewer, agreementId: string, version: number): Promise<AgreementVersion | undefined>;
  /** The highest version visible to the viewer. */
  latest(viewer: Viewer, agreementId: string): Promise<AgreementVersion | undefined>;
}

// ---------------------------------------------------------------- feeds

export interface FeedStatus extends Releasability {
  name: string;
  /** `ais-tcp`, `ais-udp`, `file`, `adsb-sbs`, … */
  kind: string;
  /** `connecting`, `up`, `down`, `ended`, … */
  state: string;
  counters: Record<string, number>;
  updatedMs: number;
}

export interface FeedStatusRepository {
  put(row: FeedStatus): Promise<void>;
  list(viewer: Viewer): Promise<FeedStatus[]>;
  get(viewer: Viewer, name: string): Promise<FeedStatus | undefined>;
}

// ---------------------------------------------------------------- outbox

/** Outbox topics; one endpoint family per topic. */
export type OutboxTopic = 'alert';

/** A queued message; `payload` for topic `alert` is a `StoredAlert`. */
export interface OutboxMessage extends Releasability {
  id: number;
  topic: OutboxTopic;
  payload: unknown;
  createdMs: number;
  /** Claims so far, this one included. */
  attempts: number;
  nextAttemptMs: number;
}

/** Counts of the outbox: queued now, and dropped because the bound was reached. */
export interface OutboxStats {
  queued: number;
  dropped: number;
}

/**
 * The delivery queue (STYLE rule 16). A worker claims due messages (each claim leases them
 * for `leaseMs`, so a crashed worker's messages come back), delivers, then acks what was sent
 * and retries the unsent tail. Bounded: past the store's limit the oldest are dropped and
 * counted (the alerts themselves stay in the alerts table).
 */
export interface OutboxRepository {
  /** Up to `limit` messages due at `nowMs` (default: the store's clock), oldest first. */
  claim(limit: number, options?: { nowMs?: number; leaseMs?: number }): Promise<OutboxMessage[]>;
  /** Delivered: removes them. */
  ack(ids: readonly number[]): Promise<void>;
  /** Not delivered: due again at `nextMs`. */
  retry(id: number, nextMs: number): Promise<void>;
  stats(): Promise<OutboxStats>;
}

// ---------------------------------------------------------------- batch writer and store

/**
 * Buffers the firehose (observations, track states, alerts) and writes it in one transaction
 * per batch: when `maxRows` rows are buffered the batch is written (or handed to the writer
 * thread), and `flush()` writes what is left (the caller does so on a timer). Alerts written
 * together with the track states they came from share that transaction, and so does their
 * outbox message.
 *
 * An in-thread writer commits a full batch before `add*` returns. A threaded writer (see
 * `BatchWriterOptions.thread`) hands it over and returns at once; it keeps at most
 * `maxInFlight` batches in hand, and a producer awaits `ready()` while `backlogged`.
 */
export interface BatchWriter {
  addObservation(row: ObservationInput): void;
  addTrack(row: TrackRecord): void;
  addAlert(row: AlertInput): void;
  /**
   * Rows buffered and not yet written: not yet handed to a write, waiting for room in the
   * writer thread, or handed back by a write that failed (they go again on the next `flush()`).
   */
  readonly pending: number;
  /** True when batches are written on a thread of their own (`add*` never waits for a commit). */
  readonly threaded: boolean;
  /** Rows handed to the writer thread and not yet committed; always 0 for an in-thread writer. */
  readonly inFlight: number;
  /** True while the writer holds as many batches as it may: await `ready()` before adding more. */
  readonly backlogged: boolean;
  /**
   * Resolves once the writer is no longer backlogged (at once if it is not). Rejects with the
   * error of a failed write while its rows wait for `flush()` to retry them, so that a producer
   * never waits on a writer that will not move by itself.
   */
  ready(): Promise<void>;
  /**
   * Writes everything buffered or in flight; resolves with the number of rows written, once
   * they are committed (reads see them). Rejects if a write failed; its rows are kept, and
   * the next `flush()` writes them again.
   */
  flush(): Promise<number>;
  /**
   * Ends the batch being filled with this feed-status row (a consumer's checkpoint: read
   * positions, counts of what it wrote): the row is written in the same transaction as every
   * row added before it, so a crash keeps both or neither. The batch is handed over at once;
   * `flush()` waits for its commit.
   */
  checkpoint(row: FeedStatus): void;
}

export interface BatchWriterOptions {
  /** Rows buffered before a batch is written by itself. Default 50,000 (see the SQLite batch writer). */
  maxRows?: number;
  /**
   * Write on a thread of its own where the backend can (an SQLite file; an in-memory database
   * cannot be shared between threads and keeps the in-thread writer). Default false.
   */
  thread?: boolean;
  /** With `thread`: batches handed over and not yet committed, at most. Default 3. */
  maxInFlight?: number;
  /**
   * Batches end only at `checkpoint()` or `flush()`, never by size (`maxRows` is then the
   * caller's to keep): every committed batch then ends at a checkpoint, so that the
   * checkpoint never lags what is stored. Default false.
   */
  checkpointed?: boolean;
}

/** One backend: all repositories over one database. */
export interface Store {
  readonly observations: ObservationRepository;
  readonly tracks: TrackRepository;
  readonly alerts: AlertRepository;
  readonly reports: ReportRepository;
  readonly quarantine: QuarantineRepository;
  readonly agreements: AgreementRepository;
  readonly feeds: FeedStatusRepository;
  readonly outbox: OutboxRepository;
  batchWriter(options?: BatchWriterOptions): BatchWriter;
  /**
   * Flushes nothing (writers own their buffers), but waits for the batches already handed to
   * a writer thread to commit and ends the thread; then closes the database.
   */
  close(): Promise<void>;
}
