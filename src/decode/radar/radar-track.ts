/**
 * Coalition radar tracks, a format Vigil defines (docs/formats.md, "Radar tracks"): CSV with
 * the header `sensor,track,time,lat,lon,altitude_ft,speed_kt,heading,classification,confidence`
 * (columns in any order after `sensor,track`; the optional ones may be left out), or JSON
 * Lines with the keys `sensor, track, time, lat, lon, altitudeFt, speedKt, heading,
 * classification, confidence`. Each plot becomes a fix of entity `track:SENSOR:ID`.
 */
import type { Fix } from '../../core/track/observation.js';
import { CsvOrJsonLines } from '../csv/csv-or-json-lines.js';
import { parseDecimal, parseTimeValue } from '../field-values.js';
import { LineTally, type DecodeSink } from '../line-tally.js';

/** Why a radar line was not used. */
export const RADAR_REJECT_REASONS = [
  'bad-json',            // a JSON Lines line that is not a JSON object
  'bad-id',              // sensor or track missing, or not 1–64 of [A-Za-z0-9._-]
  'bad-time',            // not ISO 8601 or Unix seconds/ms
  'bad-position',        // lat/lon missing or out of range
  'bad-number',          // altitude, speed, heading or confidence not a number or out of range
  'bad-classification',  // not one of RADAR_CLASSIFICATIONS
  'bad-header', 'no-header', 'wrong-field-count', 'bad-csv', // CSV structure
  'line-too-long',
] as const;

/** Target classes a coalition sensor reports. */
export const RADAR_CLASSIFICATIONS = ['fixed-wing', 'rotary', 'uav', 'missile', 'unknown'] as const;
export type RadarClassification = (typeof RADAR_CLASSIFICATIONS)[number];

/** JSON key → CSV column. */
const JSON_KEYS: Record<string, string> = {
  sensor: 'sensor', track: 'track', time: 'time', lat: 'lat', lon: 'lon', altitudeFt: 'altitude_ft', speedKt: 'speed_kt',
  heading: 'heading', classification: 'classification', confidence: 'confidence',
};

/**
 * Value ranges. Altitude up to 3,000,000 ft (≈ 900 km) and speed up to 30,000 kt cover a
 * ballistic missile's apogee and re-entry (Mach 20 ≈ 13,000 kt); anything beyond is a
 * garbled plot.
 */
const RANGES = { altitude_ft: [-2000, 3_000_000], speed_kt: [0, 30_000], heading: [0, 360], confidence: [0, 1] } as const;

const ID = /^[A-Za-z0-9._-]{1,64}$/;
/** A JSON line is one plot; 4 KB is many times its size. */
const MAX_LINE = 4096;

/** A radar plot in Vigil units. */
export interface RadarPlot {
  sensor: string;
  track: string;
  timeMs: number;
  lat: number;
  lon: number;
  altitudeFt?: number;
  speedKn?: number;
  headingDeg?: number;
  classification: RadarClassification;
  /** 0–1, the sensor's confidence in the classification. */
  confidence?: number;
}

/**
 * Decodes a radar-track input (CSV or JSON Lines, told apart by its first line) into fixes
 * with `entityKind: 'radar'`, `source` = sensor and `classification` set.
 *
 * @example
 * const d = new RadarTrackDecoder(sink);
 * d.push('{"sensor":"FR-AWACS-1","track":"4021","time":"2026-03-25T02:10:00Z","lat":46.1,"lon":31.2,"classification":"uav"}');
 * // → fix { entityId: 'track:FR-AWACS-1:4021', entityKind: 'radar', classification: 'uav', … }
 */
export class RadarTrackDecoder {
  private readonly tally: LineTally;
  private readonly input: CsvOrJsonLines;

  constructor(sink: DecodeSink) {
    this.tally = new LineTally(sink);
    this.input = new CsvOrJsonLines(this.tally, MAX_LINE, {
      header: headerProblem,
      row: (v) => this.emit(readRadarPlot(v)),
      object: (o) => this.emit(readRadarPlot(columnsOfJson(o))),
    });
  }

  get counters(): LineTally['counters'] {
    return this.tally.counters;
  }

  push(raw: string): void {
    this.input.push(raw);
  }

  flush(): void {
    this.input.flush();
  }

  private emit(p: RadarPlot | { reason: string; detail: string }): number | { reason: string; detail: string } {
    if ('reason' in p) return p;
    const fix: Fix = { kind: 'fix', timeMs: p.timeMs, entityId: `track:${p.sensor}:${p.track}`, entityKind: 'radar', lon: p.lon, lat: p.lat, classification: p.classification, source: p.sensor };
    if (p.altitudeFt !== undefined) fix.altitudeFt = p.altitudeFt;
    if (p.speedKn !== undefined) fix.speedKn = p.speedKn;
    if (p.headingDeg !== undefined) fix.courseDeg = p.headingDeg;
    this.tally.event(fix);
    return 1;
  }
}

/**
 * Reads one plot keyed by the CSV column names; values may be strings (CSV) or JSON values.
 *
 * @example readRadarPlot({ sensor: 'TR-1', track: '7', time: '1774404600', lat: '41.2', lon: '29.1' }) // → { …, classification: 'unknown' }
 */
export function readRadarPlot(v: Readonly<Record<string, unknown>>): RadarPlot | { reason: string; detail: string } {
  const sensor = idText(v['sensor']);
  const track = idText(v['track']);
  if (sensor === undefined || track === undefined) return { reason: 'bad-id', detail: `sensor ${show(v['sensor'])} / track ${show(v['track'])} must be 1–64 of A–Z a–z 0–9 . _ -` };
  const timeMs = parseTimeValue(v['time']);
  if (timeMs === undefined) return { reason: 'bad-time', detail: `time ${show(v['time'])} is not ISO 8601 or a Unix time` };
  const lat = num(v['lat']);
  const lon = num(v['lon']);
  if (typeof lat !== 'number' || typeof lon !== 'number' || lat < -90 || lat > 90 || lon < -180 || lon > 180) {
    return { reason: 'bad-position', detail: `lat ${show(v['lat'])}, lon ${show(v['lon'])} is not a position` };
  }
  const cls = v['classification'];
  const classText = cls === undefined || cls === null ? '' : String(cls).trim().toLowerCase();
  const classification = classText === '' ? 'unknown' : RADAR_CLASSIFICATIONS.find((c) => c === classText);
  if (classification === undefined) return { reason: 'bad-classification', detail: `classification ${show(cls)} is not one of ${RADAR_CLASSIFICATIONS.join(', ')}` };
  const p: RadarPlot = { sensor, track, timeMs, lat, lon, classification };
  for (const [col, [min, max]] of Object.entries(RANGES)) {
    const n = num(v[col]);
    if (n === undefined) continue;
    if (n === 'bad' || n < min || n > max) return { reason: 'bad-number', detail: `${col} ${show(v[col])} is not a number in ${min}–${max}` };
    if (col === 'altitude_ft') p.altitudeFt = n;
    else if (col === 'speed_kt') p.speedKn = n;
    else if (col === 'heading') p.headingDeg = n === 360 ? 0 : n;
    else p.confidence = n;
  }
  return p;
}

/**
 * True when the first line is a radar CSV header (`sensor,track,…`) or a JSON object with
 * both `sensor` and `track` keys.
 */
export function looksLikeRadarTracks(sample: readonly string[]): boolean {
  const first = sample[0]?.trim();
  if (first === undefined) return false;
  if (first.toLowerCase().replace(/\s+/g, '').startsWith('sensor,track,')) return true;
  if (first[0] !== '{') return false;
  try {
    const o = JSON.parse(first) as unknown;
    return typeof o === 'object' && o !== null && 'sensor' in o && 'track' in o;
  } catch {
    return false;
  }
}

/** A JSON Lines plot keyed by the CSV column names; unknown keys are dropped. */
function columnsOfJson(o: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    const col = JSON_KEYS[k];
    if (col !== undefined && Object.prototype.hasOwnProperty.call(JSON_KEYS, k)) values[col] = v;
  }
  return values;
}

function headerProblem(columns: readonly string[]): string | undefined {
  for (const c of ['sensor', 'track', 'time', 'lat', 'lon']) if (!columns.includes(c)) return `header has no \`${c}\` column`;
  return undefined;
}

function idText(v: unknown): string | undefined {
  const s = typeof v === 'number' && Number.isInteger(v) && v >= 0 ? String(v) : typeof v === 'string' ? v.trim() : undefined;
  return s !== undefined && ID.test(s) ? s : undefined;
}

/** A number, `undefined` when absent or empty, `'bad'` when present but not a number. */
function num(v: unknown): number | 'bad' | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? v : 'bad';
  if (typeof v === 'string') return parseDecimal(v) ?? 'bad';
  return 'bad';
}

function show(v: unknown): string {
  const s = typeof v === 'string' ? `"${v}"` : JSON.stringify(v) ?? String(v);
  return s.length > 40 ? s.slice(0, 40) + '…' : s;
}
