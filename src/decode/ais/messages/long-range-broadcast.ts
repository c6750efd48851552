import { readPosition, type MessageDecoder } from './fields.js';

/**
 * Type 27 — Position Report for Long-Range Applications (ITU-R M.1371-5 Table 84). 96 bits
 * (some satellite receivers deliver 168). Position in 1/10 minute, SOG whole knots
 * (63 = not available), COG whole degrees (511 = not available).
 */
export const decodeLongRangeBroadcast: MessageDecoder = (r, msg) => {
  if (r.bitLength < 96 || r.bitLength > 168) return `type 27 needs 96–168 bits, got ${r.bitLength}`;
  const status = r.uint(40, 4);
  if (status !== 15) msg.navStatus = status;
  readPosition(r, 44, 18, 62, 17, 600, msg);
  const sog = r.uint(79, 6);
  if (sog !== 63) msg.sog = sog;
  const cog = r.uint(85, 9);
  if (cog < 360) msg.cog = cog;
  return undefined;
};
