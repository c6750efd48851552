/**
 * SBS-1 / BaseStation text lines, as dump1090, readsb and Kinetic BaseStation emit them on
 * TCP port 30003: `MSG,type,session,aircraft,HEX,flight,dateGen,timeGen,dateLog,timeLog,
 * callsign,altitude,groundSpeed,track,lat,lon,verticalRate,squawk,alert,emergency,spi,isOnGround`.
 *
 * Spec: Kinetic Avionics "BaseStation socket data" (mirrored at
 * http://woodair.net/sbs/article/barebones42_socket_data.htm); dump1090's `modesSendSBSOutput`.
 */
import type { EngineEvent, Fix } from '../../core/track/observation.js';
import { parseBooleanText, parseDecimal, daysInMonth } from '../field-values.js';
import { LineTally, trimLineEnd, type DecodeSink } from '../line-tally.js';
import { LruMap } from '../lru-map.js';

/** Why an SBS line was not used. */
export const SBS_REJECT_REASONS = [
  'not-sbs',             // first field is not MSG, SEL, ID, AIR, STA or CLK
  'wrong-field-count',   // a MSG line without exactly 22 fields
  'bad-message-type',    // MSG transmission type outside 1–8
  'bad-hex-ident',       // not six hex digits (TIS-B `~` addresses included: they are not ICAO addresses)
  'bad-time',            // no date/time, or an impossible one
  'bad-number',          // a numeric field that is not a number or is out of its range
  'bad-position',        // latitude or longitude out of range, or only one of them
  'line-too-long',       // longer than the line limit
] as const;

export type SbsRejectReason = (typeof SBS_REJECT_REASONS)[number];

/** Zero-based field positions of a MSG line. */
export const SBS_FIELDS = {
  messageType: 0, transmissionType: 1, sessionId: 2, aircraftId: 3, hexIdent: 4, flightId: 5,
  dateGenerated: 6, timeGenerated: 7, dateLogged: 8, timeLogged: 9, callsign: 10, altitudeFt: 11,
  groundSpeedKn: 12, trackDeg: 13, lat: 14, lon: 15, verticalRateFpm: 16, squawk: 17, alert: 18,
  emergency: 19, spi: 20, isOnGround: 21,
} as const;

const FIELD_COUNT = 22;

/**
 * MSG transmission types and the fields each carries (BaseStation spec table). The decoder
 * reads every non-empty field whatever the type, as some forks fill more; the table names
 * the types and says which ones place the aircraft.
 */
export const SBS_TRANSMISSION_TYPES: Record<number, { name: string; fields: readonly (keyof typeof SBS_FIELDS)[] }> = {
  1: { name: 'ES identification and category', fields: ['callsign'] },
  2: { name: 'ES surface position', fields: ['altitudeFt', 'groundSpeedKn', 'trackDeg', 'lat', 'lon', 'isOnGround'] },
  3: { name: 'ES airborne position', fields: ['altitudeFt', 'lat', 'lon', 'alert', 'emergency', 'spi', 'isOnGround'] },
  4: { name: 'ES airborne velocity', fields: ['groundSpeedKn', 'trackDeg', 'verticalRateFpm'] },
  5: { name: 'Surveillance altitude', fields: ['altitudeFt', 'alert', 'spi', 'isOnGround'] },
  6: { name: 'Surveillance ID (squawk)', fields: ['altitudeFt', 'squawk', 'alert', 'emergency', 'spi', 'isOnGround'] },
  7: { name: 'Air-to-air', fields: ['altitudeFt', 'isOnGround'] },
  8: { name: 'All-call reply', fields: ['isOnGround'] },
};

/** Non-MSG lines: selection change, new id, new aircraft, status change, clock. Kept as metadata. */
const METADATA_TYPES = new Set(['SEL', 'ID', 'AIR', 'STA', 'CLK']);

/**
 * Aircraft whose latest velocity, altitude and squawk are remembered. 50,000 is several
 * times the aircraft airborne worldwide at peak (about 15,000), so a whole-world feed never
 * evicts a live aircraft; each entry is about 200 bytes, 10 MB in all.
 */
export const DEFAULT_MAX_AIRCRAFT = 50_000;
/** A position line takes speed, track, vertical rate and altitude from at most this long ago: ES velocity comes twice a second, so a minute of silence means the value is stale. */
export const KINEMATICS_MAX_AGE_MS = 60_000;
/** …and squawk and on-ground state from at most this long ago (surveillance replies come only when interrogated). */
export const STATUS_MAX_AGE_MS = 600_000;
const DEFAULT_MAX_LINE = 512;

interface AircraftState {
  callsign?: string;
  altitudeFt?: number;
  altitudeMs: number;
  speedKn?: number;
  courseDeg?: number;
  verticalRateFpm?: number;
  velocityMs: number;
  squawk?: string;
  squawkMs: number;
  onGround?: boolean;
  onGroundMs: number;
}

export interface SbsDecoderOptions {
  maxAircraft?: number;
  maxLineLength?: number;
}

/** Emergency squawks: 7500 unlawful interference, 7600 radio failure, 7700 general emergency. */
export const EMERGENCY_SQUAWKS: readonly string[] = ['7500', '7600', '7700'];

/**
 * Turns SBS lines into aircraft fixes (`icao:xxxxxx`) and callsign changes. A position line
 * (MSG 2 or 3) lacks speed and track, which come in MSG 4; the decoder keeps the latest
 * velocity, altitude, squawk and on-ground state per aircraft (bounded LRU) and merges the
 * fresh ones into each fix. Lines without a position update that state and count as metadata.
 *
 * @example
 * const d = new SbsDecoder({ event: console.log, reject: () => {} });
 * d.push('MSG,4,1,1,4CA2D6,1,2024/03/25,04:12:00.000,2024/03/25,04:12:00.000,,,420,90,,,0,,,,,0');
 * d.push('MSG,3,1,1,4CA2D6,1,2024/03/25,04:12:00.500,2024/03/25,04:12:00.500,,35000,,,46.5,30.7,,,0,0,0,0');
 * // → { kind: 'fix', entityId: 'icao:4ca2d6', lat: 46.5, lon: 30.7, altitudeFt: 35000, speedKn: 420, courseDeg: 90, … }
 */
export class SbsDecoder {
  private readonly tally: LineTally;
  private readonly aircraft: LruMap<string, AircraftState>;
  private readonly maxLineLength: number;

  constructor(sink: DecodeSink, options: SbsDecoderOptions = {}) {
    this.tally = new LineTally(sink);
    this.aircraft = new LruMap(options.maxAircraft ?? DEFAULT_MAX_AIRCRAFT);
    this.maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE;
  }

  get counters(): LineTally['counters'] {
    return this.tally.counters;
  }

  /** Feeds one line (without its terminator; a trailing CR is ignored). */
  push(raw: string): void {
    const t = this.tally;
    t.line();
    const line = trimLineEnd(raw);
    if (line.trim() === '') {
      t.counters.blank++;
      return;
    }
    if (line.length > this.maxLineLength) return t.reject('line-too-long', `line has ${line.length} characters (limit ${this.maxLineLength})`, line);
    if (line.trimStart().startsWith('#')) {
      t.counters.comments++;
      return;
    }
    const f = line.split(',');
    const head = f[0]!.trim();
    if (head !== 'MSG') {
      if (METADATA_TYPES.has(head)) {
        t.counters.metadata++;
        return;
      }
      return t.reject('not-sbs', `line type "${head.slice(0, 20)}" is not MSG, SEL, ID, AIR, STA or CLK`, line);
    }
    if (f.length !== FIELD_COUNT) return t.reject('wrong-field-count', `MSG line has ${f.length} fields, expected ${FIELD_COUNT}`, line);
    const type = Number(f[SBS_FIELDS.transmissionType]!.trim());
    if (SBS_TRANSMISSION_TYPES[type] === undefined || !/^\s*\d\s*$/.test(f[1]!)) return t.reject('bad-message-type', `transmission type "${f[1]}" is not 1–8`, line);
    const hex = f[SBS_FIELDS.hexIdent]!.trim();
    if (!/^[0-9A-Fa-f]{6}$/.test(hex)) return t.reject('bad-hex-ident', `hex ident "${hex}" is not six hex digits`, line);

    let timeMs = sbsTimeMs(f[SBS_FIELDS.dateGenerated]!, f[SBS_FIELDS.timeGenerated]!);
    if (timeMs === undefined && f[SBS_FIELDS.dateGenerated]!.trim() === '' && f[SBS_FIELDS.timeGenerated]!.trim() === '') {
      timeMs = sbsTimeMs(f[SBS_FIELDS.dateLogged]!, f[SBS_FIELDS.timeLogged]!);
    }
    if (timeMs === undefined) return t.reject('bad-time', `date/time "${f[6]},${f[7]}" is not YYYY/MM/DD,hh:mm:ss[.sss]`, line);

    const v = readValues(f);
    if (typeof v === 'string') return t.reject(v.startsWith('position') ? 'bad-position' : 'bad-number', v, line);

    const entityId = `icao:${hex.toLowerCase()}`;
    let st = this.aircraft.get(entityId);
    if (st === undefined) {
      st = { altitudeMs: -Infinity, velocityMs: -Infinity, squawkMs: -Infinity, onGroundMs: -Infinity };
      this.aircraft.set(entityId, st);
    }
    let emitted = 0;
    if (v.callsign !== undefined && v.callsign !== st.callsign) {
      st.callsign = v.callsign;
      t.event({ kind: 'static', timeMs, entityId, entityKind: 'aircraft', name: v.callsign, callsign: v.callsign });
      emitted++;
    }
    if (v.lat !== undefined && v.lon !== undefined) {
      t.event(this.fix(st, v, type, timeMs, entityId));
      emitted++;
    }
    remember(st, v, type, timeMs);
    if (emitted > 0) t.eventLine();
    else t.counters.metadata++;
  }

  /** End of input. SBS has no multi-line records; nothing is pending. */
  flush(): void {}

  private fix(st: AircraftState, v: SbsValues, type: number, timeMs: number, entityId: string): EngineEvent {
    const fix: Fix = { kind: 'fix', timeMs, entityId, entityKind: 'aircraft', lon: v.lon!, lat: v.lat! };
    const kinFresh = timeMs - st.velocityMs <= KINEMATICS_MAX_AGE_MS;
    const altitudeFt = v.altitudeFt ?? (timeMs - st.altitudeMs <= KINEMATICS_MAX_AGE_MS ? st.altitudeFt : undefined);
    const speedKn = v.speedKn ?? (kinFresh ? st.speedKn : undefined);
    const courseDeg = v.courseDeg ?? (kinFresh ? st.courseDeg : undefined);
    const verticalRateFpm = v.verticalRateFpm ?? (kinFresh ? st.verticalRateFpm : undefined);
    // MSG 2 is a surface position: on the ground by definition when the flag is left empty.
    const onGround = v.onGround ?? (type === 2 ? true : timeMs - st.onGroundMs <= KINEMATICS_MAX_AGE_MS ? st.onGround : undefined);
    const squawk = v.squawk ?? (timeMs - st.squawkMs <= STATUS_MAX_AGE_MS ? st.squawk : undefined);
    if (altitudeFt !== undefined) fix.altitudeFt = altitudeFt;
    if (speedKn !== undefined) fix.speedKn = speedKn;
    if (courseDeg !== undefined) fix.courseDeg = courseDeg;
    if (verticalRateFpm !== undefined) fix.verticalRateFpm = verticalRateFpm;
    if (onGround !== undefined) fix.onGround = onGround;
    if (squawk !== undefined) fix.squawk = squawk;
    return fix;
  }
}

interface SbsValues {
  callsign?: string;
  altitudeFt?: number;
  speedKn?: number;
  courseDeg?: number;
  lat?: number;
  lon?: number;
  verticalRateFpm?: number;
  squawk?: string;
  onGround?: boolean;
}

/** Reads the optional fields of a MSG line; a string is the reason the line is bad. */
function readValues(f: readonly string[]): SbsValues | string {
  const v: SbsValues = {};
  const callsign = f[SBS_FIELDS.callsign]!.trim();
  if (callsign !== '') v.callsign = callsign;
  const num = (i: number, name: string, min: number, max: number): number | string | undefined => {
    const text = f[i]!;
    if (text.trim() === '') return undefined;
    const n = parseDecimal(text);
    if (n === undefined) return `${name} "${text.slice(0, 20)}" is not a number`;
    if (n < min || n > max) return name === 'latitude' || name === 'longitude' ? `position: ${name} ${n} out of range` : `${name} ${n} out of range ${min}–${max}`;
    return n;
  };
  const alt = num(SBS_FIELDS.altitudeFt, 'altitude', -2000, 150_000);
  const gs = num(SBS_FIELDS.groundSpeedKn, 'ground speed', 0, 5000);
  const trk = num(SBS_FIELDS.trackDeg, 'track', 0, 360);
  const lat = num(SBS_FIELDS.lat, 'latitude', -90, 90);
  const lon = num(SBS_FIELDS.lon, 'longitude', -180, 180);
  const vr = num(SBS_FIELDS.verticalRateFpm, 'vertical rate', -100_000, 100_000);
  for (const x of [alt, gs, trk, lat, lon, vr]) if (typeof x === 'string') return x;
  if ((lat === undefined) !== (lon === undefined)) return 'position: only one of latitude and longitude is given';
  if (alt !== undefined) v.altitudeFt = alt as number;
  if (gs !== undefined) v.speedKn = gs as number;
  if (trk !== undefined) v.courseDeg = (trk as number) === 360 ? 0 : (trk as number);
  if (lat !== undefined) v.lat = lat as number;
  if (lon !== undefined) v.lon = lon as number;
  if (vr !== undefined) v.verticalRateFpm = vr as number;
  const squawk = f[SBS_FIELDS.squawk]!.trim();
  if (squawk !== '') {
    // Mode A codes are four octal digits; some emitters drop leading zeros.
    if (!/^[0-7]{1,4}$/.test(squawk)) return `squawk "${squawk.slice(0, 10)}" is not four octal digits`;
    v.squawk = squawk.padStart(4, '0');
  }
  const ground = f[SBS_FIELDS.isOnGround]!.trim();
  if (ground !== '') {
    const g = parseBooleanText(ground);
    if (g === undefined) return `isOnGround "${ground.slice(0, 10)}" is not 0, 1 or -1`;
    v.onGround = g;
  }
  return v;
}

function remember(st: AircraftState, v: SbsValues, type: number, timeMs: number): void {
  if (v.altitudeFt !== undefined) {
    st.altitudeFt = v.altitudeFt;
    st.altitudeMs = timeMs;
  }
  if (v.speedKn !== undefined || v.courseDeg !== undefined || v.verticalRateFpm !== undefined) {
    // A velocity message replaces all three: a missing one is unknown now, not the old value.
    if (v.speedKn !== undefined) st.speedKn = v.speedKn; else delete st.speedKn;
    if (v.courseDeg !== undefined) st.courseDeg = v.courseDeg; else delete st.courseDeg;
    if (v.verticalRateFpm !== undefined) st.verticalRateFpm = v.verticalRateFpm; else delete st.verticalRateFpm;
    st.velocityMs = timeMs;
  }
  if (v.squawk !== undefined) {
    st.squawk = v.squawk;
    st.squawkMs = timeMs;
  }
  const onGround = v.onGround ?? (type === 2 ? true : undefined);
  if (onGround !== undefined) {
    st.onGround = onGround;
    st.onGroundMs = timeMs;
  }
}

/** `YYYY/MM/DD` + `hh:mm:ss[.fff]` (UTC) → Unix ms. */
export function sbsTimeMs(date: string, time: string): number | undefined {
  const d = /^\s*(\d{4})\/(\d{1,2})\/(\d{1,2})\s*$/.exec(date);
  const t = /^\s*(\d{1,2}):(\d{2}):(\d{2})(\.\d{1,9})?\s*$/.exec(time);
  if (d === null || t === null) return undefined;
  const year = Number(d[1]), month = Number(d[2]), day = Number(d[3]);
  const h = Number(t[1]), m = Number(t[2]), s = Number(t[3]);
  if (year < 1970 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || h > 23 || m > 59 || s > 59) return undefined;
  return Date.UTC(year, month - 1, day, h, m, s) + (t[4] === undefined ? 0 : Math.round(Number(t[4]) * 1000));
}
