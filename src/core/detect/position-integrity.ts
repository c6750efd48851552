import type { CompiledRule } from '../agreement/compiled-agreement.js';
import { impliedSpeedKn, type TimedPosition } from '../geo/implied-speed.js';
import type { Port } from '../geo/port-index.js';
import { inZone, ruleZones, type DetectContext, type Detector, type OpenAlert, type PrevFix } from './detector.js';

type SpeedAndPosition = TimedPosition & { speedKn?: number | undefined };

/**
 * Jumps shorter than this are never flagged: AIS positions are good to ~10 m, but two
 * receivers stamp the same report up to a couple of seconds apart, which at 1 s resolution
 * turns a few hundred metres of honest travel into an absurd speed.
 */
const MIN_JUMP_M = 500;
/** Implied speed uses at least this interval, for the same reason (tag-block times are whole seconds). */
const MIN_INTERVAL_S = 2;
/**
 * A line's time is when the position was delivered, which may be minutes after it was sent:
 * a satellite stores what it hears over a pass and downlinks it in seconds (the exactEarth
 * recording delivers 2–3 km of a ship's travel within one second). A jump that the ship's own
 * reported speed covers within this delay is not flagged; spoofed positions (an airport tens
 * of km inland) and shared MMSIs (ships hundreds of km apart) jump much further.
 */
const DELIVERY_DELAY_S = 600;
const MPS_PER_KN = 1852 / 3600;
/**
 * By itself, a fix is on land only this far inland: the Kiel Canal, the Schlei, the
 * Parramatta and Brisbane rivers, and harbours missing from the gazetteer all lie within it on
 * Natural Earth's coastline, and real recordings show ships moored or sailing there. Nearer
 * the coast, land counts after a jump (a spoofed position, a shared MMSI), for as long as the
 * track stays more than `landMarginM` inland.
 */
const WATERWAY_INLAND_M = 20_000;
/** Within this of a port of the gazetteer the coastline is not trusted inside the harbour… */
const HARBOUR_RADIUS_M = 15_000;
/**
 * …and a fix is on land only this much further inland than the port itself: docks, rivers and
 * inner harbours are land to Natural Earth (Sydney's Circular Quay plots 3 km inland, river
 * berths at Brisbane 13 km, Palembang's port 38 km up the Musi).
 */
const HARBOUR_LAND_MARGIN_M = 10_000;

/**
 * `position-integrity`, SPEC "Agreement file":
 * 1. consecutive fixes that imply more than `maxSpeedKn` (spoofing, or two ships sharing an MMSI);
 * 2. or two consecutive fixes on land: more than 20 km inland of the Natural Earth 10 m
 *    coastline (nearer, a waterway or harbour the coastline lacks), and, within 15 km of a
 *    port of the gazetteer, more than 10 km further inland than the port (river ports); one
 *    stray fix on land is noise. After a jump, any fix more than `landMarginM` inland keeps
 *    the alert open (a vessel spoofed onto an airport);
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
  /** A track's first fix on land, until the next says whether it was a stray one. */
  const landFirst = new Map<string, { timeMs: number; lon: number; lat: number; inlandM: number }>();
  const implied = (a: SpeedAndPosition, b: SpeedAndPosition): number => {
    const reportedKn = Math.max(a.speedKn ?? 0, b.speedKn ?? 0);
    return impliedSpeedKn(a, b, Math.max(MIN_JUMP_M, reportedKn * MPS_PER_KN * DELIVERY_DELAY_S), MIN_INTERVAL_S);
  };
  const portDepthM = new Map<Port, number>();
  /** Metres inland, when beyond the margin that applies here (0: not on land). */
  const inland = (lon: number, lat: number): number => {
    const mask = ctx.landMask;
    if (mask === undefined) return 0;
    const depth = mask.depthInlandM(lon, lat);
    if (depth <= landMarginM) return 0;
    const port = mask.ports.nearest(lon, lat, HARBOUR_RADIUS_M)?.port;
    if (port === undefined) return depth;
    let portDepth = portDepthM.get(port);
    if (portDepth === undefined) portDepthM.set(port, (portDepth = mask.depthInlandM(port.lon, port.lat)));
    return depth <= portDepth + HARBOUR_LAND_MARGIN_M ? 0 : depth;
  };
  return {
    zoneScoped: true,
    onFix({ track, prev, fix }) {
      let inside = false;
      for (let zi = 0; zi < zones.length && !inside; zi++) inside = inZone(track, zones[zi]!);
      const current = open.size === 0 ? undefined : open.get(track.id);
      if (!inside && current === undefined) return;
      const impliedKn = prev === undefined ? 0 : implied(prev, fix);
      const landM = inside ? inland(fix.lon, fix.lat) : 0;
      // Shallow land reached without a jump is a waterway or berth the coastline lacks; after a
      // jump (an open alert) any land beyond the margin keeps the alert open.
      const inlandM = current !== undefined || landM > WATERWAY_INLAND_M ? landM : 0;
      const onLand = inlandM > 0;
      const first = landFirst.size === 0 ? undefined : landFirst.get(track.id);
      if (first !== undefined && !onLand) landFirst.delete(track.id);
      if (onLand && current === undefined && impliedKn <= maxSpeedKn && first === undefined) {
        landFirst.set(track.id, { timeMs: fix.timeMs, lon: fix.lon, lat: fix.lat, inlandM });
        return;
      }
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
        // Two fixes on land: the alert starts at the first.
        const from = onLand && first !== undefined ? first : undefined;
        if (from !== undefined) landFirst.delete(track.id);
        const landEvidence = onLand ? { inlandM: Math.round(Math.max(inlandM, from?.inlandM ?? 0)) } : {};
        open.set(track.id, { lastGood: impliedKn > maxSpeedKn && prev !== undefined ? { ...prev } : undefined, alert: ctx.open(rule, {
          track, zone: null, startMs: from?.timeMs ?? fix.timeMs, lon: from?.lon ?? fix.lon, lat: from?.lat ?? fix.lat,
          evidence: { offendingFixes: from !== undefined ? 2 : 1, maxImpliedSpeedKn: Math.round(impliedKn), onLand, ...landEvidence, ...(prev ? { fromLat: prev.lat, fromLon: prev.lon } : {}) },
        }) });
      } else if (ev !== undefined) {
        ev.offendingFixes = (ev.offendingFixes as number) + 1;
        if (impliedKn > (ev.maxImpliedSpeedKn as number)) ev.maxImpliedSpeedKn = Math.round(impliedKn);
        if (onLand) {
          ev.onLand = true;
          if (inlandM > ((ev.inlandM as number | undefined) ?? 0)) ev.inlandM = Math.round(inlandM);
        }
      }
    },
    onTrackLost(track) {
      landFirst.delete(track.id);
      const current = open.get(track.id);
      if (current === undefined) return;
      ctx.close(current.alert, track.lastMs);
      open.delete(track.id);
    },
  };
}
