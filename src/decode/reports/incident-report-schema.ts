/**
 * The incident report schema (SPEC "Incident report", issue 4): what a report must and may
 * hold, and how a loose JSON object becomes a checked `IncidentReport`.
 *
 * Required: `id`, `time` (ISO 8601), a position — `lat`, `lon` (degrees) or a `place` name
 * the gazetteer knows (a town, an oblast, a macro-region such as `south`, a country) — and
 * `category`.
 * Optional: `timeEnd` (the end of a span: a date-time, or a clock time `08:30` meaning the
 * same or the next local day), `timeZone` (IANA, e.g. `Europe/Kyiv`: times without an offset
 * are local there), `timePrecision`, `geoPrecision`, `party` (reported perpetrator),
 * `source`, `sourceType`, `description`, `casualties` `{killed?, injured?}`, the weapon
 * counts `launched`, `destroyed` (shot down, intercepted or suppressed), `hit` (reached a
 * target), `weaponType`, `weaponModel`, `launchArea`, `links` (URLs), `attachments`
 * `[{sha256, name?}]`. Unknown keys are kept as they are.
 *
 * A report located by `place` gets the place's representative point as `lat`/`lon`, and
 * `placeId`, `placeKind` and (unless given) `geoPrecision` from the gazetteer.
 */
import type { IncidentReport, ReportEvent } from '../../core/track/observation.js';
import { GEO_PRECISION_OF_KIND, Gazetteer, type PlaceLookup, type ResolvedPlace } from '../../core/geo/place-gazetteer.js';
export type { PlaceLookup };
import { parseDecimal, parseTimeValue } from '../field-values.js';
import { textProblem } from '../../core/text/text-problem.js';
import { clockAfter, isTimeZone, parseZonedTime } from '../local-time.js';

/** Report categories (SPEC). Strikes and attacks are every category but `other`. */
export const REPORT_CATEGORIES = ['air-strike', 'missile-attack', 'drone-attack', 'shelling', 'naval-attack', 'mine', 'other'] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

/** How exactly `time` is known: the report's time is within this unit of the true time. */
export const TIME_PRECISIONS = ['second', 'minute', 'hour', 'day', 'week', 'month'] as const;

/** Why a report was not accepted. */
export const REPORT_REJECT_REASONS = [
  'bad-json',            // a JSON Lines line that is not a JSON object
  'bad-id',              // id missing, blank, with white space, a control or bidi character, or over 128 characters
  'bad-time',            // time missing or not ISO 8601, timeEnd before time, unknown timeZone
  'missing-position',    // neither lat/lon nor a place (or only one of lat, lon)
  'bad-position',        // lat/lon not a number or out of range
  'unknown-place',       // a place the gazetteer does not know
  'bad-count',           // launched/destroyed/hit not a whole number ≥ 0, or more destroyed or hit than launched
  'conflicting-id',      // an id already read with different content (see ReportIds)
  'bad-category',        // not one of REPORT_CATEGORIES
  'bad-field',           // an optional field of the wrong type or value
  'bad-attachment',      // an attachment without a 64-hex-digit sha256
  'bad-header', 'no-header', 'wrong-field-count', 'bad-csv', // CSV structure
  'line-too-long',
] as const;

export type ReportReject = { reason: string; detail: string };

const ID = /^\S{1,128}$/;
const SHA256 = /^[0-9a-fA-F]{64}$/;
const STRING_KEYS = ['party', 'source', 'sourceType', 'description', 'geoPrecision', 'place', 'weaponType', 'weaponModel', 'launchArea'] as const;
/** Weapon counts: the counting unit is one weapon (a missile, a drone), not one report. */
export const COUNT_KEYS = ['launched', 'destroyed', 'hit'] as const;
const KNOWN = new Set(['id', 'time', 'timeEnd', 'timeZone', 'lat', 'lon', 'category', 'timePrecision', 'casualties', 'links', 'attachments', ...STRING_KEYS, ...COUNT_KEYS]);

let shipped: Gazetteer | undefined;
/** The shipped gazetteer's names (no areas: those are the detectors' business). */
export function shippedPlaces(): PlaceLookup {
  return (shipped ??= new Gazetteer());
}

/**
 * Checks and normalises one report: trims strings, writes `time` as `YYYY-MM-DDThh:mm:ss[.sss]Z`,
 * accepts categories written with spaces or underscores (`Air strike` → `air-strike`), and
 * lower-cases attachment hashes. Returns the report and its time, or why it is rejected.
 *
 * @example
 * readIncidentReport({ id: 'r1', time: '2026-03-25T02:10:00Z', lat: 46.48, lon: 30.73, category: 'drone-attack', party: 'RU' })
 * // → { ok: true, timeMs: 1774404600000, report: { id: 'r1', time: '2026-03-25T02:10:00Z', lat: 46.48, lon: 30.73, category: 'drone-attack', party: 'RU' } }
 */
export function readIncidentReport(o: Readonly<Record<string, unknown>>, places: PlaceLookup = shippedPlaces()): { ok: true; report: IncidentReport; timeMs: number } | ({ ok: false } & ReportReject) {
  const fail = (reason: string, detail: string) => ({ ok: false as const, reason, detail });
  const idRaw = o['id'];
  const id = typeof idRaw === 'string' ? idRaw.trim() : typeof idRaw === 'number' && Number.isInteger(idRaw) ? String(idRaw) : undefined;
  if (id === undefined || !ID.test(id)) return fail('bad-id', `id ${show(idRaw)} must be 1–128 characters without white space`);
  const idProblem = textProblem(id);
  if (idProblem !== undefined) return fail('bad-id', `id ${idProblem}`);
  const tzRaw = o['timeZone'];
  const tz = typeof tzRaw === 'string' && tzRaw.trim() !== '' ? tzRaw.trim() : undefined;
  if (tzRaw !== undefined && tzRaw !== null && tzRaw !== '' && (tz === undefined || !isTimeZone(tz))) return fail('bad-time', `timeZone ${show(tzRaw)} is not an IANA time zone (e.g. Europe/Kyiv)`);
  const timeRaw = o['time'];
  if (timeRaw === undefined || timeRaw === null || timeRaw === '') return fail('bad-time', 'time is missing');
  const timeMs = typeof timeRaw === 'string' ? parseZonedTime(timeRaw, tz) ?? parseTimeValue(timeRaw) : typeof timeRaw === 'number' ? parseTimeValue(timeRaw) : undefined;
  if (timeMs === undefined) return fail('bad-time', `time ${show(timeRaw)} is not ISO 8601`);
  let endMs: number | undefined;
  const endRaw = o['timeEnd'];
  if (endRaw !== undefined && endRaw !== null && endRaw !== '') {
    endMs = typeof endRaw === 'string' ? clockAfter(endRaw, timeMs, tz) ?? parseZonedTime(endRaw, tz) ?? parseTimeValue(endRaw) : typeof endRaw === 'number' ? parseTimeValue(endRaw) : undefined;
    if (endMs === undefined) return fail('bad-time', `timeEnd ${show(endRaw)} is not ISO 8601 or a clock time (08:30)`);
    if (endMs < timeMs) return fail('bad-time', `timeEnd ${show(endRaw)} (${isoTime(endMs)}) is before time ${show(timeRaw)} (${isoTime(timeMs)})`);
  }
  const pos = position(o, places);
  if (!pos.ok) return pos;
  const { lat, lon } = pos;
  const cat = typeof o['category'] === 'string' ? o['category'].trim().toLowerCase().replace(/[\s_]+/g, '-') : '';
  const category = REPORT_CATEGORIES.find((c) => c === cat);
  if (category === undefined) return fail('bad-category', `category ${show(o['category'])} is not one of ${REPORT_CATEGORIES.join(', ')}`);
  const report: IncidentReport = { id, time: isoTime(timeMs), lat, lon, category };
  if (endMs !== undefined) report['timeEnd'] = isoTime(endMs);
  if (tz !== undefined) report['timeZone'] = tz;
  for (const k of STRING_KEYS) {
    const v = o[k];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') return fail('bad-field', `${k} must be a string, got ${show(v)}`);
    if (v.trim() !== '') report[k] = v.trim();
  }
  if (pos.place !== undefined) {
    report['placeId'] = pos.place.id;
    report['placeKind'] = pos.place.kind;
    report.geoPrecision ??= GEO_PRECISION_OF_KIND[pos.place.kind];
  }
  for (const k of COUNT_KEYS) {
    const v = o[k];
    if (v === undefined || v === null || v === '') continue;
    const n = typeof v === 'number' ? v : typeof v === 'string' ? parseDecimal(v) : undefined;
    if (n === undefined || !Number.isInteger(n) || n < 0) return fail('bad-count', `${k} ${show(v)} is not a whole number ≥ 0`);
    report[k] = n;
  }
  const launched = report['launched'] as number | undefined;
  for (const k of ['destroyed', 'hit'] as const) {
    const n = report[k] as number | undefined;
    if (launched !== undefined && n !== undefined && n > launched) return fail('bad-count', `${k} ${n} is more than launched ${launched}`);
  }
  const tp = o['timePrecision'];
  if (tp !== undefined && tp !== null && tp !== '') {
    const p = TIME_PRECISIONS.find((x) => x === tp);
    if (p === undefined) return fail('bad-field', `timePrecision ${show(tp)} is not one of ${TIME_PRECISIONS.join(', ')}`);
    report.timePrecision = p;
  }
  const cas = o['casualties'];
  if (cas !== undefined && cas !== null) {
    if (typeof cas !== 'object' || Array.isArray(cas)) return fail('bad-field', `casualties must be an object {killed?, injured?}, got ${show(cas)}`);
    const c: { killed?: number; injured?: number } = {};
    for (const [k, v] of Object.entries(cas)) {
      if (k !== 'killed' && k !== 'injured') return fail('bad-field', `casualties has an unknown key "${k}" (killed, injured)`);
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) return fail('bad-field', `casualties.${k} must be a whole number ≥ 0, got ${show(v)}`);
      c[k] = v;
    }
    report['casualties'] = c;
  }
  const links = o['links'];
  if (links !== undefined && links !== null) {
    if (!Array.isArray(links) || !links.every((l) => typeof l === 'string' && l.trim() !== '')) return fail('bad-field', `links must be an array of URLs, got ${show(links)}`);
    report['links'] = links.map((l: string) => l.trim());
  }
  const att = o['attachments'];
  if (att !== undefined && att !== null) {
    if (!Array.isArray(att)) return fail('bad-attachment', `attachments must be an array of {sha256, name?}, got ${show(att)}`);
    const out: { sha256: string; name?: string }[] = [];
    for (const a of att) {
      const rec = typeof a === 'object' && a !== null && !Array.isArray(a) ? (a as Record<string, unknown>) : undefined;
      const sha = rec?.['sha256'];
      if (rec === undefined || typeof sha !== 'string' || !SHA256.test(sha)) return fail('bad-attachment', `attachment ${show(a)} has no 64-hex-digit sha256`);
      const name = rec['name'];
      if (name !== undefined && typeof name !== 'string') return fail('bad-attachment', `attachment name must be a string, got ${show(name)}`);
      out.push(name === undefined ? { sha256: sha.toLowerCase() } : { sha256: sha.toLowerCase(), name });
    }
    report['attachments'] = out;
  }
  // `__proto__` (a legal JSON key) would set the prototype, not a key: it is dropped.
  for (const [k, v] of Object.entries(o)) if (!KNOWN.has(k) && v !== undefined && k !== '__proto__') report[k] = v;
  return { ok: true, report, timeMs };
}

/** The engine event of a report: entity `report:ID`, event time = report time. */
export function reportEvent(report: IncidentReport, timeMs: number): ReportEvent {
  return { kind: 'report', timeMs, entityId: `report:${report.id}`, report };
}

/** `YYYY-MM-DDThh:mm:ssZ`, with milliseconds only when there are some. */
export function isoTime(ms: number): string {
  const s = new Date(ms).toISOString();
  return s.endsWith('.000Z') ? s.slice(0, -5) + 'Z' : s;
}

const absent = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** A report's position: its lat/lon, else its place through the gazetteer; a precise reason when neither works. */
function position(o: Readonly<Record<string, unknown>>, places: PlaceLookup): { ok: true; lat: number; lon: number; place?: ResolvedPlace } | ({ ok: false } & ReportReject) {
  const fail = (reason: string, detail: string) => ({ ok: false as const, reason, detail });
  const [latRaw, lonRaw] = [o['lat'], o['lon']];
  if (absent(latRaw) && absent(lonRaw)) {
    const place = o['place'];
    if (typeof place !== 'string' || place.trim() === '') return fail('missing-position', 'no lat/lon and no place');
    const p = places.resolve(place);
    if (p === undefined) return fail('unknown-place', `place ${show(place)} is not in the gazetteer (towns, oblasts, macro-regions north/south/east/west/centre, countries; add places with --places FILE)`);
    return { ok: true, lat: p.lat, lon: p.lon, place: p };
  }
  if (absent(latRaw) || absent(lonRaw)) return fail('missing-position', `${absent(latRaw) ? 'lat' : 'lon'} is missing (${absent(latRaw) ? 'lon' : 'lat'} is ${show(absent(latRaw) ? lonRaw : latRaw)})`);
  const lat = coord(latRaw);
  const lon = coord(lonRaw);
  if (lat === undefined) return fail('bad-position', `lat ${show(latRaw)} is not a number`);
  if (lon === undefined) return fail('bad-position', `lon ${show(lonRaw)} is not a number`);
  if (lat < -90 || lat > 90) return fail('bad-position', `lat ${lat} is out of range (−90 to 90)`);
  if (lon < -180 || lon > 180) return fail('bad-position', `lon ${lon} is out of range (−180 to 180)`);
  return { ok: true, lat, lon };
}

function coord(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string') return parseDecimal(v);
  return undefined;
}

function show(v: unknown): string {
  const s = typeof v === 'string' ? `"${v}"` : JSON.stringify(v) ?? String(v);
  return s.length > 60 ? s.slice(0, 60) + '…' : s;
}
