import type { CompiledRule } from '../agreement/compiled-agreement.js';
import { haversineM } from '../geo/distance.js';
import type { Track } from '../track/track.js';
import { ruleZones, stayIn, type DetectContext, type Detector, type OpenAlert } from './detector.js';

const KT_PER_MS = 3600 / 1852;
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
 * One alert per track while fixes keep offending; it ends at the first consistent fix.
 * `evidence.reason` names the first kind seen.
 */
export function createAirIntegrity(rule: Extract<CompiledRule, { type: 'air-integrity' }>, ctx: DetectContext): Detector {
  const zones = ruleZones(rule, ctx.agreement);
  const { maxSpeedKt, maxClimbFpm } = rule.params;
  const open = new Map<string, OpenAlert>();
  const close = (t: Track, endMs: number): void => {
    const a = open.get(t.id);
    if (a === undefined) return;
    ctx.close(a, endMs);
    open.delete(t.id);
  };
  return {
    onFix({ track, prev, fix }) {
      let inZone = false;
      for (let zi = 0; zi < zones.length && !inZone; zi++) inZone = stayIn(track, zones[zi]!) !== undefined;
      let reason: string | undefined;
      let impliedKt = 0;
      if (prev !== undefined) {
        const d = haversineM(prev.lon, prev.lat, fix.lon, fix.lat);
        const dtS = (fix.timeMs - prev.timeMs) / 1000;
        if (d >= MIN_JUMP_M) impliedKt = (d / Math.max(MIN_INTERVAL_S, dtS)) * KT_PER_MS;
        if (d >= DUPLICATE_MIN_M && fix.timeMs - prev.timeMs <= DUPLICATE_WINDOW_MS) reason = 'duplicated-address';
        else if (impliedKt > maxSpeedKt) reason = 'impossible-speed';
        else if (fix.altitudeFt !== undefined && prev.altitudeFt !== undefined && dtS >= 1 &&
          Math.abs(fix.altitudeFt - prev.altitudeFt) / (dtS / 60) > maxClimbFpm) reason = 'impossible-climb';
      }
      if (reason === undefined && fix.onGround === true && fix.altitudeFt !== undefined && fix.altitudeFt > ON_GROUND_MAX_FT) reason = 'on-ground-at-altitude';
      if (!inZone || reason === undefined) {
        close(track, fix.timeMs);
        return;
      }
      const current = open.get(track.id);
      if (current === undefined) {
        open.set(track.id, ctx.open(rule, {
          track, zone: null, startMs: fix.timeMs, lon: fix.lon, lat: fix.lat,
          evidence: { reason, offendingFixes: 1, maxImpliedSpeedKt: Math.round(impliedKt), altitudeFt: fix.altitudeFt ?? null },
        }));
      } else {
        const ev = current.alert.evidence;
        ev.offendingFixes = (ev.offendingFixes as number) + 1;
        if (impliedKt > (ev.maxImpliedSpeedKt as number)) ev.maxImpliedSpeedKt = Math.round(impliedKt);
      }
    },
    onTrackLost(track) {
      close(track, track.lastMs);
    },
  };
}
