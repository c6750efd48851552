/**
 * Background traffic: a vessel that works one lane forever. On a route it sails from one end
 * to the other at its service speed, keeping to starboard of the centre line, lies moored or
 * at anchor for a while, and sails back; on a circuit (patrol box, fishing ground, leisure
 * loop) it goes round and round. Its state is a pure function of time, so `positionAt` can
 * be asked any instant in any order. Sensor noise (SOG ±0.2 kn, COG ±1.5°, heading drift a
 * few degrees) comes from a hash of the MMSI and the time, not from a shared random stream.
 *
 * @module
 */
import type { Actor, VesselFix, VesselIdentity, VoyageData } from './actor.js';
import { PORTS, type Lane, type LonLat } from './black-sea.js';
import { LanePath, MPS_PER_KNOT, offsetM } from './lane-path.js';

/** Navigational status codes used here (M.1371-5 Table 45). */
export const NAV_STATUS = {
  underWayUsingEngine: 0,
  atAnchor: 1,
  moored: 5,
  engagedInFishing: 7,
  underWaySailing: 8,
} as const;

/**
 * Distance over which the lateral offset fades in from a lane's end, metres: lanes start at a
 * port approach close to the shore, where vessels converge on the fairway.
 */
const OFFSET_TAPER_M = 10_000;

/** Distance before and after a waypoint over which the lateral offset turns, metres. */
const TURN_BLEND_M = 3_000;
/** Samples of the course averaged for the offset while turning (each step moves the offset by 1/16 of the turn). */
const TURN_SAMPLES = 16;

/** How a background vessel behaves. */
export interface BackgroundVesselOptions {
  identity: VesselIdentity;
  lane: Lane;
  /** Service speed, knots. */
  speedKn: number;
  draughtM: number;
  /** Distance kept to starboard of the lane's centre line in open water, metres (negative: to port). */
  lateralOffsetM: number;
  /** Time in port at the lane's last waypoint, ms (routes only). */
  dwellAtEndMs: number;
  /** Time in port at the lane's first waypoint, ms (routes only). */
  dwellAtStartMs: number;
  /** Where in its cycle the vessel is at `epochMs`, as a fraction of the cycle in [0, 1). */
  phase: number;
  /** Reference instant of the cycle, ms since the Unix epoch. */
  epochMs: number;
  /** Fixed offset of its berth or anchor position from the lane end, metres `[east, north]`. */
  berthOffsetM: readonly [number, number];
  /** Navigational status while under way (0, 7 fishing, 8 sailing). */
  underWayStatus: number;
}

/** Deterministic noise in [-1, 1) from a 32-bit salt and a time in ms (an integer hash). */
function noise(salt: number, tMs: number, channel: number): number {
  let h = (salt ^ Math.imul(channel + 1, 0x9e3779b1)) | 0;
  h = Math.imul(h ^ (tMs | 0), 0x85ebca6b);
  h = Math.imul(h ^ Math.floor(tMs / 4294967296), 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return (h >>> 0) / 2147483648 - 1;
}

const locodeOf = (portId: string | undefined): string => PORTS.find((p) => p.id === portId)?.locode ?? '';

/** A background vessel working one lane. */
export class BackgroundVessel implements Actor {
  readonly identity: VesselIdentity;
  readonly lane: Lane;
  readonly #o: BackgroundVesselOptions;
  readonly #path: LanePath;
  readonly #speedMps: number;
  /** Sailing time of one passage of a route, or of one lap of a circuit, ms. */
  readonly #legMs: number;
  readonly #cycleMs: number;
  readonly #phaseMs: number;
  readonly #salt: number;
  /** Fixed heading while moored, degrees. */
  readonly #berthHeadingDeg: number;

  constructor(options: BackgroundVesselOptions) {
    if (!(options.speedKn > 0)) throw new RangeError(`Service speed must be positive, got ${options.speedKn} kn.`);
    this.#o = options;
    this.identity = options.identity;
    this.lane = options.lane;
    this.#path = new LanePath(options.lane.waypoints, options.lane.kind === 'circuit');
    this.#speedMps = options.speedKn * MPS_PER_KNOT;
    this.#legMs = (this.#path.lengthM / this.#speedMps) * 1000;
    this.#cycleMs =
      options.lane.kind === 'circuit' ? this.#legMs : 2 * this.#legMs + options.dwellAtEndMs + options.dwellAtStartMs;
    this.#phaseMs = options.phase * this.#cycleMs;
    this.#salt = options.identity.mmsi | 0;
    this.#berthHeadingDeg = Math.floor((noise(this.#salt, 0, 9) + 1) * 180);
  }

  /** Time into the current cycle at `tMs`. */
  #cycleTime(tMs: number): number {
    const tau = (tMs - this.#o.epochMs + this.#phaseMs) % this.#cycleMs;
    return tau < 0 ? tau + this.#cycleMs : tau;
  }

  positionAt(tMs: number): VesselFix {
    const tau = this.#cycleTime(tMs);
    if (this.lane.kind === 'circuit') return this.#underWay(tMs, (tau / 1000) * this.#speedMps, true);
    const o = this.#o;
    const leg = this.#legMs;
    if (tau < leg) return this.#underWay(tMs, (tau / 1000) * this.#speedMps, true);
    if (tau < leg + o.dwellAtEndMs) return this.#inPort(tMs, this.#path.lengthM);
    if (tau < 2 * leg + o.dwellAtEndMs) {
      return this.#underWay(tMs, this.#path.lengthM - ((tau - leg - o.dwellAtEndMs) / 1000) * this.#speedMps, false);
    }
    return this.#inPort(tMs, 0);
  }

  transmitting(): boolean {
    return true;
  }

  voyageAt(tMs: number): VoyageData {
    const draughtM = this.#o.draughtM;
    if (this.lane.kind === 'circuit') return { destination: '', etaMs: null, draughtM };
    const o = this.#o;
    const leg = this.#legMs;
    const tau = this.#cycleTime(tMs);
    const from = locodeOf(this.lane.from);
    const to = locodeOf(this.lane.to) || 'TRIST';
    const start = tMs - tau;
    if (tau < leg + o.dwellAtEndMs) return { destination: to, etaMs: Math.round(start + leg), draughtM };
    if (tau < 2 * leg + o.dwellAtEndMs) return { destination: from, etaMs: Math.round(start + 2 * leg + o.dwellAtEndMs), draughtM };
    return { destination: to, etaMs: Math.round(start + this.#cycleMs + leg), draughtM };
  }

  #underWay(tMs: number, distance: number, forward: boolean): VesselFix {
    const { position, bearingDeg } = this.#path.at(distance);
    const courseDeg = forward ? bearingDeg : (bearingDeg + 180) % 360;
    let p: LonLat = position;
    const lengthM = this.#path.lengthM;
    const taper = this.lane.kind === 'circuit' ? 1 : Math.min(1, distance / OFFSET_TAPER_M, (lengthM - distance) / OFFSET_TAPER_M);
    const offset = this.#o.lateralOffsetM * taper;
    if (offset !== 0) {
      // Starboard is 90° clockwise of the course. Near a waypoint the offset's direction is
      // the mean over the next and previous TURN_BLEND_M, so the ship swings round the turn
      // instead of jumping from one leg's offset to the next (a jump reads as spoofing).
      let bearing = bearingDeg;
      const before = this.#path.at(distance - TURN_BLEND_M).bearingDeg;
      const after = this.#path.at(distance + TURN_BLEND_M).bearingDeg;
      if (before !== bearingDeg || after !== bearingDeg) {
        let x = 0;
        let y = 0;
        for (let k = 0; k <= TURN_SAMPLES; k++) {
          const b = (this.#path.at(distance - TURN_BLEND_M + (2 * TURN_BLEND_M * k) / TURN_SAMPLES).bearingDeg * Math.PI) / 180;
          x += Math.sin(b);
          y += Math.cos(b);
        }
        bearing = (Math.atan2(x, y) * 180) / Math.PI;
      }
      const starboard = (((forward ? bearing : bearing + 180) + 90) * Math.PI) / 180;
      p = offsetM(p, offset * Math.sin(starboard), offset * Math.cos(starboard));
    }
    const salt = this.#salt;
    const sogKn = Math.max(0, this.#o.speedKn + 0.2 * noise(salt, tMs, 1));
    const cogDeg = (courseDeg + 1.5 * noise(salt, tMs, 2) + 360) % 360;
    const headingDeg = Math.round(cogDeg + 3 * noise(salt, 0, 3) + 360) % 360;
    return { position: p, sogKn, cogDeg, headingDeg, navStatus: this.#o.underWayStatus };
  }

  #inPort(tMs: number, distance: number): VesselFix {
    const end = this.#path.at(distance).position;
    const [east, north] = this.#o.berthOffsetM;
    const salt = this.#salt;
    // A port with a berth: moored; the Bosphorus entrance: at anchor, waiting for passage.
    const portId = distance === 0 ? this.lane.from : this.lane.to;
    const navStatus = portId === undefined || portId === 'bosphorus' ? NAV_STATUS.atAnchor : NAV_STATUS.moored;
    return {
      position: offsetM(end, east, north),
      sogKn: Math.round(Math.abs(noise(salt, tMs, 4)) * 1.2) / 10,
      cogDeg: (this.#berthHeadingDeg + 40 * noise(salt, tMs, 5) + 360) % 360,
      headingDeg: this.#berthHeadingDeg,
      navStatus,
    };
  }
}
