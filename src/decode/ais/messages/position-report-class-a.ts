import type { MessageDecoder } from './fields.js';
import { readKinematicFields } from './fields.js';
import { CLASS_A, layoutProblem } from './kinematics.js';

/**
 * Types 1, 2, 3 — Position Report Class A (ITU-R M.1371-5 Annex 8 §3.1, Table 45;
 * gpsd AIVDM.txt "Types 1, 2 and 3: Position Report Class A"). 168 bits; transmitters in the
 * wild also send 163 bits, or longer payloads whose tail is ignored (as gpsd does; the
 * AISHub world feed has 216- to 456-bit type 1s with sound positions).
 */
export const decodePositionReportClassA: MessageDecoder = (r, msg) => {
  const problem = layoutProblem(msg.type, CLASS_A, r.bitLength);
  if (problem !== undefined) return problem;
  const status = r.uint(38, 4);
  if (status !== 15) msg.navStatus = status;
  readKinematicFields(r, CLASS_A, msg);
  return undefined;
};
