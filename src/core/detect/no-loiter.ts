import type { CompiledRule } from '../agreement/compiled-agreement.js';
import { ruleZones, stayIn, type DetectContext, type Detector, type OpenAlert } from './detector.js';

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
 *    or when the track is lost (end = its last fix). Fixes without a speed leave the run as is.
 */
export function createNoLoiter(rule: Extract<CompiledRule, { type: 'no-loiter' }>, ctx: DetectContext): Detector {
  const zones = ruleZones(rule, ctx.agreement);
  const { maxSpeedKn, minDurationMs } = rule.params;
  const runs = new Map<string, SlowRun>();
  const end = (k: string, run: SlowRun, endMs: number): void => {
    if (run.alert !== undefined) ctx.close(run.alert, endMs);
    runs.delete(k);
  };
  return {
    onFix({ track, fix }) {
      for (let zi = 0; zi < zones.length; zi++) {
        const k = `${track.id}|${zi}`;
        const run = runs.get(k);
        const inside = stayIn(track, zones[zi]!) !== undefined;
        if (!inside || (fix.speedKn !== undefined && fix.speedKn >= maxSpeedKn)) {
          if (run !== undefined) end(k, run, fix.timeMs);
          continue;
        }
        if (fix.speedKn === undefined) continue;
        if (run === undefined) {
          runs.set(k, { sinceMs: fix.timeMs, lon: fix.lon, lat: fix.lat, fixes: 1, alert: undefined });
          continue;
        }
        run.fixes++;
        if (run.alert !== undefined) {
          run.alert.alert.evidence.observations = run.fixes;
        } else if (fix.timeMs - run.sinceMs >= minDurationMs) {
          run.alert = ctx.open(rule, {
            track, zone: zones[zi]!, startMs: run.sinceMs, lon: run.lon, lat: run.lat,
            evidence: { observations: run.fixes, maxSpeedKn },
          });
        }
      }
    },
    onTrackLost(track) {
      for (let zi = 0; zi < zones.length; zi++) {
        const k = `${track.id}|${zi}`;
        const run = runs.get(k);
        if (run !== undefined) end(k, run, track.lastMs);
      }
    },
  };
}
