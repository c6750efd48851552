import type { CompiledRule } from '../agreement/compiled-agreement.js';
import { impliedSpeedKn, type TimedPosition } from '../geo/implied-speed.js';
import { inZone, ruleZones, type DetectContext, type Detector, type OpenAlert, type PrevFix } from './detector.js';

/**
 * Jumps shorter than this are never flagged: AIS positions are good to ~10 m, but two
 * receivers stamp the same report up to a couple of seconds apart, which at 1 s resolution
 * turns a few hundred metres of honest travel into an absurd speed.
 */
const MIN_JUMP_M = 500;
/** Implied speed uses at least this interval, for the same reason (tag-block times are whole seconds). */
const MIN_INTERVAL_S = 2;

/**
 * `position-integrity`, SPEC "Agreement file":
 * 1. consecutive fixes that imply more than `maxSpeedKn` (spoofing, or two ships sharing an MMSI);
 * 2. or a fix on land — more than `landMarginM` inland of the Natural Earth 10 m coastline
 *    (a moored ship may plot a few hundred metres ashore on so coarse a coast);
 * 3. the alert opens at the first offending fix and stays open while fixes keep offending
 *    (a vessel spoofed onto an airport reports from land on every fix); it ends at the first
 *    fix consistent with the one before it — or with the last good fix before the run, so the
 *    jump back from a spoofed position ends it. Evidence: the largest implied speed and how
 *    many fixes offended.
 */
export function createPositionIntegrity(rule: Extract<CompiledRule, { type: 'position-integrity' }>, ctx: DetectContext): Detector {
  const zones = ruleZones(rule, ctx.agreement);
  const { maxSpeedKn, landMarginM } = rule.params;
  const open = new Map<string, { alert: OpenAlert; lastGood: PrevFix | undefined }>();
  const implied = (a: TimedPosition, b: TimedPosition): number => impliedSpeedKn(a, b, MIN_JUMP_M, MIN_INTERVAL_S);
  return {
    zoneScoped: true,
    onFix({ track, prev, fix }) {
      let inside = false;
      for (let zi = 0; zi < zones.length && !inside; zi++) inside = inZone(track, zones[zi]!);
      const current = open.size === 0 ? undefined : open.get(track.id);
      if (!inside && current === undefined) return;
      const impliedKn = prev === undefined ? 0 : implied(prev, fix);
      const onLand = ctx.landMask !== undefined && ctx.landMask.depthInlandM(fix.lon, fix.lat) > landMarginM;
      // Back to the truth: consistent with the previous fix, or with the last fix before the
      // offending run (the jump back from a spoofed position is where the truth resumes).
      const consistent = !onLand && (impliedKn <= maxSpeedKn || (current?.lastGood !== undefined && implied(current.lastGood, fix) <= maxSpeedKn));
      if (!inside || consistent) {
        if (current !== undefined) {
          ctx.close(current.alert, fix.timeMs);
          open.delete(track.id);
        }
        return;
      }
      const ev = current?.alert.alert.evidence;
      if (current === undefined) {
        open.set(track.id, { lastGood: impliedKn > maxSpeedKn && prev !== undefined ? { ...prev } : undefined, alert: ctx.open(rule, {
          track, zone: null, startMs: fix.timeMs, lon: fix.lon, lat: fix.lat,
          evidence: { offendingFixes: 1, maxImpliedSpeedKn: Math.round(impliedKn), onLand, ...(prev ? { fromLat: prev.lat, fromLon: prev.lon } : {}) },
        }) });
      } else if (ev !== undefined) {
        ev.offendingFixes = (ev.offendingFixes as number) + 1;
        if (impliedKn > (ev.maxImpliedSpeedKn as number)) ev.maxImpliedSpeedKn = Math.round(impliedKn);
        if (onLand) ev.onLand = true;
      }
    },
    onTrackLost(track) {
      const current = open.get(track.id);
      if (current === undefined) return;
      ctx.close(current.alert, track.lastMs);
      open.delete(track.id);
    },
  };
}
