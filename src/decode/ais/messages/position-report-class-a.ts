import { readCogTenths, readHeading, readPosition, readSogTenths, type MessageDecoder } from './fields.js';

/**
 * Types 1, 2, 3 — Position Report Class A (ITU-R M.1371-5 Annex 8 §3.1, Table 45;
 * gpsd AIVDM.txt "Types 1, 2 and 3: Position Report Class A"). 168 bits; transmitters in the
 * wild also send 163 bits, or longer payloads whose tail is ignored (as gpsd does; the
 * AISHub world feed has 216- to 456-bit type 1s with sound positions).
 */
export const decodePositionReportClassA: MessageDecoder = (r, msg) => {
  if (r.bitLength < 163) return `type ${msg.type} needs 168 bits, got ${r.bitLength}`;
  const status = r.uint(38, 4);
  if (status !== 15) msg.navStatus = status;
  readSogTenths(r, 50, msg);
  readPosition(r, 61, 28, 89, 27, 600000, msg);
  readCogTenths(r, 116, msg);
  readHeading(r, 128, msg);
  return undefined;
};
