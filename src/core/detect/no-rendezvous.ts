import type { CompiledRule } from '../agreement/compiled-agreement.js';
import { EARTH_RADIUS_M, haversineM } from '../geo/distance.js';
import type { Track } from '../track/track.js';
import { inZone, ruleZones, type DetectContext, type Detector, type OpenAlert } from './detector.js';

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
  alert: OpenAlert | undefined;
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

/** Grid columns per row of the cell index (cell keys are numbers: row × COLS + column). */
const COLS = 1 << 22;

/**
 * `no-rendezvous`, SPEC "Agreement file":
 * 1. two matching entities inside the same zone within `distanceM` of each other;
 * 2. for at least `minDuration` → alert, start = the first fix that found them that close;
 *    `entity` is the lower id, `other` the higher;
 * 3. ends at the first fix of either that finds them apart (or outside the zone), or when
 *    one goes stale (end = the last time they were seen together).
 * Candidates come from a grid of cells over twice `distanceM` wide and tall (numeric keys, no
 * allocation per fix), so each fix looks at the 4 cells around its quadrant of its own cell
 * only; pairs are kept per track object.
 */
export function createNoRendezvous(rule: Extract<CompiledRule, { type: 'no-rendezvous' }>, ctx: DetectContext): Detector {
  const zones = ruleZones(rule, ctx.agreement);
  const { distanceM, minDurationMs } = rule.params;
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
  const cells = new Map<number, Set<Track>>();
  const cellOf = new Map<Track, number>();
  const pairsOf = new Map<Track, Map<Track, Pair>>();
  const allPairs = new Set<Pair>();

  const cellKey = (lon: number, lat: number, dx: number, dy: number): number => {
    return (Math.floor(lat / cellLat) + dy + COLS / 2) * COLS + Math.floor(lon / cellLon) + dx + COLS / 2;
  };
  const place = (t: Track, inside: boolean): void => {
    const old = cellOf.get(t);
    const k = inside ? cellKey(t.lon, t.lat, 0, 0) : undefined;
    if (old === k) return;
    if (old !== undefined) {
      const set = cells.get(old);
      set?.delete(t);
      if (set !== undefined && set.size === 0) cells.delete(old);
    }
    if (k === undefined) {
      cellOf.delete(t);
      return;
    }
    cellOf.set(t, k);
    let set = cells.get(k);
    if (set === undefined) cells.set(k, (set = new Set()));
    set.add(t);
  };
  const endPair = (p: Pair, endMs: number): void => {
    if (p.alert !== undefined) ctx.close(p.alert, endMs);
    allPairs.delete(p);
    pairsOf.get(p.a)?.delete(p.b);
    pairsOf.get(p.b)?.delete(p.a);
  };
  const link = (t: Track, other: Track, p: Pair): void => {
    let m = pairsOf.get(t);
    if (m === undefined) pairsOf.set(t, (m = new Map()));
    m.set(other, p);
  };
  const touch = (p: Pair, timeMs: number, d: number): void => {
    p.lastMs = timeMs;
    p.fixes++;
    if (d < p.minDistanceM) p.minDistanceM = d;
    if (p.alert === undefined && p.lastMs - p.sinceMs >= minDurationMs) {
      p.alert = ctx.open(rule, { track: p.a, other: p.b, zone: zones[p.zone]!, startMs: p.sinceMs, lon: p.lon, lat: p.lat, evidence: { observations: p.fixes } });
    }
    if (p.alert !== undefined) {
      p.alert.alert.evidence.observations = p.fixes;
      p.alert.alert.evidence.minDistanceM = Math.round(p.minDistanceM);
    }
  };

  return {
    zoneScoped: true,
    onFix({ track, fix }) {
      let zone = -1;
      for (let zi = 0; zi < zones.length && zone < 0; zi++) if (inZone(track, zones[zi]!)) zone = zi;
      place(track, zone >= 0);
      const mine = pairsOf.get(track);
      // Existing pairs: still together?
      if (mine !== undefined) {
        for (const [other, p] of mine) {
          const d = haversineM(fix.lon, fix.lat, other.lon, other.lat);
          if (zone < 0 || p.zone !== zone || d > distanceM || fix.timeMs - other.lastMs > PARTNER_STALE_MS || !inZone(other, zones[zone]!)) endPair(p, fix.timeMs);
          else touch(p, fix.timeMs, d);
        }
      }
      if (zone < 0) return;
      // New pairs from the 4 cells nearest the fix.
      const fx = fix.lon / cellLon;
      const fy = fix.lat / cellLat;
      const x0 = fx - Math.floor(fx) < 0.5 ? -1 : 0;
      const y0 = fy - Math.floor(fy) < 0.5 ? -1 : 0;
      for (let dx = x0; dx <= x0 + 1; dx++) {
        for (let dy = y0; dy <= y0 + 1; dy++) {
          const set = cells.get(cellKey(fix.lon, fix.lat, dx, dy));
          if (set === undefined) continue;
          for (const other of set) {
            if (other === track || mine?.has(other) === true || fix.timeMs - other.lastMs > PARTNER_STALE_MS) continue;
            if (!inZone(other, zones[zone]!)) continue;
            const d = haversineM(fix.lon, fix.lat, other.lon, other.lat);
            if (d > distanceM) continue;
            const [a, b] = track.id < other.id ? [track, other] : [other, track];
            const p: Pair = { a, b, zone, sinceMs: fix.timeMs, lastMs: fix.timeMs, lon: fix.lon, lat: fix.lat, fixes: 0, minDistanceM: d, alert: undefined };
            allPairs.add(p);
            link(a, b, p);
            link(b, a, p);
            touch(p, fix.timeMs, d);
          }
        }
      }
    },
    onTick(nowMs) {
      for (const p of allPairs) if (nowMs - p.lastMs > PARTNER_STALE_MS) endPair(p, p.lastMs);
    },
    onTrackLost(track) {
      place(track, false);
      const mine = pairsOf.get(track);
      if (mine !== undefined) for (const p of [...mine.values()]) endPair(p, p.lastMs);
      pairsOf.delete(track);
    },
  };
}
