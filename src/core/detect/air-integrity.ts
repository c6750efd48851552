import type { CompiledRule } from '../agreement/compiled-agreement.js';
import { haversineM } from '../geo/distance.js';
import { impliedSpeedKn, type TimedPosition } from '../geo/implied-speed.js';
import type { Track } from '../track/track.js';
import { inZone, ruleZones, type DetectContext, type Detector, type OpenAlert, type PrevFix } from './detector.js';

/** Jumps shorter than this are ignored: ADS-B positions from two receivers, 1 s apart. */
const MIN_JUMP_M = 1000;
const MIN_INTERVAL_S = 1;
/** An aircraft reporting "on ground" above this altitude is inconsistent (highest airfields ~14,500 ft). */
const ON_GROUND_MAX_FT = 15_000;
/** Two fixes of one address this far apart within this interval are two aircraft (a duplicated address). */
const DUPLICATE_WINDOW_MS = 5_000;
const DUPLICATE_MIN_M = 50_000;

/**
 * `air-integrity`: aircraft tracks that cannot be physically true.
 * 1. impossible kinematics: consecutive fixes imply more than `maxSpeedKt`, or altitude
 *    changes faster than `maxClimbFpm` (GNSS spoofing, bad decoding);
 * 2. an aircraft reporting on-ground at altitude;
 * 3. a duplicated address: two positions 50 km or more apart within 5 s.
 * One alert per track while fixes keep offending; it ends at the first consistent fix. A
 * spoofed jump ends at the jump back (the first fix consistent with the last good fix before
 * it), confirmed by the fix after; if that one jumps away again, two aircraft share the
 * address (`evidence.reason` becomes `duplicated-address`).
 */
export function createAirIntegrity(rule: Extract<CompiledRule, { type: 'air-integrity' }>, ctx: DetectContext): Detector {
  const zones = ruleZones(rule, ctx.agreement);
  const { maxSpeedKt, maxClimbFpm } = rule.params;
  const open = new Map<string, { alert: OpenAlert; lastGood: PrevFix | undefined; reason: string; returnedMs: number | undefined }>();
  /** The fix before the previous one, per track: two aircraft on one address alternate between two places. */
  const before = new Map<string, PrevFix>();
  const close = (t: Track, endMs: number): void => {
    const a = open.get(t.id);
    if (a === undefined) return;
    ctx.close(a.alert, a.returnedMs ?? endMs);
    open.delete(t.id);
  };
  const kt = (a: PrevFix, f: TimedPosition): number => impliedSpeedKn(a, f, MIN_JUMP_M, MIN_INTERVAL_S);
  return {
    onFix({ track, prev, fix }) {
      let inside = false;
      for (let zi = 0; zi < zones.length && !inside; zi++) inside = inZone(track, zones[zi]!);
      const prev2 = before.get(track.id);
      if (prev !== undefined) before.set(track.id, { ...prev });
      let reason: string | undefined;
      let impliedKt = 0;
      if (prev !== undefined) {
        const dtS = (fix.timeMs - prev.timeMs) / 1000;
        impliedKt = kt(prev, fix);
        const far = haversineM(prev.lon, prev.lat, fix.lon, fix.lat) >= DUPLICATE_MIN_M && fix.timeMs - prev.timeMs <= DUPLICATE_WINDOW_MS;
        if (far && prev2 !== undefined && kt(prev2, fix) <= maxSpeedKt) reason = 'duplicated-address';
        else if (impliedKt > maxSpeedKt) reason = 'impossible-speed';
        else if (fix.altitudeFt !== undefined && prev.altitudeFt !== undefined && dtS >= 1 &&
          Math.abs(fix.altitudeFt - prev.altitudeFt) / (dtS / 60) > maxClimbFpm) reason = 'impossible-climb';
      }
      if (reason === undefined && fix.onGround === true && fix.altitudeFt !== undefined && fix.altitudeFt > ON_GROUND_MAX_FT) reason = 'on-ground-at-altitude';
      const current = open.get(track.id);
      if (current?.returnedMs !== undefined) {
        // The fix after a jump back decides: consistent → it was a spoofed jump, ended at the
        // jump back; another far jump → two aircraft share the address.
        if (reason === undefined || !inside) {
          close(track, current.returnedMs);
          return;
        }
        current.returnedMs = undefined;
        current.reason = 'duplicated-address';
        current.alert.alert.evidence.reason = 'duplicated-address';
      }
      // A spoofed track returns to the truth when it is consistent again with the last good
      // fix before the run (the jump back).
      if (current !== undefined && current.reason === 'impossible-speed' && current.lastGood !== undefined && kt(current.lastGood, fix) <= maxSpeedKt) {
        current.returnedMs = fix.timeMs;
        return;
      }
      if (!inside || reason === undefined) {
        close(track, fix.timeMs);
        return;
      }
      if (current === undefined) {
        open.set(track.id, {
          reason, lastGood: prev === undefined ? undefined : { ...prev }, returnedMs: undefined,
          alert: ctx.open(rule, {
            track, zone: null, startMs: fix.timeMs, lon: fix.lon, lat: fix.lat,
            evidence: { reason, offendingFixes: 1, maxImpliedSpeedKt: Math.round(impliedKt), altitudeFt: fix.altitudeFt ?? null },
          }),
        });
      } else {
        const ev = current.alert.alert.evidence;
        ev.offendingFixes = (ev.offendingFixes as number) + 1;
        if (impliedKt > (ev.maxImpliedSpeedKt as number)) ev.maxImpliedSpeedKt = Math.round(impliedKt);
      }
    },
    onTrackLost(track) {
      close(track, track.lastMs);
      before.delete(track.id);
    },
  };
}
