import { readPosition, type MessageDecoder } from './fields.js';

/**
 * Types 4 (Base Station Report) and 11 (UTC/Date Response), ITU-R M.1371-5 Table 46.
 * 168 bits; longer payloads are accepted, shorter ones rejected.
 */
export const decodeBaseStationReport: MessageDecoder = (r, msg) => {
  if (r.bitLength < 168) return `type ${msg.type} needs 168 bits, got ${r.bitLength}`;
  readPosition(r, 79, 28, 107, 27, 600000, msg);
  return undefined;
};
