import type { CompiledRule } from '../agreement/compiled-agreement.js';
import { haversineM } from '../geo/distance.js';
import type { Track } from '../track/track.js';
import { ruleZones, stayIn, type DetectContext, type Detector, type OpenAlert } from './detector.js';

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

/**
 * `no-rendezvous`, SPEC "Agreement file":
 * 1. two matching entities inside the same zone within `distanceM` of each other;
 * 2. for at least `minDuration` → alert, start = the first fix that found them that close;
 *    `entity` is the lower id, `other` the higher;
 * 3. ends at the first fix of either that finds them apart (or outside the zone), or when
 *    one goes stale (end = the last time they were seen together).
 * Candidates come from a grid of cells one `distanceM` wide, so each fix looks at its own
 * and the 8 neighbouring cells only.
 */
export function createNoRendezvous(rule: Extract<CompiledRule, { type: 'no-rendezvous' }>, ctx: DetectContext): Detector {
  const zones = ruleZones(rule, ctx.agreement);
  const { distanceM, minDurationMs } = rule.params;
  const cellLat = distanceM / 111_320;
  const cells = new Map<string, Set<Track>>();
  const cellOf = new Map<Track, string>();
  const pairs = new Map<string, Pair>();
  const pairsOf = new Map<Track, Set<string>>();

  const cellKey = (lon: number, lat: number, dx: number, dy: number): string => {
    const cellLon = cellLat / Math.max(0.1, Math.cos((lat * Math.PI) / 180));
    return `${Math.floor(lon / cellLon) + dx},${Math.floor(lat / cellLat) + dy}`;
  };
  const place = (t: Track, inside: boolean): void => {
    const old = cellOf.get(t);
    const k = inside ? cellKey(t.lon, t.lat, 0, 0) : undefined;
    if (old === k) return;
    if (old !== undefined) cells.get(old)?.delete(t);
    if (k === undefined) {
      cellOf.delete(t);
      return;
    }
    cellOf.set(t, k);
    let set = cells.get(k);
    if (set === undefined) cells.set(k, (set = new Set()));
    set.add(t);
  };
  const endPair = (key: string, p: Pair, endMs: number): void => {
    if (p.alert !== undefined) ctx.close(p.alert, endMs);
    pairs.delete(key);
    pairsOf.get(p.a)?.delete(key);
    pairsOf.get(p.b)?.delete(key);
  };
  const link = (t: Track, key: string): void => {
    let s = pairsOf.get(t);
    if (s === undefined) pairsOf.set(t, (s = new Set()));
    s.add(key);
  };

  return {
    onFix({ track, fix }) {
      let zone = -1;
      for (let zi = 0; zi < zones.length && zone < 0; zi++) if (stayIn(track, zones[zi]!) !== undefined) zone = zi;
      place(track, zone >= 0);
      const mine = pairsOf.get(track);
      if (zone < 0 && (mine === undefined || mine.size === 0)) return;
      const near = new Set<string>();
      if (zone >= 0) {
        for (let dx = -1; dx <= 1; dx++) {
          for (let dy = -1; dy <= 1; dy++) {
            const set = cells.get(cellKey(fix.lon, fix.lat, dx, dy));
            if (set === undefined) continue;
            for (const other of set) {
              if (other === track || fix.timeMs - other.lastMs > PARTNER_STALE_MS) continue;
              if (stayIn(other, zones[zone]!) === undefined) continue;
              const d = haversineM(fix.lon, fix.lat, other.lon, other.lat);
              if (d > distanceM) continue;
              const [a, b] = track.id < other.id ? [track, other] : [other, track];
              const key = `${a.id}|${b.id}`;
              near.add(key);
              let p = pairs.get(key);
              if (p === undefined) {
                p = { a, b, zone, sinceMs: fix.timeMs, lastMs: fix.timeMs, lon: fix.lon, lat: fix.lat, fixes: 0, minDistanceM: d, alert: undefined };
                pairs.set(key, p);
                link(a, key);
                link(b, key);
              }
              p.lastMs = fix.timeMs;
              p.fixes++;
              if (d < p.minDistanceM) p.minDistanceM = d;
              if (p.alert === undefined && p.lastMs - p.sinceMs >= minDurationMs) {
                p.alert = ctx.open(rule, { track: a, other: b, zone: zones[p.zone]!, startMs: p.sinceMs, lon: p.lon, lat: p.lat, evidence: { observations: p.fixes } });
              }
              if (p.alert !== undefined) {
                p.alert.alert.evidence.observations = p.fixes;
                p.alert.alert.evidence.minDistanceM = Math.round(p.minDistanceM);
              }
            }
          }
        }
      }
      const current = pairsOf.get(track);
      if (current !== undefined) for (const key of [...current]) if (!near.has(key)) endPair(key, pairs.get(key)!, fix.timeMs);
    },
    onTick(nowMs) {
      for (const [key, p] of pairs) if (nowMs - p.lastMs > PARTNER_STALE_MS) endPair(key, p, p.lastMs);
    },
    onTrackLost(track) {
      place(track, false);
      const mine = pairsOf.get(track);
      if (mine !== undefined) for (const key of [...mine]) endPair(key, pairs.get(key)!, pairs.get(key)!.lastMs);
      pairsOf.delete(track);
    },
  };
}
