import { readCogTenths, readDimensions, readHeading, readPosition, readShipType, readSogTenths, readText, type MessageDecoder } from './fields.js';

/** Type 18 — Standard Class B CS Position Report (ITU-R M.1371-5 Table 62). 168 bits. */
export const decodePositionReportClassB: MessageDecoder = (r, msg) => {
  if (r.bitLength < 168) return `type 18 needs 168 bits, got ${r.bitLength}`;
  readSogTenths(r, 46, msg);
  readPosition(r, 57, 28, 85, 27, 600000, msg);
  readCogTenths(r, 112, msg);
  readHeading(r, 124, msg);
  return undefined;
};

/** Type 19 — Extended Class B Equipment Position Report (ITU-R M.1371-5 Table 63). 312 bits. */
export const decodeExtendedClassB: MessageDecoder = (r, msg) => {
  if (r.bitLength < 312) return `type 19 needs 312 bits, got ${r.bitLength}`;
  readSogTenths(r, 46, msg);
  readPosition(r, 57, 28, 85, 27, 600000, msg);
  readCogTenths(r, 112, msg);
  readHeading(r, 124, msg);
  const name = readText(r, 143, 20);
  if (name !== undefined) msg.name = name;
  readShipType(r, 263, msg);
  readDimensions(r, 271, msg);
  return undefined;
};
