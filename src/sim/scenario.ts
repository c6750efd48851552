/**
 * The seeded Black Sea AIS scenario: background traffic (and any scripted actors) reporting
 * at the rates ITU-R M.1371-5 prescribes, heard by coastal receivers, written as
 * `\s:RECEIVER,c:UNIXSECONDS*HH\!AIVDM,…` lines in the order the receivers emit them, with
 * optional feed artefacts (duplicates from a second receiver, late lines, corrupted and
 * truncated lines). The same options give byte-identical output.
 *
 * Reporting intervals (M.1371-5 Annex 1, Tables 1 and 2, ignoring the faster rates while
 * changing course):
 * - class A: 3 min at anchor or moored and ≤ 3 kn; 10 s at 0–14 kn; 6 s at 14–23 kn; 2 s above;
 * - class B "CS": 30 s above 2 kn, 3 min otherwise;
 * - static data: type 5 (two sentences) every 6 min for class A, type 24 A and B every 6 min
 *   for class B.
 *
 * @module
 */
import type { Actor, GroundTruth, VesselFix } from './actor.js';
import { collectGroundTruth } from './actor.js';
import {
  encodePositionReportA,
  encodePositionReportB,
  encodeStaticDataBPartA,
  encodeStaticDataBPartB,
  encodeStaticVoyageData,
  type AisEta,
} from './ais-encode.js';
import { BackgroundVessel, NAV_STATUS } from './background-vessel.js';
import { RECEIVER_SITES, type LonLat, type ReceiverSite } from './black-sea.js';
import { createFleet, vendorIdFor } from './fleet.js';
import { laneTraffic } from './lane-traffic.js';
import { MinHeap } from './min-heap.js';
import { encodeSentences, encodeTagBlock, MAX_PAYLOAD_CHARS_PER_SENTENCE } from './nmea-encode.js';
import { Prng } from './prng.js';

/** One output line and the instant the receiver emitted it, ms since the Unix epoch. */
export interface SimLine {
  timeMs: number;
  /** The line, without a line terminator. */
  line: string;
}

/** Probability per transmission (duplicate, out-of-order) or per line (corrupt, truncate). */
export interface ArtefactRates {
  /** The transmission is also heard by a second receiver, up to 1 s later. */
  duplicate: number;
  /** The receiver emits the transmission 1–5 s late, behind later lines. */
  outOfOrder: number;
  /** One character of the sentence is flipped, so its checksum fails. */
  corrupt: number;
  /** The line is cut short, losing at least its checksum's last digit. */
  truncate: number;
}

/** No artefacts: a clean feed. */
export const NO_ARTEFACTS: ArtefactRates = { duplicate: 0, outOfOrder: 0, corrupt: 0, truncate: 0 };

/**
 * Artefact rates of a busy real feed: a few percent duplicates where receivers overlap,
 * occasional late delivery, and one line in a few hundred damaged.
 */
export const DEFAULT_ARTEFACT_RATES: ArtefactRates = { duplicate: 0.05, outOfOrder: 0.01, corrupt: 0.002, truncate: 0.002 };

/** Options of {@link simulate}. */
export interface SimOptions {
  /** PRNG seed; the same seed and options give the same lines. */
  seed: number;
  /** Scenario start, ISO 8601. */
  start: string;
  /** Scenario length, ms. Transmissions in [start, start + duration) are emitted. */
  durationMs: number;
  /** Background class A vessels. Default 40. */
  classA?: number;
  /** Background class B vessels. Default 10. */
  classB?: number;
  /**
   * Receivers: sites with a position (each transmission goes to the nearest), or bare names
   * (each vessel keeps one receiver). Default {@link RECEIVER_SITES}.
   */
  receivers?: readonly (string | ReceiverSite)[];
  /** Feed artefacts; missing rates are 0. Default none. */
  artefacts?: Partial<ArtefactRates>;
  /** Extra actors (e.g. {@link ScriptedActor}s), simulated after the background vessels. */
  actors?: readonly Actor[];
  /** Where tag blocks go. Default `every-line`. */
  framing?: Framing;
}

/**
 * How a receiver writes tag blocks, as real loggers do: on every line; on the first part of a
 * multi-part message only (its other parts bare); or with NMEA 4.10 `g:` sentence groups,
 * the first part carrying source, time and group and the others their group only
 * (`groups`) or nothing (`groups-first-part`).
 */
export type Framing = 'every-line' | 'first-part' | 'groups' | 'groups-first-part';
export const FRAMINGS: readonly Framing[] = ['every-line', 'first-part', 'groups', 'groups-first-part'];

/** What a finished simulation produced (the generator's return value). */
export interface SimSummary {
  lines: number;
  /** AIS messages transmitted (a two-sentence type 5 counts once; duplicates not counted). */
  messages: number;
  /** Lines affected by each artefact. */
  artefacts: { duplicate: number; outOfOrder: number; corrupt: number; truncate: number };
  groundTruth: GroundTruth[];
}

/** Static data period, ms (M.1371-5: every 6 min). */
export const STATIC_REPORT_INTERVAL_MS = 6 * 60_000;
/** How often an actor that is absent from the scenario is asked again, ms. */
const ABSENT_RECHECK_MS = 10_000;
/** Greatest extra delay of a late line, ms; also bounds the output reorder buffer. */
const MAX_LATE_MS = 5_000;

/**
 * Reporting interval of a position report, ms (M.1371-5 Annex 1 Tables 1 and 2).
 * @example reportIntervalMs('A', 12, 0) // 10000
 */
export function reportIntervalMs(aisClass: 'A' | 'B', sogKn: number, navStatus: number): number {
  if (aisClass === 'B') return sogKn > 2 ? 30_000 : 180_000;
  if ((navStatus === NAV_STATUS.atAnchor || navStatus === NAV_STATUS.moored) && sogKn <= 3) return 180_000;
  if (sogKn > 23) return 2_000;
  if (sogKn > 14) return 6_000;
  return 10_000;
}

/**
 * Builds the background fleet: `classA` + `classB` vessels working the Black Sea lanes,
 * each somewhere in its cycle at `epochMs`.
 */
export function createBackgroundActors(seed: number, classA: number, classB: number, epochMs: number): BackgroundVessel[] {
  const rng = new Prng(seed);
  return laneTraffic(createFleet(rng, classA, classB), rng, epochMs).map((options) => new BackgroundVessel(options));
}

/** Events: a position report or a static data report is due. */
const EventKind = { Position: 0, Static: 1 } as const;
type EventKind = (typeof EventKind)[keyof typeof EventKind];

interface TxEvent {
  actor: number;
  kind: EventKind;
}

interface Receiver {
  name: string;
  position: LonLat | null;
}

function etaOf(etaMs: number | null): AisEta | null {
  if (etaMs === null) return null;
  const d = new Date(etaMs);
  return { month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

/**
 * Runs the scenario, yielding lines in emission order (`timeMs` never decreases). Returns a
 * {@link SimSummary} when done.
 * @throws RangeError on an invalid start, duration, count or rate
 * @example
 * for (const { line } of simulate({ seed: 1, start: '2026-03-25T00:00:00Z', durationMs: 3_600_000 })) out.write(line + '\n');
 */
export function* simulate(options: SimOptions): Generator<SimLine, SimSummary, undefined> {
  const startMs = Date.parse(options.start);
  if (!Number.isFinite(startMs)) throw new RangeError(`Scenario start '${options.start}' is not an ISO 8601 time.`);
  if (!(options.durationMs >= 0)) throw new RangeError(`Scenario duration must be ≥ 0 ms, got ${options.durationMs}.`);
  const classA = options.classA ?? 40;
  const classB = options.classB ?? 10;
  for (const [what, n] of [['classA', classA], ['classB', classB]] as const) {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative integer, got ${n}.`);
  }
  const rates: ArtefactRates = { ...NO_ARTEFACTS, ...options.artefacts };
  for (const [k, v] of Object.entries(rates)) {
    if (!(v >= 0 && v <= 1)) throw new RangeError(`Artefact rate ${k} must be in [0, 1], got ${v}.`);
  }
  const receivers: Receiver[] = (options.receivers ?? RECEIVER_SITES).map((r) =>
    typeof r === 'string' ? { name: r, position: null } : { name: r.name, position: r.position },
  );
  if (receivers.length === 0) throw new RangeError('A scenario needs at least one receiver.');
  for (const r of receivers) {
    if (!/^[A-Za-z0-9-]+$/.test(r.name)) throw new RangeError(`Receiver name '${r.name}' may hold only letters, digits and '-'.`);
  }
  const byDistance = receivers.every((r) => r.position !== null);

  const actors: Actor[] = [...createBackgroundActors(options.seed, classA, classB, startMs), ...(options.actors ?? [])];
  const rng = new Prng((options.seed ^ 0x5bd1e995) >>> 0);
  const endMs = startMs + options.durationMs;
  const seqIds = new Uint8Array(receivers.length);
  const tagCache: string[] = receivers.map(() => '');
  const tagSeconds = new Float64Array(receivers.length).fill(-1);
  const channelToggle = new Uint8Array(actors.length);
  const summary: SimSummary = {
    lines: 0,
    messages: 0,
    artefacts: { duplicate: 0, outOfOrder: 0, corrupt: 0, truncate: 0 },
    groundTruth: collectGroundTruth(actors),
  };

  const events = new MinHeap<TxEvent>();
  for (let i = 0; i < actors.length; i++) {
    const a = actors[i] as Actor;
    const fix = a.positionAt(startMs);
    const interval = fix ? reportIntervalMs(a.identity.aisClass, fix.sogKn, fix.navStatus) : ABSENT_RECHECK_MS;
    events.push(startMs + rng.int(0, interval - 1), { actor: i, kind: EventKind.Position });
    events.push(startMs + rng.int(0, STATIC_REPORT_INTERVAL_MS - 1), { actor: i, kind: EventKind.Static });
  }
  /** Lines waiting for their emission time: only delayed ones (late lines and duplicates). */
  const pending = new MinHeap<string>();

  /** Nearest receiver to `p`, and the next nearest (or -1 when there is one receiver). */
  const pickReceivers = (actorIndex: number, p: LonLat): [number, number] => {
    const n = receivers.length;
    if (n === 1) return [0, -1];
    if (!byDistance) {
      const first = actorIndex % n;
      return [first, (first + 1 + rng.int(0, n - 2)) % n];
    }
    let best = -1;
    let second = -1;
    let bestD = Infinity;
    let secondD = Infinity;
    const k = Math.cos((p[1] * Math.PI) / 180);
    for (let i = 0; i < n; i++) {
      const q = (receivers[i] as Receiver).position as LonLat;
      const dx = (q[0] - p[0]) * k;
      const dy = q[1] - p[1];
      const d = dx * dx + dy * dy;
      if (d < bestD) {
        second = best;
        secondD = bestD;
        best = i;
        bestD = d;
      } else if (d < secondD) {
        second = i;
        secondD = d;
      }
    }
    return [best, second];
  };

  const framing = options.framing ?? 'every-line';
  let groupId = 0;
  /** The tag block of part `index` (from 0) of a message of `count` sentences. */
  const tagOf = (receiver: number, seconds: number, index: number, count: number): string => {
    if (count > 1 && framing !== 'every-line') {
      if (index > 0) return framing === 'groups' ? encodeTagBlock({ group: { index: index + 1, count, id: groupId } }) : '';
      if (framing !== 'first-part') {
        groupId = (groupId % 9999) + 1;
        return encodeTagBlock({ group: { index: 1, count, id: groupId }, source: (receivers[receiver] as Receiver).name, unixSeconds: seconds });
      }
    }
    // Lines come in time order, so each receiver's tag block changes at most once a second.
    if (tagSeconds[receiver] !== seconds) {
      tagCache[receiver] = encodeTagBlock({ source: (receivers[receiver] as Receiver).name, unixSeconds: seconds });
      tagSeconds[receiver] = seconds;
    }
    return tagCache[receiver] as string;
  };

  /** Frames sentences for one receiver at `stampMs`, applying per-line damage. */
  const frame = (sentences: readonly string[], receiver: number, stampMs: number): string[] => {
    const seconds = Math.floor(stampMs / 1000);
    const lines: string[] = [];
    for (let part = 0; part < sentences.length; part++) {
      const s = sentences[part] as string;
      const tag = tagOf(receiver, seconds, part, sentences.length);
      let line = tag + s;
      if (rates.corrupt > 0 && rng.chance(rates.corrupt)) {
        // Flip the low bit of one character of the sentence body (after "!AIVDM," and
        // before "*HH"): the XOR checksum then differs by one and fails.
        const i = tag.length + rng.int(7, s.length - 4);
        line = line.slice(0, i) + String.fromCharCode(line.charCodeAt(i) ^ 1) + line.slice(i + 1);
        summary.artefacts.corrupt++;
      } else if (rates.truncate > 0 && rng.chance(rates.truncate)) {
        line = line.slice(0, rng.int(tag.length + 1, line.length - 1));
        summary.artefacts.truncate++;
      }
      lines.push(line);
    }
    return lines;
  };

  /** The receiver's next sequential message id for a multi-sentence message, 0..9. */
  const nextSeqId = (receiver: number): number => {
    const id = seqIds[receiver] as number;
    seqIds[receiver] = (id + 1) % 10;
    return id;
  };

  /** Builds the payloads an event transmits, or none. */
  const transmit = (a: Actor, index: number, kind: EventKind, tMs: number, fix: VesselFix): ReturnType<typeof encodePositionReportA>[] => {
    const id = a.identity;
    const second = Math.floor(tMs / 1000) % 60;
    const [lon, lat] = fix.position;
    if (kind === EventKind.Position) {
      if (id.aisClass === 'A') {
        return [
          encodePositionReportA({
            type: rng.chance(0.03) ? 3 : 1,
            mmsi: id.mmsi,
            navStatus: fix.navStatus,
            rotDegPerMin: fix.sogKn > 0.5 ? 0 : null,
            sogKn: fix.sogKn,
            accuracy: id.mmsi % 3 === 0,
            lon,
            lat,
            cogDeg: fix.cogDeg,
            headingDeg: fix.headingDeg,
            second,
            radio: (index * 7919 + second * 31) & 0x7ffff,
          }),
        ];
      }
      return [
        encodePositionReportB({
          mmsi: id.mmsi,
          sogKn: fix.sogKn,
          accuracy: false,
          lon,
          lat,
          cogDeg: fix.cogDeg,
          headingDeg: fix.headingDeg,
          second,
        }),
      ];
    }
    if (id.aisClass === 'A') {
      const voyage = a.voyageAt?.(tMs) ?? { destination: '', etaMs: null, draughtM: null };
      return [
        encodeStaticVoyageData({
          mmsi: id.mmsi,
          imo: id.imo,
          callsign: id.callsign,
          name: id.name,
          shipType: id.shipType,
          dimensions: id.dimensions,
          eta: etaOf(voyage.etaMs),
          draughtM: voyage.draughtM,
          destination: voyage.destination,
        }),
      ];
    }
    return [
      encodeStaticDataBPartA({ mmsi: id.mmsi, name: id.name }),
      encodeStaticDataBPartB({ mmsi: id.mmsi, shipType: id.shipType, vendorId: vendorIdFor(id.mmsi), callsign: id.callsign, dimensions: id.dimensions }),
    ];
  };

  while (events.size > 0 && events.peekKey() < endMs) {
    const tMs = events.peekKey();
    const ev = events.pop() as TxEvent;
    while (pending.size > 0 && pending.peekKey() <= tMs) {
      const key = pending.peekKey();
      summary.lines++;
      yield { timeMs: key, line: pending.pop() as string };
    }
    const a = actors[ev.actor] as Actor;
    const fix = a.positionAt(tMs);
    if (ev.kind === EventKind.Static) {
      events.push(tMs + STATIC_REPORT_INTERVAL_MS + rng.int(-2_000, 2_000), ev);
    } else {
      // The transponder goes by the speed it reports (0.1 kn steps), as a receiver sees it.
      const interval = fix ? reportIntervalMs(a.identity.aisClass, Math.round(fix.sogKn * 10) / 10, fix.navStatus) : ABSENT_RECHECK_MS;
      events.push(tMs + interval + rng.int(-40, 40), ev);
    }
    if (fix === null || !a.transmitting(tMs)) continue;

    const toggle = (channelToggle[ev.actor] as number) ^ 1;
    channelToggle[ev.actor] = toggle;
    const channel = toggle ? 'A' : 'B';
    const [primary, secondary] = pickReceivers(ev.actor, fix.position);
    const late = rates.outOfOrder > 0 && rng.chance(rates.outOfOrder) ? rng.int(1_000, MAX_LATE_MS) : 0;
    const duplicate = secondary >= 0 && rates.duplicate > 0 && rng.chance(rates.duplicate) ? rng.int(0, 1_000) : -1;

    for (const bits of transmit(a, ev.actor, ev.kind, tMs, fix)) {
      summary.messages++;
      const multi = bits.bitLength > 6 * MAX_PAYLOAD_CHARS_PER_SENTENCE;
      const seqId = multi ? nextSeqId(primary) : -1;
      const lines = frame(encodeSentences(bits, seqId < 0 ? { channel } : { channel, seqId }), primary, tMs);
      if (late > 0) {
        summary.artefacts.outOfOrder += lines.length;
        for (const line of lines) pending.push(tMs + late, line);
      } else {
        for (const line of lines) {
          summary.lines++;
          yield { timeMs: tMs, line };
        }
      }
      if (duplicate >= 0) {
        const dupMs = tMs + duplicate;
        const dupSeqId = multi ? nextSeqId(secondary) : -1;
        const dupLines = frame(encodeSentences(bits, dupSeqId < 0 ? { channel } : { channel, seqId: dupSeqId }), secondary, dupMs);
        summary.artefacts.duplicate += dupLines.length;
        for (const line of dupLines) pending.push(dupMs, line);
      }
    }
  }
  while (pending.size > 0) {
    const key = pending.peekKey();
    summary.lines++;
    yield { timeMs: key, line: pending.pop() as string };
  }
  return summary;
}
