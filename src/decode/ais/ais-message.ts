/**
 * A decoded AIS message as `vigil decode` emits it (SPEC "CLI"). Keys are undefined when the
 * message type does not carry them or when the transmitted value means "not available"
 * (ITU-R M.1371-5: lat 91, lon 181, sog 102.3, cog 360, heading 511, IMO 0, …).
 */
export interface AisMessage {
  type: number;
  mmsi: number;
  /** ISO 8601 UTC from the line's timestamp, when it has one. */
  time?: string | undefined;
  lat?: number | undefined;
  lon?: number | undefined;
  /** Speed over ground, knots. */
  sog?: number | undefined;
  /** Course over ground, degrees true. */
  cog?: number | undefined;
  /** True heading, degrees. */
  heading?: number | undefined;
  navStatus?: number | undefined;
  shipType?: number | undefined;
  imo?: number | undefined;
  callsign?: string | undefined;
  name?: string | undefined;
  destination?: string | undefined;
  /** Type 24 part number (0 = A, 1 = B); not part of the SPEC output keys but kept for tracks. */
  partNo?: number | undefined;
  /** Ship dimensions in metres (types 5, 19, 24B). */
  lengthM?: number | undefined;
  beamM?: number | undefined;
}

/**
 * A message with every key present (undefined until a decoder sets it): all messages share
 * one object shape, so the pipeline reads their fields at monomorphic speed. JSON and
 * `toSpecJson` leave the undefined keys out.
 */
export function newAisMessage(type: number, mmsi: number): AisMessage {
  return {
    type, mmsi, lat: undefined, lon: undefined, sog: undefined, cog: undefined, heading: undefined, navStatus: undefined,
    shipType: undefined, imo: undefined, callsign: undefined, name: undefined, destination: undefined, partNo: undefined,
    lengthM: undefined, beamM: undefined,
  };
}
