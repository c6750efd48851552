/**
 * AIS message encoders for the simulator: position reports (types 1, 2, 3 and 18), static and
 * voyage data (type 5) and class B static data (type 24 parts A and B), per ITU-R M.1371-5
 * Annex 8 §3; field layouts as tabulated in gpsd's AIVDM/AIVDO protocol decoding
 * (https://gpsd.gitlab.io/gpsd/AIVDM.html#_types_1_2_and_3_position_report_class_a).
 *
 * Inputs are in natural units (degrees, knots, metres); each encoder scales them once to the
 * raw integers of the message, writing the standard "not available" sentinel for `null`
 * (lat 91°, lon 181°, SOG 1023, COG 3600, heading 511, ROT −128, second 60). Layouts are
 * data: one `const` table per message, `[field, bits, kind]`, written by one loop.
 *
 * @module
 */
import { BitWriter, type AisBits } from './bit-writer.js';

/** Field kinds: unsigned, signed (two's complement), boolean, 6-bit text (bits = 6 × chars), spare. */
type FieldKind = 'u' | 'i' | 'b' | 't' | 'x';

/** One row of a message layout: name, width in bits, kind. */
type Field = readonly [name: string, bits: number, kind: FieldKind];

/** Raw field values of one message, keyed by field name. */
type RawFields = Record<string, number | boolean | string>;

/** Types 1, 2, 3: position report, class A — 168 bits. */
const POSITION_A_FIELDS: readonly Field[] = [
  ['type', 6, 'u'],
  ['repeat', 2, 'u'],
  ['mmsi', 30, 'u'],
  ['status', 4, 'u'],
  ['turn', 8, 'i'],
  ['speed', 10, 'u'],
  ['accuracy', 1, 'b'],
  ['lon', 28, 'i'],
  ['lat', 27, 'i'],
  ['course', 12, 'u'],
  ['heading', 9, 'u'],
  ['second', 6, 'u'],
  ['maneuver', 2, 'u'],
  ['spare', 3, 'x'],
  ['raim', 1, 'b'],
  ['radio', 19, 'u'],
];

/** Type 5: static and voyage related data — 424 bits (71 characters, 2 fill bits). */
const STATIC_VOYAGE_FIELDS: readonly Field[] = [
  ['type', 6, 'u'],
  ['repeat', 2, 'u'],
  ['mmsi', 30, 'u'],
  ['ais_version', 2, 'u'],
  ['imo', 30, 'u'],
  ['callsign', 42, 't'],
  ['shipname', 120, 't'],
  ['shiptype', 8, 'u'],
  ['to_bow', 9, 'u'],
  ['to_stern', 9, 'u'],
  ['to_port', 6, 'u'],
  ['to_starboard', 6, 'u'],
  ['epfd', 4, 'u'],
  ['month', 4, 'u'],
  ['day', 5, 'u'],
  ['hour', 5, 'u'],
  ['minute', 6, 'u'],
  ['draught', 8, 'u'],
  ['destination', 120, 't'],
  ['dte', 1, 'b'],
  ['spare', 1, 'x'],
];

/** Type 18: standard class B position report — 168 bits. */
const POSITION_B_FIELDS: readonly Field[] = [
  ['type', 6, 'u'],
  ['repeat', 2, 'u'],
  ['mmsi', 30, 'u'],
  ['reserved', 8, 'x'],
  ['speed', 10, 'u'],
  ['accuracy', 1, 'b'],
  ['lon', 28, 'i'],
  ['lat', 27, 'i'],
  ['course', 12, 'u'],
  ['heading', 9, 'u'],
  ['second', 6, 'u'],
  ['regional', 2, 'u'],
  ['cs', 1, 'b'],
  ['display', 1, 'b'],
  ['dsc', 1, 'b'],
  ['band', 1, 'b'],
  ['msg22', 1, 'b'],
  ['assigned', 1, 'b'],
  ['raim', 1, 'b'],
  ['radio', 20, 'u'],
];

/** Type 24 part A: class B static data, name — 160 bits (27 characters, 2 fill bits). */
const STATIC_B_PART_A_FIELDS: readonly Field[] = [
  ['type', 6, 'u'],
  ['repeat', 2, 'u'],
  ['mmsi', 30, 'u'],
  ['partno', 2, 'u'],
  ['shipname', 120, 't'],
];

/** Type 24 part B: ship type, vendor, call sign, dimensions — 168 bits. */
const STATIC_B_PART_B_FIELDS: readonly Field[] = [
  ['type', 6, 'u'],
  ['repeat', 2, 'u'],
  ['mmsi', 30, 'u'],
  ['partno', 2, 'u'],
  ['shiptype', 8, 'u'],
  ['vendorid', 18, 't'],
  ['model', 4, 'u'],
  ['serial', 20, 'u'],
  ['callsign', 42, 't'],
  ['to_bow', 9, 'u'],
  ['to_stern', 9, 'u'],
  ['to_port', 6, 'u'],
  ['to_starboard', 6, 'u'],
  ['spare', 6, 'x'],
];

/** Type 24 part B for an auxiliary craft: the dimensions' 30 bits hold the mothership's MMSI. */
const STATIC_B_PART_B_AUX_FIELDS: readonly Field[] = [
  ...STATIC_B_PART_B_FIELDS.slice(0, 9),
  ['mothership_mmsi', 30, 'u'],
  ['spare', 6, 'x'],
];

/** Total bits of a layout, computed once per table. */
const LAYOUT_BITS = new WeakMap<readonly Field[], number>();
const bitsOf = (fields: readonly Field[]): number => {
  let n = LAYOUT_BITS.get(fields);
  if (n === undefined) {
    n = fields.reduce((sum, f) => sum + f[1], 0);
    LAYOUT_BITS.set(fields, n);
  }
  return n;
};

/** Writes `raw` according to `fields`; a missing value is written as zero. */
function writeFields(fields: readonly Field[], raw: RawFields): BitWriter {
  const w = new BitWriter(bitsOf(fields));
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] as Field;
    const bits = field[1];
    const v = raw[field[0]];
    switch (field[2]) {
      case 'u':
        w.writeUint(typeof v === 'number' ? v : 0, bits);
        break;
      case 'i':
        w.writeInt(typeof v === 'number' ? v : 0, bits);
        break;
      case 'b':
        w.writeBool(v === true);
        break;
      case 't':
        w.writeText(typeof v === 'string' ? v : '', bits / 6);
        break;
      case 'x':
        w.skip(bits);
        break;
    }
  }
  return w;
}

// Scaling, once, with the M.1371 sentinels for "not available".

/** Longitude not available: 181° (0x6791AC0 in 1/10000 min). */
export const LON_NOT_AVAILABLE_RAW = 181 * 600_000;
/** Latitude not available: 91° (0x3412140 in 1/10000 min). */
export const LAT_NOT_AVAILABLE_RAW = 91 * 600_000;
/** SOG not available: 1023 (102.3 kn). */
export const SOG_NOT_AVAILABLE_RAW = 1023;
/** COG not available: 3600 (360.0°). */
export const COG_NOT_AVAILABLE_RAW = 3600;
/** True heading not available: 511. */
export const HEADING_NOT_AVAILABLE_RAW = 511;
/** Rate of turn not available: −128 (0x80). */
export const ROT_NOT_AVAILABLE_RAW = -128;
/** Time stamp (UTC second) not available: 60. */
export const SECOND_NOT_AVAILABLE_RAW = 60;

const clamp = (v: number, lo: number, hi: number): number => (v < lo ? lo : v > hi ? hi : v);

/** Degrees → 1/10000 minute (1/600000 degree), the AIS position unit. */
const lonRaw = (lon: number | null): number =>
  lon === null ? LON_NOT_AVAILABLE_RAW : clamp(Math.round(lon * 600_000), -180 * 600_000, 180 * 600_000);
const latRaw = (lat: number | null): number =>
  lat === null ? LAT_NOT_AVAILABLE_RAW : clamp(Math.round(lat * 600_000), -90 * 600_000, 90 * 600_000);
/** Knots → 0.1 kn; 102.2 means 102.2 kn or more. */
const sogRaw = (sogKn: number | null): number =>
  sogKn === null ? SOG_NOT_AVAILABLE_RAW : clamp(Math.round(sogKn * 10), 0, 1022);
/** Degrees → 0.1°, in [0, 3599]. */
const cogRaw = (cogDeg: number | null): number => {
  if (cogDeg === null) return COG_NOT_AVAILABLE_RAW;
  const r = Math.round(cogDeg * 10) % 3600;
  return r < 0 ? r + 3600 : r;
};
const headingRaw = (headingDeg: number | null): number => {
  if (headingDeg === null) return HEADING_NOT_AVAILABLE_RAW;
  const r = Math.round(headingDeg) % 360;
  return r < 0 ? r + 360 : r;
};
const secondRaw = (second: number | null): number => (second === null ? SECOND_NOT_AVAILABLE_RAW : clamp(second, 0, 63));

/**
 * Rate of turn in degrees per minute → the AIS ROT indicator, 4.733 × √|ROT| with the sign
 * of the turn, capped at ±126 (±708°/min); `null` → −128 (no turn information).
 * @example rotToRaw(10) // 15
 */
export function rotToRaw(rotDegPerMin: number | null): number {
  if (rotDegPerMin === null) return ROT_NOT_AVAILABLE_RAW;
  const r = Math.round(4.733 * Math.sqrt(Math.abs(rotDegPerMin)));
  return Math.sign(rotDegPerMin) * Math.min(r, 126);
}

/** Hull dimensions from the position reference point, in metres. */
export interface ShipDimensions {
  /** 0..511 m (511 = 511 m or more). */
  toBowM: number;
  /** 0..511 m. */
  toSternM: number;
  /** 0..63 m (63 = 63 m or more). */
  toPortM: number;
  /** 0..63 m. */
  toStarboardM: number;
}

const dimensionRaw = (d: ShipDimensions): RawFields => ({
  to_bow: clamp(Math.round(d.toBowM), 0, 511),
  to_stern: clamp(Math.round(d.toSternM), 0, 511),
  to_port: clamp(Math.round(d.toPortM), 0, 63),
  to_starboard: clamp(Math.round(d.toStarboardM), 0, 63),
});

/** Fields common to every message. */
interface MessageHeader {
  /** 0..3, how often the message was repeated; 0 for a direct transmission. */
  repeat?: number;
  /** 9-digit Maritime Mobile Service Identity (30-bit field). */
  mmsi: number;
}

/** Types 1, 2, 3: class A position report. `null` means "not available". */
export interface PositionReportA extends MessageHeader {
  /** 1 = scheduled (SOTDMA), 2 = assigned, 3 = in response to interrogation (ITDMA). */
  type: 1 | 2 | 3;
  /** Navigational status 0..15 (0 under way using engine, 1 at anchor, 5 moored, 7 fishing, 15 undefined). */
  navStatus: number;
  /** Rate of turn in °/min, positive to starboard; `null` = not available. */
  rotDegPerMin: number | null;
  /** Speed over ground in knots (0.1 kn resolution). */
  sogKn: number | null;
  /** Position accuracy flag: true = high (< 10 m, DGNSS). */
  accuracy: boolean;
  lon: number | null;
  lat: number | null;
  /** Course over ground in degrees (0.1° resolution). */
  cogDeg: number | null;
  /** True heading in whole degrees. */
  headingDeg: number | null;
  /** UTC second of the position fix, 0..59; `null` = not available (60). */
  second: number | null;
  /** Special manoeuvre indicator 0..2. */
  maneuver?: number;
  raim?: boolean;
  /** 19-bit SOTDMA/ITDMA communication state. */
  radio?: number;
}

/**
 * Encodes a class A position report (types 1, 2 and 3), 168 bits.
 * @example
 * armour(encodePositionReportA({ type: 1, mmsi: 272123456, navStatus: 0, rotDegPerMin: 0, sogKn: 11.3,
 *   accuracy: false, lon: 30.75, lat: 46.49, cogDeg: 201.4, headingDeg: 202, second: 14 })).payload.length // 28
 */
export function encodePositionReportA(m: PositionReportA): AisBits {
  return writeFields(POSITION_A_FIELDS, {
    type: m.type,
    repeat: m.repeat ?? 0,
    mmsi: m.mmsi,
    status: m.navStatus,
    turn: rotToRaw(m.rotDegPerMin),
    speed: sogRaw(m.sogKn),
    accuracy: m.accuracy,
    lon: lonRaw(m.lon),
    lat: latRaw(m.lat),
    course: cogRaw(m.cogDeg),
    heading: headingRaw(m.headingDeg),
    second: secondRaw(m.second),
    maneuver: m.maneuver ?? 0,
    raim: m.raim ?? false,
    radio: m.radio ?? 0,
  });
}

/** Estimated time of arrival, UTC, without a year (as AIS carries it). */
export interface AisEta {
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
  /** 0..23 */
  hour: number;
  /** 0..59 */
  minute: number;
}

/** Type 5: static and voyage related data of a class A station. */
export interface StaticVoyageData extends MessageHeader {
  /** AIS version indicator: 0 = M.1371-1, 1 = -3, 2 = -5. Default 2. */
  aisVersion?: number;
  /** IMO number, 7 digits; 0 = not available. */
  imo: number;
  /** Up to 7 characters. */
  callsign: string;
  /** Up to 20 characters. */
  name: string;
  /** Ship and cargo type 0..99 (e.g. 70 cargo, 80 tanker, 35 military, 55 law enforcement). */
  shipType: number;
  dimensions: ShipDimensions;
  /** Type of position fixing device: 1 = GPS (default). */
  epfd?: number;
  /** `null` = not available. */
  eta: AisEta | null;
  /** Maximum present static draught in metres (0.1 m, up to 25.5 m); `null` = not available. */
  draughtM: number | null;
  /** Up to 20 characters. */
  destination: string;
  /** Data terminal equipment ready (false = available). */
  dte?: boolean;
}

/**
 * Encodes static and voyage related data (type 5), 424 bits: 71 payload characters with
 * 2 fill bits, so two sentences on the wire.
 */
export function encodeStaticVoyageData(m: StaticVoyageData): AisBits {
  return writeFields(STATIC_VOYAGE_FIELDS, {
    type: 5,
    repeat: m.repeat ?? 0,
    mmsi: m.mmsi,
    ais_version: m.aisVersion ?? 2,
    imo: m.imo,
    callsign: m.callsign,
    shipname: m.name,
    shiptype: m.shipType,
    ...dimensionRaw(m.dimensions),
    epfd: m.epfd ?? 1,
    month: m.eta?.month ?? 0,
    day: m.eta?.day ?? 0,
    hour: m.eta?.hour ?? 24,
    minute: m.eta?.minute ?? 60,
    draught: m.draughtM === null ? 0 : clamp(Math.round(m.draughtM * 10), 0, 255),
    destination: m.destination,
    dte: m.dte ?? false,
  });
}

/** Type 18: class B position report. `null` means "not available". */
export interface PositionReportB extends MessageHeader {
  sogKn: number | null;
  accuracy: boolean;
  lon: number | null;
  lat: number | null;
  cogDeg: number | null;
  headingDeg: number | null;
  second: number | null;
  /** Class B unit flag: true = carrier-sense (CS) unit (default), false = SOTDMA. */
  csUnit?: boolean;
  /** Has a display for messages 12 and 14. */
  display?: boolean;
  /** Has a DSC function. */
  dsc?: boolean;
  /** Can use the whole marine band. */
  band?: boolean;
  /** Accepts channel management by message 22. */
  msg22?: boolean;
  /** Assigned mode. */
  assigned?: boolean;
  raim?: boolean;
  /** 20-bit communication state. */
  radio?: number;
}

/** Encodes a standard class B position report (type 18), 168 bits. */
export function encodePositionReportB(m: PositionReportB): AisBits {
  return writeFields(POSITION_B_FIELDS, {
    type: 18,
    repeat: m.repeat ?? 0,
    mmsi: m.mmsi,
    speed: sogRaw(m.sogKn),
    accuracy: m.accuracy,
    lon: lonRaw(m.lon),
    lat: latRaw(m.lat),
    course: cogRaw(m.cogDeg),
    heading: headingRaw(m.headingDeg),
    second: secondRaw(m.second),
    regional: 0,
    cs: m.csUnit ?? true,
    display: m.display ?? false,
    dsc: m.dsc ?? false,
    band: m.band ?? true,
    msg22: m.msg22 ?? false,
    assigned: m.assigned ?? false,
    raim: m.raim ?? false,
    // 393222 (0x60006): the fixed communication state that carrier-sense units send.
    radio: m.radio ?? ((m.csUnit ?? true) ? 393222 : 0),
  });
}

/** Type 24 part A: the name of a class B station. */
export interface StaticDataPartA extends MessageHeader {
  /** Up to 20 characters. */
  name: string;
}

/** Encodes class B static data part A (type 24, part 0), 160 bits: 27 characters, 2 fill bits. */
export function encodeStaticDataBPartA(m: StaticDataPartA): AisBits {
  return writeFields(STATIC_B_PART_A_FIELDS, { type: 24, repeat: m.repeat ?? 0, mmsi: m.mmsi, partno: 0, shipname: m.name });
}

/** Type 24 part B: ship type, equipment vendor, call sign and dimensions of a class B station. */
export interface StaticDataPartB extends MessageHeader {
  shipType: number;
  /** Manufacturer's id, up to 3 characters. */
  vendorId: string;
  /** Unit model code 0..15. */
  model?: number;
  /** Unit serial number 0..1048575. */
  serial?: number;
  /** Up to 7 characters. */
  callsign: string;
  dimensions: ShipDimensions;
  /**
   * For an auxiliary craft (MMSI 98MIDxxxx): the parent ship's MMSI, sent instead of the
   * dimensions.
   */
  mothershipMmsi?: number;
}

/** Encodes class B static data part B (type 24, part 1), 168 bits. */
export function encodeStaticDataBPartB(m: StaticDataPartB): AisBits {
  const common: RawFields = {
    type: 24,
    repeat: m.repeat ?? 0,
    mmsi: m.mmsi,
    partno: 1,
    shiptype: m.shipType,
    vendorid: m.vendorId,
    model: m.model ?? 0,
    serial: m.serial ?? 0,
    callsign: m.callsign,
  };
  if (m.mothershipMmsi !== undefined) {
    return writeFields(STATIC_B_PART_B_AUX_FIELDS, { ...common, mothership_mmsi: m.mothershipMmsi });
  }
  return writeFields(STATIC_B_PART_B_FIELDS, { ...common, ...dimensionRaw(m.dimensions) });
}
