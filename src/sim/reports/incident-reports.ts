/**
 * Background incident reports for the simulator: strikes reported on the Odesa, Chornomorsk
 * and Izmail port areas by the kinds of source a monitoring mission hears from — the
 * Ukrainian Air Force and regional administration (a party), the mission's own observer
 * teams, national liaison cells of coalition states, and open sources. Each incident is
 * reported by one to three sources, each with its own id, precision and position (the
 * mission keeps them as separate reports: corroboration, not de-duplication).
 *
 * The places are the ports' landward areas (terminals, grain elevators, the towns behind
 * them), outside the demo agreement's port-approach and corridor zones: a correct engine
 * raises no `no-strike` alert on this background. Reports of strikes inside protected zones
 * are injected separately, with ground truth (`strike-violations.ts`).
 *
 * @module
 */
import type { IncidentReport } from '../../core/track/observation.js';
import { destinationPoint } from '../../core/geo/distance.js';
import type { LonLat } from '../black-sea.js';
import { Prng } from '../prng.js';

const MIN = 60_000;

/** Where background strikes are reported, `[lon, lat]`, each ≥ 1.5 km from the nearest demo zone. */
export const REPORT_SITES: readonly { id: string; name: string; position: LonLat }[] = [
  { id: 'odesa', name: 'Odesa port area', position: [30.735, 46.49] },
  { id: 'chornomorsk', name: 'Chornomorsk port area', position: [30.635, 46.31] },
  { id: 'izmail', name: 'Izmail port on the Danube', position: [28.84, 45.34] },
];

/** A source of reports, and how it reports. */
export interface ReportSource {
  /** Prefix of its report ids. */
  idPrefix: string;
  source: string;
  sourceType: 'party' | 'observer' | 'coalition' | 'open-source';
  timePrecision: 'minute' | 'hour';
  geoPrecision: 'exact' | 'district' | 'town';
}

export const REPORT_SOURCES: readonly ReportSource[] = [
  { idPrefix: 'ua-af', source: 'UA Air Force', sourceType: 'party', timePrecision: 'minute', geoPrecision: 'town' },
  { idPrefix: 'ua-oda', source: 'Odesa Regional Military Administration', sourceType: 'party', timePrecision: 'minute', geoPrecision: 'district' },
  { idPrefix: 'obs', source: 'Joint observer team', sourceType: 'observer', timePrecision: 'minute', geoPrecision: 'exact' },
  { idPrefix: 'ro-nlc', source: 'RO national liaison cell', sourceType: 'coalition', timePrecision: 'minute', geoPrecision: 'district' },
  { idPrefix: 'osint', source: 'Open sources (local media, Telegram)', sourceType: 'open-source', timePrecision: 'hour', geoPrecision: 'town' },
];

const CATEGORIES = ['drone-attack', 'missile-attack', 'air-strike', 'other'] as const;
/** Shahed-type drones dominate attacks on the ports; missiles are rarer; `other` covers debris and unexplained blasts. */
const CATEGORY_WEIGHTS = [0.6, 0.25, 0.05, 0.1];
const DESCRIPTIONS: Record<(typeof CATEGORIES)[number], string> = {
  'drone-attack': 'Drone attack on port infrastructure; fire at a warehouse',
  'missile-attack': 'Missile strike on the port area; damage to a grain terminal',
  'air-strike': 'Guided aerial bomb reported in the port area',
  'other': 'Explosion reported near the port, cause unknown (possible air defence debris)',
};

export interface ReportSimOptions {
  seed: number;
  /** Window, ms since the Unix epoch: incidents happen in [startMs, startMs + durationMs). */
  startMs: number;
  durationMs: number;
  /** Mean gap between incidents, minutes. Default 45. */
  meanGapMin?: number;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Report ids like `ua-af-2026-03-25-001`: source prefix, the incident's UTC day, a serial
 * per source.
 */
export class ReportIds {
  readonly #serials = new Map<string, number>();
  next(prefix: string, timeMs: number): string {
    const n = (this.#serials.get(prefix) ?? 0) + 1;
    this.#serials.set(prefix, n);
    const d = new Date(timeMs);
    return `${prefix}-${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}-${pad(n, 3)}`;
  }
}

/**
 * One source's report of an incident: its time to its precision (an hour-precision report
 * gives the start of the hour), its position to its geo precision (moved up to 300 m for
 * `district`, 600 m for `town`, by the given random source).
 */
export function sourceReport(
  src: ReportSource, ids: ReportIds, rng: Prng, incident: { timeMs: number; position: LonLat; category: string; party?: string; description: string; place: string },
): IncidentReport {
  const timeMs = src.timePrecision === 'hour' ? Math.floor(incident.timeMs / 3_600_000) * 3_600_000 : Math.floor(incident.timeMs / MIN) * MIN;
  const spreadM = src.geoPrecision === 'exact' ? 0 : src.geoPrecision === 'district' ? 300 : 600;
  const p = spreadM === 0 ? incident.position : destinationPoint(incident.position[0], incident.position[1], rng.float(0, 360), rng.float(0, spreadM));
  const source = src.sourceType === 'observer' ? `${src.source} ${incident.place}` : src.source;
  return {
    id: ids.next(src.idPrefix, incident.timeMs), time: isoSeconds(timeMs),
    lat: Math.round(p[1] * 1e5) / 1e5, lon: Math.round(p[0] * 1e5) / 1e5, category: incident.category,
    ...(incident.party !== undefined ? { party: incident.party } : {}),
    source, sourceType: src.sourceType, description: incident.description,
    timePrecision: src.timePrecision, geoPrecision: src.geoPrecision,
  };
}

/**
 * Background incident reports in time order. Same options, same reports.
 * @example simulateReports({ seed: 3, startMs: Date.parse('2026-03-25T00:00:00Z'), durationMs: 7_200_000 })[0]?.source // e.g. 'UA Air Force'
 */
export function simulateReports(options: ReportSimOptions): IncidentReport[] {
  const rng = new Prng(options.seed ^ 0x2c1b3c6d);
  const ids = new ReportIds();
  const meanGapMs = (options.meanGapMin ?? 45) * MIN;
  const endMs = options.startMs + options.durationMs;
  const out: IncidentReport[] = [];
  for (let t = options.startMs + rng.float(0.2, 1) * meanGapMs; t < endMs; t += rng.float(0.4, 1.6) * meanGapMs) {
    const site = rng.pick(REPORT_SITES);
    const category = rng.weighted(CATEGORIES, CATEGORY_WEIGHTS);
    const incident = {
      timeMs: Math.round(t), position: site.position, category, description: `${site.name}: ${DESCRIPTIONS[category]}`, place: site.name.split(' ')[0]!,
      ...(category !== 'other' ? { party: 'RU' } : {}),
    };
    const count = rng.int(1, 3);
    const pool = [...REPORT_SOURCES];
    for (let k = 0; k < count; k++) {
      const src = pool.splice(rng.int(0, pool.length - 1), 1)[0]!;
      out.push(sourceReport(src, ids, rng, incident));
    }
  }
  return out.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * A report as one JSON line (SPEC "Incident report"), keys in the SPEC's order.
 * @example reportLine({ id: 'r1', time: '2026-03-25T02:10:00Z', lat: 46.48, lon: 30.73, category: 'drone-attack' }) // '{"id":"r1",…}'
 */
export function reportLine(r: IncidentReport): string {
  const { id, time, lat, lon, category, party, source, sourceType, description, timePrecision, geoPrecision, ...rest } = r;
  return JSON.stringify({ id, time, lat, lon, category, party, source, sourceType, description, timePrecision, geoPrecision, ...rest });
}
