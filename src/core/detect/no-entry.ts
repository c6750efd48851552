import type { CompiledRule } from '../agreement/compiled-agreement.js';
import type { Track } from '../track/track.js';
import { ruleZones, stayIn, type DetectContext, type Detector, type OpenAlert } from './detector.js';

/**
 * `no-entry` (sea) and `no-fly` (air), SPEC "Agreement file":
 * 1. an alert while a matching entity is inside a zone;
 * 2. start = its first fix inside (the stay's start, even when the entity became a match
 *    later, e.g. when its static data arrived);
 * 3. end = its first fix outside, or — when its track is lost inside — its last fix.
 */
export function createNoEntry(rule: CompiledRule, ctx: DetectContext): Detector {
  const zones = ruleZones(rule, ctx.agreement);
  const open = new Map<string, OpenAlert>();
  const key = (t: Track, zi: number): string => `${t.id}|${zi}`;
  return {
    zoneScoped: true,
    onFix({ track, fix }) {
      for (let zi = 0; zi < zones.length; zi++) {
        const zone = zones[zi]!;
        const k = key(track, zi);
        const current = open.get(k);
        const stay = stayIn(track, zone);
        if (stay !== undefined) {
          if (current === undefined) {
            open.set(k, ctx.open(rule, { track, zone, startMs: stay.sinceMs, lon: stay.lon, lat: stay.lat, evidence: { observations: stay.fixes } }));
          } else {
            (current.alert.evidence.observations as number)++;
          }
        } else if (current !== undefined) {
          ctx.close(current, fix.timeMs);
          open.delete(k);
        }
      }
    },
    onTrackLost(track) {
      for (let zi = 0; zi < zones.length; zi++) {
        const current = open.get(key(track, zi));
        if (current === undefined) continue;
        ctx.close(current, track.lastMs);
        open.delete(key(track, zi));
      }
    },
  };
}
