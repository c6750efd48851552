/**
 * Incident reports as JSON Lines (one report object per line, unknown keys kept) or as CSV
 * with a header naming the report fields. In CSV, `links` and `attachments` hold several
 * values separated by `|`; an attachment is `SHA256` or `SHA256:name`; casualties are the
 * columns `killed` and `injured`; other columns are kept as text when not empty.
 * See docs/formats.md, "Incident reports".
 */
import { CsvOrJsonLines } from '../csv/csv-or-json-lines.js';
import { parseDecimal } from '../field-values.js';
import { LineTally, type DecodeSink } from '../line-tally.js';
import { readIncidentReport, reportEvent, shippedPlaces, type PlaceLookup, type ReportReject } from './incident-report-schema.js';
import { ReportIds } from './report-ids.js';

/** One report per line; 64 KB leaves room for a long description. */
const MAX_LINE = 65_536;
const REQUIRED_COLUMNS = ['id', 'time', 'category'];
/** CSV columns are matched case-insensitively; these are the camelCase keys they stand for. */
const CSV_KEYS: Record<string, string> = {
  timeprecision: 'timePrecision', geoprecision: 'geoPrecision', sourcetype: 'sourceType', timeend: 'timeEnd', timezone: 'timeZone',
  weapontype: 'weaponType', weaponmodel: 'weaponModel', launcharea: 'launchArea',
};

/**
 * Decodes a report input into `report` events (entity `report:ID`, event time = report time).
 * Two reports of one incident from two sources stay two reports: corroboration, not deletion.
 * A report id read twice is settled by `ReportIds` (merged duplicate or `conflicting-id`).
 *
 * @example
 * const d = new ReportDecoder(sink);
 * d.push('{"id":"ua-af-1","time":"2026-03-25T02:10:00Z","lat":46.48,"lon":30.73,"category":"drone-attack","party":"RU"}');
 */
export class ReportDecoder {
  private readonly tally: LineTally;
  private readonly input: CsvOrJsonLines;
  private readonly ids = new ReportIds();
  private readonly places: PlaceLookup;

  constructor(sink: DecodeSink) {
    this.tally = new LineTally(sink);
    this.places = sink.places ?? shippedPlaces();
    this.input = new CsvOrJsonLines(this.tally, MAX_LINE, {
      header: headerProblem,
      row: (v) => {
        const o = csvRowToObject(v);
        return o.ok ? this.emit(o.value) : o;
      },
      object: (o) => this.emit(o),
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

  private emit(o: Record<string, unknown>): number | ReportReject {
    return emitReport(readIncidentReport(o, this.places), this.ids, this.tally);
  }
}

/**
 * Emits a checked report unless its id was read before: 1 (an event), 0 (a merged
 * duplicate, counted in `counters.duplicates`) or why it is rejected. Shared by the report
 * decoders.
 */
export function emitReport(r: ReturnType<typeof readIncidentReport>, ids: ReportIds, tally: LineTally): number | ReportReject {
  if (!r.ok) return { reason: r.reason, detail: r.detail };
  const seen = ids.check(r.report, tally.counters.lines);
  if (seen === 'duplicate') {
    tally.counters.duplicates++;
    return 0;
  }
  if (seen !== 'new') return seen;
  tally.event(reportEvent(r.report, r.timeMs));
  return 1;
}

/**
 * A report CSV row as the JSON object it stands for. Empty cells are absent; `lat`/`lon` stay
 * text when not numbers (the schema then rejects them with `bad-position`).
 */
export function csvRowToObject(v: Readonly<Record<string, string>>): { ok: true; value: Record<string, unknown> } | ({ ok: false } & ReportReject) {
  const o: Record<string, unknown> = {};
  const casualties: { killed?: number; injured?: number } = {};
  for (const [col, text] of Object.entries(v)) {
    if (text === '') continue;
    switch (col) {
      case 'lat': case 'lon':
        o[col] = parseDecimal(text) ?? text;
        break;
      case 'killed': case 'injured': {
        const n = parseDecimal(text);
        if (n === undefined || !Number.isInteger(n) || n < 0) return { ok: false, reason: 'bad-field', detail: `${col} "${text}" is not a whole number ≥ 0` };
        casualties[col] = n;
        break;
      }
      case 'links':
        o['links'] = text.split('|').map((l) => l.trim()).filter((l) => l !== '');
        break;
      case 'attachments':
        o['attachments'] = text.split('|').map((a) => a.trim()).filter((a) => a !== '').map((a) => {
          const colon = a.indexOf(':');
          return colon < 0 ? { sha256: a } : { sha256: a.slice(0, colon), name: a.slice(colon + 1) };
        });
        break;
      default:
        if (col !== '__proto__') o[CSV_KEYS[col] ?? col] = text;
    }
  }
  if (casualties.killed !== undefined || casualties.injured !== undefined) o['casualties'] = casualties;
  return { ok: true, value: o };
}

/** True when the first line is a report JSON object (keys `id`, `time` and `category`) or a CSV header with the report's required columns (id, time, category, and lat/lon or place). */
export function looksLikeReports(sample: readonly string[]): boolean {
  const first = sample[0]?.trim();
  if (first === undefined) return false;
  if (first[0] === '{') {
    try {
      const o = JSON.parse(first) as unknown;
      return typeof o === 'object' && o !== null && 'id' in o && 'time' in o && 'category' in o;
    } catch {
      return false;
    }
  }
  return headerProblem(first.split(',').map((c) => c.trim().toLowerCase())) === undefined;
}

function headerProblem(columns: readonly string[]): string | undefined {
  for (const c of REQUIRED_COLUMNS) if (!columns.includes(c)) return `header has no \`${c}\` column (needs ${REQUIRED_COLUMNS.join(', ')}, and lat, lon or place)`;
  if (!(columns.includes('lat') && columns.includes('lon')) && !columns.includes('place')) return 'header has neither `lat` and `lon` nor `place` columns';
  return undefined;
}
