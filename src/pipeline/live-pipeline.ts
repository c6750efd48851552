import { EventEmitter } from 'node:events';
import { statSync } from 'node:fs';
import { FeedCursor } from './feed-cursor.js';
import { AlertReplayPoint, replayWindowMs } from './replay-point.js';
import { trackRecordOf } from './track-record.js';
import type { CompiledAgreement } from '../core/agreement/compiled-agreement.js';
import type { PlaceAreas } from '../core/geo/place-gazetteer.js';
import type { Alert } from '../core/alert/alert.js';
import { TruceEngine } from '../core/detect/engine.js';
import type { LandMask } from '../core/geo/land-mask.js';
import { compareEvents, eventRank, type EngineEvent, type ReportEvent } from '../core/track/observation.js';
import type { Track } from '../core/track/track.js';
import { ReorderBuffer } from '../core/time/reorder-buffer.js';
import type { FeedConfig } from '../config/serve-config.js';
import { feedBatches, type FeedContext } from '../ingest/feed-sources.js';
import { deriveReleasability, type Marking } from '../store/marking.js';
import { SYSTEM_VIEWER, type AlertStatus, type BatchWriter, type FeedStatus, type QuarantineInput, type Store, type TrackRecord } from '../store/ports.js';
import type { EventDecoder, InputFormat } from './event-decoder.js';
import { detectFormat, formatByName } from './formats.js';

interface Tagged {
  timeMs: number;
  event: EngineEvent;
  feed: number;
  /** Start position of the line it came from (`FeedCursor`). */
  pos: number;
  /** Stored before a restart: run through the engine again, not written again. */
  stored: boolean;
}

/** The feed-status row holding the pipeline's checkpoint (docs/reliability.md "Durability"). */
export const CHECKPOINT_NAME = 'live-pipeline';

/** One feed in the checkpoint (see `FeedCursor`). */
interface CheckpointFeed {
  read: number;
  acked: number;
  /** Files: where a restart reads from to rebuild the engine's state, and the feed's clock just before it. */
  replay: number;
  replayClockMs: number;
  clockMs: number;
  stored: number;
}

/** The checkpoint as read back on start. */
interface Restored {
  releasedUpToMs: number;
  replayFromMs: number;
  feeds: Map<string, CheckpointFeed>;
  row: FeedStatus;
}

/** Live counters of one feed, as `/api/feeds` shows them. */
export interface FeedRuntime {
  config: FeedConfig;
  state: string;
  detail: string | undefined;
  format: string | undefined;
  lines: number;
  events: number;
  rejected: Record<string, number>;
  lastLineMs: number | undefined;
  lastEventTimeMs: number | undefined;
  /** Newest event time seen on the feed (its own clock), and when (wall) that last moved forward (or the feed started). */
  maxEventTimeMs: number;
  lastEventWallMs: number;
  /** Events outside the agreement's effective period (not violations; shown in the feed status). */
  outsidePeriod?: number;
}

/** A feed whose clock has not moved for this long (wall clock) no longer holds the others back. */
const FEED_IDLE_MS = 10_000;
/**
 * Events stamped further ahead of the wall clock than this are refused (`future-time`): one
 * bad timestamp must not push event time past every real fix (receiver clocks drift by
 * seconds; five minutes is generous).
 */
const MAX_FUTURE_MS = 5 * 60_000;

/** What the pipeline announces, for the live stream. */
export interface PipelineEvents {
  alert: [{ alert: Alert; status: AlertStatus; originator: string; marking: Marking }];
  tracks: [TrackRecord[]];
  /** Tracks lost (no fix for the track-lost interval), by id. */
  tracksLost: [string[]];
  /** A store write failed (the pipeline goes on; the caller logs it). */
  error: [Error];
  /** Something an operator must hear of, such as events dropped as late (the caller logs it). */
  warning: [string];
  /** The batch writer committed `rows` rows in `ms` (one flush: the store's batch latency). */
  flushed: [{ rows: number; ms: number }];
}

/** What the operations endpoints read (src/ops): queue depths, the event-time clock, failing store writes. */
export interface PipelineOpsState {
  /** Events held in the event-time reorder buffer. */
  reorderBuffered: number;
  /** Rows in the batch writer not yet handed to a write (or handed back by a failed one), and rows being written. */
  storePendingRows: number;
  storeInFlightRows: number;
  /** Rejected lines waiting to be written to the quarantine. */
  quarantineQueued: number;
  /** Event time of the last event released into the engine, ms (undefined before the first). */
  eventTimeMs: number | undefined;
  /** Store writes failing now, by what (`store flush`, `feed status`), since when (wall ms). */
  storeFailures: { what: string; message: string; sinceMs: number }[];
}

export interface LivePipelineOptions {
  agreement: CompiledAgreement;
  agreementVersion: number;
  store: Store;
  landMask?: LandMask;
  /** Places' areas for reports located by a region's name (`no-strike` overlap). */
  places?: PlaceAreas;
  allowanceMs: number;
  /** Nation of this node: originator of what it derives when no feed is known. */
  nation: string;
}

const FLUSH_MS = 1000;
const TRACK_PUBLISH_MS = 2000;
const STATUS_MS = 5000;
const QUARANTINE_BATCH = 500;
/** Rows after which a feed checkpoints between two of its batches (the writer seals batches only at checkpoints). */
const CHECKPOINT_ROWS = 50_000;
/** A feed catching up (a replay, a burst) gives the event loop a turn at least this often, ms. */
const YIELD_EVERY_MS = 20;
/** Rows an in-thread batch writer may hold before a feed flushes it (see `runFeed`). */
const IN_THREAD_FLUSH_ROWS = 20_000;

/**
 * The embedded pipeline of `vigil serve`: feeds → decoders → one event-time reorder buffer
 * → the truce engine → the store (observations, tracks and alerts in batched transactions,
 * alerts with their outbox message) and the live stream. Records derived from several feeds
 * carry the most restrictive marking of those feeds.
 */
export class LivePipeline extends EventEmitter<PipelineEvents> {
  readonly engine: TruceEngine;
  readonly feeds: FeedRuntime[] = [];
  private readonly reorder: ReorderBuffer<Tagged>;
  private readonly writer: BatchWriter;
  private readonly abort = new AbortController();
  private readonly timers: NodeJS.Timeout[] = [];
  /** Feeds (indices) that brought each entity: its derived records inherit their markings. */
  private readonly entityFeeds = new Map<string, Set<number>>();
  /** Releasability of entities that came through the API (reports), not a feed. */
  private readonly entityRel = new Map<string, { originator: string; marking: Marking }>();
  private readonly quarantine: QuarantineInput[] = [];
  private readonly running: Promise<void>[] = [];
  private readonly reportWrites = new Set<Promise<void>>();
  private lastTracksMs = -Infinity;
  private lostTracks: string[] = [];
  private lastEventWallMs = Date.now();
  private lastEventTimeMs: number | undefined;
  /** Periodic store writes that failed last time they ran, by what: cleared by their next success. */
  private readonly storeFailures = new Map<string, { message: string; sinceMs: number }>();
  private readonly cursors: FeedCursor[] = [];
  private readonly replayFrom: AlertReplayPoint;
  private readonly windowMs: number;
  /** Every event read with a time at or before this went through the engine (or was refused as late). */
  private releasedUpToMs = -Infinity;
  private restored: Restored | undefined;
  /** Feeds (indices) re-reading what they had read before a restart: nothing is released until they are through. */
  private readonly catchingUp = new Set<number>();
  /** Set while a stored event goes through the engine: its alert changes are in the store already. */
  private replaying = false;

  constructor(private readonly o: LivePipelineOptions) {
    super();
    // On a thread of its own (SQLite file): the feeds never wait for a commit unless it falls behind.
    // Batches end only at checkpoints, so the checkpoint never lags what is stored.
    this.writer = o.store.batchWriter({ thread: true, checkpointed: true });
    this.windowMs = replayWindowMs(o.agreement);
    this.replayFrom = new AlertReplayPoint(this.windowMs);
    this.reorder = new ReorderBuffer<Tagged>(o.allowanceMs, (a, b) => compareEvents(a.event, b.event), (t) => eventRank(t.event));
    this.engine = new TruceEngine(o.agreement, {
      opened: (a) => this.publishAlert(a, 'open'),
      closed: (a) => this.publishAlert(a, 'closed'),
      trackLost: (t) => this.lostTracks.push(t.id),
      trackExpired: (t) => {
        this.entityFeeds.delete(t.id);
        this.entityRel.delete(t.id);
      },
    }, { ...(o.landMask ? { landMask: o.landMask } : {}), ...(o.places ? { places: o.places } : {}) });
    const report = (what: string) => (err: unknown): void => {
      this.storeFailures.set(what, { message: (err as Error).message, sinceMs: this.storeFailures.get(what)?.sinceMs ?? Date.now() });
      this.emit('error', new Error(`${what}: ${(err as Error).message}`));
    };
    const wrote = (what: string) => (): void => { this.storeFailures.delete(what); };
    this.timers.push(setInterval(() => void this.flush().then(wrote('store flush'), report('store flush')), FLUSH_MS));
    this.timers.push(setInterval(() => this.publishTracks(), TRACK_PUBLISH_MS));
    this.timers.push(setInterval(() => void this.saveStatus().then(wrote('feed status'), report('feed status')), STATUS_MS));
    this.timers.push(setInterval(() => this.heartbeat(), STATUS_MS));
  }

  /**
   * Reads the checkpoint a previous run left (call before `addFeed`): file feeds then read
   * again from their replay offset, what they had read before is run through the engine
   * without being written again, and socket feeds count on from where they were.
   */
  async restore(): Promise<void> {
    const row = await this.o.store.feeds.get(SYSTEM_VIEWER, CHECKPOINT_NAME);
    if (row === undefined) return;
    const c = row.counters;
    const time = (x: number | undefined): number => (x === undefined || x < 0 ? -Infinity : x);
    const feeds = new Map<string, CheckpointFeed>();
    for (const key of Object.keys(c)) {
      const m = /^(.+)\.read$/.exec(key);
      if (m === null) continue;
      const n = m[1]!;
      feeds.set(n, {
        read: c[key]!, acked: c[`${n}.acked`] ?? 0, replay: c[`${n}.replay`] ?? 0, replayClockMs: time(c[`${n}.replayClock`]), clockMs: time(c[`${n}.clock`]), stored: c[`${n}.stored`] ?? 0,
      });
    }
    this.restored = { releasedUpToMs: time(c['releasedUpToMs']), replayFromMs: time(c['replayFromMs']), feeds, row };
    this.releasedUpToMs = this.restored.releasedUpToMs;
  }

  /** Starts a feed; it runs until `stop()`. */
  addFeed(config: FeedConfig): FeedRuntime {
    const rt: FeedRuntime = {
      config, state: 'starting', detail: undefined, format: config.format, lines: 0, events: 0, rejected: {}, lastLineMs: undefined, lastEventTimeMs: undefined,
      maxEventTimeMs: -Infinity, lastEventWallMs: Date.now(),
    };
    const index = this.feeds.push(rt) - 1;
    const cursor = new FeedCursor();
    this.cursors.push(cursor);
    let resume: FeedContext['resume'];
    const prev = this.restored?.feeds.get(config.name);
    if (prev !== undefined) {
      cursor.stored = prev.stored;
      // Its clock holds the others back (as before the restart) until it moves or goes idle.
      rt.maxEventTimeMs = prev.clockMs;
      if (config.kind !== 'file') {
        cursor.read = prev.read;
        cursor.clockMs = prev.clockMs;
      } else if (!config.loop && fileLength(config.path) >= prev.read) {
        cursor.read = prev.replay;
        // Read again from there, the feed's own clock (which decides what is late) is rebuilt exactly as it went.
        cursor.clockMs = prev.replayClockMs;
        resume = { offset: prev.replay, paceFrom: prev.read };
        if (prev.replay < prev.read) this.catchingUp.add(index);
      } else {
        this.emit('warning', `feed ${config.name}: ${config.loop ? 'a looping file starts again from its start' : `${config.path} is shorter than the ${prev.read} bytes read before: read from its start`} (its checkpoint is not used)`);
        this.restored!.feeds.delete(config.name);
      }
    }
    this.running.push(this.runFeed(rt, index, resume).catch((err: Error) => {
      rt.state = 'failed';
      rt.detail = err.message;
    }).finally(() => this.caughtUp(index)));
    return rt;
  }

  /** A feed has read again as far as before the restart (or ended): once all have, the replayed state is released. */
  private caughtUp(index: number): void {
    if (!this.catchingUp.delete(index) || this.catchingUp.size > 0) return;
    // The catch-up took wall time in which no clock could move: no feed counts as idle for it
    // (else, all idle, the newest clock would release the file's events still to come as late).
    const now = Date.now();
    for (const f of this.feeds) if (f.maxEventTimeMs > -Infinity && f.lastEventWallMs < now) f.lastEventWallMs = now;
    this.reorder.releaseUpTo(this.releasedUpToMs, this.apply);
    this.releaseMerged();
  }

  private async runFeed(rt: FeedRuntime, index: number, resume: FeedContext['resume']): Promise<void> {
    const cursor = this.cursors[index]!;
    const prev = resume !== undefined ? this.restored?.feeds.get(rt.config.name) : undefined;
    const restored = this.restored;
    const source = feedBatches(rt.config, {
      signal: this.abort.signal, agreement: this.o.agreement, landMask: this.o.landMask,
      status: (state, detail) => { rt.state = state; rt.detail = detail; },
      dropped: (total) => { rt.rejected['dropped'] = total; },
      ...(resume !== undefined ? { resume } : {}),
    });
    /** Start position of the line being decoded. */
    let linePos = cursor.read;
    let lastYieldMs = Date.now();
    let decoder: EventDecoder | undefined;
    let format: InputFormat | undefined = rt.config.format !== undefined ? formatByName(rt.config.format) : undefined;
    if (rt.config.format !== undefined && format === undefined) throw new Error(`unknown format "${rt.config.format}"`);
    for await (const { lines: batch, ends } of source) {
      if (this.abort.signal.aborted) break;
      if (decoder === undefined) {
        format ??= detectFormat(batch.slice(0, 200));
        if (format === undefined) {
          rt.rejected['unknown-format'] = (rt.rejected['unknown-format'] ?? 0) + batch.length;
          cursor.read = ends !== undefined ? ends.at(-1)! : cursor.read + batch.length;
          continue;
        }
        rt.format = format.name;
        decoder = format.create({
          event: (event) => {
            rt.events++;
            rt.lastEventTimeMs = event.timeMs;
            const { effectiveFromMs: from, effectiveUntilMs: until } = this.o.agreement;
            if (event.timeMs < from || (until !== null && event.timeMs >= until)) {
              const n = (rt.outsidePeriod ?? 0) + 1;
              rt.outsidePeriod = n;
              if (Number.isInteger(Math.log10(n))) this.emit('warning', `feed ${rt.config.name}: ${n} event(s) outside the agreement's effective period (from ${new Date(from).toISOString()}${until !== null ? ` until ${new Date(until).toISOString()}` : ''}): not checked`);
            }
            if (event.timeMs > Date.now() + MAX_FUTURE_MS) {
              rt.rejected['future-time'] = (rt.rejected['future-time'] ?? 0) + 1;
              return;
            }
            // Late by the feed's own clock, as `vigil check` and `vigil ingest` judge it: the same
            // whatever other feeds do and however the reads fall into batches (a restart too).
            const lateForFeed = event.timeMs <= cursor.clockMs - this.o.allowanceMs;
            if (event.timeMs > rt.maxEventTimeMs) {
              rt.maxEventTimeMs = event.timeMs;
              rt.lastEventWallMs = Date.now();
            }
            cursor.sawTime(event.timeMs);
            let stored = false;
            if (prev !== undefined && restored !== undefined && linePos < prev.read) {
              // Read before the restart: older than the replay point it can no longer change an alert (static data still names and classifies).
              if (event.timeMs < restored.replayFromMs && event.kind !== 'static') return;
              stored = event.timeMs <= restored.releasedUpToMs;
            }
            if (!lateForFeed && this.reorder.hold({ timeMs: event.timeMs, event, feed: index, pos: linePos, stored })) cursor.hold(linePos);
            else {
              const late = (rt.rejected['late'] ?? 0) + 1;
              rt.rejected['late'] = late;
              // Loud, not silent: the first late event of a feed, then at every power of ten.
              if (Number.isInteger(Math.log10(late))) {
                this.emit('warning', `feed ${rt.config.name}: ${late} event(s) dropped as late, more than the ${this.o.allowanceMs / 1000} s allowance behind the feeds' clock (a recording in another order belongs in "vigil check", which sorts it)`);
              }
            }
          },
          reject: (reason, detail, line) => {
            rt.rejected[reason] = (rt.rejected[reason] ?? 0) + 1;
            if (this.quarantine.length >= 50_000) {
              rt.rejected['quarantine-full'] = (rt.rejected['quarantine-full'] ?? 0) + 1;
              return;
            }
            this.quarantine.push({ feed: rt.config.name, reason, detail, line, receivedMs: Date.now(), originator: rt.config.originator, marking: rt.config.marking });
          },
        });
      }
      if (ends !== undefined) cursor.markBatch(cursor.read);
      for (let i = 0; i < batch.length; i++) {
        linePos = cursor.read;
        decoder.push(batch[i]!);
        cursor.read = ends !== undefined ? ends[i]! : cursor.read + 1;
      }
      rt.lines += batch.length;
      rt.lastLineMs = Date.now();
      if (prev !== undefined && cursor.read >= prev.read) this.caughtUp(index);
      this.releaseMerged();
      // Batches end at checkpoints: one between two batches of a feed, where every event read is held or through the engine.
      if (this.writer.pending >= CHECKPOINT_ROWS) this.writer.checkpoint(this.checkpointRow());
      if (Date.now() - lastYieldMs > YIELD_EVERY_MS) {
        // A replay's batches come as microtasks: give the API and the timers their turn.
        await new Promise<void>((resolve) => setImmediate(resolve));
        lastYieldMs = Date.now();
      }
      if (this.writer.backlogged) {
        // Backpressure: the writer thread holds as many batches as it may; wait for one to
        // commit. If a write failed, the flush timer retries and reports it; the feed goes on.
        await this.writer.ready().catch(() => undefined);
      } else if (!this.writer.threaded && this.writer.pending > IN_THREAD_FLUSH_ROWS) {
        // An in-thread writer (in-memory store): write in smaller steps than its batch size,
        // so that one write blocks the event loop briefly; a failed write is reported, the feed goes on.
        await this.flush().catch((err: Error) => this.emit('error', new Error(`store flush: ${err.message}`)));
      }
    }
    decoder?.flush();
  }

  /**
   * Feeds run on their own clocks (a replay catching up, a receiver a few seconds behind):
   * events are released only up to the slowest active feed's newest time less the allowance,
   * so a fast feed never makes a slow one's events late. A feed that has not spoken yet holds
   * everything back (a socket feed must not make a file's events late by being first); a feed
   * idle for FEED_IDLE_MS (or silent that long since it started) stops holding the others back.
   */
  private releaseMerged(): void {
    if (this.catchingUp.size > 0) return;
    const now = Date.now();
    let watermark = Infinity;
    for (const f of this.feeds) {
      if (now - f.lastEventWallMs > FEED_IDLE_MS) continue;
      if (f.maxEventTimeMs === -Infinity) return;
      if (f.maxEventTimeMs < watermark) watermark = f.maxEventTimeMs;
    }
    if (watermark === Infinity) {
      for (const f of this.feeds) if (f.maxEventTimeMs > -Infinity && (watermark === Infinity || f.maxEventTimeMs > watermark)) watermark = f.maxEventTimeMs;
    }
    if (watermark !== Infinity) {
      this.reorder.releaseUpTo(watermark - this.o.allowanceMs, this.apply);
      // What the checkpoint calls released is the newest event through the engine, not the bound
      // asked for: an event read later, with a time between the two, is held and not yet stored.
      const released = this.reorder.clock.releasedUpToMs;
      if (released !== null && released > this.releasedUpToMs) this.releasedUpToMs = released;
    }
  }

  private readonly apply = (t: Tagged): void => {
    const e = t.event;
    this.lastEventWallMs = Date.now();
    this.lastEventTimeMs = e.timeMs;
    let feeds = this.entityFeeds.get(e.entityId);
    if (feeds === undefined) this.entityFeeds.set(e.entityId, (feeds = new Set()));
    feeds.add(t.feed);
    this.cursors[t.feed]!.release(t.pos);
    const accepted = this.engine.counters.fixes;
    this.replaying = t.stored;
    this.engine.push(e);
    this.replaying = false;
    if (t.stored) return;
    // Only fixes the engine took are evidence: duplicates from a second receiver and stale ones are not stored.
    if (e.kind === 'fix' && this.engine.counters.fixes > accepted) {
      const feed = this.feeds[t.feed]!.config;
      this.cursors[t.feed]!.stored++;
      this.writer.addObservation({
        entityId: e.entityId, kind: e.entityKind, timeMs: e.timeMs, lon: e.lon, lat: e.lat,
        ...(e.speedKn !== undefined ? { speedKn: e.speedKn } : {}), ...(e.courseDeg !== undefined ? { courseDeg: e.courseDeg } : {}),
        ...(e.altitudeFt !== undefined ? { altitudeFt: e.altitudeFt } : {}), ...(e.source !== undefined ? { source: e.source } : {}),
        feed: feed.name, originator: feed.originator, marking: feed.marking,
      });
    } else if (e.kind === 'report') {
      const feed = this.feeds[t.feed]!.config;
      const write = this.o.store.reports.upsert([{ report: e.report, originator: feed.originator, marking: feed.marking }]);
      this.reportWrites.add(write);
      write.then(() => this.reportWrites.delete(write), (err: Error) => {
        this.reportWrites.delete(write);
        this.emit('error', new Error(`report ${e.report.id}: ${err.message}`));
      });
    }
  };

  /**
   * A report submitted through the API: stored, and run through the engine at once (no-strike
   * alerts). Reports do not move tracks, so they need no place in the event-time order.
   */
  async ingestReport(e: ReportEvent, rel: { originator: string; marking: Marking }): Promise<void> {
    this.entityRel.set(e.entityId, rel);
    await this.o.store.reports.upsert([{ report: e.report, ...rel }]);
    this.engine.push(e);
  }

  /** Releasability of what derives from these entities: only what every input feed (or API submission) allows. */
  releasabilityOf(...entityIds: string[]): { originator: string; marking: Marking } {
    const inputs: { originator: string; marking: Marking }[] = [];
    for (const id of entityIds) {
      const direct = this.entityRel.get(id);
      if (direct !== undefined) inputs.push(direct);
      const feeds = this.entityFeeds.get(id);
      if (feeds !== undefined) for (const i of feeds) inputs.push({ originator: this.feeds[i]!.config.originator, marking: this.feeds[i]!.config.marking });
    }
    return inputs.length === 0 ? { originator: this.o.nation, marking: { kind: 'COALITION' } } : deriveReleasability(inputs, this.o.nation);
  }

  private publishAlert(alert: Alert, status: AlertStatus): void {
    this.replayFrom.note(alert);
    if (this.replaying) return;
    const rel = this.releasabilityOf(alert.entity.id, ...(alert.other ? [alert.other.id] : []));
    this.writer.addAlert({ alert: { ...alert, entity: { ...alert.entity }, evidence: { ...alert.evidence } }, status, agreementId: this.o.agreement.id, agreementVersion: this.o.agreementVersion, ...rel });
    this.emit('alert', { alert, status, ...rel });
  }

  /** Track records of tracks changed since the last publication. */
  private publishTracks(): void {
    const since = this.lastTracksMs;
    const changed: TrackRecord[] = [];
    let newest = since;
    for (const t of this.engine.tracks.values()) {
      if (t.lastMs <= since) continue;
      if (t.lastMs > newest) newest = t.lastMs;
      const rec = this.trackRecord(t);
      changed.push(rec);
      this.writer.addTrack(rec);
    }
    this.lastTracksMs = newest;
    if (changed.length > 0) this.emit('tracks', changed);
    if (this.lostTracks.length > 0) {
      this.emit('tracksLost', this.lostTracks);
      this.lostTracks = [];
    }
  }

  trackRecord(t: Track): TrackRecord {
    return trackRecordOf(t, this.releasabilityOf(t.id));
  }

  /** Quiet feeds still let event time pass: silences are judged against it. */
  private heartbeat(): void {
    this.releaseMerged();
    // Only an empty buffer means nothing is waiting: otherwise held fixes would look silent.
    if (this.lastEventTimeMs === undefined || this.reorder.size > 0) return;
    const quietMs = Date.now() - this.lastEventWallMs;
    if (quietMs >= STATUS_MS) this.engine.advance(this.lastEventTimeMs + quietMs);
  }

  async flush(): Promise<void> {
    this.writer.checkpoint(this.checkpointRow());
    if (this.quarantine.length > 0) await this.o.store.quarantine.add(this.quarantine.splice(0, QUARANTINE_BATCH));
    const startMs = performance.now();
    const rows = await this.writer.flush();
    if (rows > 0) this.emit('flushed', { rows, ms: performance.now() - startMs });
  }

  /** See `PipelineOpsState`. */
  opsState(): PipelineOpsState {
    return {
      reorderBuffered: this.reorder.size, storePendingRows: this.writer.pending, storeInFlightRows: this.writer.inFlight,
      quarantineQueued: this.quarantine.length, eventTimeMs: this.lastEventTimeMs,
      storeFailures: [...this.storeFailures].map(([what, f]) => ({ what, ...f })),
    };
  }

  /**
   * The checkpoint as it stands (between two batches of a feed: every event read is held or
   * through the engine). While feeds still catch up after a restart, the restored one.
   */
  private checkpointRow(): FeedStatus {
    if (this.catchingUp.size > 0 && this.restored !== undefined) return { ...this.restored.row, updatedMs: Date.now() };
    const finite = (x: number): number => (Number.isFinite(x) ? x : -1);
    const replayFromMs = this.replayFrom.point(this.releasedUpToMs);
    const counters: Record<string, number> = { releasedUpToMs: finite(this.releasedUpToMs), replayFromMs: finite(replayFromMs) };
    this.feeds.forEach((rt, i) => {
      const c = this.cursors[i]!;
      const n = rt.config.name;
      counters[`${n}.read`] = c.read;
      counters[`${n}.acked`] = c.acked();
      const replay = rt.config.kind === 'file' ? c.replayOffset(replayFromMs, replayFromMs - this.windowMs) : { pos: c.read, clockMs: c.clockMs };
      counters[`${n}.replay`] = replay.pos;
      counters[`${n}.replayClock`] = finite(replay.clockMs);
      counters[`${n}.clock`] = finite(Math.max(rt.maxEventTimeMs, c.clockMs));
      counters[`${n}.stored`] = c.stored;
    });
    return { name: CHECKPOINT_NAME, kind: 'checkpoint', state: 'running', counters, updatedMs: Date.now(), originator: this.o.nation, marking: { kind: 'COALITION' } };
  }

  /** Writes everything still queued (quarantine in batches, then the batch writer). */
  private async flushAll(): Promise<void> {
    while (this.quarantine.length > 0) await this.o.store.quarantine.add(this.quarantine.splice(0, QUARANTINE_BATCH));
    await Promise.allSettled(this.reportWrites);
    this.writer.checkpoint(this.checkpointRow());
    await this.writer.flush();
  }

  private async saveStatus(): Promise<void> {
    for (const rt of this.feeds) {
      await this.o.store.feeds.put({
        name: rt.config.name, kind: `${rt.format ?? 'unknown'}-${rt.config.kind}`, state: rt.state,
        counters: { lines: rt.lines, events: rt.events, ...rt.rejected, ...(rt.outsidePeriod !== undefined ? { outsidePeriod: rt.outsidePeriod } : {}) }, updatedMs: Date.now(),
        originator: rt.config.originator, marking: rt.config.marking,
      });
    }
  }

  /** Stops the feeds, drains the reorder buffer and writes everything. */
  async stop(): Promise<void> {
    this.abort.abort();
    for (const t of this.timers) clearInterval(t);
    await Promise.allSettled(this.running);
    // Stopped while catching up after a restart: nothing of the replay is released, the checkpoint stays as it was.
    if (this.catchingUp.size === 0) {
      this.reorder.drain(this.apply);
      for (const c of this.cursors) if (c.clockMs > this.releasedUpToMs) this.releasedUpToMs = c.clockMs;
    }
    this.publishTracks();
    await this.saveStatus();
    await this.flushAll();
  }
}

/** Bytes in a file (−1 if it cannot be read: the feed then fails with its own message); a gzip file is not measured (its offsets are in the decompressed stream). */
function fileLength(path: string): number {
  if (path.endsWith('.gz')) return Infinity;
  try {
    return statSync(path).size;
  } catch {
    return -1;
  }
}
