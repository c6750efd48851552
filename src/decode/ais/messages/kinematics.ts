import type { SixbitReader } from '../sixbit-reader.js';

/**
 * Where the kinematic fields sit in a position report, bits (ITU-R M.1371-5 Table 45 for
 * types 1–3, Table 62 for type 18; gpsd AIVDM.txt). The message decoders and the pipeline's
 * fast path read the same table.
 */
export interface KinematicLayout {
  /** Shortest payload accepted, bits. */
  minBits: number;
  /** The length the standard gives, for the rejection detail. */
  nominalBits: number;
  sog: number;
  lon: number;
  lat: number;
  cog: number;
  heading: number;
  /** Navigational status (4 bits), class A only. */
  navStatus?: number;
}

/** Types 1, 2, 3: 168 bits; transmitters in the wild also send 163, or longer payloads whose tail is ignored (as gpsd does). */
export const CLASS_A: KinematicLayout = { minBits: 163, nominalBits: 168, sog: 50, lon: 61, lat: 89, cog: 116, heading: 128, navStatus: 38 };
/** Types 18 and 19 (type 19 adds static data after the same fields). */
export const CLASS_B: KinematicLayout = { minBits: 168, nominalBits: 168, sog: 46, lon: 57, lat: 85, cog: 112, heading: 124 };

/** Message types that are position reports and nothing else, with their layout. */
export const KINEMATIC_TYPES: Readonly<Record<number, KinematicLayout>> = { 1: CLASS_A, 2: CLASS_A, 3: CLASS_A, 18: CLASS_B };

/** The kinematic fields of one report as numbers, NaN when not available. Reused from message to message. */
export class Kinematics {
  lon = NaN;
  lat = NaN;
  sogKn = NaN;
  cogDeg = NaN;
  /** Navigational status 0–14, or -1 when the report has none (class B) or says 15 (not defined). */
  navStatus = -1;
}

/** The rejection detail of a payload too short for its layout, or undefined. */
export function layoutProblem(type: number, layout: KinematicLayout, bitLength: number): string | undefined {
  return bitLength < layout.minBits ? `type ${type} needs ${layout.nominalBits} bits, got ${bitLength}` : undefined;
}

// The readers below store into `out` rather than return: a double returned from a call the
// compiler did not inline is boxed, a heap number per field per message (measured: 10 % of
// the pipeline's allocation).

/** SOG in 1/10 knot, 10 bits, at `bit`, into `out.sogKn`: knots, or NaN for 1023 (not available). */
export function readSogKn(r: SixbitReader, bit: number, out: Kinematics): void {
  const raw = r.uint(bit, 10);
  out.sogKn = raw === 1023 ? NaN : raw / 10;
}

/** COG in 1/10 degree, 12 bits, at `bit`, into `out.cogDeg`: degrees, or NaN for 3600 (not available) and above (invalid). */
export function readCogDeg(r: SixbitReader, bit: number, out: Kinematics): void {
  const raw = r.uint(bit, 12);
  out.cogDeg = raw < 3600 ? raw / 10 : NaN;
}

/**
 * Longitude and latitude in 1/`unitsPerDegree` degree units (600000 for 1/10000 min, 600
 * for type 27's 1/10 min) into `out`, rounded to 1e-7°; both NaN when out of range
 * (including the "not available" 181/91).
 */
export function readLonLat(r: SixbitReader, lonBit: number, lonLen: number, latBit: number, latLen: number, unitsPerDegree: number, out: Kinematics): void {
  const lon = r.int(lonBit, lonLen) / unitsPerDegree;
  const lat = r.int(latBit, latLen) / unitsPerDegree;
  const ok = lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;
  out.lon = ok ? Math.round(lon * 1e7) / 1e7 : NaN;
  out.lat = ok ? Math.round(lat * 1e7) / 1e7 : NaN;
}

/** Reads the kinematic fields of a report laid out as `layout` into `out`. */
export function readKinematics(r: SixbitReader, layout: KinematicLayout, out: Kinematics): void {
  readSogKn(r, layout.sog, out);
  readLonLat(r, layout.lon, 28, layout.lat, 27, 600000, out);
  readCogDeg(r, layout.cog, out);
  const status = layout.navStatus === undefined ? 15 : r.uint(layout.navStatus, 4);
  out.navStatus = status === 15 ? -1 : status;
}
