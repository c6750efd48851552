import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, type JetStreamClient, type PubAck } from '@nats-io/jetstream';
import type { CompiledAgreement } from '../core/agreement/compiled-agreement.js';
import type { LandMask } from '../core/geo/land-mask.js';
import { compareEvents, eventRank, type EngineEvent } from '../core/track/observation.js';
import { ReorderBuffer } from '../core/time/reorder-buffer.js';
import type { FeedConfig } from '../config/serve-config.js';
import { feedLines } from '../ingest/feed-sources.js';
import type { EventDecoder, InputFormat } from '../pipeline/event-decoder.js';
import { detectFormat, formatByName } from '../pipeline/formats.js';
import { readIngestState, writeIngestState, type IngestState } from './ingest-state.js';
import { ensureEventsStream } from './jetstream-setup.js';
import { EVENTS_STREAM, eventMsgId, eventSubject, partitionOf, watermarkSubject } from './partition.js';
import { encodeJson, type EventMessage, type WatermarkMessage } from './stream-messages.js';

export interface IngestOptions {
  nc: NatsConnection;
  agreement: CompiledAgreement;
  landMask?: LandMask;
  feeds: readonly FeedConfig[];
  /** Ingest id: its watermark subject. Lower-case words joined by hyphens. */
  ingestId: string;
  partitions: number;
  /** Out-of-order allowance of each feed, ms (as `vigil check` and `vigil serve`). */
  allowanceMs: number;
  signal?: AbortSignal;
  /** How often the watermark is published, ms. */
  watermarkEveryMs?: number;
  /** State file (`--state`): file feeds resume from it after a restart (see `FileFeedState`). */
  statePath?: string;
}

/** What one feed did, as the ingest's summary and its watermark show it. */
export interface IngestFeedStats {
  name: string;
  format: string | undefined;
  lines: number;
  events: number;
  published: number;
  late: number;
  rejected: Record<string, number>;
  releasedMs: number | null;
  ended: boolean;
  /** A file feed that went on from its state file: the line it read from. */
  resumedAtLine?: number;
  error?: string;
}

interface Tagged {
  timeMs: number;
  event: EngineEvent;
  msgId: string;
  lineNo: number;
}

/**
 * Lines read again on resume before the oldest line with an event still held: a multi-part
 * message (AIS up to 9 sentences, NMEA 4.10 groups) whose event came on its last line starts
 * no further back than this. Reading more than needed is harmless (see `FileFeedState`).
 */
const RESUME_MARGIN_LINES = 16;
const STATE_EVERY_MS = 1000;

/**
 * Publishes handed to JetStream and not yet acknowledged, at most: bounds memory while acks lag.
 * 512 rather than thousands: each publish holds a timer and promises until its ack, and 4,096 of
 * them outlived the young generation (measured: 35 % more CPU, 30 % longer runs on the same file).
 */
const MAX_IN_FLIGHT = 512;
/** A feed whose clock has not moved for this long (wall clock) no longer holds the ingest's watermark back (as `vigil serve`). */
const FEED_IDLE_MS = 10_000;
/** Events stamped further ahead of the wall clock are refused (`future-time`), as `vigil serve` does. */
const MAX_FUTURE_MS = 5 * 60_000;
const DEFAULT_WATERMARK_EVERY_MS = 1000;
const PUBLISH_TIMEOUT_MS = 5000;

/**
 * `vigil ingest`: runs the configured feeds' decoding as `vigil serve` does (framing,
 * rejects counted by reason, originator and marking of the feed) and publishes each accepted
 * event to JetStream, on the subject of its entity's partition, with a `Nats-Msg-Id` so that a
 * re-sent input is stored once. Each feed passes its own reorder buffer (the allowance of
 * `vigil check`), so events leave in event order and events late for their feed are dropped
 * here, as `vigil check` drops them; the ingest's watermark (the slowest active feed's
 * released time) tells the workers how far event time has safely gone.
 */
export class IngestPublisher {
  readonly feeds: IngestFeedStats[];
  /** Publishes sent again after a timeout or a lost connection. */
  /** `unsent`: events whose publish was still unacknowledged when the ingest was stopped (NATS away), given up. */
  readonly counters = { publishRetries: 0, watermarksMissed: 0, unsent: 0 };
  private readonly js: JetStreamClient;
  private readonly inFlight = new Set<Promise<void>>();
  /** Newest stream sequence per partition known to hold an event this ingest sent (or found there at its start). */
  private readonly last: Record<string, number> = {};
  private endMs: number | null = null;
  private readonly lastMoveWall: number[];
  private readonly state: IngestState;

  constructor(private readonly o: IngestOptions) {
    this.state = o.statePath !== undefined ? readIngestState(o.statePath) : { version: 1, feeds: {} };
    this.js = jetstream(o.nc);
    this.feeds = o.feeds.map((f) => ({ name: f.name, format: f.format, lines: 0, events: 0, published: 0, late: 0, rejected: {}, releasedMs: null, ended: false }));
    this.lastMoveWall = o.feeds.map(() => Date.now());
  }

  /** Publishes handed to JetStream and not yet acknowledged (bounded by MAX_IN_FLIGHT). */
  get pendingPublishes(): number {
    return this.inFlight.size;
  }

  /** Runs every feed to its end (or the abort signal); publishes the final watermark. */
  async run(): Promise<void> {
    const jsm = await ensureEventsStream(this.o.nc);
    // A restarted ingest's watermarks must cover what its earlier run (or any other) already put in each partition.
    for (let k = 0; k < this.o.partitions; k++) {
      const m = await jsm.streams.getMessage(EVENTS_STREAM, { last_by_subj: eventSubject(k) }).catch(() => null);
      if (m !== null) this.last[String(k)] = m.seq;
    }
    // One watermark at a time, in order (a later one never overtaken by an earlier); a tick
    // that finds the previous one still waiting for NATS is skipped: the next one says more.
    let sending: Promise<void> | undefined;
    const timer = setInterval(() => {
      if (sending !== undefined) {
        this.counters.watermarksMissed++;
        return;
      }
      sending = this.publishWatermark(false).finally(() => { sending = undefined; });
    }, this.o.watermarkEveryMs ?? DEFAULT_WATERMARK_EVERY_MS);
    try {
      await Promise.all(this.o.feeds.map((f, i) => this.runFeed(f, i).catch((e: Error) => {
        this.feeds[i]!.error = e.message;
        this.feeds[i]!.ended = true;
      })));
    } finally {
      clearInterval(timer);
      await sending?.catch(() => undefined);
    }
    await this.publishWatermark(true);
  }

  private async runFeed(cfg: FeedConfig, index: number): Promise<void> {
    const st = this.feeds[index]!;
    const abort = this.o.signal ?? new AbortController().signal;
    // A UDP feed's queue and the kernel's drops (datagrams lost before they were read) count as rejects, reason `dropped`, as in `vigil serve`.
    const source = feedLines(cfg, { signal: abort, agreement: this.o.agreement, landMask: this.o.landMask, status: () => {}, dropped: (total) => { st.rejected['dropped'] = total; } });
    let format: InputFormat | undefined = cfg.format !== undefined ? formatByName(cfg.format) : undefined;
    if (cfg.format !== undefined && format === undefined) throw new Error(`unknown format "${cfg.format}"`);
    const buffer = new ReorderBuffer<Tagged>(this.o.allowanceMs, (a, b) => compareEvents(a.event, b.event), (t) => eventRank(t.event));
    const out: Tagged[] = [];
    /** Held events by line number, oldest line first (lines only grow, so insertion order is line order). */
    const held = new Map<number, number>();
    const unhold = (lineNo: number): void => {
      const n = held.get(lineNo)! - 1;
      if (n === 0) held.delete(lineNo);
      else held.set(lineNo, n);
    };
    const release = (t: Tagged): void => {
      unhold(t.lineNo);
      out.push(t);
    };
    const filePath = cfg.kind === 'file' && this.o.statePath !== undefined ? cfg.path : undefined;
    const saved = filePath !== undefined ? this.state.feeds[cfg.name] : undefined;
    const resumeAt = saved !== undefined && saved.path === filePath ? saved.lineOffset : 1;
    if (saved !== undefined && resumeAt > 1) {
      buffer.restoreClock(saved.clock);
      st.resumedAtLine = resumeAt;
    }
    let lastStateWall = Date.now();
    /** After every publish of this feed so far is acknowledged: the line to go on from, and the buffer's clock. */
    const saveState = (nextLine: number): void => {
      if (filePath === undefined || this.o.statePath === undefined) return;
      const oldest = held.keys().next();
      const lineOffset = oldest.done === true ? nextLine : Math.max(1, oldest.value - RESUME_MARGIN_LINES);
      this.state.feeds[cfg.name] = { path: filePath, lineOffset, clock: buffer.clock };
      writeIngestState(this.o.statePath, this.state);
      lastStateWall = Date.now();
    };
    let decoder: EventDecoder | undefined;
    let lineNo = 0;
    let line = '';
    let inLine = 0;
    for await (const batch of source) {
      if (abort.aborted) break;
      if (decoder === undefined) {
        format ??= detectFormat(batch.slice(0, 200));
        if (format === undefined) {
          st.rejected['unknown-format'] = (st.rejected['unknown-format'] ?? 0) + batch.length;
          continue;
        }
        st.format = format.name;
        decoder = format.create({
          event: (event) => {
            st.events++;
            if (event.timeMs > Date.now() + MAX_FUTURE_MS) {
              st.rejected['future-time'] = (st.rejected['future-time'] ?? 0) + 1;
              return;
            }
            const before = buffer.late;
            held.set(lineNo, (held.get(lineNo) ?? 0) + 1);
            buffer.push({ timeMs: event.timeMs, event, msgId: eventMsgId(cfg.name, lineNo, line, inLine++, event.entityId, event.timeMs), lineNo }, release);
            if (buffer.late > before) {
              st.late++;
              unhold(lineNo);
            }
          },
          reject: (reason) => { st.rejected[reason] = (st.rejected[reason] ?? 0) + 1; },
        });
      }
      for (const l of batch) {
        lineNo++;
        // Lines before the resume point were sent before the restart: counted (message ids number lines), not decoded.
        if (lineNo < resumeAt) continue;
        line = l;
        inLine = 0;
        decoder.push(l);
        st.lines++;
      }
      await this.publishReleased(cfg, index, out);
      if (Date.now() - lastStateWall >= STATE_EVERY_MS) {
        await Promise.all(this.inFlight);
        saveState(lineNo + 1);
      }
    }
    decoder?.flush();
    buffer.drain(release);
    await this.publishReleased(cfg, index, out);
    await Promise.all(this.inFlight);
    saveState(lineNo + 1);
    st.ended = true;
  }

  private async publishReleased(cfg: FeedConfig, index: number, out: Tagged[]): Promise<void> {
    if (out.length === 0) return;
    const st = this.feeds[index]!;
    /** Every released event is at or after the feed's previous ones: once all up to an instant are sent, it is the feed's clock. */
    const advance = (ms: number): void => {
      if (st.releasedMs === null || ms > st.releasedMs) {
        st.releasedMs = ms;
        this.lastMoveWall[index] = Date.now();
      }
    };
    for (const t of out) {
      const e = t.event;
      const k = partitionOf(e.entityId, this.o.partitions);
      const msg: EventMessage = { feed: cfg.name, originator: cfg.originator, marking: cfg.marking, event: e };
      const p = this.publishDurably(eventSubject(k), encodeJson(msg), t.msgId).then((ack: PubAck) => {
        const key = String(k);
        if ((this.last[key] ?? 0) < ack.seq) this.last[key] = ack.seq;
      });
      // A publish fails only once the ingest is stopped (until then it is sent again): counted, not thrown.
      const tracked = p.catch(() => { this.counters.unsent++; }).finally(() => this.inFlight.delete(tracked));
      this.inFlight.add(tracked);
      st.published++;
      if (e.kind !== 'report' && (this.endMs === null || e.timeMs > this.endMs)) this.endMs = e.timeMs;
      if (this.inFlight.size >= MAX_IN_FLIGHT) {
        // A watermark may be taken while we wait: the feed's clock must not yet name this instant, whose other events are still to be sent.
        advance(t.timeMs - 1);
        await Promise.all(this.inFlight);
      }
    }
    advance(out[out.length - 1]!.timeMs);
    out.length = 0;
  }

  /**
   * Publishes until JetStream acknowledges: while NATS is away (restart, failover) the publish
   * times out and is sent again with the same message id, so it is stored once. The feeds wait
   * meanwhile, as at most MAX_IN_FLIGHT publishes may be unacknowledged (file and TCP feeds stop
   * reading; a UDP feed's bounded queue drops and counts).
   */
  private async publishDurably(subject: string, data: Uint8Array, msgID?: string): Promise<PubAck> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.js.publish(subject, data, { ...(msgID !== undefined ? { msgID } : {}), timeout: PUBLISH_TIMEOUT_MS });
      } catch (e) {
        if (this.o.signal?.aborted === true) throw e;
        this.counters.publishRetries++;
        await new Promise((r) => setTimeout(r, Math.min(2000, 100 * 2 ** attempt)));
      }
    }
  }

  /**
   * The ingest's clock: the slowest active feed's released time (a feed idle for FEED_IDLE_MS
   * or ended does not hold it back; when all are idle, the newest of them). An active feed that
   * has released nothing yet (its first events still in its reorder buffer) promises nothing:
   * the clock is null until it does, or the others' clock would make its events late.
   */
  private watermarkMs(): number | null {
    const now = Date.now();
    let min: number | null = null;
    let max: number | null = null;
    let unstarted = false;
    this.feeds.forEach((f, i) => {
      const active = !f.ended && now - this.lastMoveWall[i]! <= FEED_IDLE_MS;
      if (f.releasedMs === null) {
        if (active) unstarted = true;
        return;
      }
      if (max === null || f.releasedMs > max) max = f.releasedMs;
      if (active && (min === null || f.releasedMs < min)) min = f.releasedMs;
    });
    return unstarted ? null : (min ?? max);
  }

  private async publishWatermark(final: boolean): Promise<void> {
    // The clock first, then wait for every publish issued so far: all events the clock covers are stored before it.
    const watermarkMs = this.watermarkMs();
    const endMs = this.endMs;
    const allEnded = this.feeds.every((f) => f.ended);
    await Promise.all(this.inFlight);
    const msg: WatermarkMessage = {
      ingest: this.o.ingestId, partitions: this.o.partitions, watermarkMs, endMs, final: final && allEnded,
      feeds: Object.fromEntries(this.feeds.map((f) => [f.name, { releasedMs: f.releasedMs, ended: f.ended, events: f.events, lines: f.lines, rejected: f.rejected }])),
      last: { ...this.last }, wallMs: Date.now(),
    };
    await this.publishDurably(watermarkSubject(this.o.ingestId), encodeJson(msg));
  }
}
