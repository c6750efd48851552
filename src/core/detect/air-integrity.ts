import type { CompiledRule } from '../agreement/compiled-agreement.js';
import { destinationPoint, haversineM } from '../geo/distance.js';
import { impliedSpeedKn } from '../geo/implied-speed.js';
import type { Fix } from '../track/observation.js';
import type { Track } from '../track/track.js';
import { inZone, ruleZones, type DetectContext, type Detector, type OpenAlert } from './detector.js';

/** Jumps shorter than this are ignored: ADS-B positions from two receivers, 1 s apart. */
const MIN_JUMP_M = 1000;
const MIN_INTERVAL_S = 1;
/** An aircraft reporting "on ground" above this altitude is inconsistent (highest airfields ~14,500 ft). */
const ON_GROUND_MAX_FT = 15_000;
/**
 * A position repeated unchanged is an old one restated (OpenSky state vectors repeat the last
 * position every second while none is received): travel from it counts from when it was first
 * reported, but for at most this long — the engine's air track-loss interval. A real aircraft
 * catching up after 2 min without a new position is no jump; a position frozen for 20 min
 * (GNSS jamming) followed by one 260 km away in the next second is one.
 */
const STALE_CREDIT_MS = 5 * 60_000;
const MPS_PER_KN = 1852 / 3600;

/** A position of a track with the times it was first and last reported. */
interface Position {
  lon: number;
  lat: number;
  /** First reported (a repeated position keeps it). */
  sinceMs: number;
  /** Last reported. */
  timeMs: number;
  altitudeFt: number | undefined;
  /** When the altitude was first reported (a repeated altitude keeps it, as a position does). */
  altSinceMs: number;
  /** Ground speed and track when the position was first reported. */
  speedKn: number | undefined;
  courseDeg: number | undefined;
}

/** What an integrity episode is found to be (SPEC "position-integrity", for the air). */
type Kind = 'jump' | 'displaced-track' | 'duplicated-address' | 'on-ground-at-altitude';

interface Episode {
  alert: OpenAlert;
  /** The last fix of the displaced track (undefined for on-ground-at-altitude). */
  displaced: Position | undefined;
  /** Distinct positions of the current displaced track, consistent among themselves. */
  displacedPositions: number;
  /** The displacement is in position (not only in altitude): the jump back must come back toward the good track. */
  positional: boolean;
  /** A fix consistent with the good track again, until the fix after it confirms the jump back. */
  returned: Position | undefined;
  kind: Kind;
}

interface TrackState {
  /** The last fix of the good track (consistent with the track before it). */
  good: Position;
  episode: Episode | undefined;
}

const positionOf = (f: Fix): Position => ({
  lon: f.lon, lat: f.lat, sinceMs: f.timeMs, timeMs: f.timeMs, altitudeFt: f.altitudeFt, altSinceMs: f.timeMs, speedKn: f.speedKn, courseDeg: f.courseDeg,
});

/** Moves `p` to fix `f`; an unchanged position keeps its first time and velocity. */
function advance(p: Position, f: Fix): void {
  if (f.lon !== p.lon || f.lat !== p.lat) {
    p.lon = f.lon;
    p.lat = f.lat;
    p.sinceMs = f.timeMs;
    p.speedKn = f.speedKn;
    p.courseDeg = f.courseDeg;
  }
  if (f.altitudeFt !== p.altitudeFt) p.altSinceMs = f.timeMs;
  p.timeMs = f.timeMs;
  p.altitudeFt = f.altitudeFt;
}

/** The time travel from `p` counts from (see `STALE_CREDIT_MS`). */
const travelFromMs = (p: Position): number => Math.max(p.sinceMs, p.timeMs - STALE_CREDIT_MS);
/**
 * The time a climb from `p` counts from: a repeated altitude is a stale one only while the
 * position is stale too (in level flight the altitude repeats and is current).
 */
const climbFromMs = (p: Position): number => Math.max(p.altSinceMs, p.sinceMs, p.timeMs - STALE_CREDIT_MS);

/**
 * `air-integrity`: aircraft tracks that cannot be physically true.
 * 1. impossible kinematics: a fix whose implied speed from the last good fix exceeds
 *    `maxSpeedKt`, or whose altitude changed faster than `maxClimbFpm`, opens an episode at
 *    that fix (a repeated position counts from when it was first reported, up to 5 min);
 * 2. the episode stays open while fixes are inconsistent with the last good fix: it ends at
 *    the jump back — the first fix inconsistent with the displaced track, consistent with the
 *    good one, and nearer than the displaced track to where the good track would be by now
 *    (dead-reckoned) — confirmed by the fix after it; or when the track is lost (its last fix);
 * 3. `evidence.kind` says what the episode was: `jump` (a corrupted fix that returns at once),
 *    `displaced-track` (≥ 2 displaced positions consistent among themselves: GNSS spoofing),
 *    `duplicated-address` (the good track and the displaced one alternate: two transmitters
 *    on one address), with the largest implied speed of an offending fix between consecutive
 *    reports, the largest offset from the good track (km) and the duration (s);
 * 4. an aircraft reporting on-ground at altitude: one alert while it does (`on-ground-at-altitude`).
 * `evidence.reason` is the finding in the terms of the rule: `impossible-speed`,
 * `impossible-climb`, `duplicated-address`, `on-ground-at-altitude`.
 */
export function createAirIntegrity(rule: Extract<CompiledRule, { type: 'air-integrity' }>, ctx: DetectContext): Detector {
  const zones = ruleZones(rule, ctx.agreement);
  const { maxSpeedKt, maxClimbFpm } = rule.params;
  const tracks = new Map<string, TrackState>();

  const speedFrom = (p: Position, f: Fix): number =>
    impliedSpeedKn({ lon: p.lon, lat: p.lat, timeMs: travelFromMs(p) }, f, MIN_JUMP_M, MIN_INTERVAL_S);
  const climbOk = (p: Position, f: Fix): boolean => {
    const dtS = (f.timeMs - climbFromMs(p)) / 1000;
    return f.altitudeFt === undefined || p.altitudeFt === undefined || dtS < 1 || Math.abs(f.altitudeFt - p.altitudeFt) / (dtS / 60) <= maxClimbFpm;
  };
  const consistent = (p: Position, f: Fix): boolean => speedFrom(p, f) <= maxSpeedKt && climbOk(p, f);
  /** Where the good track would be at `timeMs`, flying on at its velocity since its position was new. */
  const reckoned = (p: Position, timeMs: number): [number, number] => {
    if (p.speedKn === undefined || p.courseDeg === undefined) return [p.lon, p.lat];
    return destinationPoint(p.lon, p.lat, p.courseDeg, p.speedKn * MPS_PER_KN * ((timeMs - p.sinceMs) / 1000));
  };
  const backToward = (ep: Episode, good: Position, f: Fix): boolean => {
    if (!ep.positional || ep.displaced === undefined) return true;
    const [lon, lat] = reckoned(good, f.timeMs);
    return haversineM(lon, lat, f.lon, f.lat) < haversineM(lon, lat, ep.displaced.lon, ep.displaced.lat);
  };

  const close = (s: TrackState, endMs: number): void => {
    const ep = s.episode;
    if (ep === undefined) return;
    ep.alert.alert.evidence.durationS = Math.max(0, Math.round((endMs - ep.alert.startMs) / 1000));
    ctx.close(ep.alert, endMs);
    s.episode = undefined;
  };
  /** Counts an offending fix: evidence of the episode. */
  const offend = (s: TrackState, f: Fix, visibleKt: number): void => {
    const ev = s.episode!.alert.alert.evidence;
    ev.offendingFixes = (ev.offendingFixes as number) + 1;
    if (visibleKt > (ev.maxImpliedSpeedKt as number)) ev.maxImpliedSpeedKt = Math.round(visibleKt);
  };
  const setKind = (ep: Episode, kind: Kind): void => {
    ep.kind = kind;
    ep.alert.alert.evidence.kind = kind;
    if (kind === 'duplicated-address') ep.alert.alert.evidence.reason = kind;
  };
  const open = (track: Track, s: TrackState, f: Fix, kind: Kind, reason: string, visibleKt: number, positional: boolean): void => {
    s.episode = {
      displaced: kind === 'on-ground-at-altitude' ? undefined : positionOf(f), displacedPositions: 1, positional, returned: undefined, kind,
      alert: ctx.open(rule, {
        track, zone: null, startMs: f.timeMs, lon: f.lon, lat: f.lat,
        evidence: {
          reason, kind, offendingFixes: 0, maxImpliedSpeedKt: 0, offsetKm: Math.round(haversineM(s.good.lon, s.good.lat, f.lon, f.lat) / 100) / 10, altitudeFt: f.altitudeFt ?? null,
          fromLat: s.good.lat, fromLon: s.good.lon,
        },
      }),
    };
    offend(s, f, visibleKt);
  };

  /** A fix of a track with no episode open (or one just ended): the good track goes on, or an episode opens. */
  const fresh = (track: Track, s: TrackState, f: Fix, visibleKt: number): void => {
    if (!consistent(s.good, f)) {
      const speedy = speedFrom(s.good, f) > maxSpeedKt;
      open(track, s, f, 'jump', speedy ? 'impossible-speed' : 'impossible-climb', visibleKt, speedy);
      return;
    }
    advance(s.good, f);
    if (f.onGround === true && f.altitudeFt !== undefined && f.altitudeFt > ON_GROUND_MAX_FT) open(track, s, f, 'on-ground-at-altitude', 'on-ground-at-altitude', 0, false);
  };

  return {
    onFix({ track, prev, fix }) {
      let inside = false;
      for (let zi = 0; zi < zones.length && !inside; zi++) inside = inZone(track, zones[zi]!);
      let s = tracks.get(track.id);
      if (!inside) {
        if (s !== undefined) {
          close(s, fix.timeMs);
          s.good = positionOf(fix);
        }
        return;
      }
      if (s === undefined) {
        tracks.set(track.id, (s = { good: positionOf(fix), episode: undefined }));
        return;
      }
      // The jump as reported: between consecutive fixes, at their report times.
      const visibleKt = prev === undefined ? 0 : impliedSpeedKn(prev, fix, MIN_JUMP_M, MIN_INTERVAL_S);
      const ep = s.episode;
      if (ep === undefined) {
        fresh(track, s, fix, visibleKt);
        return;
      }
      if (ep.kind === 'on-ground-at-altitude') {
        if (fix.onGround === true && fix.altitudeFt !== undefined && fix.altitudeFt > ON_GROUND_MAX_FT && consistent(s.good, fix)) {
          advance(s.good, fix);
          offend(s, fix, 0);
          return;
        }
        close(s, fix.timeMs);
        fresh(track, s, fix, visibleKt);
        return;
      }
      const displaced = ep.displaced!;
      if (ep.returned !== undefined) {
        const back = ep.returned;
        if (consistent(displaced, fix) && !consistent(back, fix)) {
          // The displaced track goes on after the good one showed again: two aircraft
          // alternate on one address. The good track moves on to the fix that returned.
          s.good = back;
          ep.returned = undefined;
          setKind(ep, 'duplicated-address');
          advance(displaced, fix);
          offend(s, fix, visibleKt);
          return;
        }
        // Confirmed: the episode ended at the jump back, which is the good track now.
        s.good = back;
        close(s, back.timeMs);
        fresh(track, s, fix, visibleKt);
        return;
      }
      // An altitude excursion ends as soon as the good track could have reached the fix; a
      // displaced position only at the jump back (in time, the good track can reach anything).
      if (!ep.positional && consistent(s.good, fix)) {
        ep.returned = positionOf(fix);
        return;
      }
      if (consistent(displaced, fix)) {
        const moved = fix.lon !== displaced.lon || fix.lat !== displaced.lat;
        advance(displaced, fix);
        if (moved && ++ep.displacedPositions >= 2 && ep.positional && ep.kind === 'jump') setKind(ep, 'displaced-track');
        offend(s, fix, visibleKt);
        return;
      }
      if (consistent(s.good, fix) && backToward(ep, s.good, fix)) {
        ep.returned = positionOf(fix);
        return;
      }
      // Consistent with neither: the displaced track jumped (the spoofer moved it).
      ep.displaced = positionOf(fix);
      ep.displacedPositions = 1;
      if (speedFrom(s.good, fix) > maxSpeedKt) ep.positional = true;
      offend(s, fix, visibleKt);
    },
    onTrackLost(track) {
      const s = tracks.get(track.id);
      if (s === undefined) return;
      // A jump back seen but not yet confirmed ends the episode at it; otherwise the last fix.
      close(s, s.episode?.returned?.timeMs ?? track.lastMs);
      tracks.delete(track.id);
    },
  };
}
