/**
 * What the scenario simulator moves: actors. An actor is a vessel identity plus a behaviour
 * in time — where it is (and what it reports) at any instant, and whether its AIS
 * transponder is on. Background traffic and scripted rule violations implement the same
 * interface, so the simulator does not tell them apart.
 *
 * @module
 */
import type { ShipDimensions } from './ais-encode.js';
import type { LonLat } from './black-sea.js';

/** Static identity of a simulated vessel, as its AIS transponder announces it. */
export interface VesselIdentity {
  /** 9-digit MMSI; the first three digits (MID) give the flag. */
  mmsi: number;
  /** Transponder class: A sends types 1 and 5, B (carrier-sense) sends types 18 and 24. */
  aisClass: 'A' | 'B';
  /** Up to 20 characters of AIS 6-bit text. */
  name: string;
  /** Up to 7 characters. */
  callsign: string;
  /** 7-digit IMO number, 0 when the vessel has none. */
  imo: number;
  /** AIS ship and cargo type (70–79 cargo, 80–89 tanker, 35 military, 55 law enforcement…). */
  shipType: number;
  dimensions: ShipDimensions;
  /** ISO 3166-1 alpha-3 flag state, matching the MMSI's MID. */
  flag: string;
}

/** What an actor's transponder reports at one instant. */
export interface VesselFix {
  /** Reported position `[lon, lat]` (a spoofed one when the actor spoofs). */
  position: LonLat;
  /** Speed over ground, knots. */
  sogKn: number;
  /** Course over ground, degrees true. */
  cogDeg: number;
  /** True heading, degrees; `null` when the vessel has no heading sensor. */
  headingDeg: number | null;
  /** AIS navigational status 0..15 (0 under way, 1 at anchor, 5 moored, 7 fishing). */
  navStatus: number;
}

/** Voyage data of a class A vessel (AIS type 5). */
export interface VoyageData {
  /** Up to 20 characters, e.g. a UN/LOCODE `TRIST`. */
  destination: string;
  /** Estimated time of arrival, ms since the Unix epoch, or null when unknown. */
  etaMs: number | null;
  /** Present static draught, metres. */
  draughtM: number | null;
}

/**
 * One injected rule violation, as the scenario author knows it happened: what a correct
 * detector should report. Times are ISO 8601 UTC; `end` is null when the violation is still
 * going on when the scenario ends.
 */
export interface GroundTruth {
  /** Agreement rule id, e.g. `R1`. */
  rule: string;
  /** Rule type, e.g. `no-entry`, `must-transmit`, `position-integrity`. */
  type: string;
  /** Entity id, e.g. `mmsi:273123456`. */
  entity: string;
  zone?: string;
  start: string;
  end: string | null;
  note?: string;
}

/**
 * A simulated AIS station. Implementations must be deterministic: the same instant gives
 * the same answer however often and in whatever order they are asked.
 */
export interface Actor {
  readonly identity: VesselIdentity;
  /**
   * What the transponder would report at `tMs` (ms since the Unix epoch), or null when the
   * actor is not in the scenario at that time (before it appears, after it leaves).
   */
  positionAt(tMs: number): VesselFix | null;
  /** Whether the transponder transmits at `tMs` (false while it is switched off). */
  transmitting(tMs: number): boolean;
  /** Voyage data for type 5 at `tMs`; when absent the simulator sends an empty voyage. */
  voyageAt?(tMs: number): VoyageData;
  /** Rule violations this actor was scripted to commit. */
  groundTruth?(): readonly GroundTruth[];
}

/**
 * Gathers the ground truth of all actors that declare one, sorted by start time, then entity.
 * @example collectGroundTruth([scripted, ...background]) // [{ rule: 'R2', type: 'must-transmit', … }]
 */
export function collectGroundTruth(actors: readonly Actor[]): GroundTruth[] {
  const all: GroundTruth[] = [];
  for (const a of actors) if (a.groundTruth) all.push(...a.groundTruth());
  return all.sort((x, y) => (x.start < y.start ? -1 : x.start > y.start ? 1 : x.entity < y.entity ? -1 : x.entity > y.entity ? 1 : 0));
}
