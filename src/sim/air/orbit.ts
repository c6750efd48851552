/**
 * An aircraft flying a racetrack orbit: AWACS and tanker tracks, maritime patrols, UAV
 * surveillance orbits. Its place on the circuit is a pure function of time.
 *
 * @module
 */
import { destinationPoint } from '../../core/geo/distance.js';
import type { LonLat } from '../black-sea.js';
import { LanePath, MPS_PER_KNOT } from '../lane-path.js';
import type { AirActor, AirIdentity, AirState } from './air-actor.js';

/** Points per 180° turn of a racetrack: 12 keeps the polygon within 1% of the true arc. */
const TURN_POINTS = 12;

/**
 * A racetrack: two straight legs `legM` long, `widthM` apart, joined by half circles, centred
 * on `center` with its long axis along `axisDeg`. Returned as a closed ring without the
 * repeated first point (for `LanePath(…, true)`), flown clockwise.
 * @example racetrack([27.2, 45.4], 60, 120_000, 30_000).length // 26
 */
export function racetrack(center: LonLat, axisDeg: number, legM: number, widthM: number): LonLat[] {
  const r = widthM / 2;
  const ends = [destinationPoint(center[0], center[1], axisDeg, legM / 2), destinationPoint(center[0], center[1], axisDeg + 180, legM / 2)];
  const out: LonLat[] = [];
  for (let e = 0; e < 2; e++) {
    const c = ends[e]!;
    const base = axisDeg + (e === 0 ? -90 : 90);
    for (let i = 0; i <= TURN_POINTS; i++) out.push(destinationPoint(c[0], c[1], base + (180 * i) / TURN_POINTS, r));
  }
  return out;
}

export interface OrbitOptions {
  identity: AirIdentity;
  /** Report phase, ms (see {@link AirActor.phaseMs}). */
  phaseMs: number;
  /** The circuit, flown from its first point round to it again. */
  circuit: readonly LonLat[];
  speedKt: number;
  altitudeFt: number;
  /** Instant at which the aircraft is `startOffsetM` along the circuit, ms. */
  epochMs: number;
  startOffsetM: number;
  /** On station from (ms; default always). */
  fromMs?: number;
  /** On station until (ms; default always). */
  toMs?: number;
}

/**
 * @example new Orbit({ identity, phaseMs: 0, circuit: racetrack([27.2, 45.4], 60, 120_000, 30_000),
 *   speedKt: 360, altitudeFt: 30000, epochMs: 0, startOffsetM: 0 }).stateAt(0)?.altitudeFt // 30000
 */
export class Orbit implements AirActor {
  readonly identity: AirIdentity;
  readonly phaseMs: number;
  readonly #o: OrbitOptions;
  readonly #path: LanePath;
  readonly #speedMps: number;

  constructor(options: OrbitOptions) {
    this.identity = options.identity;
    this.phaseMs = options.phaseMs;
    this.#o = options;
    this.#path = new LanePath(options.circuit, true);
    this.#speedMps = options.speedKt * MPS_PER_KNOT;
  }

  stateAt(tMs: number): AirState | null {
    const o = this.#o;
    if ((o.fromMs !== undefined && tMs < o.fromMs) || (o.toMs !== undefined && tMs > o.toMs)) return null;
    const p = this.#path.at(o.startOffsetM + ((tMs - o.epochMs) / 1000) * this.#speedMps);
    return { position: p.position, altitudeFt: o.altitudeFt, speedKt: o.speedKt, trackDeg: p.bearingDeg, verticalRateFpm: 0 };
  }
}
