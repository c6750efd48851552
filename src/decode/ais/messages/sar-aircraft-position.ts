import { readCogTenths, readPosition, type MessageDecoder } from './fields.js';

/**
 * Type 9 — Standard SAR Aircraft Position Report (ITU-R M.1371-5 Table 52). 168 bits.
 * SOG is in whole knots here (1023 = not available, 1022 = 1022 kn or more).
 */
export const decodeSarAircraftPosition: MessageDecoder = (r, msg) => {
  if (r.bitLength < 168) return `type 9 needs 168 bits, got ${r.bitLength}`;
  const sog = r.uint(50, 10);
  if (sog !== 1023) msg.sog = sog;
  readPosition(r, 61, 28, 89, 27, 600000, msg);
  readCogTenths(r, 116, msg);
  return undefined;
};
