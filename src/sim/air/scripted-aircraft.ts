/**
 * A scripted aircraft: timed waypoints with altitudes, optional position jumps (a spoofed
 * or corrupted report displaced from the true position) and the violations it was written
 * to commit, as ground truth. Scenario authors use it to inject air violations whose answer
 * is known.
 *
 * @module
 */
import { destinationPoint } from '../../core/geo/distance.js';
import type { GroundTruth } from '../actor.js';
import type { LonLat } from '../black-sea.js';
import { bearingDeg, distanceM, MPS_PER_KNOT } from '../lane-path.js';
import type { AirActor, AirIdentity, AirState } from './air-actor.js';

/** The aircraft is at `position` and `altitudeFt` at `at` (ms), moving in a straight line between. */
export interface AirWaypoint {
  at: number;
  position: LonLat;
  altitudeFt: number;
}

/** During [from, to) (ms) the reported position is moved `distanceM` along `bearingDeg` from the true one. */
export interface PositionJump {
  from: number;
  to: number;
  bearingDeg: number;
  distanceM: number;
}

export interface ScriptedAircraftOptions {
  identity: AirIdentity;
  /** Report phase, ms (see {@link AirActor.phaseMs}). */
  phaseMs: number;
  /** At least two waypoints in strictly increasing time; the aircraft exists from the first to the last. */
  waypoints: readonly AirWaypoint[];
  jumps?: readonly PositionJump[];
  truth?: readonly GroundTruth[];
}

/**
 * @example
 * new ScriptedAircraft({ identity: { feed: 'sbs', icao: 0x155001, callsign: 'RFF7701' }, phaseMs: 700, waypoints: [
 *   { at: t0, position: [33.2, 45.0], altitudeFt: 8000 }, { at: t0 + 1_800_000, position: [30.3, 46.0], altitudeFt: 8000 }] })
 */
export class ScriptedAircraft implements AirActor {
  readonly identity: AirIdentity;
  readonly phaseMs: number;
  readonly #wps: readonly AirWaypoint[];
  readonly #jumps: readonly PositionJump[];
  readonly #truth: readonly GroundTruth[];

  /** @throws RangeError with fewer than two waypoints or waypoints not in increasing time */
  constructor(options: ScriptedAircraftOptions) {
    const w = options.waypoints;
    if (w.length < 2) throw new RangeError(`A scripted aircraft needs at least two waypoints, got ${w.length}.`);
    for (let i = 1; i < w.length; i++) {
      if (!(w[i]!.at > w[i - 1]!.at)) throw new RangeError(`Scripted aircraft waypoint ${i} is not later than waypoint ${i - 1}.`);
    }
    this.identity = options.identity;
    this.phaseMs = options.phaseMs;
    this.#wps = w;
    this.#jumps = options.jumps ?? [];
    this.#truth = options.truth ?? [];
  }

  /** First and last instants of the script, ms. */
  get span(): readonly [number, number] {
    return [this.#wps[0]!.at, this.#wps[this.#wps.length - 1]!.at];
  }

  /** The true position (no jumps) at `tMs`, or null outside the script. */
  truePositionAt(tMs: number): LonLat | null {
    return this.#at(tMs)?.position ?? null;
  }

  stateAt(tMs: number): AirState | null {
    const s = this.#at(tMs);
    if (s === null) return null;
    for (const j of this.#jumps) {
      if (tMs >= j.from && tMs < j.to) s.position = destinationPoint(s.position[0], s.position[1], j.bearingDeg, j.distanceM);
    }
    return s;
  }

  groundTruth(): readonly GroundTruth[] {
    return this.#truth;
  }

  #at(tMs: number): AirState | null {
    const w = this.#wps;
    if (tMs < w[0]!.at || tMs > w[w.length - 1]!.at) return null;
    let i = 1;
    while (i < w.length - 1 && tMs >= w[i]!.at) i++;
    const a = w[i - 1]!;
    const b = w[i]!;
    const f = (tMs - a.at) / (b.at - a.at);
    const seconds = (b.at - a.at) / 1000;
    const moving = distanceM(a.position, b.position) > 1;
    return {
      position: [a.position[0] + (b.position[0] - a.position[0]) * f, a.position[1] + (b.position[1] - a.position[1]) * f],
      altitudeFt: a.altitudeFt + (b.altitudeFt - a.altitudeFt) * f,
      speedKt: distanceM(a.position, b.position) / seconds / MPS_PER_KNOT,
      trackDeg: moving ? bearingDeg(a.position, b.position) : 0,
      verticalRateFpm: ((b.altitudeFt - a.altitudeFt) / seconds) * 60,
    };
  }
}
