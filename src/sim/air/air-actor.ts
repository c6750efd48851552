/**
 * What the air simulator moves: air actors. An air actor is an identity — an ADS-B
 * transponder (ICAO address, callsign) or a coalition radar track (sensor, track number,
 * classification) — plus where it is at any instant. Background traffic and scripted
 * violations implement the same interface, so the simulator does not tell them apart.
 *
 * @module
 */
import type { GroundTruth } from '../actor.js';
import type { LonLat } from '../black-sea.js';

/** Radar classifications of docs/formats.md "Radar tracks". */
export type RadarClass = 'fixed-wing' | 'rotary' | 'uav' | 'missile' | 'unknown';

/** An aircraft heard by ADS-B receivers (SBS-1 lines). */
export interface AdsbIdentity {
  feed: 'sbs';
  /** ICAO 24-bit address; its Annex 10 block gives the flag. */
  icao: number;
  /** Flight identification as MSG,1 sends it (≤ 8 characters), or null when it sends none. */
  callsign: string | null;
}

/** A track held by a coalition radar (radar CSV lines). */
export interface RadarIdentity {
  feed: 'radar';
  /** Sensor id, e.g. `NATO-E3A-1`. */
  sensor: string;
  /** The sensor's track number. */
  track: string;
  classification: RadarClass;
  /** Confidence in the classification, 0–1. */
  confidence: number;
}

export type AirIdentity = AdsbIdentity | RadarIdentity;

/** Where an air actor is at one instant. */
export interface AirState {
  /** Reported position `[lon, lat]` (a spoofed one while spoofing). */
  position: LonLat;
  /** Barometric altitude, feet. */
  altitudeFt: number;
  /** Ground speed, knots. */
  speedKt: number;
  /** Track over ground, degrees true in [0, 360). */
  trackDeg: number;
  /** Vertical rate, feet per minute (climb positive). */
  verticalRateFpm: number;
}

/** ADS-B position and velocity messages kept per aircraft: one each every 5 s (see air-scenario). */
export const SBS_INTERVAL_MS = 5_000;
/** Radar plot period: the E-3's rotodome turns at 6 rpm, one plot per track every 10 s. */
export const RADAR_INTERVAL_MS = 10_000;

/**
 * A simulated aircraft or radar track. Implementations are pure functions of time: the same
 * instant gives the same answer however often and in whatever order it is asked.
 */
export interface AirActor {
  readonly identity: AirIdentity;
  /**
   * Where in its reporting period the actor reports, ms in [0, period): it reports at the
   * Unix instants t with t ≡ phaseMs (mod period), so its fix times never depend on when a
   * scenario starts.
   */
  readonly phaseMs: number;
  /** State at `tMs` (ms since the Unix epoch), or null when not airborne in the scenario then. */
  stateAt(tMs: number): AirState | null;
  /** Rule violations this actor was scripted to commit. */
  groundTruth?(): readonly GroundTruth[];
}

/** Reporting period of an identity's feed, ms. */
export function reportIntervalOf(identity: AirIdentity): number {
  return identity.feed === 'sbs' ? SBS_INTERVAL_MS : RADAR_INTERVAL_MS;
}

/**
 * The first report instant of an actor at or after `tMs`.
 * @example nextReportMs({ identity: { feed: 'sbs', icao: 1, callsign: null }, phaseMs: 1200, stateAt: () => null }, 10_000) // 11200
 */
export function nextReportMs(actor: Pick<AirActor, 'identity' | 'phaseMs'>, tMs: number): number {
  const period = reportIntervalOf(actor.identity);
  const k = Math.ceil((tMs - actor.phaseMs) / period);
  return k * period + actor.phaseMs;
}

/**
 * Entity id the engine gives the actor (SPEC "Alert"): `icao:xxxxxx` or `track:SENSOR:ID`.
 * @example airEntityId({ feed: 'sbs', icao: 0x4ba9c1, callsign: 'THY4KZ' }) // 'icao:4ba9c1'
 */
export function airEntityId(identity: AirIdentity): string {
  return identity.feed === 'sbs' ? `icao:${hex6(identity.icao)}` : `track:${identity.sensor}:${identity.track}`;
}

/** Six lower-case hex digits of an ICAO address. */
export function hex6(icao: number): string {
  return icao.toString(16).padStart(6, '0');
}
