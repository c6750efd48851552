import { readDimensions, readShipType, readText, type MessageDecoder } from './fields.js';

/**
 * Type 24 — Static Data Report (ITU-R M.1371-5 Tables 73–74). Part A (160 bits, some units
 * send 168) carries the name; part B (168 bits) the ship type, call sign and dimensions
 * (or, for auxiliary craft with MMSI 98MIDxxxx, the mothership MMSI instead of dimensions).
 */
export const decodeStaticDataReport: MessageDecoder = (r, msg) => {
  const part = r.uint(38, 2);
  msg.partNo = part;
  if (part === 0) {
    if (r.bitLength < 160) return `type 24 part A needs 160 bits, got ${r.bitLength}`;
    const name = readText(r, 40, 20);
    if (name !== undefined) msg.name = name;
    return undefined;
  }
  if (part === 1) {
    if (r.bitLength < 168) return `type 24 part B needs 168 bits, got ${r.bitLength}`;
    readShipType(r, 40, msg);
    const callsign = readText(r, 90, 7);
    if (callsign !== undefined) msg.callsign = callsign;
    if (Math.floor(msg.mmsi / 10000000) !== 98) readDimensions(r, 132, msg);
    return undefined;
  }
  return `type 24 part number ${part} is reserved`;
};
