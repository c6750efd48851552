import type { CompiledRule } from '../agreement/compiled-agreement.js';
import type { ReportCategory } from '../agreement/schema.js';
import type { DetectContext, Detector } from './detector.js';

/**
 * `no-strike`, SPEC "Agreement file": one alert for each incident report of a strike or
 * attack category (`params.categories`) located inside a zone of the rule (anywhere when it
 * names none). start = end = the reported time. Two reports of the same strike from two
 * sources give two alerts: corroboration is casework, not de-duplication.
 */
export function createNoStrike(rule: Extract<CompiledRule, { type: 'no-strike' }>, ctx: DetectContext): Detector {
  const zones = rule.zones.map((i) => ctx.agreement.zones[i]!);
  const categories = rule.params.categories;
  return {
    onReport({ report, timeMs, entityId }) {
      if (!categories.has(report.category as ReportCategory)) return;
      const party = report.party;
      if (rule.applies.parties !== null && (party === undefined || !rule.applies.parties.has(party))) return;
      const hits = zones.length === 0 ? [null] : zones.filter((z) => z.contains(report.lon, report.lat));
      for (const zone of hits) {
        const a = ctx.open(rule, {
          entity: { kind: 'report', id: entityId, ...(report.description !== undefined ? { name: String(report.description).slice(0, 120) } : {}), ...(party !== undefined ? { party } : {}) },
          zone, startMs: timeMs, lon: report.lon, lat: report.lat,
          evidence: {
            category: report.category, source: report.source ?? null, sourceType: report.sourceType ?? null,
            timePrecision: report.timePrecision ?? null, geoPrecision: report.geoPrecision ?? null,
          },
        });
        ctx.close(a, timeMs);
      }
    },
  };
}
