/**
 * The seeded air scenario: background air traffic (and any scripted air actors) as two
 * feeds — SBS-1 lines from an ADS-B receiver and radar track plots as CSV — in time order.
 *
 * Volume: dump1090 sends an airborne position about twice a second and a velocity about as
 * often per aircraft; the simulator keeps one of each every {@link SBS_INTERVAL_MS} (5 s),
 * the velocity first so the decoder merges it into the position, plus the callsign (MSG,1)
 * on an aircraft's first report and once a minute. That is 1/10 of a real feed and plenty
 * for every detector (the fastest airliner moves 1.2 km in 5 s). Radar tracks report every
 * {@link RADAR_INTERVAL_MS} (10 s).
 *
 * @module
 */
import type { GroundTruth } from '../actor.js';
import { MinHeap } from '../min-heap.js';
import { reportIntervalOf, nextReportMs, type AirActor } from './air-actor.js';
import { createAirTraffic } from './air-traffic.js';
import { RADAR_CSV_HEADER, radarPlotLine } from './radar-encode.js';
import { sbsAirbornePosition, sbsAirborneVelocity, sbsIdentification } from './sbs-encode.js';

/** One output line of one feed and its time, ms since the Unix epoch. */
export interface AirLine {
  timeMs: number;
  feed: 'sbs' | 'radar';
  /** The line, without a terminator. */
  line: string;
}

export interface AirSimOptions {
  /** PRNG seed of the background traffic. */
  seed: number;
  /** Scenario start, ISO 8601. */
  start: string;
  /** Scenario length, ms: reports in [start, start + duration) are emitted. */
  durationMs: number;
  /** Background traffic (airliners, patrols, radar tracks). Default true. */
  background?: boolean;
  /** Extra actors, e.g. scripted violations. */
  actors?: readonly AirActor[];
}

export interface AirSimSummary {
  sbsLines: number;
  /** Radar plot lines (the header not counted). */
  radarLines: number;
  /** Actors that reported at least once. */
  actorsSeen: number;
  groundTruth: GroundTruth[];
}

const byStartThenEntity = (x: GroundTruth, y: GroundTruth): number =>
  x.start < y.start ? -1 : x.start > y.start ? 1 : x.entity < y.entity ? -1 : x.entity > y.entity ? 1 : 0;

/** MSG,1 once a minute: every 12th 5-second report. */
const CALLSIGN_EVERY = 12;

/**
 * Runs the air scenario, yielding lines of both feeds in time order (the radar CSV header
 * first). The same options give the same lines.
 * @throws RangeError on an invalid start or duration
 * @example
 * for (const l of simulateAir({ seed: 1, start: '2026-03-25T00:00:00Z', durationMs: 3_600_000 })) (l.feed === 'sbs' ? sbs : radar).push(l.line);
 */
export function* simulateAir(options: AirSimOptions): Generator<AirLine, AirSimSummary, undefined> {
  const startMs = Date.parse(options.start);
  if (!Number.isFinite(startMs)) throw new RangeError(`Air scenario start '${options.start}' is not an ISO 8601 time.`);
  if (!(options.durationMs >= 0)) throw new RangeError(`Air scenario duration must be ≥ 0 ms, got ${options.durationMs}.`);
  const endMs = startMs + options.durationMs;
  const actors: AirActor[] = [
    ...(options.background ?? true ? createAirTraffic({ seed: options.seed, fromMs: startMs, toMs: endMs }) : []),
    ...(options.actors ?? []),
  ];
  const summary: AirSimSummary = {
    sbsLines: 0, radarLines: 0, actorsSeen: 0,
    groundTruth: actors.flatMap((a) => a.groundTruth?.() ?? []).sort(byStartThenEntity),
  };
  yield { timeMs: startMs, feed: 'radar', line: RADAR_CSV_HEADER };
  const heap = new MinHeap<number>();
  for (let i = 0; i < actors.length; i++) heap.push(nextReportMs(actors[i]!, startMs), i);
  const reports = new Uint32Array(actors.length);
  while (heap.size > 0 && heap.peekKey() < endMs) {
    const t = heap.peekKey();
    const i = heap.pop()!;
    const a = actors[i]!;
    heap.push(t + reportIntervalOf(a.identity), i);
    const s = a.stateAt(t);
    if (s === null) continue;
    const n = reports[i]!;
    reports[i] = n + 1;
    if (n === 0) summary.actorsSeen++;
    const id = a.identity;
    if (id.feed === 'radar') {
      summary.radarLines++;
      yield { timeMs: t, feed: 'radar', line: radarPlotLine(id, t, s) };
      continue;
    }
    if (id.callsign !== null && n % CALLSIGN_EVERY === 0) {
      summary.sbsLines++;
      yield { timeMs: t, feed: 'sbs', line: sbsIdentification(id.icao, t, id.callsign) };
    }
    summary.sbsLines += 2;
    yield { timeMs: t, feed: 'sbs', line: sbsAirborneVelocity(id.icao, t, s.speedKt, s.trackDeg, s.verticalRateFpm) };
    yield { timeMs: t, feed: 'sbs', line: sbsAirbornePosition(id.icao, t, s.altitudeFt, s.position[1], s.position[0]) };
  }
  return summary;
}
