import type { AisMessage } from '../ais-message.js';
import type { SixbitReader } from '../sixbit-reader.js';
import { Kinematics, readCogDeg, readLonLat, readSogKn, type KinematicLayout } from './kinematics.js';

/** Decodes one message type from the reader into `msg` (type and mmsi already set). Returns a rejection detail or undefined. */
export type MessageDecoder = (r: SixbitReader, msg: AisMessage) => string | undefined;

const scratch = new Kinematics();

/**
 * Longitude/latitude in 1/`unitsPerDegree` degree units (600000 for 1/10000 min, 600 for
 * type 27's 1/10 min). Out-of-range values — including the "not available" 181/91 — leave
 * the keys absent.
 */
export function readPosition(
  r: SixbitReader, lonBit: number, lonLen: number, latBit: number, latLen: number,
  unitsPerDegree: number, msg: AisMessage,
): void {
  readLonLat(r, lonBit, lonLen, latBit, latLen, unitsPerDegree, scratch);
  if (!Number.isNaN(scratch.lon)) {
    msg.lon = scratch.lon;
    msg.lat = scratch.lat;
  }
}

/** SOG in 1/10 knot, 10 bits; 1023 = not available. */
function readSogTenths(r: SixbitReader, bit: number, msg: AisMessage): void {
  readSogKn(r, bit, scratch);
  if (!Number.isNaN(scratch.sogKn)) msg.sog = scratch.sogKn;
}

/** COG in 1/10 degree, 12 bits; 3600 = not available, above is invalid. */
export function readCogTenths(r: SixbitReader, bit: number, msg: AisMessage): void {
  readCogDeg(r, bit, scratch);
  if (!Number.isNaN(scratch.cogDeg)) msg.cog = scratch.cogDeg;
}

/** The kinematic fields of a position report laid out as `layout`, and its heading, into `msg`. */
export function readKinematicFields(r: SixbitReader, layout: KinematicLayout, msg: AisMessage): void {
  readSogTenths(r, layout.sog, msg);
  readPosition(r, layout.lon, 28, layout.lat, 27, 600000, msg);
  readCogTenths(r, layout.cog, msg);
  readHeading(r, layout.heading, msg);
}

/** True heading in degrees, 9 bits; 511 = not available, 360–510 invalid. */
function readHeading(r: SixbitReader, bit: number, msg: AisMessage): void {
  const raw = r.uint(bit, 9);
  if (raw < 360) msg.heading = raw;
}

/** Six-bit text field; absent when empty. */
export function readText(r: SixbitReader, bit: number, chars: number): string | undefined {
  const s = r.text(bit, chars);
  return s === '' ? undefined : s;
}

/** Ship dimensions (to bow, stern, port, starboard) in metres → overall length and beam. */
export function readDimensions(r: SixbitReader, bit: number, msg: AisMessage): void {
  const length = r.uint(bit, 9) + r.uint(bit + 9, 9);
  const beam = r.uint(bit + 18, 6) + r.uint(bit + 24, 6);
  if (length > 0) msg.lengthM = length;
  if (beam > 0) msg.beamM = beam;
}

/** Ship type 1–99; 0 = not available, 100–255 reserved. */
export function readShipType(r: SixbitReader, bit: number, msg: AisMessage): void {
  const t = r.uint(bit, 8);
  if (t > 0 && t < 100) msg.shipType = t;
}
