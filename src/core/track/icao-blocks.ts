/**
 * Flag state of an aircraft from its ICAO 24-bit address, and the advisory list of
 * address ranges publicly documented as military.
 *
 * Spec: ICAO Annex 10 Volume III Part I Chapter 9, Appendix ("A worldwide scheme for the
 * allocation, assignment and application of aircraft addresses"), Table 9-1: each State
 * holds one power-of-two block, aligned to its size. Flags are ISO 3166-1 alpha-3 codes.
 * The table below is the Annex's State allocations as amended up to the 2010s, plus
 * Taiwan's block, which is in use though Taiwan is not in the Annex table. Blocks the
 * Annex keeps unallocated, for regions or for ICAO (0xF00000–0xFFFFFF), are absent, so
 * addresses there have no flag.
 *
 * Lookup is a binary search over typed arrays built once at load: no allocation per call.
 */

/**
 * State blocks as `[first address, last address, ISO 3166-1 alpha-3]`, in ascending
 * order and not overlapping (the tests hold the table to both).
 *
 * Malta: the Annex lists 0x4D2000–0x4D23FF; some receiver tables widen it to 0x4D2FFF.
 * The Annex value is kept.
 */
export const ICAO_ALLOCATIONS: readonly (readonly [start: number, end: number, flag: string])[] = [
  [0x004000, 0x0043FF, 'ZWE'], // Zimbabwe
  [0x006000, 0x006FFF, 'MOZ'], // Mozambique
  [0x008000, 0x00FFFF, 'ZAF'], // South Africa
  [0x010000, 0x017FFF, 'EGY'], // Egypt
  [0x018000, 0x01FFFF, 'LBY'], // Libya
  [0x020000, 0x027FFF, 'MAR'], // Morocco
  [0x028000, 0x02FFFF, 'TUN'], // Tunisia
  [0x030000, 0x0303FF, 'BWA'], // Botswana
  [0x032000, 0x032FFF, 'BDI'], // Burundi
  [0x034000, 0x034FFF, 'CMR'], // Cameroon
  [0x035000, 0x0353FF, 'COM'], // Comoros
  [0x036000, 0x036FFF, 'COG'], // Congo
  [0x038000, 0x038FFF, 'CIV'], // Côte d'Ivoire
  [0x03E000, 0x03EFFF, 'GAB'], // Gabon
  [0x040000, 0x040FFF, 'ETH'], // Ethiopia
  [0x042000, 0x042FFF, 'GNQ'], // Equatorial Guinea
  [0x044000, 0x044FFF, 'GHA'], // Ghana
  [0x046000, 0x046FFF, 'GIN'], // Guinea
  [0x048000, 0x0483FF, 'GNB'], // Guinea-Bissau
  [0x04A000, 0x04A3FF, 'LSO'], // Lesotho
  [0x04C000, 0x04CFFF, 'KEN'], // Kenya
  [0x050000, 0x050FFF, 'LBR'], // Liberia
  [0x054000, 0x054FFF, 'MDG'], // Madagascar
  [0x058000, 0x058FFF, 'MWI'], // Malawi
  [0x05A000, 0x05A3FF, 'MDV'], // Maldives
  [0x05C000, 0x05CFFF, 'MLI'], // Mali
  [0x05E000, 0x05E3FF, 'MRT'], // Mauritania
  [0x060000, 0x0603FF, 'MUS'], // Mauritius
  [0x062000, 0x062FFF, 'NER'], // Niger
  [0x064000, 0x064FFF, 'NGA'], // Nigeria
  [0x068000, 0x068FFF, 'UGA'], // Uganda
  [0x06A000, 0x06A3FF, 'QAT'], // Qatar
  [0x06C000, 0x06CFFF, 'CAF'], // Central African Republic
  [0x06E000, 0x06EFFF, 'RWA'], // Rwanda
  [0x070000, 0x070FFF, 'SEN'], // Senegal
  [0x074000, 0x0743FF, 'SYC'], // Seychelles
  [0x076000, 0x0763FF, 'SLE'], // Sierra Leone
  [0x078000, 0x078FFF, 'SOM'], // Somalia
  [0x07A000, 0x07A3FF, 'SWZ'], // Eswatini
  [0x07C000, 0x07CFFF, 'SDN'], // Sudan
  [0x080000, 0x080FFF, 'TZA'], // Tanzania
  [0x084000, 0x084FFF, 'TCD'], // Chad
  [0x088000, 0x088FFF, 'TGO'], // Togo
  [0x08A000, 0x08AFFF, 'ZMB'], // Zambia
  [0x08C000, 0x08CFFF, 'COD'], // Democratic Republic of the Congo
  [0x090000, 0x090FFF, 'AGO'], // Angola
  [0x094000, 0x0943FF, 'BEN'], // Benin
  [0x096000, 0x0963FF, 'CPV'], // Cabo Verde
  [0x098000, 0x0983FF, 'DJI'], // Djibouti
  [0x09A000, 0x09AFFF, 'GMB'], // Gambia
  [0x09C000, 0x09CFFF, 'BFA'], // Burkina Faso
  [0x09E000, 0x09E3FF, 'STP'], // Sao Tome and Principe
  [0x0A0000, 0x0A7FFF, 'DZA'], // Algeria
  [0x0A8000, 0x0A8FFF, 'BHS'], // Bahamas
  [0x0AA000, 0x0AA3FF, 'BRB'], // Barbados
  [0x0AB000, 0x0AB3FF, 'BLZ'], // Belize
  [0x0AC000, 0x0ACFFF, 'COL'], // Colombia
  [0x0AE000, 0x0AEFFF, 'CRI'], // Costa Rica
  [0x0B0000, 0x0B0FFF, 'CUB'], // Cuba
  [0x0B2000, 0x0B2FFF, 'SLV'], // El Salvador
  [0x0B4000, 0x0B4FFF, 'GTM'], // Guatemala
  [0x0B6000, 0x0B6FFF, 'GUY'], // Guyana
  [0x0B8000, 0x0B8FFF, 'HTI'], // Haiti
  [0x0BA000, 0x0BAFFF, 'HND'], // Honduras
  [0x0BC000, 0x0BC3FF, 'VCT'], // Saint Vincent and the Grenadines
  [0x0BE000, 0x0BEFFF, 'JAM'], // Jamaica
  [0x0C0000, 0x0C0FFF, 'NIC'], // Nicaragua
  [0x0C2000, 0x0C2FFF, 'PAN'], // Panama
  [0x0C4000, 0x0C4FFF, 'DOM'], // Dominican Republic
  [0x0C6000, 0x0C6FFF, 'TTO'], // Trinidad and Tobago
  [0x0C8000, 0x0C8FFF, 'SUR'], // Suriname
  [0x0CA000, 0x0CA3FF, 'ATG'], // Antigua and Barbuda
  [0x0CC000, 0x0CC3FF, 'GRD'], // Grenada
  [0x0D0000, 0x0D7FFF, 'MEX'], // Mexico
  [0x0D8000, 0x0DFFFF, 'VEN'], // Venezuela
  [0x100000, 0x1FFFFF, 'RUS'], // Russian Federation
  [0x201000, 0x2013FF, 'NAM'], // Namibia
  [0x202000, 0x2023FF, 'ERI'], // Eritrea
  [0x300000, 0x33FFFF, 'ITA'], // Italy
  [0x340000, 0x37FFFF, 'ESP'], // Spain
  [0x380000, 0x3BFFFF, 'FRA'], // France
  [0x3C0000, 0x3FFFFF, 'DEU'], // Germany
  [0x400000, 0x43FFFF, 'GBR'], // United Kingdom
  [0x440000, 0x447FFF, 'AUT'], // Austria
  [0x448000, 0x44FFFF, 'BEL'], // Belgium
  [0x450000, 0x457FFF, 'BGR'], // Bulgaria
  [0x458000, 0x45FFFF, 'DNK'], // Denmark
  [0x460000, 0x467FFF, 'FIN'], // Finland
  [0x468000, 0x46FFFF, 'GRC'], // Greece
  [0x470000, 0x477FFF, 'HUN'], // Hungary
  [0x478000, 0x47FFFF, 'NOR'], // Norway
  [0x480000, 0x487FFF, 'NLD'], // Netherlands
  [0x488000, 0x48FFFF, 'POL'], // Poland
  [0x490000, 0x497FFF, 'PRT'], // Portugal
  [0x498000, 0x49FFFF, 'CZE'], // Czech Republic
  [0x4A0000, 0x4A7FFF, 'ROU'], // Romania
  [0x4A8000, 0x4AFFFF, 'SWE'], // Sweden
  [0x4B0000, 0x4B7FFF, 'CHE'], // Switzerland
  [0x4B8000, 0x4BFFFF, 'TUR'], // Türkiye
  [0x4C0000, 0x4C7FFF, 'SRB'], // Serbia (allocated to Yugoslavia)
  [0x4C8000, 0x4C83FF, 'CYP'], // Cyprus
  [0x4CA000, 0x4CAFFF, 'IRL'], // Ireland
  [0x4CC000, 0x4CCFFF, 'ISL'], // Iceland
  [0x4D0000, 0x4D03FF, 'LUX'], // Luxembourg
  [0x4D2000, 0x4D23FF, 'MLT'], // Malta
  [0x4D4000, 0x4D43FF, 'MCO'], // Monaco
  [0x500000, 0x5003FF, 'SMR'], // San Marino
  [0x501000, 0x5013FF, 'ALB'], // Albania
  [0x501C00, 0x501FFF, 'HRV'], // Croatia
  [0x502C00, 0x502FFF, 'LVA'], // Latvia
  [0x503C00, 0x503FFF, 'LTU'], // Lithuania
  [0x504C00, 0x504FFF, 'MDA'], // Moldova
  [0x505C00, 0x505FFF, 'SVK'], // Slovakia
  [0x506C00, 0x506FFF, 'SVN'], // Slovenia
  [0x507C00, 0x507FFF, 'UZB'], // Uzbekistan
  [0x508000, 0x50FFFF, 'UKR'], // Ukraine
  [0x510000, 0x5103FF, 'BLR'], // Belarus
  [0x511000, 0x5113FF, 'EST'], // Estonia
  [0x512000, 0x5123FF, 'MKD'], // North Macedonia
  [0x513000, 0x5133FF, 'BIH'], // Bosnia and Herzegovina
  [0x514000, 0x5143FF, 'GEO'], // Georgia
  [0x515000, 0x5153FF, 'TJK'], // Tajikistan
  [0x516000, 0x5163FF, 'MNE'], // Montenegro
  [0x600000, 0x6003FF, 'ARM'], // Armenia
  [0x600800, 0x600BFF, 'AZE'], // Azerbaijan
  [0x601000, 0x6013FF, 'KGZ'], // Kyrgyzstan
  [0x601800, 0x601BFF, 'TKM'], // Turkmenistan
  [0x680000, 0x6803FF, 'BTN'], // Bhutan
  [0x681000, 0x6813FF, 'FSM'], // Micronesia
  [0x682000, 0x6823FF, 'MNG'], // Mongolia
  [0x683000, 0x6833FF, 'KAZ'], // Kazakhstan
  [0x684000, 0x6843FF, 'PLW'], // Palau
  [0x700000, 0x700FFF, 'AFG'], // Afghanistan
  [0x702000, 0x702FFF, 'BGD'], // Bangladesh
  [0x704000, 0x704FFF, 'MMR'], // Myanmar
  [0x706000, 0x706FFF, 'KWT'], // Kuwait
  [0x708000, 0x708FFF, 'LAO'], // Lao People's Democratic Republic
  [0x70A000, 0x70AFFF, 'NPL'], // Nepal
  [0x70C000, 0x70C3FF, 'OMN'], // Oman
  [0x70E000, 0x70EFFF, 'KHM'], // Cambodia
  [0x710000, 0x717FFF, 'SAU'], // Saudi Arabia
  [0x718000, 0x71FFFF, 'KOR'], // Republic of Korea
  [0x720000, 0x727FFF, 'PRK'], // Democratic People's Republic of Korea
  [0x728000, 0x72FFFF, 'IRQ'], // Iraq
  [0x730000, 0x737FFF, 'IRN'], // Iran
  [0x738000, 0x73FFFF, 'ISR'], // Israel
  [0x740000, 0x747FFF, 'JOR'], // Jordan
  [0x748000, 0x74FFFF, 'LBN'], // Lebanon
  [0x750000, 0x757FFF, 'MYS'], // Malaysia
  [0x758000, 0x75FFFF, 'PHL'], // Philippines
  [0x760000, 0x767FFF, 'PAK'], // Pakistan
  [0x768000, 0x76FFFF, 'SGP'], // Singapore
  [0x770000, 0x777FFF, 'LKA'], // Sri Lanka
  [0x778000, 0x77FFFF, 'SYR'], // Syrian Arab Republic
  [0x780000, 0x7BFFFF, 'CHN'], // China
  [0x7C0000, 0x7FFFFF, 'AUS'], // Australia
  [0x800000, 0x83FFFF, 'IND'], // India
  [0x840000, 0x87FFFF, 'JPN'], // Japan
  [0x880000, 0x887FFF, 'THA'], // Thailand
  [0x888000, 0x88FFFF, 'VNM'], // Viet Nam
  [0x890000, 0x890FFF, 'YEM'], // Yemen
  [0x894000, 0x894FFF, 'BHR'], // Bahrain
  [0x895000, 0x8953FF, 'BRN'], // Brunei Darussalam
  [0x896000, 0x896FFF, 'ARE'], // United Arab Emirates
  [0x897000, 0x8973FF, 'SLB'], // Solomon Islands
  [0x898000, 0x898FFF, 'PNG'], // Papua New Guinea
  [0x899000, 0x8993FF, 'TWN'], // Taiwan (in use, not in the Annex table)
  [0x8A0000, 0x8A7FFF, 'IDN'], // Indonesia
  [0x900000, 0x9003FF, 'MHL'], // Marshall Islands
  [0x901000, 0x9013FF, 'COK'], // Cook Islands
  [0x902000, 0x9023FF, 'WSM'], // Samoa
  [0xA00000, 0xAFFFFF, 'USA'], // United States
  [0xC00000, 0xC3FFFF, 'CAN'], // Canada
  [0xC80000, 0xC87FFF, 'NZL'], // New Zealand
  [0xC88000, 0xC88FFF, 'FJI'], // Fiji
  [0xC8A000, 0xC8A3FF, 'NRU'], // Nauru
  [0xC8C000, 0xC8C3FF, 'LCA'], // Saint Lucia
  [0xC8D000, 0xC8D3FF, 'TON'], // Tonga
  [0xC8E000, 0xC8E3FF, 'KIR'], // Kiribati
  [0xC90000, 0xC903FF, 'VUT'], // Vanuatu
  [0xE00000, 0xE3FFFF, 'ARG'], // Argentina
  [0xE40000, 0xE7FFFF, 'BRA'], // Brazil
  [0xE80000, 0xE80FFF, 'CHL'], // Chile
  [0xE84000, 0xE84FFF, 'ECU'], // Ecuador
  [0xE88000, 0xE88FFF, 'PRY'], // Paraguay
  [0xE8C000, 0xE8CFFF, 'PER'], // Peru
  [0xE90000, 0xE90FFF, 'URY'], // Uruguay
  [0xE94000, 0xE94FFF, 'BOL'], // Bolivia
];

/** One address range publicly documented as belonging to a State's military aircraft. */
export interface MilitaryIcaoRange {
  /** First address of the range. */
  readonly start: number;
  /** Last address of the range (inclusive). */
  readonly end: number;
  /** ISO 3166-1 alpha-3 of the State whose block holds the range. */
  readonly flag: string;
  /** Where the allocation is documented. */
  readonly source: string;
}

/**
 * Sub-ranges of State blocks used by military aircraft, in ascending order.
 *
 * ADVISORY. ICAO publishes no military allocations: each State assigns addresses inside
 * its own block, and few publish which. These ranges are the well-established ones that
 * the open ADS-B tracking community documents from observed State aircraft (the military
 * flagging of tar1090 and ADS-B Exchange); the US one also follows from the FAA's
 * published N-number scheme. Less certain ranges (e.g. Turkey's) are left out. A military
 * aircraft may use an address outside them, and a civil one may sit inside: use this as
 * one signal among others; the analyst registry overrides it.
 */
export const MILITARY_ICAO_RANGES: readonly MilitaryIcaoRange[] = [
  {
    start: 0x33ff00, end: 0x33ffff, flag: 'ITA',
    source: 'Italian Air Force (Aeronautica Militare), top of the Italian block; ADS-B tracking community',
  },
  {
    start: 0x3aa000, end: 0x3affff, flag: 'FRA',
    source: 'French State/military aircraft; ADS-B tracking community',
  },
  {
    start: 0x3b7000, end: 0x3bffff, flag: 'FRA',
    source: 'French Air and Space Force and Navy, top of the French block; ADS-B tracking community',
  },
  {
    start: 0x3ea000, end: 0x3ebfff, flag: 'DEU',
    source: 'German Armed Forces (Bundeswehr); ADS-B tracking community',
  },
  {
    start: 0x3f4000, end: 0x3fbfff, flag: 'DEU',
    source: 'German Air Force (Luftwaffe) and Army; ADS-B tracking community',
  },
  {
    start: 0x43c000, end: 0x43cfff, flag: 'GBR',
    source: 'UK military (RAF, Royal Navy, Army Air Corps); ADS-B tracking community',
  },
  {
    start: 0x4b7000, end: 0x4b7fff, flag: 'CHE',
    source: 'Swiss Air Force, top of the Swiss block; ADS-B tracking community',
  },
  {
    start: 0xadf7c8, end: 0xafffff, flag: 'USA',
    source: 'US block above N99999 (0xADF7C7), the last address of the FAA N-number scheme; used by US military and government aircraft',
  },
];

// Struct-of-arrays copies of the tables for the binary search. 188 + 8 rows: about 2 KiB.
const BLOCK_FIRST = new Uint32Array(ICAO_ALLOCATIONS.map((row) => row[0]));
const BLOCK_LAST = new Uint32Array(ICAO_ALLOCATIONS.map((row) => row[1]));
const BLOCK_FLAGS: readonly string[] = [...new Set(ICAO_ALLOCATIONS.map((row) => row[2]))];
const BLOCK_FLAG_INDEX = new Uint16Array(ICAO_ALLOCATIONS.map((row) => BLOCK_FLAGS.indexOf(row[2])));
const MILITARY_FIRST = new Uint32Array(MILITARY_ICAO_RANGES.map((range) => range.start));
const MILITARY_LAST = new Uint32Array(MILITARY_ICAO_RANGES.map((range) => range.end));

/** Largest 24-bit address. */
const MAX_ADDRESS = 0xffffff;

/**
 * Index of the range holding `address`, or -1: binary search for the last range whose
 * first address is at or below it, then a check against its last address.
 */
function findRange(first: Uint32Array, last: Uint32Array, address: number): number {
  let lo = 0;
  let hi = first.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (first[mid]! <= address) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found >= 0 && address <= last[found]! ? found : -1;
}

function isAddress(address: number): boolean {
  return Number.isInteger(address) && address >= 0 && address <= MAX_ADDRESS;
}

/**
 * Flag state (ISO 3166-1 alpha-3) of the State whose ICAO block holds an aircraft address.
 *
 * @param address ICAO 24-bit aircraft address, 0x000000–0xFFFFFF
 * @returns the flag, or undefined for unallocated blocks and non-addresses
 * @example flagFromIcao(0x508123) // 'UKR'
 * @example flagFromIcao(0xf00001) // undefined (ICAO reserve)
 */
export function flagFromIcao(address: number): string | undefined {
  if (!isAddress(address)) return undefined;
  const i = findRange(BLOCK_FIRST, BLOCK_LAST, address);
  return i < 0 ? undefined : BLOCK_FLAGS[BLOCK_FLAG_INDEX[i]!];
}

/**
 * Whether an aircraft address lies in one of the {@link MILITARY_ICAO_RANGES}. Advisory:
 * false does not mean civil.
 *
 * @param address ICAO 24-bit aircraft address, 0x000000–0xFFFFFF
 * @example isMilitaryIcao(0x43c123) // true
 * @example isMilitaryIcao(0x400123) // false
 */
export function isMilitaryIcao(address: number): boolean {
  return isAddress(address) && findRange(MILITARY_FIRST, MILITARY_LAST, address) >= 0;
}
