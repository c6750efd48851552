import { haversineM } from './distance.js';

/** Knots per metre per second. */
const KN_PER_MPS = 3600 / 1852;

/** A timed position. */
export interface TimedPosition {
  lon: number;
  lat: number;
  /** Unix ms. */
  timeMs: number;
}

/**
 * Speed in knots implied by two timed positions, for spoofing checks: 0 when they are less
 * than `minJumpM` apart (position noise), and the interval counts at least `minIntervalS`
 * (timestamps of whole seconds from two receivers make short intervals meaningless).
 * @example impliedSpeedKn({ lon: 30, lat: 46, timeMs: 0 }, { lon: 30, lat: 46.1, timeMs: 60_000 }, 500, 2) // ≈ 360 kn
 */
export function impliedSpeedKn(a: TimedPosition, b: TimedPosition, minJumpM: number, minIntervalS: number): number {
  const d = haversineM(a.lon, a.lat, b.lon, b.lat);
  return d < minJumpM ? 0 : (d / Math.max(minIntervalS, Math.abs(b.timeMs - a.timeMs) / 1000)) * KN_PER_MPS;
}
