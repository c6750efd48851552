import type { NatsConnection } from '@nats-io/transport-node';
import { AlertReplayPoint } from '../pipeline/replay-point.js';
import { trackRecordOf } from '../pipeline/track-record.js';
import { AckPolicy, DeliverPolicy, JetStreamError, jetstream, type Consumer, type JsMsg } from '@nats-io/jetstream';
import type { CompiledAgreement } from '../core/agreement/compiled-agreement.js';
import type { Alert } from '../core/alert/alert.js';
import { TruceEngine } from '../core/detect/engine.js';
import type { LandMask } from '../core/geo/land-mask.js';
import { compareEvents, eventRank, type EngineEvent } from '../core/track/observation.js';
import type { Track } from '../core/track/track.js';
import { ReorderBuffer } from '../core/time/reorder-buffer.js';
import { deriveReleasability, type Marking } from '../store/marking.js';
import { SYSTEM_VIEWER, type AlertStatus, type BatchWriter, type Store, type TrackRecord } from '../store/ports.js';
import { ensureEventsStream } from './jetstream-setup.js';
import { ALL_EVENTS, EVENTS_STREAM, eventSubject } from './partition.js';
import { decodeEventMessage, decodeWatermarkMessage, type WatermarkMessage } from './stream-messages.js';

/** Rule types that need two entities (of any partition): they run in the pair stage (docs/scale-out.md), not here. */
export const PAIR_RULE_TYPES: ReadonlySet<string> = new Set(['no-rendezvous']);

/** The agreement without its pair rules: what a partition worker can decide alone. */
export function withoutPairRules(a: CompiledAgreement): CompiledAgreement {
  return { ...a, rules: a.rules.filter((r) => !PAIR_RULE_TYPES.has(r.type)) };
}

/**
 * Pair worker `k` of `n`'s share of the agreement: every `n`th of its pair rules, from the `k`th,
 * and nothing else. Each pair rule is decided by exactly one pair worker.
 */
export function pairRuleShare(a: CompiledAgreement, k: number, n: number): CompiledAgreement {
  return { ...a, rules: a.rules.filter((r) => PAIR_RULE_TYPES.has(r.type)).filter((_, i) => i % n === k) };
}

export { replayWindowMs } from '../pipeline/replay-point.js';

export interface PartitionWorkerOptions {
  nc: NatsConnection;
  /** Usually `withoutPairRules(agreement)`. */
  agreement: CompiledAgreement;
  agreementVersion: number;
  landMask?: LandMask;
  store: Store;
  /**
   * `partition`: events of partition K of N; writes observations, tracks, reports and alerts.
   * `pairs`: pair worker K of N (`pairRuleShare`): events of every partition, writes alerts only.
   */
  role: 'partition' | 'pairs';
  partition: number;
  partitions: number;
  /** Nation of this node: originator of what it derives when no feed is known. */
  nation: string;
  /** See `replayWindowMs`. */
  replayWindowMs: number;
  /** Messages per pull. */
  batch?: number;
  /** Ends the run once every known ingest has published its final watermark and all of it is processed. */
  exitOnFinal?: boolean;
  signal?: AbortSignal;
}

/** The worker's checkpoint, kept in the store (feed status `worker-K-of-N`) after each commit. */
export interface WorkerCheckpoint {
  /** Every event message of the partition up to this stream sequence has been read. */
  receivedSeq: number;
  /** Every event at or before this time (of those read) went through the engine and is stored. */
  releasedUpToMs: number;
  /** A replay of the events from this time on rebuilds the engine's state (see `replayPoint`). */
  replayFromMs: number;
}

interface Tagged {
  timeMs: number;
  event: EngineEvent;
  rel: string;
  /** Already stored before a restart: run through the engine again, not written again. */
  stored: boolean;
}

interface IngestClock {
  applied: WatermarkMessage | undefined;
  /** Server time of the applied message, ms. */
  appliedWallMs: number;
  pending: { w: WatermarkMessage; wallMs: number }[];
}

/**
 * An ingest whose watermarks stop this long (server time) before the newest one this worker has
 * applied is gone: it no longer holds the others back. Judged on the stream's own clock, not
 * the worker's, so a worker catching up on hours of stream releases as a live one did.
 */
const INGEST_IDLE_MS = 30_000;
/** A partition quiet in event time for this long while others go on: its engine clock is moved to the watermark (silences, track loss). */
const QUIET_ADVANCE_MS = 5 * 60_000;
const TRACK_PUBLISH_EVERY_MS = 2000;
const ACK_WAIT_NS = 10 * 60 * 1e9;

/**
 * `vigil worker`: one partition of the event stream through the same engine as `vigil check`.
 *
 * A durable pull consumer reads `vigil.events.K`; the events wait in a reorder buffer that the
 * global watermark releases (the minimum over the active ingests' watermarks, each applied
 * only once this worker has read the partition as far as the watermark says). Alerts are
 * written by id (idempotent), observations and tracks through the store's batch writer, in
 * one transaction with the checkpoint; the messages of a pull are acked after that commit.
 * As a pair worker (`role: 'pairs'`) it reads every partition and writes its alerts only.
 *
 * Restart: the consumer is created again from the start of the partition; events before the
 * checkpoint's `replayFromMs` are skipped, later ones rebuild the engine's state, and those
 * already stored are not written again. A replay re-raises only alerts it had already written,
 * with the same ids. docs/scale-out.md explains why `replayFromMs` is enough.
 */
export class PartitionWorker {
  readonly engine: TruceEngine;
  readonly counters = { messages: 0, events: 0, replayed: 0, skipped: 0, late: 0, badMessages: 0, alerts: 0, lostFetches: 0 };
  private readonly buffer: ReorderBuffer<Tagged>;
  private readonly writer: BatchWriter;
  private readonly ingests = new Map<string, IngestClock>();
  private readonly entityRel = new Map<string, Set<string>>();
  private readonly replayFrom: AlertReplayPoint;
  private readonly reportWrites: Promise<void>[] = [];
  private receivedSeq = 0;
  private releasedUpToMs = -Infinity;
  private lastAppliedMs = -Infinity;
  private finishedAtMs = -Infinity;
  private lastTracksMs = -Infinity;
  private lastTrackPublishWall = 0;
  private restored: WorkerCheckpoint | undefined;
  private replaying = false;
  /** `worker-K-of-N` or `pairs-K-of-N`: its feed-status (checkpoint) row and consumer. */
  readonly name: string;

  constructor(private readonly o: PartitionWorkerOptions) {
    this.name = `${o.role === 'pairs' ? 'pairs' : 'worker'}-${o.partition}-of-${o.partitions}`;
    this.replayFrom = new AlertReplayPoint(o.replayWindowMs);
    // Batches end only at the checkpoint: it covers exactly what is stored.
    this.writer = o.store.batchWriter({ thread: false, checkpointed: true });
    this.buffer = new ReorderBuffer<Tagged>(0, (a, b) => compareEvents(a.event, b.event), (t) => eventRank(t.event));
    this.engine = new TruceEngine(o.agreement, {
      opened: (a) => this.publishAlert(a, 'open'),
      closed: (a) => this.publishAlert(a, 'closed'),
      trackExpired: (t) => this.entityRel.delete(t.id),
    }, o.landMask ? { landMask: o.landMask } : {});
  }

  get durableName(): string {
    return `vigil-${this.name}`;
  }

  async run(): Promise<void> {
    const { nc } = this.o;
    const jsm = await ensureEventsStream(nc);
    const js = jetstream(nc);
    this.restored = await this.readCheckpoint();
    // From the start of the partition every time: the checkpoint says what to skip and what is stored.
    // After a lost fetch, from the message after the last one received, so that nothing arrives out of order.
    const open = async (fromSeq?: number): Promise<Consumer> => {
      for (let attempt = 1; ; attempt++) {
        try {
          await jsm.consumers.delete(EVENTS_STREAM, this.durableName).catch(() => false);
          await jsm.consumers.add(EVENTS_STREAM, {
            durable_name: this.durableName, filter_subject: this.o.role === 'pairs' ? ALL_EVENTS : eventSubject(this.o.partition), ack_policy: AckPolicy.Explicit,
            ...(fromSeq === undefined ? { deliver_policy: DeliverPolicy.All } : { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: fromSeq }),
            ack_wait: ACK_WAIT_NS, max_ack_pending: -1,
          });
          return await js.consumers.get(EVENTS_STREAM, this.durableName);
        } catch (err) {
          // The server is still away (a stall, a restart): try for a minute, then give up to the supervisor.
          if (fromSeq === undefined || attempt >= 60) throw err;
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
    };
    let consumer = await open();
    // Every watermark in order: a worker starting on a long stream releases (and checkpoints) as it reads, not only at its end.
    const clocks = await js.consumers.get(EVENTS_STREAM, { filter_subjects: 'vigil.watermark.*', deliver_policy: DeliverPolicy.All });
    const watermarks = await clocks.consume();
    const following = (async () => {
      for await (const m of watermarks) {
        const w = decodeWatermarkMessage(m.data);
        if (w === undefined || (this.o.role === 'partition' && w.partitions !== this.o.partitions)) {
          this.counters.badMessages++;
          continue;
        }
        let c = this.ingests.get(w.ingest);
        if (c === undefined) this.ingests.set(w.ingest, (c = { applied: undefined, appliedWallMs: 0, pending: [] }));
        c.pending.push({ w, wallMs: m.info.timestampNanos / 1e6 });
      }
    })();
    try {
      for (;;) {
        if (this.o.signal?.aborted) break;
        const msgs: JsMsg[] = [];
        try {
          const batch = await consumer.fetch({ max_messages: this.o.batch ?? 2000, expires: 1000 });
          for await (const m of batch) {
            msgs.push(m);
            this.receive(m);
          }
        } catch (err) {
          // A fetch gives up when two heartbeats go unheard (a starved CPU, a busy server); what it had delivered and we
          // had not read would come back only after the ack wait, out of order. Start again after the last one read.
          if (!(err instanceof JetStreamError)) throw err;
          this.counters.lostFetches++;
          consumer = await open(this.receivedSeq + 1);
        }
        const done = this.release();
        if (Date.now() - this.lastTrackPublishWall > TRACK_PUBLISH_EVERY_MS || done) this.publishTracks();
        await this.commit();
        for (const m of msgs) m.ack();
        if (done && this.o.exitOnFinal) break;
      }
    } finally {
      await watermarks.close();
      await following.catch(() => undefined);
    }
    this.publishTracks();
    await this.commit();
  }

  private async readCheckpoint(): Promise<WorkerCheckpoint | undefined> {
    const row = await this.o.store.feeds.get(SYSTEM_VIEWER, this.name);
    const c = row?.counters;
    if (c === undefined || c['receivedSeq'] === undefined) return undefined;
    return { receivedSeq: c['receivedSeq'], releasedUpToMs: c['releasedUpToMs'] ?? -Infinity, replayFromMs: c['replayFromMs'] ?? -Infinity };
  }

  private receive(m: JsMsg): void {
    this.counters.messages++;
    if (m.seq > this.receivedSeq) this.receivedSeq = m.seq;
    const msg = decodeEventMessage(m.data);
    if (msg === undefined) {
      this.counters.badMessages++;
      return;
    }
    const e = msg.event;
    const r = this.restored;
    let stored = false;
    if (r !== undefined && m.seq <= r.receivedSeq) {
      // Before the replay point: its effect is in the store and can no longer change an alert. Static data still names and classifies.
      if (e.timeMs < r.replayFromMs && e.kind !== 'static') {
        this.counters.skipped++;
        return;
      }
      stored = e.timeMs <= r.releasedUpToMs;
      if (stored) this.counters.replayed++;
    }
    this.counters.events++;
    const tagged: Tagged = { timeMs: e.timeMs, event: e, rel: JSON.stringify([msg.originator, msg.marking]), stored };
    if (!this.buffer.hold(tagged)) this.counters.late++;
  }

  /** Applies the watermarks this worker has read far enough for; releases up to the global one. Returns true when every known ingest is final and all is processed. */
  private release(): boolean {
    let streamNow = -Infinity;
    for (const c of this.ingests.values()) {
      while (c.pending.length > 0 && this.covers(c.pending[0]!.w)) {
        const p = c.pending.shift()!;
        c.applied = p.w;
        c.appliedWallMs = p.wallMs;
      }
      if (c.applied !== undefined && c.appliedWallMs > streamNow) streamNow = c.appliedWallMs;
    }
    let active: number | undefined;
    let anyActive = false;
    let idleMax: number | undefined;
    let endMs = -Infinity;
    let allFinal = this.ingests.size > 0;
    for (const c of this.ingests.values()) {
      const w = c.applied;
      if (w === undefined || !w.final) allFinal = false;
      if (w === undefined) {
        if (c.pending.length > 0 && streamNow - c.pending[0]!.wallMs < INGEST_IDLE_MS) anyActive = true;
        continue;
      }
      if (w.endMs !== null && w.endMs > endMs) endMs = w.endMs;
      if (w.final) continue;
      const wm = w.watermarkMs ?? -Infinity;
      if (streamNow - c.appliedWallMs < INGEST_IDLE_MS) {
        anyActive = true;
        active = active === undefined ? wm : Math.min(active, wm);
      } else idleMax = idleMax === undefined ? wm : Math.max(idleMax, wm);
    }
    let upTo: number;
    if (anyActive) upTo = active ?? -Infinity;
    else if (idleMax !== undefined && !allFinal) upTo = idleMax;
    else upTo = this.ingests.size > 0 && [...this.ingests.values()].some((c) => c.applied?.final === true) ? Infinity : -Infinity;
    if (upTo > -Infinity) {
      this.buffer.releaseUpTo(upTo, this.apply);
      if (upTo !== Infinity && upTo > this.releasedUpToMs) this.releasedUpToMs = upTo;
      if (upTo !== Infinity && upTo - this.lastAppliedMs >= QUIET_ADVANCE_MS) this.engine.advance(upTo);
    }
    if (upTo === Infinity && endMs > this.finishedAtMs && this.buffer.size === 0) {
      // End of every input: silences up to the last event time are judged, as `vigil check` does.
      this.engine.finish(endMs);
      this.finishedAtMs = endMs;
      if (endMs > this.releasedUpToMs) this.releasedUpToMs = endMs;
    }
    return allFinal && this.buffer.size === 0;
  }

  /**
   * Whether this worker has read every event the watermark covers: its partition's `last`, or
   * for a pair worker (one consumer over all partitions, in stream order) the newest of them.
   */
  private covers(w: WatermarkMessage): boolean {
    const seq = this.o.role === 'pairs' ? Math.max(0, ...Object.values(w.last)) : (w.last[String(this.o.partition)] ?? 0);
    return seq <= this.receivedSeq;
  }

  private readonly apply = (t: Tagged): void => {
    const e = t.event;
    if (e.kind !== 'report' && e.timeMs > this.lastAppliedMs) this.lastAppliedMs = e.timeMs;
    let rels = this.entityRel.get(e.entityId);
    if (rels === undefined) this.entityRel.set(e.entityId, (rels = new Set()));
    rels.add(t.rel);
    const accepted = this.engine.counters.fixes;
    // An alert change from an event stored before the restart is in the store already: not written (nor queued) again.
    this.replaying = t.stored;
    this.engine.push(e);
    this.replaying = false;
    // A pair worker writes its alerts only: the partition workers store the inputs.
    if (t.stored || this.o.role === 'pairs') return;
    const [originator, marking] = JSON.parse(t.rel) as [string, Marking];
    if (e.kind === 'fix' && this.engine.counters.fixes > accepted) {
      this.writer.addObservation({
        entityId: e.entityId, kind: e.entityKind, timeMs: e.timeMs, lon: e.lon, lat: e.lat,
        ...(e.speedKn !== undefined ? { speedKn: e.speedKn } : {}), ...(e.courseDeg !== undefined ? { courseDeg: e.courseDeg } : {}),
        ...(e.altitudeFt !== undefined ? { altitudeFt: e.altitudeFt } : {}), ...(e.source !== undefined ? { source: e.source } : {}),
        feed: 'jetstream', originator, marking,
      });
    } else if (e.kind === 'report') {
      this.reportWrites.push(this.o.store.reports.upsert([{ report: e.report, originator, marking }]));
    }
  };

  private releasabilityOf(...ids: string[]): { originator: string; marking: Marking } {
    const inputs: { originator: string; marking: Marking }[] = [];
    for (const id of ids) {
      for (const r of this.entityRel.get(id) ?? []) {
        const [originator, marking] = JSON.parse(r) as [string, Marking];
        inputs.push({ originator, marking });
      }
    }
    return inputs.length === 0 ? { originator: this.o.nation, marking: { kind: 'COALITION' } } : deriveReleasability(inputs, this.o.nation);
  }

  private publishAlert(alert: Alert, status: AlertStatus): void {
    this.replayFrom.note(alert);
    if (this.replaying) return;
    this.counters.alerts++;
    const rel = this.releasabilityOf(alert.entity.id, ...(alert.other ? [alert.other.id] : []));
    this.writer.addAlert({ alert: { ...alert, entity: { ...alert.entity }, evidence: { ...alert.evidence } }, status, agreementId: this.o.agreement.id, agreementVersion: this.o.agreementVersion, ...rel });
  }

  private publishTracks(): void {
    this.lastTrackPublishWall = Date.now();
    if (this.o.role === 'pairs') return;
    let newest = this.lastTracksMs;
    for (const t of this.engine.tracks.values()) {
      if (t.lastMs <= this.lastTracksMs) continue;
      if (t.lastMs > newest) newest = t.lastMs;
      this.writer.addTrack(this.trackRecord(t));
    }
    this.lastTracksMs = newest;
  }

  private trackRecord(t: Track): TrackRecord {
    return trackRecordOf(t, this.releasabilityOf(t.id));
  }

  /** The replay point (`AlertReplayPoint`). */
  replayPoint(): number {
    return this.replayFrom.point(this.releasedUpToMs);
  }

  /** Commits what the batch writer holds together with the checkpoint that covers it, in one transaction. */
  private async commit(): Promise<void> {
    await Promise.all(this.reportWrites.splice(0));
    const prev = this.restored;
    const cp: WorkerCheckpoint = {
      receivedSeq: Math.max(this.receivedSeq, prev?.receivedSeq ?? 0),
      releasedUpToMs: Math.max(this.releasedUpToMs, prev?.releasedUpToMs ?? -Infinity),
      replayFromMs: this.replayPoint(),
    };
    // While a replay has not yet reached the old checkpoint, keep the old replay point.
    if (prev !== undefined && this.releasedUpToMs < prev.releasedUpToMs) cp.replayFromMs = prev.replayFromMs;
    const finite = (x: number): number => (Number.isFinite(x) ? x : -1);
    this.writer.checkpoint({
      name: this.name, kind: this.o.role === 'pairs' ? 'jetstream-pairs' : 'jetstream-worker', state: this.finishedAtMs > -Infinity && this.buffer.size === 0 ? 'caught-up' : 'running',
      counters: {
        receivedSeq: cp.receivedSeq, releasedUpToMs: finite(cp.releasedUpToMs), replayFromMs: finite(cp.replayFromMs),
        messages: this.counters.messages, events: this.counters.events, replayed: this.counters.replayed, skipped: this.counters.skipped,
        late: this.counters.late, badMessages: this.counters.badMessages, held: this.buffer.size,
      },
      updatedMs: Date.now(), originator: this.o.nation, marking: { kind: 'COALITION' },
    });
    await this.writer.flush();
  }

}
