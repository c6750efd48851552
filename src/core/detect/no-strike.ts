import type { CompiledRule, CompiledZone } from '../agreement/compiled-agreement.js';
import type { ReportCategory } from '../agreement/schema.js';
import type { Alert } from '../alert/alert.js';
import { shareInside } from '../geo/area-samples.js';
import type { IncidentReport } from '../track/observation.js';
import type { DetectContext, Detector } from './detector.js';

/** A region this much inside a zone (or more) is certainly in it: the rest is sampling error at its edge. */
export const CERTAIN_SHARE = 0.999;

/** Report keys copied into the evidence when present (the counts are numbers of weapons). */
const EVIDENCE_KEYS = ['timeEnd', 'timeZone', 'launched', 'destroyed', 'hit', 'weaponType', 'weaponModel', 'launchArea'] as const;

/**
 * `no-strike`, SPEC "Agreement file": one alert for each incident report of a strike or
 * attack category (`params.categories`) located inside a zone of the rule (anywhere when it
 * names none). start = the reported time, end = `timeEnd` for a span (else the start). Two
 * reports of the same strike from two sources give two alerts: corroboration is casework,
 * not de-duplication.
 *
 * A report located by a region's name (an oblast, a macro-region, a country: `placeKind`)
 * is tested by its area: an alert when any of it overlaps the zone, with `certainty`
 * `certain` when the whole region is inside and `possible` otherwise, and `overlapShare`
 * the share of the region's area inside the zone. A report located by a town's name is a
 * point (`certain`, `overlapShare` null). A region the gazetteer has no area for is not
 * tested (`vigil check` says how many). Reports with coordinates keep the evidence they
 * always had: their point is inside.
 */
export function createNoStrike(rule: Extract<CompiledRule, { type: 'no-strike' }>, ctx: DetectContext): Detector {
  const zones = rule.zones.map((i) => ctx.agreement.zones[i]!);
  const categories = rule.params.categories;
  /** `placeId` + zone index → share of the place inside the zone: fixed, so computed once. */
  const shares = new Map<string, number>();
  const shareOf = (placeId: string, zone: CompiledZone): number => {
    const key = `${placeId}\u001f${zone.index}`;
    let s = shares.get(key);
    if (s === undefined) {
      const area = ctx.places?.area(placeId);
      s = area === undefined ? 0 : shareInside(area, (lon, lat) => zone.contains(lon, lat), zone.bbox);
      shares.set(key, s);
    }
    return s;
  };
  return {
    onReport({ report, timeMs, entityId }) {
      if (!categories.has(report.category as ReportCategory)) return;
      const party = report.party;
      if (rule.applies.parties !== null && (party === undefined || !rule.applies.parties.has(party))) return;
      const placeId = typeof report['placeId'] === 'string' ? report['placeId'] : undefined;
      const byArea = placeId !== undefined && report['placeKind'] !== 'town';
      if (byArea && ctx.places?.area(placeId) === undefined) return;
      const hits: { zone: CompiledZone | null; share: number | null }[] = [];
      if (zones.length === 0) hits.push({ zone: null, share: byArea ? 1 : null });
      for (const zone of zones) {
        if (byArea) {
          const share = shareOf(placeId, zone);
          if (share > 0) hits.push({ zone, share });
        } else if (zone.contains(report.lon, report.lat)) hits.push({ zone, share: null });
      }
      const endMs = typeof report['timeEnd'] === 'string' ? Date.parse(report['timeEnd']) : timeMs;
      for (const { zone, share } of hits) {
        const a = ctx.open(rule, {
          entity: { kind: 'report', id: entityId, ...(report.description !== undefined ? { name: String(report.description).slice(0, 120) } : {}), ...(party !== undefined ? { party } : {}) },
          zone, startMs: timeMs, lon: report.lon, lat: report.lat,
          evidence: evidenceOf(report, placeId === undefined ? undefined : share),
        });
        ctx.close(a, Math.max(endMs, timeMs));
      }
    },
  };
}

/** The evidence of a strike alert; `share` is undefined for a report with coordinates, null for a town. */
function evidenceOf(report: IncidentReport, share: number | null | undefined): Alert['evidence'] {
  const ev: Alert['evidence'] = {
    category: report.category, source: report.source ?? null, sourceType: report.sourceType ?? null,
    timePrecision: report.timePrecision ?? null, geoPrecision: report.geoPrecision ?? null,
  };
  if (share !== undefined) {
    ev['place'] = typeof report['place'] === 'string' ? report['place'] : null;
    ev['placeId'] = String(report['placeId']);
    ev['placeKind'] = String(report['placeKind']);
    ev['certainty'] = share === null || share >= CERTAIN_SHARE ? 'certain' : 'possible';
    ev['overlapShare'] = share === null ? null : Math.max(0.001, Math.round(share * 1000) / 1000);
  }
  for (const k of EVIDENCE_KEYS) {
    const v = report[k];
    if (typeof v === 'string' || typeof v === 'number') ev[k] = v;
  }
  return ev;
}
