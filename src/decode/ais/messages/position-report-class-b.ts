import { readDimensions, readKinematicFields, readShipType, readText, type MessageDecoder } from './fields.js';
import { CLASS_B, layoutProblem } from './kinematics.js';

/** Type 18 — Standard Class B CS Position Report (ITU-R M.1371-5 Table 62). 168 bits. */
export const decodePositionReportClassB: MessageDecoder = (r, msg) => {
  const problem = layoutProblem(18, CLASS_B, r.bitLength);
  if (problem !== undefined) return problem;
  readKinematicFields(r, CLASS_B, msg);
  return undefined;
};

/** Type 19 — Extended Class B Equipment Position Report (ITU-R M.1371-5 Table 63). 312 bits. */
export const decodeExtendedClassB: MessageDecoder = (r, msg) => {
  if (r.bitLength < 312) return `type 19 needs 312 bits, got ${r.bitLength}`;
  readKinematicFields(r, CLASS_B, msg);
  const name = readText(r, 143, 20);
  if (name !== undefined) msg.name = name;
  readShipType(r, 263, msg);
  readDimensions(r, 271, msg);
  return undefined;
};
