/**
 * AIS navigational status (message types 1–3, 4 bits), ITU-R M.1371-5 Annex 8 Table 45
 * (https://www.itu.int/rec/R-REC-M.1371). Names follow gpsd's AIVDM guide.
 */

/** Name by status code, index = code (0–15). */
const NAV_STATUS_NAMES: readonly string[] = [
  'Under way using engine',
  'At anchor',
  'Not under command',
  'Restricted manoeuverability',
  'Constrained by her draught',
  'Moored',
  'Aground',
  'Engaged in fishing',
  'Under way sailing',
  // 9 and 10 are held for future amendment for ships carrying dangerous goods (9: HSC,
  // hazard category C; 10: WIG, hazard category A).
  'Reserved for future amendment (HSC)',
  'Reserved for future amendment (WIG)',
  'Power-driven vessel towing astern (regional use)',
  'Power-driven vessel pushing ahead or towing alongside (regional use)',
  'Reserved for future use',
  'AIS-SART, MOB-AIS or EPIRB-AIS active',
  // 15 is the default, also sent by SART, MOB and EPIRB devices under test.
  'Not defined',
];

/**
 * Name of an AIS navigational status code.
 *
 * @param code navigational status, 0–15
 * @returns the name, or undefined for anything outside 0–15
 * @example navStatusName(1) // 'At anchor'
 */
export function navStatusName(code: number): string | undefined {
  if (!Number.isInteger(code) || code < 0 || code > 15) return undefined;
  return NAV_STATUS_NAMES[code];
}
