import type { CompiledRule } from '../agreement/compiled-agreement.js';
import { EARTH_RADIUS_M, haversineM } from '../geo/distance.js';
import { impliedSpeedKn } from '../geo/implied-speed.js';
import type { Fix } from '../track/observation.js';
import type { Track } from '../track/track.js';
import { berthTest } from './berths.js';
import { excludedZones, inAnyZone, inZone, ruleZones, type DetectContext, type Detector, type OpenAlert, type PrevFix } from './detector.js';

interface Pair {
  a: Track;
  b: Track;
  zone: number;
  sinceMs: number;
  lastMs: number;
  lon: number;
  lat: number;
  fixes: number;
  minDistanceM: number;
  /** Highest speed of either vessel at the pair's fixes, knots (kept when the rule sets `maxSpeedKn`). */
  topSpeedKn: number;
  alert: OpenAlert | undefined;
}

/**
 * A track in the rule's zones: the grid cell it is filed under (NaN before the first), its
 * pairs by partner, and (for rules with `maxSpeedKn`) its speed at its last fix, NaN while unknown.
 */
interface Member {
  cell: number;
  pairs: Map<Track, Pair>;
  speedKn: number;
}

/**
 * A partner's last fix older than this no longer counts as "near": class A at anchor
 * reports every 3 min, class B every 3 min when slow, so 10 min is three missed reports.
 */
const PARTNER_STALE_MS = 10 * 60_000;

/** Cell size in units of `distanceM`: over 2, so rounding at a cell's middle can never hide a partner. */
const CELL_SPAN = 2.02;
/** Metres per degree of latitude on the sphere of `haversineM`. */
const M_PER_DEG = (EARTH_RADIUS_M * Math.PI) / 180;
/** Implied speeds count intervals of at least 2 s (tag-block times are whole seconds; two receivers stamp one report a second apart). */
const MIN_INTERVAL_S = 2;

/**
 * A vessel's speed at a fix, knots: its reported SOG; when the report has none, the speed
 * implied by its previous fix; with neither (the first fix of a track), the last estimate.
 */
function speedAt(fix: Fix, prev: PrevFix | undefined, last: number): number {
  if (fix.speedKn !== undefined) return fix.speedKn;
  return prev === undefined ? last : impliedSpeedKn(prev, fix, 0, MIN_INTERVAL_S);
}

/**
 * `no-rendezvous`, SPEC "Agreement file":
 * 1. two matching entities inside the same zone within `distanceM` of each other;
 * 2. for at least `minDuration` → alert, start = the first fix that found them that close;
 *    `entity` is the lower id, `other` the higher;
 * 3. ends at the first fix of either that finds them apart (or outside the zone), or when
 *    one goes stale (end = the last time they were seen together);
 * 4. `maxSpeedKn` (optional; GFW's encounters are between slow vessels): both vessels' speeds
 *    (SOG, else implied by the previous fix — see {@link speedAt}) must be below it at every
 *    fix of the pair; a vessel whose speed is not yet known is not slow. A fix where either is
 *    at or above it ends the pair like a fix that finds them apart, and a fast vessel looks
 *    for no new partners;
 * 5. `excludeZones` (optional; ports, anchorages): a fix inside any of them counts as outside
 *    the rule's zones, so a pair where either vessel is in one is not together. So does a fix
 *    in a harbour (within 5 km of a gazetteer port: ships at berth lie metres apart for
 *    days) unless `includeBerths`. (Members are
 *    thus never in an exclude zone at their last fix: a partner needs no test of its own.)
 * Candidates come from a grid of cells over twice `distanceM` wide and tall, so each fix looks
 * at the 4 cells around its quadrant of its own cell only. Cell keys are row × columns +
 * column over the zones' extent, small integers (V8 hashes them faster than doubles); a track
 * in the zones has one record holding its cell and its pairs.
 */
export function createNoRendezvous(rule: Extract<CompiledRule, { type: 'no-rendezvous' }>, ctx: DetectContext): Detector {
  const zones = ruleZones(rule, ctx.agreement);
  const { distanceM, minDurationMs, maxSpeedKn } = rule.params;
  const exclude = excludedZones(rule.params.excludeZones, ctx.agreement);
  const atBerth = rule.params.includeBerths ? (): boolean => false : berthTest(ctx.landMask);
  /** Whether a member is slow enough to be "together" (always, without `maxSpeedKn`). NaN (unknown) is not. */
  const slow = (m: Member): boolean => maxSpeedKn === undefined || m.speedKn < maxSpeedKn;
  // Cells a little over twice `distanceM` (metres of latitude on the haversine's sphere): a
  // partner within `distanceM` is then in one of the 4 cells of the fix's quadrant of its cell.
  const cellLat = (CELL_SPAN * distanceM) / M_PER_DEG;
  // One column width for the whole rule, wide enough at the zones' highest latitude (placement
  // and lookup must use the same grid, or a pair just under distanceM can fall between cells).
  let maxAbsLat = 60;
  if (zones[0] !== null) {
    maxAbsLat = 0;
    for (const z of zones) maxAbsLat = Math.max(maxAbsLat, Math.abs(z!.bbox[1]), Math.abs(z!.bbox[3]));
  }
  const cellLon = cellLat / Math.max(0.1, Math.cos((Math.min(maxAbsLat, 85) * Math.PI) / 180));
  // Cell keys: columns counted from one left of the zones' extent (the world for "everywhere"),
  // so that a column and its neighbours are always within [0, cols).
  let minLon = -180;
  let maxLon = 180;
  if (zones.every((z) => z !== null && z.bbox[0] <= z.bbox[2])) {
    minLon = Math.min(...zones.map((z) => z!.bbox[0]));
    maxLon = Math.max(...zones.map((z) => z!.bbox[2]));
  }
  const col0 = Math.floor(minLon / cellLon) - 1;
  const cols = Math.floor(maxLon / cellLon) - col0 + 2;
  const cells = new Map<number, Track[]>();
  /** Tracks in the zones: their cell and their pairs. */
  const members = new Map<Track, Member>();
  const allPairs = new Set<Pair>();

  const cellKey = (lon: number, lat: number, dx: number, dy: number): number => {
    return (Math.floor(lat / cellLat) + dy) * cols + Math.floor(lon / cellLon) + dx - col0;
  };
  const unplace = (t: Track, m: Member): void => {
    const list = cells.get(m.cell);
    if (list === undefined) return;
    list.splice(list.indexOf(t), 1);
    if (list.length === 0) cells.delete(m.cell);
  };
  const place = (t: Track, m: Member): void => {
    const k = cellKey(t.lon, t.lat, 0, 0);
    if (k === m.cell) return;
    unplace(t, m);
    m.cell = k;
    const list = cells.get(k);
    if (list === undefined) cells.set(k, [t]);
    else list.push(t);
  };
  const endPair = (p: Pair, endMs: number): void => {
    if (p.alert !== undefined) ctx.close(p.alert, endMs);
    allPairs.delete(p);
    members.get(p.a)?.pairs.delete(p.b);
    members.get(p.b)?.pairs.delete(p.a);
  };
  const leave = (t: Track, m: Member): void => {
    unplace(t, m);
    for (const p of [...m.pairs.values()]) endPair(p, p.lastMs);
    members.delete(t);
  };
  const touch = (p: Pair, timeMs: number, d: number, speedKn: number): void => {
    p.lastMs = timeMs;
    p.fixes++;
    if (d < p.minDistanceM) p.minDistanceM = d;
    if (speedKn > p.topSpeedKn) p.topSpeedKn = speedKn;
    if (p.alert === undefined && p.lastMs - p.sinceMs >= minDurationMs && ctx.silentMs(p.sinceMs, p.lastMs) >= minDurationMs) {
      p.alert = ctx.open(rule, { track: p.a, other: p.b, zone: zones[p.zone]!, startMs: p.sinceMs, lon: p.lon, lat: p.lat, evidence: { observations: p.fixes } });
    }
    if (p.alert !== undefined) {
      const ev = p.alert.alert.evidence;
      ev.observations = p.fixes;
      ev.minDistanceM = Math.round(p.minDistanceM);
      if (maxSpeedKn !== undefined) {
        ev.maxSpeedKn = maxSpeedKn;
        ev.topSpeedKn = Math.round(p.topSpeedKn * 10) / 10;
      }
    }
  };

  return {
    zoneScoped: true,
    onFix({ track, fix, prev }) {
      let zone = -1;
      if (!inAnyZone(track, exclude) && !atBerth(fix)) for (let zi = 0; zi < zones.length && zone < 0; zi++) if (inZone(track, zones[zi]!)) zone = zi;
      let mine = members.get(track);
      if (mine === undefined) {
        if (zone < 0) return;
        mine = { cell: NaN, pairs: new Map(), speedKn: NaN };
        members.set(track, mine);
      }
      if (maxSpeedKn !== undefined) mine.speedKn = speedAt(fix, prev, mine.speedKn);
      // Existing pairs: still together?
      if (mine.pairs.size > 0) for (const [other, p] of mine.pairs) {
        const d = haversineM(fix.lon, fix.lat, other.lon, other.lat);
        // The faster of the two (NaN when either is unknown, which is not below the bound).
        const speedKn = maxSpeedKn === undefined ? 0 : Math.max(mine.speedKn, members.get(other)!.speedKn);
        if (zone < 0 || p.zone !== zone || d > distanceM || fix.timeMs - other.lastMs > PARTNER_STALE_MS || !inZone(other, zones[zone]!) || !(speedKn < (maxSpeedKn ?? Infinity))) endPair(p, fix.timeMs);
        else touch(p, fix.timeMs, d, speedKn);
      }
      if (zone < 0) {
        leave(track, mine);
        return;
      }
      place(track, mine);
      // A vessel too fast to be in an encounter looks for no partner (most corridor traffic, with `maxSpeedKn`).
      if (!slow(mine)) return;
      // New pairs from the 4 cells nearest the fix.
      const fx = fix.lon / cellLon;
      const fy = fix.lat / cellLat;
      const x0 = fx - Math.floor(fx) < 0.5 ? -1 : 0;
      const y0 = fy - Math.floor(fy) < 0.5 ? -1 : 0;
      for (let dx = x0; dx <= x0 + 1; dx++) {
        for (let dy = y0; dy <= y0 + 1; dy++) {
          const list = cells.get(cellKey(fix.lon, fix.lat, dx, dy));
          if (list === undefined) continue;
          for (let i = 0; i < list.length; i++) {
            const other = list[i]!;
            if (other === track || mine.pairs.has(other) || fix.timeMs - other.lastMs > PARTNER_STALE_MS) continue;
            if (!inZone(other, zones[zone]!)) continue;
            const d = haversineM(fix.lon, fix.lat, other.lon, other.lat);
            if (d > distanceM) continue;
            const them = members.get(other)!;
            if (!slow(them)) continue;
            const [a, b] = track.id < other.id ? [track, other] : [other, track];
            const p: Pair = { a, b, zone, sinceMs: fix.timeMs, lastMs: fix.timeMs, lon: fix.lon, lat: fix.lat, fixes: 0, minDistanceM: d, topSpeedKn: 0, alert: undefined };
            allPairs.add(p);
            mine.pairs.set(other, p);
            them.pairs.set(track, p);
            touch(p, fix.timeMs, d, maxSpeedKn === undefined ? 0 : Math.max(mine.speedKn, them.speedKn));
          }
        }
      }
    },
    onTick(nowMs) {
      for (const p of allPairs) if (nowMs - p.lastMs > PARTNER_STALE_MS) endPair(p, p.lastMs);
    },
    onTrackLost(track) {
      const mine = members.get(track);
      if (mine !== undefined) leave(track, mine);
    },
  };
}
