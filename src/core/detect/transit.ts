import type { CompiledRule, CompiledZone } from '../agreement/compiled-agreement.js';
import { segmentCrossing } from '../geo/segment-cross.js';
import type { DetectContext, Detector } from './detector.js';

/**
 * `transit`: one alert for each crossing of a transit line (or a zone's boundary inward) by
 * a matching entity — warship passages of the Bosphorus and Dardanelles under Montreux
 * Article 19. Tile38's "cross": the segment between consecutive fixes is tested, so a
 * crossing between two reports is still seen.
 * 1. start = end = the crossing time, interpolated along the segment;
 * 2. `evidence.direction` is `left-to-right` or `right-to-left` of the line as drawn;
 * 3. `params.direction` keeps only one of them.
 */
export function createTransit(rule: Extract<CompiledRule, { type: 'transit' }>, ctx: DetectContext): Detector {
  const lines: CompiledZone[] = rule.zones.map((i) => ctx.agreement.zones[i]!).filter((z) => z.geometry.type === 'LineString');
  const polygons: CompiledZone[] = rule.zones.map((i) => ctx.agreement.zones[i]!).filter((z) => z.geometry.type !== 'LineString');
  const want = rule.params.direction;
  return {
    onFix({ track, prev, fix, exited }) {
      if (prev === undefined) return;
      for (const line of lines) {
        const coords = (line.geometry as { coordinates: number[][] }).coordinates;
        const c = segmentCrossing(prev.lon, prev.lat, fix.lon, fix.lat, coords);
        if (c === 0) continue;
        const direction = c > 0 ? 'left-to-right' : 'right-to-left';
        if (want !== 'any' && want !== direction) continue;
        const t = Math.round((prev.timeMs + fix.timeMs) / 2);
        const a = ctx.open(rule, {
          track, zone: line, startMs: t, lon: (prev.lon + fix.lon) / 2, lat: (prev.lat + fix.lat) / 2,
          evidence: { direction, fromTime: new Date(prev.timeMs).toISOString(), toTime: new Date(fix.timeMs).toISOString() },
        });
        ctx.close(a, t);
      }
      for (const zone of polygons) {
        const entered = track.stays.get(zone.index)?.fixes === 1;
        const left = exited.has(zone.index);
        if (!entered && !left) continue;
        const a = ctx.open(rule, { track, zone, startMs: fix.timeMs, lon: fix.lon, lat: fix.lat, evidence: { direction: entered ? 'in' : 'out' } });
        ctx.close(a, fix.timeMs);
      }
    },
  };
}
