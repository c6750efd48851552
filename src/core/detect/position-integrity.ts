import type { CompiledRule } from '../agreement/compiled-agreement.js';
import { impliedSpeedKn, type TimedPosition } from '../geo/implied-speed.js';
import type { Port } from '../geo/port-index.js';
import type { Alert } from '../alert/alert.js';
import { inZone, ruleZones, type DetectContext, type Detector, type FixView, type OpenAlert, type PrevFix } from './detector.js';

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
/** Within this of a port of the gazetteer the coastline is not trusted inside the harbour… */
const HARBOUR_RADIUS_M = 15_000;
/**
 * …and a fix is on land only this much further inland than the port itself: docks, rivers and
 * inner harbours are land to Natural Earth (Sydney's Circular Quay plots 3 km inland, river
 * berths at Brisbane 13 km, Palembang's port 38 km up the Musi).
 */
const HARBOUR_LAND_MARGIN_M = 10_000;

/** A fix kept by the detector (the view's fixes are reused). */
type KeptFix = SpeedAndPosition;
/** A jump not yet confirmed: the fix it landed on, the fix before it, and what it implied. */
interface Excursion { at: KeptFix; before: KeptFix; impliedKn: number; inlandM: number; fromFirst: boolean }

/**
 * `position-integrity`, SPEC "Agreement file", as measured on real recordings
 * (docs/detection.md, "On real recordings"):
 * 1. a jump: consecutive fixes that imply more than `maxSpeedKn` (spoofing, or two ships
 *    sharing an MMSI). It is an alert once the fix after it does not come back to where the
 *    track was (the alert then starts at the jump): one displaced fix between two consistent
 *    ones is a corrupted report (the AISHub feed has latitudes off by 20–55° for one report
 *    of a ship at a berth), not a finding — unless it lands where an earlier such fix of the
 *    same MMSI was (a second transmitter on the MMSI: `kind: 'second-transmitter'`);
 * 2. land counts only after a jump: while the alert is open, a fix more than `landMarginM`
 *    inland of the Natural Earth 10 m coastline (within 15 km of a port of the gazetteer,
 *    more than 10 km further inland than the port) keeps it open — a vessel spoofed onto an
 *    airport. A track that reaches land without a jump is on a river, canal, lake or fjord
 *    Natural Earth draws as land (no waterway map is shipped): the Rhine, the Mississippi and
 *    Norwegian skerries gave 563 false alerts on the AISHub log;
 * 3. the alert stays open while fixes keep offending and ends at the first fix consistent
 *    with the one before it — or with the last good fix before the run, so the jump back
 *    from a spoofed position ends it. Evidence: `kind` (`displaced`, `second-transmitter`),
 *    the largest implied speed, how many fixes offended, `inlandM` when on land.
 */
export function createPositionIntegrity(rule: Extract<CompiledRule, { type: 'position-integrity' }>, ctx: DetectContext): Detector {
  const zones = ruleZones(rule, ctx.agreement);
  const { maxSpeedKn, landMarginM } = rule.params;
  const open = new Map<string, { alert: OpenAlert; lastGood: PrevFix | KeptFix | undefined }>();
  /** A track's jump, until its next fix says whether it was a corrupted report. */
  const pending = new Map<string, Excursion>();
  /** A track's last jump dismissed as a corrupted report (a second transmitter lands there again). */
  const dismissed = new Map<string, KeptFix>();
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
  const keep = (f: SpeedAndPosition): KeptFix => ({ timeMs: f.timeMs, lon: f.lon, lat: f.lat, speedKn: f.speedKn });
  const openAlert = (track: FixView['track'], x: Excursion, evidence: Alert['evidence']): OpenAlert => ctx.open(rule, {
    track, zone: null, startMs: x.at.timeMs, lon: x.at.lon, lat: x.at.lat,
    evidence: { ...evidence, offendingFixes: 1, maxImpliedSpeedKn: Math.round(x.impliedKn), onLand: x.inlandM > 0, ...(x.inlandM > 0 ? { inlandM: Math.round(x.inlandM) } : {}), fromLat: x.before.lat, fromLon: x.before.lon },
  });
  return {
    zoneScoped: true,
    onFix({ track, prev, fix }) {
      let inside = false;
      for (let zi = 0; zi < zones.length && !inside; zi++) inside = inZone(track, zones[zi]!);
      let current = open.size === 0 ? undefined : open.get(track.id);
      const jump = pending.size === 0 ? undefined : pending.get(track.id);
      if (!inside && current === undefined && jump === undefined) return;
      const impliedKn = prev === undefined ? 0 : implied(prev, fix);
      const inlandM = inside ? inland(fix.lon, fix.lat) : 0;
      if (jump !== undefined) {
        pending.delete(track.id);
        // Back where the track was (a river or a berth, whatever the coastline says): the jump
        // was one corrupted report. On from where it jumped to, after a jump from the track's
        // first fix: that first fix was the corrupted one.
        if (!inside || implied(jump.before, fix) <= maxSpeedKn) {
          dismissed.set(track.id, jump.at);
          return;
        }
        if (jump.fromFirst && inlandM === 0 && implied(jump.at, fix) <= maxSpeedKn) return;
        open.set(track.id, current = { alert: openAlert(track, jump, { kind: 'displaced' }), lastGood: jump.before });
      }
      if (current === undefined) {
        if (impliedKn <= maxSpeedKn || prev === undefined) return;
        const x: Excursion = { at: keep(fix), before: keep(prev), impliedKn, inlandM, fromFirst: track.fixes === 2 };
        const earlier = dismissed.size === 0 ? undefined : dismissed.get(track.id);
        if (earlier !== undefined && implied(earlier, fix) <= maxSpeedKn) {
          dismissed.delete(track.id);
          open.set(track.id, { alert: openAlert(track, x, { kind: 'second-transmitter', sameAsFixAt: new Date(earlier.timeMs).toISOString() }), lastGood: x.before });
        } else {
          pending.set(track.id, x);
        }
        return;
      }
      // Back to the truth: consistent with the previous fix, or with the last fix before the
      // offending run (the jump back from a spoofed position is where the truth resumes).
      // The jump back ends it wherever it lands (the track was there before); staying on at
      // the displaced position ends it only at sea.
      const onLand = inlandM > 0;
      const consistent = (current.lastGood !== undefined && implied(current.lastGood, fix) <= maxSpeedKn) || (!onLand && impliedKn <= maxSpeedKn);
      if (!inside || consistent) {
        ctx.close(current.alert, fix.timeMs);
        open.delete(track.id);
        return;
      }
      const ev = current.alert.alert.evidence;
      ev.offendingFixes = (ev.offendingFixes as number) + 1;
      if (impliedKn > (ev.maxImpliedSpeedKn as number)) ev.maxImpliedSpeedKn = Math.round(impliedKn);
      if (onLand) {
        ev.onLand = true;
        if (inlandM > ((ev.inlandM as number | undefined) ?? 0)) ev.inlandM = Math.round(inlandM);
      }
    },
    onTrackLost(track) {
      pending.delete(track.id);
      dismissed.delete(track.id);
      const current = open.get(track.id);
      if (current === undefined) return;
      ctx.close(current.alert, track.lastMs);
      open.delete(track.id);
    },
  };
}
