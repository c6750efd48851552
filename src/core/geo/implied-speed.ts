import { EARTH_RADIUS_M, haversineM } from './distance.js';

const RAD = Math.PI / 180;

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
  // Most consecutive fixes are metres apart: an upper bound of the distance settles them
  // without the trigonometry (for angles this small the great circle is within 1e-8 of R·√(Δφ² + Δλ²), and cos φ ≤ 1).
  const dLat = Math.abs(b.lat - a.lat) * RAD;
  const dLon = Math.abs(b.lon - a.lon) * RAD;
  if (dLat < 0.01 && dLon < 0.01 && EARTH_RADIUS_M * 1.001 * Math.sqrt(dLat * dLat + dLon * dLon) < minJumpM) return 0;
  const d = haversineM(a.lon, a.lat, b.lon, b.lat);
  return d < minJumpM ? 0 : (d / Math.max(minIntervalS, Math.abs(b.timeMs - a.timeMs) / 1000)) * KN_PER_MPS;
}
