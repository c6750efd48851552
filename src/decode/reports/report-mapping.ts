/**
 * A mapping from the columns of any CSV to incident report fields (docs/formats.md,
 * "Mapping files"): which column (or columns, joined) holds each field, how cell values map
 * to report values (`category` most of all), fixed values, and the time zone of local
 * times. Read from YAML by `src/config/report-mapping-file.ts`; checked here.
 *
 * @example
 * parseReportMapping({ mapping: 'x', timeZone: 'Europe/Kyiv', columns: { id: 'n', time: ['date', 'from'], timeEnd: 'to', place: 'region', category: 'weapon' },
 *   values: { category: { '~drone|shahed': 'drone-attack', '*': 'other' } } }, 'x.yaml')
 */
import { isTimeZone } from '../local-time.js';
import { COUNT_KEYS, REPORT_CATEGORIES } from './incident-report-schema.js';

/** Report fields a mapping may fill from columns. */
export const MAPPABLE_FIELDS = [
  'id', 'time', 'timeEnd', 'timeZone', 'lat', 'lon', 'place', 'category', 'party', 'source', 'sourceType', 'description',
  'timePrecision', 'geoPrecision', ...COUNT_KEYS, 'weaponType', 'weaponModel', 'launchArea', 'killed', 'injured', 'links',
] as const;
export type MappableField = (typeof MAPPABLE_FIELDS)[number];

/** One value rule: an exact cell value (case-insensitive), a `~regex` (case-insensitive), or `*` (anything else); `to: ''` leaves the field out. */
interface ValueRule { match: string | RegExp | '*'; to: string }

export interface ReportMapping {
  name: string;
  /** IANA zone of times written without an offset. */
  timeZone?: string;
  /** Field → lower-cased column names (several are joined: with `-` for `id`, `, ` for `place`, a space otherwise). */
  columns: Partial<Record<MappableField, string[]>>;
  /** Columns written with a trailing `?`: a header may lack them (their cells are then empty). */
  optional: Set<string>;
  values: Partial<Record<MappableField, ValueRule[]>>;
  constants: Partial<Record<MappableField, string>>;
}

/** A mapping file that cannot be used: what is wrong, and where. */
export class MappingProblem extends Error {}

/** Checks a parsed mapping document; throws `MappingProblem` naming the key at fault. */
export function parseReportMapping(doc: unknown, where: string): ReportMapping {
  const fail = (path: string, msg: string): never => { throw new MappingProblem(`${where}: ${path}: ${msg}`); };
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) fail('(top)', 'a mapping file is a YAML mapping with `columns`');
  const d = doc as Record<string, unknown>;
  for (const k of Object.keys(d)) if (!['mapping', 'description', 'timeZone', 'columns', 'values', 'constants'].includes(k)) fail(k, 'unknown key (mapping, description, timeZone, columns, values, constants)');
  const field = (path: string, k: string): MappableField => (MAPPABLE_FIELDS as readonly string[]).includes(k) ? (k as MappableField) : fail(path, `"${k}" is not a report field (${MAPPABLE_FIELDS.join(', ')})`);
  const m: ReportMapping = { name: typeof d['mapping'] === 'string' ? d['mapping'] : where, columns: {}, optional: new Set(), values: {}, constants: {} };
  if (d['timeZone'] !== undefined) {
    if (typeof d['timeZone'] !== 'string' || !isTimeZone(d['timeZone'])) fail('timeZone', `${JSON.stringify(d['timeZone'])} is not an IANA time zone (e.g. Europe/Kyiv)`);
    m.timeZone = d['timeZone'] as string;
  }
  const cols = d['columns'];
  if (typeof cols !== 'object' || cols === null || Array.isArray(cols)) return fail('columns', 'missing: a mapping of report field → CSV column');
  for (const [k, v] of Object.entries(cols)) {
    const names = typeof v === 'string' ? [v] : Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string') ? (v as string[]) : fail(`columns.${k}`, 'must be a column name or a list of column names');
    m.columns[field(`columns.${k}`, k)] = names.map((n) => {
      const c = n.trim().toLowerCase();
      if (!c.endsWith('?')) return c;
      m.optional.add(c.slice(0, -1).trim());
      return c.slice(0, -1).trim();
    });
  }
  const vals = d['values'] ?? {};
  if (typeof vals !== 'object' || vals === null || Array.isArray(vals)) fail('values', 'must map report fields to {cell value: report value}');
  for (const [k, v] of Object.entries(vals as Record<string, unknown>)) {
    const f = field(`values.${k}`, k);
    if (m.columns[f] === undefined) fail(`values.${k}`, `no column is mapped to ${k} (add columns.${k})`);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(`values.${k}`, 'must be a mapping {cell value: report value}');
    const rules: ValueRule[] = [];
    for (const [from, to] of Object.entries(v as Record<string, unknown>)) {
      if (typeof to !== 'string' && typeof to !== 'number') fail(`values.${k}.${from}`, 'must be a text or a number');
      if (f === 'category' && !(REPORT_CATEGORIES as readonly string[]).includes(String(to))) fail(`values.${k}.${from}`, `"${String(to)}" is not a category (${REPORT_CATEGORIES.join(', ')})`);
      let match: ValueRule['match'] = from === '*' ? '*' : from.trim().toLowerCase();
      if (from.startsWith('~')) {
        try {
          match = new RegExp(from.slice(1), 'iu');
        } catch (e) {
          fail(`values.${k}.${from}`, `not a regular expression: ${(e as Error).message}`);
        }
      }
      rules.push({ match, to: String(to) });
    }
    m.values[f] = rules;
  }
  const consts = d['constants'] ?? {};
  if (typeof consts !== 'object' || consts === null || Array.isArray(consts)) fail('constants', 'must map report fields to values');
  for (const [k, v] of Object.entries(consts as Record<string, unknown>)) {
    if (typeof v !== 'string' && typeof v !== 'number') fail(`constants.${k}`, 'must be a text or a number');
    m.constants[field(`constants.${k}`, k)] = String(v);
  }
  if (m.timeZone !== undefined) m.constants.timeZone ??= m.timeZone;
  for (const need of ['id', 'time', 'category'] as const) {
    if (m.columns[need] === undefined && m.constants[need] === undefined) fail(`columns.${need}`, `missing: every report needs ${need}`);
  }
  if (m.columns.place === undefined && (m.columns.lat === undefined || m.columns.lon === undefined)) fail('columns', 'needs `place` or both `lat` and `lon`');
  return m;
}

/** The columns a mapping reads that a CSV header must have (all but the optional ones). */
export function mappedColumns(m: ReportMapping): string[] {
  return [...new Set(Object.values(m.columns).flat())].filter((c) => !m.optional.has(c)).sort();
}

/**
 * One CSV row (lower-cased column → trimmed cell) as a report object for the schema, or why
 * not. Cells joined for a field skip empty ones; an empty field is absent.
 */
export function mapRow(m: ReportMapping, row: Readonly<Record<string, string>>): { ok: true; value: Record<string, unknown> } | { ok: false; reason: string; detail: string } {
  const o: Record<string, unknown> = {};
  for (const [f, v] of Object.entries(m.constants)) o[f] = v;
  for (const [f, cols] of Object.entries(m.columns) as [MappableField, string[]][]) {
    const parts = cols.map((c) => row[c] ?? '').filter((x) => x !== '');
    if (parts.length === 0) {
      if (f === 'id') return { ok: false, reason: 'bad-id', detail: `id is empty (column${cols.length > 1 ? 's' : ''} ${cols.join(', ')})` };
      if (f === 'time') return { ok: false, reason: 'bad-time', detail: `time is empty (column${cols.length > 1 ? 's' : ''} ${cols.join(', ')})` };
      continue;
    }
    let text = f === 'id' ? parts.join('-').replace(/\s+/g, '-') : parts.join(f === 'place' ? ', ' : ' ');
    const rules = m.values[f];
    if (rules !== undefined) {
      const low = text.toLowerCase();
      const rule = rules.find((r) => (r.match === '*' ? true : typeof r.match === 'string' ? r.match === low : r.match.test(text)));
      if (rule === undefined) return { ok: false, reason: 'unmapped-value', detail: `${f}: "${text.slice(0, 60)}" (column ${cols.join(', ')}) matches none of the mapping's values (${rules.map((r) => (r.match instanceof RegExp ? `~${r.match.source}` : r.match)).join(', ')})` };
      // An empty report value leaves the field out (a party only for some actors, say).
      if (rule.to === '') continue;
      text = rule.to;
    }
    o[f] = text;
  }
  if (o['killed'] !== undefined || o['injured'] !== undefined) {
    const c: Record<string, number> = {};
    for (const k of ['killed', 'injured'] as const) {
      if (o[k] === undefined) continue;
      const n = Number(o[k]);
      if (!/^\d+$/.test(String(o[k])) || !Number.isSafeInteger(n)) return { ok: false, reason: 'bad-field', detail: `${k} "${String(o[k])}" is not a whole number ≥ 0` };
      c[k] = n;
      delete o[k];
    }
    o['casualties'] = c;
  }
  if (typeof o['links'] === 'string') o['links'] = o['links'].split(/[|\s]+/).filter((l) => l !== '');
  return { ok: true, value: o };
}
