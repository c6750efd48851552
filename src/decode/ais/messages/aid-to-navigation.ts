import { readPosition, type MessageDecoder } from './fields.js';

/**
 * Type 21 — Aid-to-Navigation Report (ITU-R M.1371-5 Table 71). 272–360 bits: a 20-character
 * name, then up to 14 more characters of name extension after bit 272 (368 bits are accepted:
 * some AtoN transmitters pad the extension to a byte boundary).
 */
export const decodeAidToNavigation: MessageDecoder = (r, msg) => {
  if (r.bitLength < 272 || r.bitLength > 368) return `type 21 needs 272–368 bits, got ${r.bitLength}`;
  // As gpsd does: the extension follows the 20 name characters as sent (spaces kept), then the whole is trimmed.
  let name = r.text(43, 20, false);
  if (r.bitLength > 272 && name.length === 20) name += r.text(272, Math.floor((r.bitLength - 272) / 6), false);
  name = name.trimEnd();
  if (name !== '') msg.name = name;
  readPosition(r, 164, 28, 192, 27, 600000, msg);
  return undefined;
};
