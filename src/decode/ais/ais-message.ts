/**
 * A decoded AIS message as `vigil decode` emits it (SPEC "CLI"). Keys are absent when the
 * message type does not carry them or when the transmitted value means "not available"
 * (ITU-R M.1371-5: lat 91, lon 181, sog 102.3, cog 360, heading 511, IMO 0, …).
 */
export interface AisMessage {
  type: number;
  mmsi: number;
  /** ISO 8601 UTC from the line's timestamp, when it has one. */
  time?: string;
  lat?: number;
  lon?: number;
  /** Speed over ground, knots. */
  sog?: number;
  /** Course over ground, degrees true. */
  cog?: number;
  /** True heading, degrees. */
  heading?: number;
  navStatus?: number;
  shipType?: number;
  imo?: number;
  callsign?: string;
  name?: string;
  destination?: string;
  /** Type 24 part number (0 = A, 1 = B); not part of the SPEC output keys but kept for tracks. */
  partNo?: number;
  /** Ship dimensions in metres (types 5, 19, 24B). */
  lengthM?: number;
  beamM?: number;
}
