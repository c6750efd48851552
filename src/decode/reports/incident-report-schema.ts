/**
 * The incident report schema (SPEC "Incident report", issue 4): what a report must and may
 * hold, and how a loose JSON object becomes a checked `IncidentReport`.
 *
 * Required: `id`, `time` (ISO 8601, UTC), `lat`, `lon` (degrees), `category`.
 * Optional: `timePrecision`, `geoPrecision`, `party` (reported perpetrator), `source`,
 * `sourceType`, `description`, `casualties` `{killed?, injured?}`, `links` (URLs),
 * `attachments` `[{sha256, name?}]`. Unknown keys are kept as they are.
 */
import type { IncidentReport, ReportEvent } from '../../core/track/observation.js';
import { parseDecimal, parseTimeValue } from '../field-values.js';
import { textProblem } from '../../core/text/text-problem.js';

/** Report categories (SPEC). Strikes and attacks are every category but `other`. */
export const REPORT_CATEGORIES = ['air-strike', 'missile-attack', 'drone-attack', 'shelling', 'naval-attack', 'mine', 'other'] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

/** How exactly `time` is known: the report's time is within this unit of the true time. */
export const TIME_PRECISIONS = ['second', 'minute', 'hour', 'day', 'week', 'month'] as const;

/** Why a report was not accepted. */
export const REPORT_REJECT_REASONS = [
  'bad-json',            // a JSON Lines line that is not a JSON object
  'bad-id',              // id missing, blank, with white space, a control or bidi character, or over 128 characters
  'bad-time',            // time missing or not ISO 8601
  'bad-position',        // lat/lon missing or out of range
  'bad-category',        // not one of REPORT_CATEGORIES
  'bad-field',           // an optional field of the wrong type or value
  'bad-attachment',      // an attachment without a 64-hex-digit sha256
  'bad-header', 'no-header', 'wrong-field-count', 'bad-csv', // CSV structure
  'line-too-long',
] as const;

export type ReportReject = { reason: string; detail: string };

const ID = /^\S{1,128}$/;
const SHA256 = /^[0-9a-fA-F]{64}$/;
const STRING_KEYS = ['party', 'source', 'sourceType', 'description', 'geoPrecision'] as const;
const KNOWN = new Set(['id', 'time', 'lat', 'lon', 'category', 'timePrecision', 'casualties', 'links', 'attachments', ...STRING_KEYS]);

/**
 * Checks and normalises one report: trims strings, writes `time` as `YYYY-MM-DDThh:mm:ss[.sss]Z`,
 * accepts categories written with spaces or underscores (`Air strike` → `air-strike`), and
 * lower-cases attachment hashes. Returns the report and its time, or why it is rejected.
 *
 * @example
 * readIncidentReport({ id: 'r1', time: '2026-03-25T02:10:00Z', lat: 46.48, lon: 30.73, category: 'drone-attack', party: 'RU' })
 * // → { ok: true, timeMs: 1774404600000, report: { id: 'r1', time: '2026-03-25T02:10:00Z', lat: 46.48, lon: 30.73, category: 'drone-attack', party: 'RU' } }
 */
export function readIncidentReport(o: Readonly<Record<string, unknown>>): { ok: true; report: IncidentReport; timeMs: number } | ({ ok: false } & ReportReject) {
  const fail = (reason: string, detail: string) => ({ ok: false as const, reason, detail });
  const idRaw = o['id'];
  const id = typeof idRaw === 'string' ? idRaw.trim() : typeof idRaw === 'number' && Number.isInteger(idRaw) ? String(idRaw) : undefined;
  if (id === undefined || !ID.test(id)) return fail('bad-id', `id ${show(idRaw)} must be 1–128 characters without white space`);
  const idProblem = textProblem(id);
  if (idProblem !== undefined) return fail('bad-id', `id ${idProblem}`);
  const timeMs = typeof o['time'] === 'string' || typeof o['time'] === 'number' ? parseTimeValue(o['time']) : undefined;
  if (timeMs === undefined) return fail('bad-time', `time ${show(o['time'])} is not ISO 8601`);
  const lat = coord(o['lat']);
  const lon = coord(o['lon']);
  if (lat === undefined || lon === undefined || lat < -90 || lat > 90 || lon < -180 || lon > 180) return fail('bad-position', `lat ${show(o['lat'])}, lon ${show(o['lon'])} is not a position`);
  const cat = typeof o['category'] === 'string' ? o['category'].trim().toLowerCase().replace(/[\s_]+/g, '-') : '';
  const category = REPORT_CATEGORIES.find((c) => c === cat);
  if (category === undefined) return fail('bad-category', `category ${show(o['category'])} is not one of ${REPORT_CATEGORIES.join(', ')}`);
  const report: IncidentReport = { id, time: isoTime(timeMs), lat, lon, category };
  for (const k of STRING_KEYS) {
    const v = o[k];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') return fail('bad-field', `${k} must be a string, got ${show(v)}`);
    if (v.trim() !== '') report[k] = v.trim();
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

function coord(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string') return parseDecimal(v);
  return undefined;
}

function show(v: unknown): string {
  const s = typeof v === 'string' ? `"${v}"` : JSON.stringify(v) ?? String(v);
  return s.length > 60 ? s.slice(0, 60) + '…' : s;
}
