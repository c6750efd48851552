/**
 * AIS "type of ship and cargo type" (message types 5, 19 and 24B), ITU-R M.1371-5
 * Annex 8 Table 53 (https://www.itu.int/rec/R-REC-M.1371), with the entity category the
 * ceasefire rules use (SPEC "Category": ship type 35 is military).
 *
 * Table 53 codes are two digits. For first digits 2, 4, 6, 7, 8 and 9 the second digit
 * says what is carried: 0 all ships of the type, 1–4 dangerous goods, harmful substances
 * or marine pollutants of IMO hazard or pollutant category A–D, 5–8 reserved, 9 no
 * additional information. First digits 3 and 5 name the vessel's activity or service.
 */

/** Who a vessel answers to, as far as its self-reported ship type tells. */
export type ShipCategory = 'military' | 'law-enforcement' | 'government' | 'civil';

/** One row of Table 53. */
export interface ShipTypeInfo {
  /** Text in the style of gpsd's `shiptype_text`. */
  readonly description: string;
  readonly category: ShipCategory;
}

/** Description by code, index = code (0–99). Index 0 ("not available") is never returned. */
const DESCRIPTIONS: readonly string[] = [
  'Not available',
  'Reserved for future use', 'Reserved for future use', 'Reserved for future use',
  'Reserved for future use', 'Reserved for future use', 'Reserved for future use',
  'Reserved for future use', 'Reserved for future use', 'Reserved for future use',
  'Reserved for future use', 'Reserved for future use', 'Reserved for future use',
  'Reserved for future use', 'Reserved for future use', 'Reserved for future use',
  'Reserved for future use', 'Reserved for future use', 'Reserved for future use',
  'Reserved for future use',
  // 20–29
  'Wing in ground (WIG)',
  'Wing in ground (WIG) - Hazardous category A',
  'Wing in ground (WIG) - Hazardous category B',
  'Wing in ground (WIG) - Hazardous category C',
  'Wing in ground (WIG) - Hazardous category D',
  'Wing in ground (WIG) - Reserved for future use',
  'Wing in ground (WIG) - Reserved for future use',
  'Wing in ground (WIG) - Reserved for future use',
  'Wing in ground (WIG) - Reserved for future use',
  'Wing in ground (WIG) - No additional information',
  // 30–39
  'Fishing',
  'Towing',
  'Towing: length exceeds 200m or breadth exceeds 25m',
  'Dredging or underwater ops',
  'Diving ops',
  'Military ops',
  'Sailing',
  'Pleasure Craft',
  'Reserved',
  'Reserved',
  // 40–49
  'High speed craft (HSC)',
  'High speed craft (HSC) - Hazardous category A',
  'High speed craft (HSC) - Hazardous category B',
  'High speed craft (HSC) - Hazardous category C',
  'High speed craft (HSC) - Hazardous category D',
  'High speed craft (HSC) - Reserved for future use',
  'High speed craft (HSC) - Reserved for future use',
  'High speed craft (HSC) - Reserved for future use',
  'High speed craft (HSC) - Reserved for future use',
  'High speed craft (HSC) - No additional information',
  // 50–59
  'Pilot Vessel',
  'Search and Rescue vessel',
  'Tug',
  'Port Tender',
  'Anti-pollution equipment',
  'Law Enforcement',
  'Spare - Local Vessel',
  'Spare - Local Vessel',
  'Medical Transport',
  'Noncombatant ship according to RR Resolution No. 18',
  // 60–69
  'Passenger',
  'Passenger - Hazardous category A',
  'Passenger - Hazardous category B',
  'Passenger - Hazardous category C',
  'Passenger - Hazardous category D',
  'Passenger - Reserved for future use',
  'Passenger - Reserved for future use',
  'Passenger - Reserved for future use',
  'Passenger - Reserved for future use',
  'Passenger - No additional information',
  // 70–79
  'Cargo',
  'Cargo - Hazardous category A',
  'Cargo - Hazardous category B',
  'Cargo - Hazardous category C',
  'Cargo - Hazardous category D',
  'Cargo - Reserved for future use',
  'Cargo - Reserved for future use',
  'Cargo - Reserved for future use',
  'Cargo - Reserved for future use',
  'Cargo - No additional information',
  // 80–89
  'Tanker',
  'Tanker - Hazardous category A',
  'Tanker - Hazardous category B',
  'Tanker - Hazardous category C',
  'Tanker - Hazardous category D',
  'Tanker - Reserved for future use',
  'Tanker - Reserved for future use',
  'Tanker - Reserved for future use',
  'Tanker - Reserved for future use',
  'Tanker - No additional information',
  // 90–99
  'Other Type',
  'Other Type - Hazardous category A',
  'Other Type - Hazardous category B',
  'Other Type - Hazardous category C',
  'Other Type - Hazardous category D',
  'Other Type - Reserved for future use',
  'Other Type - Reserved for future use',
  'Other Type - Reserved for future use',
  'Other Type - Reserved for future use',
  'Other Type - No additional information',
];

/**
 * The codes that are not civil. 35 is military operations; 55 law enforcement; 51 SAR,
 * 53 port tender, 58 medical transport (Geneva Convention protected) and 59 noncombatant
 * ships (RR Resolution 18: ships of states not party to an armed conflict) are state
 * services, so government. Every other code is civil.
 */
const NON_CIVIL: Readonly<Record<number, ShipCategory>> = {
  35: 'military',
  51: 'government',
  53: 'government',
  55: 'law-enforcement',
  58: 'government',
  59: 'government',
};

/** Rows built once at load so lookups return shared, frozen objects. */
const SHIP_TYPES: readonly ShipTypeInfo[] = DESCRIPTIONS.map((description, code) =>
  Object.freeze({ description, category: NON_CIVIL[code] ?? 'civil' }),
);

/**
 * Description and category of an AIS ship and cargo type.
 *
 * @param code ship and cargo type as transmitted (0–255 on air; 1–99 are defined)
 * @returns the row, or undefined for 0 (not available), 100–255 and non-integers
 * @example shipTypeInfo(35) // { description: 'Military ops', category: 'military' }
 */
export function shipTypeInfo(code: number): ShipTypeInfo | undefined {
  if (!Number.isInteger(code) || code < 1 || code > 99) return undefined;
  return SHIP_TYPES[code];
}
