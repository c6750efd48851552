import type { CompiledRule } from '../agreement/compiled-agreement.js';
import type { Track } from '../track/track.js';
import { berthTest } from './berths.js';
import { excludedZones, inAnyZone, inZone, ruleZones, type DetectContext, type Detector, type OpenAlert } from './detector.js';

interface SlowRun {
  sinceMs: number;
  lon: number;
  lat: number;
  fixes: number;
  alert: OpenAlert | undefined;
}

/**
 * `no-loiter`, SPEC "Agreement file":
 * 1. a matching entity inside a zone whose reported speed stays below `maxSpeedKn`;
 * 2. for at least `minDuration` → alert, start = the first slow fix of the run;
 * 3. the run ends (alert end) at the first fix at or above the speed, or outside the zone,
 *    or when the track is lost (end = its last fix). Fixes without a speed leave the run as is;
 * 4. `excludeZones` (ports, anchorages), and a harbour (within 5 km of a gazetteer port)
 *    unless `includeBerths`: a fix inside any of them counts as outside the
 *    rule's zones (it neither starts nor continues a run, and ends one).
 */
export function createNoLoiter(rule: Extract<CompiledRule, { type: 'no-loiter' }>, ctx: DetectContext): Detector {
  const zones = ruleZones(rule, ctx.agreement);
  const { maxSpeedKn, minDurationMs } = rule.params;
  const exclude = excludedZones(rule.params.excludeZones, ctx.agreement);
  const atBerth = rule.params.includeBerths ? (): boolean => false : berthTest(ctx.landMask);
  /** Slow runs per track, by rule-zone position. */
  const runs = new Map<Track, (SlowRun | undefined)[]>();
  const end = (t: Track, zi: number, run: SlowRun, endMs: number): void => {
    if (run.alert !== undefined) ctx.close(run.alert, endMs);
    const list = runs.get(t)!;
    list[zi] = undefined;
    if (list.every((r) => r === undefined)) runs.delete(t);
  };
  return {
    zoneScoped: true,
    onFix({ track, fix }) {
      let list = runs.get(track);
      if (list === undefined && track.stays.size === 0 && zones[0] !== null) return;
      const excluded = inAnyZone(track, exclude) || atBerth(fix);
      for (let zi = 0; zi < zones.length; zi++) {
        const run = list?.[zi];
        const inside = !excluded && inZone(track, zones[zi]!);
        if (!inside || (fix.speedKn !== undefined && fix.speedKn >= maxSpeedKn)) {
          if (run !== undefined) {
            end(track, zi, run, fix.timeMs);
            list = runs.get(track);
          }
          continue;
        }
        if (fix.speedKn === undefined) continue;
        if (run === undefined) {
          if (list === undefined) runs.set(track, (list = new Array<SlowRun | undefined>(zones.length).fill(undefined)));
          list[zi] = { sinceMs: fix.timeMs, lon: fix.lon, lat: fix.lat, fixes: 1, alert: undefined };
          continue;
        }
        run.fixes++;
        if (run.alert !== undefined) {
          run.alert.alert.evidence.observations = run.fixes;
        } else if (fix.timeMs - run.sinceMs >= minDurationMs && ctx.silentMs(run.sinceMs, fix.timeMs) >= minDurationMs) {
          run.alert = ctx.open(rule, {
            track, zone: zones[zi]!, startMs: run.sinceMs, lon: run.lon, lat: run.lat,
            evidence: { observations: run.fixes, maxSpeedKn },
          });
        }
      }
    },
    onTrackLost(track) {
      const list = runs.get(track);
      if (list === undefined) return;
      for (let zi = 0; zi < zones.length; zi++) {
        const run = list[zi];
        if (run !== undefined) end(track, zi, run, track.lastMs);
      }
    },
  };
}
