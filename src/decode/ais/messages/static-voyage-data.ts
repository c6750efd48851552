import { readDimensions, readShipType, readText, type MessageDecoder } from './fields.js';

/**
 * Type 5 — Static and Voyage Related Data (ITU-R M.1371-5 Table 48). 424 bits; many
 * transmitters send 420 or 422, which is recoverable (the last field is the DTE bit).
 */
export const decodeStaticVoyageData: MessageDecoder = (r, msg) => {
  if (r.bitLength < 420) return `type 5 needs 424 bits, got ${r.bitLength}`;
  const imo = r.uint(40, 30);
  if (imo !== 0) msg.imo = imo;
  const callsign = readText(r, 70, 7);
  if (callsign !== undefined) msg.callsign = callsign;
  const name = readText(r, 112, 20);
  if (name !== undefined) msg.name = name;
  readShipType(r, 232, msg);
  readDimensions(r, 240, msg);
  const destination = readText(r, 302, 20);
  if (destination !== undefined) msg.destination = destination;
  return undefined;
};
