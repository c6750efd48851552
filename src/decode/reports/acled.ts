/**
 * ACLED event CSV (Armed Conflict Location & Event Data) as incident reports. Columns used:
 * `event_id_cnty, event_date, time_precision, event_type, sub_event_type, actor1, actor2,
 * admin1, location, latitude, longitude, geo_precision, source, source_scale, notes,
 * fatalities`; others are ignored. Every row ends as one report or one rejection.
 *
 * Spec: ACLED Codebook (2023), §"Event types and sub-event types", "time_precision",
 * "geo_precision" — https://acleddata.com/knowledge-base/codebook/
 */
import { CsvTable } from '../csv/csv-table.js';
import { daysInMonth, parseDecimal } from '../field-values.js';
import { LineTally, trimLineEnd, type DecodeSink } from '../line-tally.js';
import { readIncidentReport, shippedPlaces, type ReportCategory, type ReportReject } from './incident-report-schema.js';
import { emitReport } from './report-decoder.js';
import { ReportIds } from './report-ids.js';

/** Why an ACLED row was not imported. */
export const ACLED_REJECT_REASONS = [
  'bad-id',               // no event_id_cnty
  'bad-date',             // event_date missing or not a date
  'missing-coordinates',  // latitude or longitude empty, and no location or admin1 to locate the row by
  'unknown-place',        // no coordinates, and location/admin1 not in the gazetteer
  'bad-position',         // latitude/longitude not numbers or out of range
  'conflicting-id',       // an event id already read with different content
  'bad-field',            // time_precision, geo_precision or fatalities not as the codebook says
  'bad-header', 'no-header', 'wrong-field-count', 'bad-csv', // CSV structure
  'line-too-long',
] as const;

/** ACLED `time_precision` code → report `timePrecision` (codebook: 1 day, 2 week, 3 month). */
export const ACLED_TIME_PRECISION: Record<string, 'day' | 'week' | 'month'> = { '1': 'day', '2': 'week', '3': 'month' };
/** ACLED `geo_precision` code → report `geoPrecision` (codebook: 1 the town itself, 2 a nearby or part of a region, 3 a provincial capital or the region). */
export const ACLED_GEO_PRECISION: Record<string, string> = { '1': 'town', '2': 'district', '3': 'region' };

/**
 * ACLED `sub_event_type` → report category. The notes refine two sub-events: an
 * `Air/drone strike` whose notes name a drone is a drone attack, a
 * `Shelling/artillery/missile attack` whose notes name a missile is a missile attack. Port
 * and ship mentions do not make shelling a naval attack: ACLED codes strikes from the sea
 * under the same sub-events, and the reporter's words decide no more than that.
 */
export const ACLED_SUB_EVENT_CATEGORY: Record<string, ReportCategory> = {
  'Air/drone strike': 'air-strike',
  'Shelling/artillery/missile attack': 'shelling',
  'Remote explosive/landmine/IED': 'mine',
};
const DRONE_WORDS = /\b(drones?|uavs?|shaheds?|geran(-2)?|loitering munitions?)\b/i;
const MISSILE_WORDS = /\bmissiles?\b/i;

/** Actor names (start of `actor1`) → party code; other actors leave the party absent. */
export const ACLED_ACTOR_PARTY: readonly (readonly [prefix: string, party: string])[] = [
  ['Military Forces of Russia', 'RU'],
  ['Military Forces of Ukraine', 'UA'],
];

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const REQUIRED_COLUMNS = ['event_id_cnty', 'event_date', 'sub_event_type', 'latitude', 'longitude'];
/** ACLED notes run to a few hundred characters; 64 KB per line is ample. */
const MAX_LINE = 65_536;

/**
 * Report category of an ACLED event.
 *
 * @example acledCategory('Air/drone strike', 'Shahed drones hit the port of Izmail') // → 'drone-attack'
 */
export function acledCategory(subEventType: string, notes: string): ReportCategory {
  const base = ACLED_SUB_EVENT_CATEGORY[subEventType.trim()] ?? 'other';
  if (base === 'air-strike' && DRONE_WORDS.test(notes)) return 'drone-attack';
  if (base === 'shelling' && MISSILE_WORDS.test(notes)) return 'missile-attack';
  return base;
}

/** Party code of an ACLED actor, or undefined. */
export function acledParty(actor: string): string | undefined {
  const a = actor.trim();
  return ACLED_ACTOR_PARTY.find(([prefix]) => a === prefix || a.startsWith(prefix + ' '))?.[1];
}

/**
 * An ACLED event date (`2024-03-25`, `25 March 2024`, `25-Mar-2024`) at noon UTC, Unix ms:
 * ACLED gives days only, and noon keeps the day whatever the reader's zone.
 */
export function acledDateMs(text: string): number | undefined {
  const t = text.trim();
  let y: number, m: number, d: number;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  const named = /^(\d{1,2})[ -]([A-Za-z]{3,9})[ -](\d{4})$/.exec(t);
  if (iso !== null) {
    [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else if (named !== null) {
    const name = named[2]!.toLowerCase();
    const idx = MONTHS.findIndex((full) => full === name || (name.length === 3 && full.startsWith(name)));
    if (idx < 0) return undefined;
    [y, m, d] = [Number(named[3]), idx + 1, Number(named[1])];
  } else return undefined;
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  return Date.UTC(y, m - 1, d, 12);
}

/**
 * One ACLED row (columns trimmed, keyed by lower-case name) as an incident report object
 * for the schema, or why it cannot be one.
 *
 * @example acledRowToReport({ event_id_cnty: 'UKR1', event_date: '2024-03-25', sub_event_type: 'Air/drone strike', latitude: '46.48', longitude: '30.73', notes: 'drone' })
 */
export function acledRowToReport(v: Readonly<Record<string, string>>): { ok: true; report: Record<string, unknown> } | ({ ok: false } & ReportReject) {
  const get = (k: string): string => v[k] ?? '';
  const id = get('event_id_cnty');
  if (id === '') return { ok: false, reason: 'bad-id', detail: 'event_id_cnty is empty' };
  const timeMs = acledDateMs(get('event_date'));
  if (timeMs === undefined) return { ok: false, reason: 'bad-date', detail: `event_date "${get('event_date').slice(0, 30)}" is not a date (YYYY-MM-DD or "25 March 2024")` };
  let where: Record<string, unknown>;
  if (get('latitude') === '' && get('longitude') === '') {
    // No coordinates: the place names locate it through the gazetteer (most specific first).
    const place = [get('location'), get('admin1')].filter((p) => p !== '').join(', ');
    if (place === '') return { ok: false, reason: 'missing-coordinates', detail: 'latitude and longitude are empty, and so are location and admin1' };
    where = { place };
  } else if (get('latitude') === '' || get('longitude') === '') {
    return { ok: false, reason: 'missing-coordinates', detail: `${get('latitude') === '' ? 'latitude' : 'longitude'} is empty` };
  } else {
    const lat = parseDecimal(get('latitude'));
    const lon = parseDecimal(get('longitude'));
    if (lat === undefined || lon === undefined) return { ok: false, reason: 'bad-position', detail: `${lat === undefined ? `latitude "${get('latitude')}"` : `longitude "${get('longitude')}"`} is not a number` };
    if (lat < -90 || lat > 90 || lon < -180 || lon > 180) return { ok: false, reason: 'bad-position', detail: `${lat < -90 || lat > 90 ? `latitude ${lat} is out of range (−90 to 90)` : `longitude ${lon} is out of range (−180 to 180)`}` };
    where = { lat, lon };
  }
  const notes = get('notes');
  const r: Record<string, unknown> = {
    id, time: new Date(timeMs).toISOString(), ...where, category: acledCategory(get('sub_event_type'), notes),
  };
  const tp = get('time_precision');
  if (tp !== '') {
    const p = ACLED_TIME_PRECISION[tp];
    if (p === undefined) return { ok: false, reason: 'bad-field', detail: `time_precision "${tp}" is not 1, 2 or 3` };
    r['timePrecision'] = p;
  } else r['timePrecision'] = 'day';
  const gp = get('geo_precision');
  if (gp !== '') {
    const p = ACLED_GEO_PRECISION[gp];
    if (p === undefined) return { ok: false, reason: 'bad-field', detail: `geo_precision "${gp}" is not 1, 2 or 3` };
    r['geoPrecision'] = p;
  }
  const party = acledParty(get('actor1'));
  if (party !== undefined) r['party'] = party;
  if (get('source') !== '') r['source'] = get('source');
  r['sourceType'] = 'open-source';
  if (notes !== '') r['description'] = notes;
  const fat = get('fatalities');
  if (fat !== '') {
    const n = parseDecimal(fat);
    if (n === undefined || !Number.isInteger(n) || n < 0) return { ok: false, reason: 'bad-field', detail: `fatalities "${fat}" is not a whole number ≥ 0` };
    r['casualties'] = { killed: n };
  }
  const extras: [string, string][] = [['eventType', 'event_type'], ['subEventType', 'sub_event_type'], ['actor1', 'actor1'], ['actor2', 'actor2'], ['admin1', 'admin1'], ['location', 'location'], ['sourceScale', 'source_scale']];
  for (const [key, col] of extras) if (get(col) !== '') r[key] = get(col);
  return { ok: true, report: r };
}

/**
 * Decodes an ACLED CSV export into `report` events (entity `report:EVENT_ID`).
 *
 * @example
 * const d = new AcledDecoder(sink);
 * d.push('event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,latitude,longitude,notes');
 * d.push('UKR1,2024-03-25,1,Explosions/Remote violence,Air/drone strike,Military Forces of Russia (2000-),46.48,30.73,Shahed drones hit Odesa');
 */
export class AcledDecoder {
  private readonly tally: LineTally;
  private readonly table: CsvTable;

  private readonly ids = new ReportIds();

  constructor(sink: DecodeSink) {
    this.tally = new LineTally(sink);
    const places = sink.places ?? shippedPlaces();
    this.table = new CsvTable(this.tally, {
      header: (cols) => {
        for (const c of REQUIRED_COLUMNS) if (!cols.includes(c)) return `header has no \`${c}\` column (an ACLED export needs ${REQUIRED_COLUMNS.join(', ')})`;
        return undefined;
      },
      row: (v) => {
        const mapped = acledRowToReport(v);
        if (!mapped.ok) return mapped;
        return emitReport(readIncidentReport(mapped.report, places), this.ids, this.tally);
      },
    });
  }

  get counters(): LineTally['counters'] {
    return this.tally.counters;
  }

  push(raw: string): void {
    this.tally.line();
    const line = trimLineEnd(raw);
    if (line.length > MAX_LINE) return this.tally.reject('line-too-long', `line has ${line.length} characters (limit ${MAX_LINE})`, line);
    this.table.push(line);
  }

  flush(): void {
    this.table.flush();
  }
}

/** True when the first line is an ACLED header (has `event_id_cnty` and `event_date`). */
export function looksLikeAcled(sample: readonly string[]): boolean {
  const cols = (sample[0] ?? '').split(',').map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
  return cols.includes('event_id_cnty') && cols.includes('event_date');
}
