/**
 * Injected `no-strike` cases with ground truth: a drone attack on shipping inside a
 * protected zone reported by two sources (two alerts: corroboration, not de-duplication),
 * and near-misses that must raise none — a report of category `other` inside the zone, a
 * drifting mine sighted inside it (`mine` is not a strike category), and a missile attack
 * far inland, outside every zone of the rule.
 *
 * @module
 */
import type { CompiledAgreement, CompiledZone } from '../../core/agreement/compiled-agreement.js';
import { destinationPoint } from '../../core/geo/distance.js';
import type { IncidentReport } from '../../core/track/observation.js';
import type { GroundTruth } from '../actor.js';
import type { LonLat } from '../black-sea.js';
import { Prng } from '../prng.js';
import { interiorPoint } from '../violations.js';
import { REPORT_SOURCES, ReportIds, sourceReport, type ReportSource } from './incident-reports.js';

const MIN = 60_000;

export interface StrikeInjection {
  /** Reports in time order. */
  reports: IncidentReport[];
  truth: GroundTruth[];
}

export interface StrikeInjectOptions {
  /** Also inject the near-misses. Default true. */
  negatives?: boolean;
}

const sourceOf = (prefix: string): ReportSource => {
  const s = REPORT_SOURCES.find((x) => x.idPrefix === prefix);
  if (s === undefined) throw new Error(`no report source '${prefix}'`);
  return s;
};

/** A point `distanceM` from `from` outside every zone in `zones` (bearings tried from north, clockwise). */
function outsideAll(from: LonLat, distanceM: number, zones: readonly CompiledZone[]): LonLat {
  for (let b = 0; b < 360; b += 15) {
    const p = destinationPoint(from[0], from[1], b, distanceM);
    if (!zones.some((z) => z.contains(p[0], p[1]))) return p;
  }
  throw new Error('no point outside the zones');
}

/**
 * Reports that test the agreement's `no-strike` rule (none when it has none), starting
 * 95 min after `startMs`. Report ids use the prefix `inj-` so they never clash with the
 * background's.
 * @example injectStrikeReports(agreement, Date.parse('2026-03-25T00:00:00Z')).truth.length // 2
 */
export function injectStrikeReports(agreement: CompiledAgreement, startMs: number, options: StrikeInjectOptions = {}): StrikeInjection {
  const rule = agreement.rules.find((r) => r.type === 'no-strike');
  if (rule === undefined) return { reports: [], truth: [] };
  const zones = rule.zones.map((i) => agreement.zones[i]!);
  const zone = zones.find((z) => z.geometry.type !== 'LineString');
  if (zone === undefined) throw new Error(`rule ${rule.id} has no polygonal zone to strike in`);
  const rng = new Prng(0x5715);
  const ids = new ReportIds();
  const inside = interiorPoint(zone);
  const at = startMs + 95 * MIN;
  const strike = { timeMs: at, position: inside, category: 'drone-attack', party: 'RU', description: `Drone attack on a bulk carrier at anchor in ${zone.name}`, place: zone.id };
  const reports: IncidentReport[] = [];
  const truth: GroundTruth[] = [];
  for (const prefix of ['inj-ua-af', 'inj-obs']) {
    const src = { ...sourceOf(prefix.slice(4)), idPrefix: prefix };
    const r = sourceReport(src, ids, rng, strike);
    reports.push(r);
    truth.push({ rule: rule.id, type: rule.type, entity: `report:${r.id}`, zone: zone.id, start: r.time, end: r.time, note: `${r.source} reports the strike (${r.sourceType})` });
  }
  if (options.negatives ?? true) {
    const nearMiss = (prefix: string, minutes: number, position: LonLat, category: string, description: string, party?: string): void => {
      const src = { ...sourceOf(prefix.slice(4)), idPrefix: prefix };
      reports.push(sourceReport(src, ids, rng, { timeMs: at + minutes * MIN, position, category, description, place: zone.id, ...(party !== undefined ? { party } : {}) }));
    };
    nearMiss('inj-obs', 20, inside, 'other', 'Explosion heard offshore, cause unknown');
    nearMiss('inj-ua-oda', 30, inside, 'mine', 'Drifting sea mine sighted and reported to the navy');
    nearMiss('inj-ua-af', 40, outsideAll(inside, 150_000, zones), 'missile-attack', 'Missile strike on an industrial site far inland', 'RU');
  }
  reports.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.id < b.id ? -1 : 1));
  return { reports, truth };
}
