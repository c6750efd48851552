/**
 * A flight along a fixed route at constant ground speed: an airliner on an airway, or a
 * cruise missile on its flight path. Its state is a pure function of time.
 *
 * The vertical profile is a climb from `endsFt` at the first waypoint and a descent to it at
 * the last, at `gradientFtPerNm` (318 ft/NM is the 3° approach path), capped at the cruise
 * level. Ground speed stays constant throughout: a simplification (real airliners fly
 * 250 kt below FL100) that changes nothing the detectors look at.
 *
 * @module
 */
import { METRES_PER_NM } from '../../core/geo/distance.js';
import type { LonLat } from '../black-sea.js';
import { LanePath, MPS_PER_KNOT } from '../lane-path.js';
import type { AirActor, AirIdentity, AirState } from './air-actor.js';

/** A 3° glide path: tan(3°) × 6076 ft/NM ≈ 318 ft per NM. */
export const THREE_DEGREE_GRADIENT_FT_PER_NM = 318;

export interface PathFlightOptions {
  identity: AirIdentity;
  /** Report phase, ms (see {@link AirActor.phaseMs}). */
  phaseMs: number;
  /** The route, at least two points `[lon, lat]`. */
  waypoints: readonly LonLat[];
  /** Instant at the first waypoint, ms since the Unix epoch. */
  departMs: number;
  /** Ground speed, knots. */
  speedKt: number;
  /** Cruise altitude, feet. */
  cruiseFt: number;
  /** Altitude at both ends, feet. Default: the cruise altitude (level all the way). */
  endsFt?: number;
  /** Climb and descent gradient, feet per NM. Default 318 (3°). */
  gradientFtPerNm?: number;
}

/**
 * @example
 * const f = new PathFlight({ identity, phaseMs: 1200, waypoints: [[28.75, 41.26], [26.1, 44.57]],
 *   departMs: Date.parse('2026-03-25T00:10:00Z'), speedKt: 440, cruiseFt: 36000, endsFt: 2000 });
 * f.stateAt(Date.parse('2026-03-25T00:40:00Z'))?.altitudeFt // 36000
 */
export class PathFlight implements AirActor {
  readonly identity: AirIdentity;
  readonly phaseMs: number;
  /** Instant at the last waypoint, ms. */
  readonly arriveMs: number;
  readonly #o: PathFlightOptions;
  readonly #path: LanePath;
  readonly #speedMps: number;

  /** @throws RangeError on a non-positive speed */
  constructor(options: PathFlightOptions) {
    if (!(options.speedKt > 0)) throw new RangeError(`PathFlight speed must be > 0 kt, got ${options.speedKt}.`);
    this.identity = options.identity;
    this.phaseMs = options.phaseMs;
    this.#o = options;
    this.#path = new LanePath(options.waypoints, false);
    this.#speedMps = options.speedKt * MPS_PER_KNOT;
    this.arriveMs = options.departMs + Math.round((this.#path.lengthM / this.#speedMps) * 1000);
  }

  /** Length of the route, metres. */
  get lengthM(): number {
    return this.#path.lengthM;
  }

  stateAt(tMs: number): AirState | null {
    const o = this.#o;
    if (tMs < o.departMs || tMs > this.arriveMs) return null;
    const d = ((tMs - o.departMs) / 1000) * this.#speedMps;
    const p = this.#path.at(d);
    const ends = o.endsFt ?? o.cruiseFt;
    const gradient = o.gradientFtPerNm ?? THREE_DEGREE_GRADIENT_FT_PER_NM;
    const climbFt = ends + (d / METRES_PER_NM) * gradient;
    const descentFt = ends + ((this.#path.lengthM - d) / METRES_PER_NM) * gradient;
    const rateFpm = (gradient * o.speedKt) / 60;
    let altitudeFt = o.cruiseFt;
    let verticalRateFpm = 0;
    if (climbFt < altitudeFt && climbFt <= descentFt) {
      altitudeFt = climbFt;
      verticalRateFpm = rateFpm;
    } else if (descentFt < altitudeFt) {
      altitudeFt = descentFt;
      verticalRateFpm = -rateFpm;
    }
    return { position: p.position, altitudeFt, speedKt: o.speedKt, trackDeg: p.bearingDeg, verticalRateFpm };
  }
}
