/**
 * Plausible Black Sea vessel identities for background traffic: MMSIs with the MIDs of the
 * coastal states and the usual flags of convenience, matching call-sign prefixes (ITU Radio
 * Regulations Appendix 42), IMO numbers with a valid check digit, names, ship types and hull
 * dimensions by role, and the lane each vessel works.
 *
 * @module
 */
import type { ShipDimensions } from './ais-encode.js';
import type { VesselIdentity } from './actor.js';
import { LANES, type Lane, type LaneUse } from './black-sea.js';
import type { Prng } from './prng.js';

/** What a background vessel does, which sets its type, speed, size and lane. */
export type VesselRole = 'cargo' | 'tanker' | 'passenger' | 'tug' | 'fishing' | 'military' | 'law-enforcement' | 'leisure';

/** A flag state's MIDs (MMSI prefixes) and call-sign prefixes. */
interface FlagData {
  mids: readonly number[];
  callsignPrefixes: readonly string[];
}

/** Flags seen in the Black Sea: the coastal states and the main open registries. */
const FLAGS: Readonly<Record<string, FlagData>> = {
  UKR: { mids: [272], callsignPrefixes: ['UR', 'US', 'UT', 'UV', 'EM', 'EN'] },
  TUR: { mids: [271], callsignPrefixes: ['TC', 'TB', 'TA', 'YM'] },
  ROU: { mids: [264], callsignPrefixes: ['YO', 'YP', 'YQ', 'YR'] },
  BGR: { mids: [207], callsignPrefixes: ['LZ'] },
  GEO: { mids: [213], callsignPrefixes: ['4L'] },
  RUS: { mids: [273], callsignPrefixes: ['UB', 'UC', 'UD', 'UF', 'UG', 'UH', 'RA'] },
  MLT: { mids: [215, 229, 248, 249, 256], callsignPrefixes: ['9H'] },
  PAN: { mids: [351, 352, 353, 354, 355, 356, 357, 370, 371, 372, 373], callsignPrefixes: ['3E', '3F', 'HO', 'HP'] },
  LBR: { mids: [636], callsignPrefixes: ['D5', 'A8', '5L'] },
  MHL: { mids: [538], callsignPrefixes: ['V7'] },
  GRC: { mids: [237, 239, 240, 241], callsignPrefixes: ['SV', 'SX', 'SY', 'SZ'] },
};

/** Merchant flags and their rough share of Black Sea calls (Türkiye and the open registries lead). */
const MERCHANT_FLAGS: readonly (readonly [string, number])[] = [
  ['TUR', 16], ['MLT', 12], ['PAN', 12], ['LBR', 10], ['MHL', 8], ['RUS', 8], ['GRC', 6],
  ['UKR', 6], ['ROU', 4], ['BGR', 4], ['GEO', 3],
];

interface RoleProfile {
  aisClass: 'A' | 'B';
  shipTypes: readonly number[];
  laneUse: LaneUse;
  speedKn: readonly [number, number];
  lengthM: readonly [number, number];
  draughtM: readonly [number, number];
  hasImo: boolean;
}

const PROFILES: Readonly<Record<VesselRole, RoleProfile>> = {
  cargo: { aisClass: 'A', shipTypes: [70, 70, 70, 71, 74, 79], laneUse: 'merchant', speedKn: [9.5, 14], lengthM: [90, 200], draughtM: [6, 11], hasImo: true },
  tanker: { aisClass: 'A', shipTypes: [80, 80, 81, 82, 83, 84], laneUse: 'merchant', speedKn: [10, 13.5], lengthM: [100, 250], draughtM: [7, 14.5], hasImo: true },
  passenger: { aisClass: 'A', shipTypes: [60, 60, 69], laneUse: 'passenger', speedKn: [15, 26], lengthM: [90, 190], draughtM: [4.5, 7], hasImo: true },
  tug: { aisClass: 'A', shipTypes: [52, 52, 31], laneUse: 'harbour', speedKn: [6, 11], lengthM: [24, 36], draughtM: [3, 5], hasImo: true },
  fishing: { aisClass: 'A', shipTypes: [30], laneUse: 'fishing', speedKn: [2.5, 6], lengthM: [18, 45], draughtM: [2.5, 5], hasImo: false },
  military: { aisClass: 'A', shipTypes: [35], laneUse: 'military', speedKn: [9, 18], lengthM: [55, 140], draughtM: [3.5, 6], hasImo: false },
  'law-enforcement': { aisClass: 'A', shipTypes: [55], laneUse: 'patrol', speedKn: [10, 22], lengthM: [28, 85], draughtM: [2, 4.5], hasImo: false },
  leisure: { aisClass: 'B', shipTypes: [37, 37, 36], laneUse: 'leisure', speedKn: [4, 8], lengthM: [8, 22], draughtM: [1.2, 2.8], hasImo: false },
};

/** Share of each class A role in the background fleet. */
const CLASS_A_ROLES: readonly (readonly [VesselRole, number])[] = [
  ['cargo', 42], ['tanker', 28], ['passenger', 5], ['tug', 7], ['fishing', 8], ['law-enforcement', 6], ['military', 4],
];
/** Share of each class B role: mostly yachts, some small fishing boats. */
const CLASS_B_ROLES: readonly (readonly [VesselRole, number])[] = [['leisure', 70], ['fishing', 30]];

const NAME_FIRST = ['BLACK SEA', 'EUXINE', 'ATLANTIC', 'AEGEAN', 'NORDIC', 'GOLDEN', 'SILVER', 'OCEAN', 'SEA', 'STAR', 'GLOBAL', 'PACIFIC', 'MARMARA', 'DANUBE', 'ZEYNEP', 'KAPTAN', 'AGIOS', 'PRINCESS', 'ADMIRAL', 'LADY', 'ORIENT', 'ANATOLIAN', 'BALKAN', 'PONTIC', 'IONIAN'];
const NAME_SECOND = ['SPIRIT', 'VOYAGER', 'PEARL', 'TRADER', 'GRACE', 'HORIZON', 'PIONEER', 'FORTUNE', 'EAGLE', 'WIND', 'DAWN', 'BRIDGE', 'HARMONY', 'UNITY', 'VENTURE', 'EXPRESS', 'MARINER', 'GLORY', 'LIGHT', 'WAVE', 'NIKOLAOS', 'DIMITRIOS', 'MERCY', 'CARRIER', 'LEGEND'];
const FISHING_NAMES = ['REIS', 'KAPTAN', 'DENIZ', 'YILDIZ', 'BEREKET', 'KARDESLER', 'RIZELI', 'SINOPLU', 'DELFIN', 'CHAIKA', 'ZORYA', 'PESCARUS', 'ALBATROS', 'KEFAL', 'HAMSI', 'PALAMUT'];
const LEISURE_NAMES = ['SEA BREEZE', 'BLUE MOON', 'LUNA', 'MARIA', 'ODYSSEY', 'SIRENA', 'AURORA', 'NEPTUN', 'ZEPHYR', 'MISTRAL', 'KALIAKRA', 'BELLA', 'ARGO', 'SOLARIS', 'PERLA', 'VEGA'];
const MILITARY_NAMES: Readonly<Record<string, readonly string[]>> = {
  RUS: ['STROGIY', 'BDITELNY', 'ZORKIY', 'SMELY', 'BYSTRY', 'TVYORDY', 'NADEZHNY', 'SOKOL', 'BERKUT', 'KORSAR', 'STRIZH', 'GROZNY'],
  TUR: ['TCG KARADENIZ', 'TCG BOGAZ', 'TCG YILDIRIM', 'TCG POYRAZ', 'TCG KARAYEL', 'TCG LODOS', 'TCG IMBAT', 'TCG KESIRLI'],
};
const LAW_NAMES: Readonly<Record<string, string>> = {
  TUR: 'SAHIL GUVENLIK', ROU: 'MAI', UKR: 'DOZOR', GEO: 'COAST GUARD P', BGR: 'GRANICHNA POLITSIA', RUS: 'PSKR',
};
const TUG_NAMES = ['HERCULES', 'ATLAS', 'TITAN', 'SAMSON', 'BOREAS', 'VULCAN', 'AJAX', 'TRITON'];
/** Class B transponder vendors (IEC 62287 manufacturer ids). */
const VENDOR_IDS = ['SRT', 'TRM', 'GAR', 'SMT', 'VSP', 'DGM'];

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A background vessel to be built: who it is and what it does. */
export interface VesselSpec {
  identity: VesselIdentity;
  role: VesselRole;
  lane: Lane;
  /** Service speed, knots. */
  speedKn: number;
  /** Present draught, metres. */
  draughtM: number;
}

/**
 * A valid 7-digit IMO number: the last digit is Σ dᵢ·(8−i) over the first six, mod 10.
 * @example imoCheckDigitValid(9074729) // true
 */
export function imoCheckDigitValid(imo: number): boolean {
  const s = String(imo);
  if (!/^\d{7}$/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += Number(s[i]) * (7 - i);
  return sum % 10 === Number(s[6]);
}

function randomImo(rng: Prng): number {
  // Hulls built since the 1980s carry 8xxxxxx–9xxxxxx numbers.
  const first6 = rng.int(850_000, 989_999);
  const s = String(first6);
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += Number(s[i]) * (7 - i);
  return first6 * 10 + (sum % 10);
}

function flagData(flag: string): FlagData {
  const f = FLAGS[flag];
  if (!f) throw new Error(`No MID table for flag ${flag}.`);
  return f;
}

function randomCallsign(rng: Prng, flag: string): string {
  const prefix = rng.pick(flagData(flag).callsignPrefixes);
  if (flag === 'MLT') return `${prefix}${rng.pick([...LETTERS])}${rng.int(1000, 9999)}`;
  let cs = prefix;
  const letters = rng.int(2, 3);
  for (let i = 0; i < letters; i++) cs += rng.pick([...LETTERS]);
  if (rng.chance(0.6)) cs += String(rng.int(1, 9));
  return cs;
}

function lanesFor(use: LaneUse): Lane[] {
  return LANES.filter((l) => l.use.includes(use));
}

function merchantFlag(rng: Prng, lane: Lane): string {
  // Ukrainian-flagged ships do not call at Russian ports, nor Russian ones at Ukrainian ports.
  const ukrainian = lane.id.startsWith('corridor-');
  const russian = lane.from === 'novorossiysk' || lane.to === 'novorossiysk';
  const options = MERCHANT_FLAGS.filter(([f]) => !(ukrainian && f === 'RUS') && !(russian && f === 'UKR'));
  return rng.weighted(options.map(([f]) => f), options.map(([, w]) => w));
}

function flagFor(rng: Prng, role: VesselRole, lane: Lane): string {
  switch (role) {
    case 'cargo':
    case 'tanker':
      return merchantFlag(rng, lane);
    case 'passenger':
      return lane.from === 'batumi' || lane.from === 'poti' ? rng.pick(['GEO', 'TUR', 'MLT']) : rng.pick(['TUR', 'BGR', 'ROU', 'MLT']);
    case 'military':
      return lane.state ?? 'TUR';
    default:
      return lane.state ?? 'TUR';
  }
}

function nameFor(rng: Prng, role: VesselRole, flag: string): string {
  switch (role) {
    case 'military':
      return rng.pick(MILITARY_NAMES[flag] ?? MILITARY_NAMES['TUR'] ?? ['PATROL']);
    case 'law-enforcement':
      return `${LAW_NAMES[flag] ?? 'COAST GUARD'} ${rng.int(101, 999)}`;
    case 'fishing':
      return `${rng.pick(FISHING_NAMES)} ${rng.pick(FISHING_NAMES)} ${rng.int(1, 9)}`;
    case 'leisure':
      return rng.chance(0.5) ? rng.pick(LEISURE_NAMES) : `${rng.pick(LEISURE_NAMES)} ${rng.pick(['I', 'II', 'III', 'IV'])}`;
    case 'tug':
      return `${rng.pick(['VB', 'SVITZER', 'KAPTAN', 'BUKSIR'])} ${rng.pick(TUG_NAMES)} ${rng.int(1, 30)}`;
    case 'passenger':
      return `${rng.pick(['BLACK SEA', 'ANATOLIA', 'GEORGIA', 'EUXINE', 'DOBRUDJA'])} ${rng.pick(['EXPRESS', 'FERRY', 'STAR', 'QUEEN', 'LINE'])}`;
    default:
      return `${rng.pick(NAME_FIRST)} ${rng.pick(NAME_SECOND)}`;
  }
}

function dimensionsFor(rng: Prng, lengthM: number): ShipDimensions {
  const beamM = Math.max(3, Math.round(lengthM * rng.float(0.14, 0.19)));
  const toSternM = Math.round(lengthM * rng.float(0.08, 0.2));
  const toPortM = Math.round(beamM / 2);
  return { toBowM: lengthM - toSternM, toSternM, toPortM, toStarboardM: beamM - toPortM };
}

/**
 * Creates `classA` + `classB` background vessels with unique MMSIs and names.
 * @example createFleet(new Prng(1), 40, 10).length // 50
 */
export function createFleet(rng: Prng, classA: number, classB: number): VesselSpec[] {
  const specs: VesselSpec[] = [];
  const mmsis = new Set<number>();
  const names = new Set<string>();
  const roles: VesselRole[] = [];
  for (let i = 0; i < classA; i++) roles.push(rng.weighted(CLASS_A_ROLES.map(([r]) => r), CLASS_A_ROLES.map(([, w]) => w)));
  for (let i = 0; i < classB; i++) roles.push(rng.weighted(CLASS_B_ROLES.map(([r]) => r), CLASS_B_ROLES.map(([, w]) => w)));
  for (let i = 0; i < roles.length; i++) {
    const role = roles[i] as VesselRole;
    const profile = PROFILES[role];
    const aisClass = i < classA ? 'A' : 'B';
    const lane = rng.pick(lanesFor(profile.laneUse));
    const flag = flagFor(rng, role, lane);
    let mmsi: number;
    do mmsi = rng.pick(flagData(flag).mids) * 1_000_000 + rng.int(100_000, 999_999);
    while (mmsis.has(mmsi));
    mmsis.add(mmsi);
    let name = nameFor(rng, role, flag);
    for (let n = 2; names.has(name); n++) name = `${nameFor(rng, role, flag)}${rng.chance(0.5) ? '' : ` ${n}`}`.slice(0, 20);
    names.add(name);
    const small = aisClass === 'B';
    const lengthM = Math.round(small ? rng.float(7, 16) : rng.float(profile.lengthM[0], profile.lengthM[1]));
    const identity: VesselIdentity = {
      mmsi,
      aisClass,
      name: name.slice(0, 20),
      callsign: randomCallsign(rng, flag),
      imo: profile.hasImo && !small ? randomImo(rng) : 0,
      shipType: rng.pick(profile.shipTypes),
      dimensions: dimensionsFor(rng, lengthM),
      flag,
    };
    const speedKn = rng.float(profile.speedKn[0], small && role === 'fishing' ? 5 : profile.speedKn[1]);
    specs.push({ identity, role, lane, speedKn, draughtM: Math.round(rng.float(profile.draughtM[0], profile.draughtM[1]) * 10) / 10 });
  }
  return specs;
}

/** A vendor id for a class B transponder (type 24 part B). */
export function vendorIdFor(mmsi: number): string {
  return VENDOR_IDS[mmsi % VENDOR_IDS.length] as string;
}
