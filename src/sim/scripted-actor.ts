/**
 * A scripted actor: a vessel that follows timed waypoints, can switch its transponder off for
 * intervals ("going dark") and can report false positions (GNSS spoofing: a jump to given
 * coordinates), and that declares the rule violations it was written to commit as ground
 * truth. Scenario authors use it to inject violations whose answer is known.
 *
 * @module
 */
import type { Actor, GroundTruth, VesselFix, VesselIdentity, VoyageData } from './actor.js';
import type { LonLat } from './black-sea.js';
import { bearingDeg, distanceM, MPS_PER_KNOT } from './lane-path.js';

/** An instant: ms since the Unix epoch, or an ISO 8601 string. */
export type Instant = number | string;

/** A timed waypoint: the actor is at `position` at `at`, and moves in a straight line between. */
export interface ScriptedWaypoint {
  at: Instant;
  position: LonLat;
  /** Navigational status from this waypoint on; default 0 under way, or 1 at anchor when not moving. */
  navStatus?: number;
}

/** A closed-open interval `[from, to)`. */
export interface ScriptedInterval {
  from: Instant;
  to: Instant;
}

/** A spoofing interval: the transponder reports `position` instead of the true one. */
export interface SpoofInterval extends ScriptedInterval {
  position: LonLat;
}

/** The script of one actor. */
export interface ScriptedActorOptions {
  identity: VesselIdentity;
  /** At least one waypoint, in time order; the actor exists from the first to the last. */
  waypoints: readonly ScriptedWaypoint[];
  /** Intervals with the transponder off. */
  silences?: readonly ScriptedInterval[];
  /** Intervals with spoofed positions. */
  spoofs?: readonly SpoofInterval[];
  /** The violations this script commits, as a detector should report them. */
  truth?: readonly GroundTruth[];
  voyage?: VoyageData;
}

/** Below this speed, knots, a scripted vessel counts as stopped. */
const STOPPED_KN = 0.3;

const toMs = (t: Instant, what: string): number => {
  const ms = typeof t === 'number' ? t : Date.parse(t);
  if (!Number.isFinite(ms)) throw new RangeError(`${what}: '${String(t)}' is not a valid instant (ms or ISO 8601).`);
  return ms;
};

interface Leg {
  fromMs: number;
  toMs: number;
  a: LonLat;
  b: LonLat;
  sogKn: number;
  cogDeg: number;
  navStatus: number;
}

/**
 * A vessel that follows a script.
 * @example
 * new ScriptedActor({ identity, waypoints: [
 *   { at: '2026-03-25T04:00:00Z', position: [31.5, 45.9] },
 *   { at: '2026-03-25T06:00:00Z', position: [30.95, 46.3] } ],
 *   silences: [{ from: '2026-03-25T04:30:00Z', to: '2026-03-25T05:30:00Z' }] })
 */
export class ScriptedActor implements Actor {
  readonly identity: VesselIdentity;
  readonly #legs: Leg[] = [];
  readonly #startMs: number;
  readonly #endMs: number;
  readonly #silences: readonly (readonly [number, number])[];
  readonly #spoofs: readonly (readonly [number, number, LonLat])[];
  readonly #truth: readonly GroundTruth[];
  readonly #voyage: VoyageData;

  /** @throws RangeError on no waypoints, waypoints out of time order or an invalid instant */
  constructor(options: ScriptedActorOptions) {
    this.identity = options.identity;
    const wps = options.waypoints.map((w, i) => ({ ...w, ms: toMs(w.at, `waypoint ${i}`) }));
    const first = wps[0];
    if (!first) throw new RangeError(`ScriptedActor ${options.identity.mmsi} needs at least one waypoint.`);
    for (let i = 1; i < wps.length; i++) {
      const a = wps[i - 1] as (typeof wps)[number];
      const b = wps[i] as (typeof wps)[number];
      if (b.ms < a.ms) throw new RangeError(`ScriptedActor ${options.identity.mmsi}: waypoint ${i} is earlier than waypoint ${i - 1}.`);
      const seconds = (b.ms - a.ms) / 1000;
      const sogKn = seconds > 0 ? distanceM(a.position, b.position) / seconds / MPS_PER_KNOT : 0;
      const moving = sogKn >= STOPPED_KN;
      this.#legs.push({
        fromMs: a.ms,
        toMs: b.ms,
        a: a.position,
        b: b.position,
        sogKn: moving ? sogKn : 0,
        cogDeg: moving ? bearingDeg(a.position, b.position) : 0,
        navStatus: a.navStatus ?? (moving ? 0 : 1),
      });
    }
    const last = wps[wps.length - 1] as (typeof wps)[number];
    if (this.#legs.length === 0) {
      this.#legs.push({ fromMs: first.ms, toMs: first.ms, a: first.position, b: first.position, sogKn: 0, cogDeg: 0, navStatus: first.navStatus ?? 1 });
    }
    this.#startMs = first.ms;
    this.#endMs = last.ms;
    this.#silences = (options.silences ?? []).map((s, i) => [toMs(s.from, `silence ${i}`), toMs(s.to, `silence ${i}`)] as const);
    this.#spoofs = (options.spoofs ?? []).map((s, i) => [toMs(s.from, `spoof ${i}`), toMs(s.to, `spoof ${i}`), s.position] as const);
    this.#truth = options.truth ?? [];
    this.#voyage = options.voyage ?? { destination: '', etaMs: null, draughtM: null };
  }

  positionAt(tMs: number): VesselFix | null {
    if (tMs < this.#startMs || tMs > this.#endMs) return null;
    let leg = this.#legs[0] as Leg;
    for (const l of this.#legs) {
      leg = l;
      if (tMs < l.toMs) break;
    }
    const span = leg.toMs - leg.fromMs;
    const f = span > 0 ? Math.min(1, (tMs - leg.fromMs) / span) : 1;
    let position: LonLat = [leg.a[0] + (leg.b[0] - leg.a[0]) * f, leg.a[1] + (leg.b[1] - leg.a[1]) * f];
    for (const [from, to, p] of this.#spoofs) if (tMs >= from && tMs < to) position = p;
    return { position, sogKn: leg.sogKn, cogDeg: leg.cogDeg, headingDeg: Math.round(leg.cogDeg) % 360, navStatus: leg.navStatus };
  }

  transmitting(tMs: number): boolean {
    for (const [from, to] of this.#silences) if (tMs >= from && tMs < to) return false;
    return true;
  }

  voyageAt(): VoyageData {
    return this.#voyage;
  }

  groundTruth(): readonly GroundTruth[] {
    return this.#truth;
  }
}
