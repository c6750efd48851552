/**
 * A polyline that a simulated vessel sails, parameterised by distance: `at(d)` gives the
 * position `d` metres along it and the course of that leg. Lengths are great-circle
 * (haversine, mean Earth radius); within a leg positions are interpolated linearly in
 * lon/lat, which is what the sea-check test verifies, and which differs from the great
 * circle by metres on legs of a few hundred kilometres at these latitudes.
 *
 * @module
 */
import { EARTH_RADIUS_M, METRES_PER_NM } from '../core/geo/distance.js';
import type { LonLat } from './black-sea.js';

/** Metres per second in one knot. */
export const MPS_PER_KNOT = METRES_PER_NM / 3600;

const RAD = Math.PI / 180;

/**
 * Great-circle distance between two positions, metres (haversine).
 * Deliberately not core's `haversineM`: it groups the products differently, so about 7 % of
 * results differ in the last bit, and the seeded scenarios (`vigil simulate --seed`) would
 * no longer reproduce byte for byte.
 * @example distanceM([30.75, 46.49], [29.13, 41.23]) // ≈ 597 km
 */
export function distanceM(a: LonLat, b: LonLat): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Initial great-circle bearing from `a` to `b`, degrees true in [0, 360).
 * Not core's `initialBearingDeg` for the same reason as {@link distanceM}: its
 * `(deg + 360) % 360` rounds differently (about 40 % of results differ in the last bits).
 * @example bearingDeg([30, 45], [30, 46]) // 0
 */
export function bearingDeg(a: LonLat, b: LonLat): number {
  const φ1 = a[1] * RAD;
  const φ2 = b[1] * RAD;
  const Δλ = (b[0] - a[0]) * RAD;
  const y = Math.sin(Δλ) * Math.cos(φ2);
  const x = Math.cos(φ1) * Math.sin(φ2) - Math.sin(φ1) * Math.cos(φ2) * Math.cos(Δλ);
  const deg = Math.atan2(y, x) / RAD;
  return deg < 0 ? deg + 360 : deg;
}

/**
 * Moves `p` by `eastM` metres east and `northM` metres north (flat-Earth approximation,
 * accurate to centimetres over the few kilometres it is used for).
 */
export function offsetM(p: LonLat, eastM: number, northM: number): LonLat {
  const dLat = northM / (EARTH_RADIUS_M * RAD);
  const dLon = eastM / (EARTH_RADIUS_M * RAD * Math.cos(p[1] * RAD));
  return [p[0] + dLon, p[1] + dLat];
}

/** A point on a path and the course of the leg it lies on. */
export interface PathPoint {
  position: LonLat;
  /** Course of the leg, degrees true, in the direction of increasing distance. */
  bearingDeg: number;
}

/**
 * A polyline measured by distance.
 * @example
 * const path = new LanePath([[30.8, 46.47], [30.9, 46.2]], false);
 * path.at(path.lengthM / 2).position // [30.85, 46.335]
 */
export class LanePath {
  /** Total length in metres (closing leg included for a closed path). */
  readonly lengthM: number;
  readonly closed: boolean;
  readonly #points: readonly LonLat[];
  /** cumulative[i] = distance from the start to point i. */
  readonly #cumulative: Float64Array;
  readonly #bearings: Float64Array;

  /**
   * @param waypoints at least two points `[lon, lat]`
   * @param closed whether the path returns from the last point to the first (a circuit)
   * @throws RangeError with fewer than two waypoints
   */
  constructor(waypoints: readonly LonLat[], closed: boolean) {
    if (waypoints.length < 2) throw new RangeError(`A lane needs at least two waypoints, got ${waypoints.length}.`);
    const first = waypoints[0] as LonLat;
    this.#points = closed ? [...waypoints, first] : [...waypoints];
    this.closed = closed;
    const n = this.#points.length;
    this.#cumulative = new Float64Array(n);
    this.#bearings = new Float64Array(n - 1);
    for (let i = 1; i < n; i++) {
      const a = this.#points[i - 1] as LonLat;
      const b = this.#points[i] as LonLat;
      this.#cumulative[i] = (this.#cumulative[i - 1] as number) + distanceM(a, b);
      this.#bearings[i - 1] = bearingDeg(a, b);
    }
    this.lengthM = this.#cumulative[n - 1] as number;
  }

  /** The point `distance` metres along the path, clamped to [0, length] (wrapped when closed). */
  at(distance: number): PathPoint {
    let d = distance;
    if (this.closed) {
      d %= this.lengthM;
      if (d < 0) d += this.lengthM;
    } else if (d <= 0) {
      d = 0;
    } else if (d >= this.lengthM) {
      d = this.lengthM;
    }
    const cum = this.#cumulative;
    // Largest i with cum[i] <= d, among the legs 0..n-2.
    let lo = 0;
    let hi = cum.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((cum[mid] as number) <= d) lo = mid;
      else hi = mid - 1;
    }
    const a = this.#points[lo] as LonLat;
    const b = this.#points[lo + 1] as LonLat;
    const legM = (cum[lo + 1] as number) - (cum[lo] as number);
    const f = legM > 0 ? (d - (cum[lo] as number)) / legM : 0;
    return { position: [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f], bearingDeg: this.#bearings[lo] as number };
  }
}
