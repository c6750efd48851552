/**
 * OpenSky Network state vectors, in the shapes they are published and passed around:
 *
 * 1. the REST API `GET /states/all` response `{ "time": s, "states": [[icao24, callsign,
 *    origin_country, time_position, last_contact, longitude, latitude, baro_altitude (m),
 *    on_ground, velocity (m/s), true_track (°), vertical_rate (m/s), sensors, geo_altitude (m),
 *    squawk, spi, position_source], …] }` — https://openskynetwork.github.io/opensky-api/rest.html#all-state-vectors
 * 2. the CSV of the historical state-vector dumps (`time,icao24,lat,lon,velocity,heading,
 *    vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,
 *    lastcontact`, metres and m/s) — https://opensky-network.org/datasets/states/README.txt
 *    and other CSVs with an `icao24` column and a `time`/`timestamp` column;
 * 3. JSON arrays of records as the `traffic` library writes them (`timestamp` ms, `icao24`,
 *    `callsign`, `latitude`, `longitude`, `altitude` ft, `groundspeed` kt, `track`,
 *    `vertical_rate` ft/min), one record per line (JSON Lines) included;
 * 4. pandas column-oriented JSON of such records (`{"icao24": {"0": …, "1": …}, …}`).
 *
 * JSON documents are not line-oriented: a line that is a JSON value by itself is decoded at
 * once; other lines are held until `flush()` and parsed as one document (bounded).
 */
import type { Fix } from '../../core/track/observation.js';
import { CsvTable } from '../csv/csv-table.js';
import { splitCsv } from '../csv/csv-record.js';
import { parseBooleanText, parseDecimal, parseTimeValue } from '../field-values.js';
import { LineTally, trimLineEnd, type DecodeSink } from '../line-tally.js';
import { LruMap } from '../lru-map.js';

/** Why an OpenSky line, record or document was not used. */
export const OPENSKY_REJECT_REASONS = [
  'bad-json',            // a document (or, failing that, a line) that is not JSON
  'document-too-large',  // a JSON document over the size bound
  'unknown-json-shape',  // JSON that is none of the OpenSky shapes
  'bad-record',          // a state vector that is not an array, or a record that is not an object
  'bad-icao24',          // not six hex digits
  'bad-time',            // no time, or not a Unix time / ISO 8601
  'bad-number',          // a numeric field that is not a number or out of range, a bad squawk
  'bad-position',        // latitude or longitude out of range, or only one of them
  'bad-header',          // a CSV whose first line has no `icao24` or no time column
  'no-header',           // CSV rows after a bad header
  'wrong-field-count',   // a CSV row with more or fewer fields than the header
  'bad-csv',             // an unclosed quote
] as const;

/** Feet per metre, knots per m/s, feet per minute per m/s (exact definitions: 1 ft = 0.3048 m, 1 nmi = 1852 m). */
export const FT_PER_M = 1 / 0.3048;
export const KN_PER_MS = 3600 / 1852;
export const FPM_PER_MS = 60 / 0.3048;

type Target = 'timeMs' | 'icao24' | 'callsign' | 'lat' | 'lon' | 'altitudeFt' | 'speedKn' | 'courseDeg' | 'verticalRateFpm' | 'onGround' | 'squawk';

/**
 * Column (or key) names of the OpenSky shapes: the value each gives, the factor to Vigil's
 * units and the rounding of converted values (1 ft, 0.01 kt, 1 ft/min: finer than the
 * sources' resolution of 25 ft, 0.01 m/s and 64 ft/min). The first listed column present in
 * a record wins for each value, so barometric altitude is preferred to geometric.
 */
export const OPENSKY_COLUMNS: readonly { column: string; target: Target; factor?: number; decimals?: number }[] = [
  { column: 'time', target: 'timeMs' },
  { column: 'timestamp', target: 'timeMs' },
  { column: 'icao24', target: 'icao24' },
  { column: 'callsign', target: 'callsign' },
  { column: 'lat', target: 'lat' },
  { column: 'latitude', target: 'lat' },
  { column: 'lon', target: 'lon' },
  { column: 'longitude', target: 'lon' },
  { column: 'baroaltitude', target: 'altitudeFt', factor: FT_PER_M, decimals: 0 },
  { column: 'altitude', target: 'altitudeFt' },
  { column: 'altitude_m', target: 'altitudeFt', factor: FT_PER_M, decimals: 0 },
  { column: 'geoaltitude', target: 'altitudeFt', factor: FT_PER_M, decimals: 0 },
  { column: 'velocity', target: 'speedKn', factor: KN_PER_MS, decimals: 2 },
  { column: 'groundspeed', target: 'speedKn' },
  { column: 'heading', target: 'courseDeg' },
  { column: 'track', target: 'courseDeg' },
  { column: 'true_track', target: 'courseDeg' },
  { column: 'vertrate', target: 'verticalRateFpm', factor: FPM_PER_MS, decimals: 0 },
  { column: 'vertical_rate', target: 'verticalRateFpm' },
  { column: 'onground', target: 'onGround' },
  { column: 'on_ground', target: 'onGround' },
  { column: 'squawk', target: 'squawk' },
];

/** Keys of a REST state vector by array index; `vertrate`/`baroaltitude`/`geoaltitude` name the m/s and m columns of the table above. */
export const STATE_VECTOR_KEYS = [
  'icao24', 'callsign', 'origin_country', 'time_position', 'last_contact', 'longitude', 'latitude', 'baroaltitude',
  'on_ground', 'velocity', 'true_track', 'vertrate', 'sensors', 'geoaltitude', 'squawk', 'spi', 'position_source',
] as const;

/**
 * A JSON document is held in memory until parsed; 512 M characters is V8's string limit
 * (2^29 − 24), and a day of OpenSky states for Europe is well under it (the 139,098-vector
 * Switzerland sample is 29 MB).
 */
export const DEFAULT_MAX_DOCUMENT_CHARS = 512 * 1024 * 1024 - 24;
/** Callsigns remembered to emit static info only on change; as many as aircraft tracked (see SBS). */
const MAX_CALLSIGNS = 50_000;

/** A state vector in Vigil units. */
export interface OpenSkyState {
  timeMs: number;
  icao24: string;
  callsign?: string;
  lat?: number;
  lon?: number;
  altitudeFt?: number;
  speedKn?: number;
  courseDeg?: number;
  verticalRateFpm?: number;
  onGround?: boolean;
  squawk?: string;
}

export interface OpenSkyDecoderOptions {
  maxDocumentChars?: number;
}

/**
 * Decodes one OpenSky input (JSON or CSV, told apart by its first line) into aircraft fixes
 * `icao:xxxxxx` and callsign changes. A state without a position is valid (OpenSky sends
 * them before the first position) and counts as a record without event.
 *
 * @example
 * const d = new OpenSkyDecoder(sink);
 * d.push('{"time":1711339920,"states":[["4ca2d6","RYR4TP  ","Ireland",1711339919,1711339920,30.7,46.5,10668,false,231.5,87.2,-3.25,null,10700,"7700",false,0]]}');
 * d.flush(); // → fix { entityId: 'icao:4ca2d6', altitudeFt: 35000, speedKn: 449.99, verticalRateFpm: -640, squawk: '7700', … }
 */
export class OpenSkyDecoder {
  private readonly tally: LineTally;
  private readonly maxChars: number;
  /**
   * The callsign last announced per aircraft, and the time it was announced at. A recording
   * read out of time order (sorted by aircraft, shuffled) announces again when a record is
   * older than the announcement, so that the earliest record's time is among the events and
   * a sorted run knows the callsign from the first fix on, whatever the file's order.
   */
  private readonly callsigns = new LruMap<string, { callsign: string; timeMs: number }>(MAX_CALLSIGNS);
  private mode: 'json' | 'csv' | undefined;
  private csv: CsvTable | undefined;
  private parts: string[] = [];
  private partChars = 0;
  private skipping = false;

  constructor(sink: DecodeSink, options: OpenSkyDecoderOptions = {}) {
    this.tally = new LineTally(sink);
    this.maxChars = options.maxDocumentChars ?? DEFAULT_MAX_DOCUMENT_CHARS;
  }

  get counters(): LineTally['counters'] {
    return this.tally.counters;
  }

  push(raw: string): void {
    const t = this.tally;
    t.line();
    const line = trimLineEnd(raw);
    if (this.mode === undefined) {
      const s = line.trimStart();
      if (s === '') {
        t.counters.blank++;
        return;
      }
      if (s.startsWith('#')) {
        t.counters.comments++;
        return;
      }
      this.mode = s[0] === '{' || s[0] === '[' ? 'json' : 'csv';
      if (this.mode === 'csv') this.csv = new CsvTable(t, { header: csvHeaderProblem, row: (v) => this.record(v) });
    }
    if (this.csv !== undefined) return this.csv.push(line);
    this.pushJson(line);
  }

  flush(): void {
    if (this.csv !== undefined) return this.csv.flush();
    if (this.parts.length === 0) return;
    const parts = this.parts;
    this.parts = [];
    this.partChars = 0;
    const doc = tryParse(parts.join(''));
    if (doc.ok) return this.document(doc.value);
    if (parts.length === 1) return this.tally.rejectRecord('bad-json', doc.error, parts[0]!);
    // Not one document: perhaps JSON Lines with a broken line. Each line then stands alone.
    for (const p of parts) {
      if (p.trim() === '') continue;
      const one = tryParse(p);
      if (one.ok) this.document(one.value);
      else this.tally.rejectRecord('bad-json', `not a JSON document, and this line alone is not JSON: ${one.error}`, p);
    }
  }

  private pushJson(line: string): void {
    const c = this.tally.counters;
    if (this.parts.length === 0 && line.trim() === '') {
      c.blank++;
      return;
    }
    c.heldLines++;
    if (this.skipping) return;
    if (this.parts.length === 0) {
      const s = line.trim();
      const last = s[s.length - 1];
      if ((s[0] === '{' && last === '}') || (s[0] === '[' && last === ']')) {
        const one = tryParse(s);
        if (one.ok) return this.document(one.value);
      }
    }
    this.parts.push(line);
    this.partChars += line.length;
    if (this.partChars > this.maxChars) {
      this.tally.rejectRecord('document-too-large', `JSON document exceeds ${this.maxChars} characters; the rest of the input is skipped`, this.parts[0]!.slice(0, 200));
      this.parts = [];
      this.partChars = 0;
      this.skipping = true;
    }
  }

  private document(doc: unknown): void {
    const t = this.tally;
    if (Array.isArray(doc)) {
      for (const r of doc) {
        if (isObject(r)) this.jsonRecord(r);
        else t.rejectRecord('bad-record', 'an element of the JSON array is not an object', stringify(r));
      }
      return;
    }
    if (!isObject(doc)) return t.rejectRecord('unknown-json-shape', 'JSON value is neither an array nor an object', stringify(doc));
    if ('states' in doc) return this.states(doc);
    const ids = doc['icao24'];
    if (isObject(ids)) return this.columns(doc);
    if (typeof ids === 'string') return this.jsonRecord(doc);
    t.rejectRecord('unknown-json-shape', 'JSON object has neither `states` nor an `icao24` key', stringify(doc));
  }

  private states(doc: Record<string, unknown>): void {
    const t = this.tally;
    const states = doc['states'];
    if (states === null) return;
    if (!Array.isArray(states)) return t.rejectRecord('unknown-json-shape', '`states` is neither an array nor null', stringify(states));
    for (const sv of states) {
      if (!Array.isArray(sv)) {
        t.rejectRecord('bad-record', 'a state vector is not an array', stringify(sv));
        continue;
      }
      const r: Record<string, unknown> = {};
      for (let i = 0; i < STATE_VECTOR_KEYS.length && i < sv.length; i++) r[STATE_VECTOR_KEYS[i]!] = sv[i];
      // Position time, else last contact, else the response time.
      r['time'] = r['time_position'] ?? r['last_contact'] ?? doc['time'];
      this.jsonRecord(r);
    }
  }

  private columns(doc: Record<string, unknown>): void {
    const cols = Object.keys(doc).filter((k) => isObject(doc[k]));
    for (const key of Object.keys(doc['icao24'] as Record<string, unknown>)) {
      const r: Record<string, unknown> = {};
      for (const c of cols) r[c] = (doc[c] as Record<string, unknown>)[key];
      this.jsonRecord(r);
    }
  }

  private jsonRecord(r: Record<string, unknown>): void {
    const t = this.tally;
    const out = this.record(r);
    if (typeof out !== 'number') return t.rejectRecord(out.reason, out.detail, stringify(r));
    t.counters.records++;
    if (out > 0) t.counters.recordsWithEvents++;
    else t.counters.recordsWithoutEvent++;
  }

  /** Emits the events of one record; returns their number or a rejection. */
  private record(r: Readonly<Record<string, unknown>>): number | { reason: string; detail: string } {
    const s = readOpenSkyState(r);
    if ('reason' in s) return s;
    const entityId = `icao:${s.icao24}`;
    let n = 0;
    const known = s.callsign === undefined ? undefined : this.callsigns.get(entityId);
    if (s.callsign !== undefined && (known === undefined || known.callsign !== s.callsign || s.timeMs < known.timeMs)) {
      this.callsigns.set(entityId, { callsign: s.callsign, timeMs: s.timeMs });
      this.tally.event({ kind: 'static', timeMs: s.timeMs, entityId, entityKind: 'aircraft', name: s.callsign, callsign: s.callsign });
      n++;
    }
    if (s.lat !== undefined && s.lon !== undefined) {
      const fix: Fix = { kind: 'fix', timeMs: s.timeMs, entityId, entityKind: 'aircraft', lon: s.lon, lat: s.lat };
      if (s.altitudeFt !== undefined) fix.altitudeFt = s.altitudeFt;
      if (s.speedKn !== undefined) fix.speedKn = s.speedKn;
      if (s.courseDeg !== undefined) fix.courseDeg = s.courseDeg;
      if (s.verticalRateFpm !== undefined) fix.verticalRateFpm = s.verticalRateFpm;
      if (s.onGround !== undefined) fix.onGround = s.onGround;
      if (s.squawk !== undefined) fix.squawk = s.squawk;
      this.tally.event(fix);
      n++;
    }
    return n;
  }
}

/**
 * Reads one record (CSV row or JSON object, keyed by the names of `OPENSKY_COLUMNS`) into a
 * state in Vigil units, or says why it cannot be read.
 *
 * @example readOpenSkyState({ time: '1711339920', icao24: '4CA2D6', velocity: '100' }) // → { timeMs: 1711339920000, icao24: '4ca2d6', speedKn: 194.38 }
 */
export function readOpenSkyState(r: Readonly<Record<string, unknown>>): OpenSkyState | { reason: string; detail: string } {
  const got: Partial<Record<Target, unknown>> = {};
  const spec: Partial<Record<Target, { factor?: number; decimals?: number }>> = {};
  for (const c of OPENSKY_COLUMNS) {
    if (got[c.target] !== undefined || !Object.prototype.hasOwnProperty.call(r, c.column)) continue;
    const v = r[c.column];
    if (v === null || v === undefined || v === '') continue;
    got[c.target] = v;
    spec[c.target] = c;
  }
  const id = got.icao24;
  if (typeof id !== 'string' || !/^\s*[0-9A-Fa-f]{6}\s*$/.test(id)) return { reason: 'bad-icao24', detail: `icao24 ${short(id)} is not six hex digits` };
  const timeMs = parseTimeValue(got.timeMs);
  if (timeMs === undefined) return { reason: 'bad-time', detail: `time ${short(got.timeMs)} is not a Unix time or ISO 8601` };
  const s: OpenSkyState = { timeMs, icao24: id.trim().toLowerCase() };
  if (got.callsign !== undefined) {
    const cs = String(got.callsign).trim();
    if (cs !== '') s.callsign = cs;
  }
  const ranges: Record<'lat' | 'lon' | 'altitudeFt' | 'speedKn' | 'courseDeg' | 'verticalRateFpm', [number, number]> = {
    lat: [-90, 90], lon: [-180, 180], altitudeFt: [-2000, 150_000], speedKn: [0, 5000], courseDeg: [0, 360], verticalRateFpm: [-100_000, 100_000],
  };
  for (const k of ['lat', 'lon', 'altitudeFt', 'speedKn', 'courseDeg', 'verticalRateFpm'] as const) {
    const v = got[k];
    if (v === undefined) continue;
    let n = typeof v === 'number' ? (Number.isFinite(v) ? v : undefined) : typeof v === 'string' ? parseDecimal(v) : undefined;
    if (n === undefined) return { reason: 'bad-number', detail: `${k} ${short(v)} is not a number` };
    const f = spec[k];
    if (f?.factor !== undefined) {
      const p = 10 ** (f.decimals ?? 2);
      n = Math.round(n * f.factor * p) / p;
    }
    const [min, max] = ranges[k];
    if (n < min || n > max) return { reason: k === 'lat' || k === 'lon' ? 'bad-position' : 'bad-number', detail: `${k} ${n} out of range ${min}–${max}` };
    s[k] = k === 'courseDeg' && n === 360 ? 0 : n;
  }
  if ((s.lat === undefined) !== (s.lon === undefined)) return { reason: 'bad-position', detail: 'only one of latitude and longitude is given' };
  if (got.onGround !== undefined) {
    const g = typeof got.onGround === 'boolean' ? got.onGround : typeof got.onGround === 'string' ? parseBooleanText(got.onGround) : undefined;
    if (g === undefined) return { reason: 'bad-number', detail: `on-ground ${short(got.onGround)} is not a boolean` };
    s.onGround = g;
  }
  if (got.squawk !== undefined) {
    const sq = typeof got.squawk === 'number' ? String(got.squawk) : typeof got.squawk === 'string' ? got.squawk.trim() : '';
    if (!/^[0-7]{1,4}$/.test(sq)) return { reason: 'bad-number', detail: `squawk ${short(got.squawk)} is not four octal digits` };
    s.squawk = sq.padStart(4, '0');
  }
  return s;
}

function csvHeaderProblem(columns: readonly string[]): string | undefined {
  if (!columns.includes('icao24')) return 'header has no `icao24` column';
  if (!columns.includes('time') && !columns.includes('timestamp')) return 'header has no `time` or `timestamp` column';
  return undefined;
}

/**
 * True when these first lines look like OpenSky state vectors: a JSON object with a `states`
 * array, JSON with an `icao24` key (array of records, column-oriented, JSON Lines), or a CSV
 * header with an `icao24` column.
 */
export function looksLikeOpenSky(sample: readonly string[]): boolean {
  const first = sample[0]?.trimStart();
  if (first === undefined) return false;
  if (first[0] === '{' || first[0] === '[') {
    let text = '';
    for (const l of sample) {
      text += l;
      if (text.length > 200_000) break;
    }
    return /"states"\s*:\s*[[n]/.test(text) || /"icao24"\s*:/.test(text);
  }
  const header = splitCsv(first);
  return Array.isArray(header) && header.some((c) => c.trim().toLowerCase() === 'icao24');
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message.slice(0, 200) : 'not JSON' };
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringify(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 500 ? s.slice(0, 500) : s;
}

function short(v: unknown): string {
  const s = typeof v === 'string' ? `"${v}"` : stringify(v);
  return s.length > 40 ? s.slice(0, 40) + '…' : s;
}
