import { EARTH_RADIUS_M } from './distance.js';

const RAD = Math.PI / 180;

/**
 * Signed area of one ring on the sphere, in m² (positive when counter-clockwise).
 *
 * Algorithm: Chamberlain & Duquette, "Some Algorithms for Polygons on a Sphere" (JPL 2007),
 * eq. for the area of a polygon with great-circle-ish edges: ½ R² Σ (λᵢ₊₁ − λᵢ₋₁) sin φᵢ.
 * Error is far below 1 % for zones up to hundreds of kilometres across.
 */
function ringAreaM2(ring: readonly (readonly number[])[]): number {
  let n = ring.length;
  if (n < 3) return 0;
  const first = ring[0] as readonly number[];
  const last = ring[n - 1] as readonly number[];
  if (first[0] === last[0] && first[1] === last[1]) n--;
  if (n < 3) return 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const prev = ring[(i + n - 1) % n] as readonly number[];
    const cur = ring[i] as readonly number[];
    const next = ring[(i + 1) % n] as readonly number[];
    let dLon = (next[0] as number) - (prev[0] as number);
    // Unwrap across the antimeridian so a ring spanning ±180° keeps its small area.
    if (dLon > 180) dLon -= 360;
    else if (dLon < -180) dLon += 360;
    sum += dLon * RAD * Math.sin((cur[1] as number) * RAD);
  }
  return (sum * EARTH_RADIUS_M * EARTH_RADIUS_M) / 2;
}

/**
 * Area of a polygon given as GeoJSON rings (outer ring first, then holes), in km².
 * Holes are subtracted whatever their winding.
 *
 * @param rings GeoJSON Polygon `coordinates`
 * @returns area in square kilometres
 * @example
 * polygonAreaKm2([[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]); // ≈ 12,364 km²
 */
export function polygonAreaKm2(rings: readonly (readonly (readonly number[])[])[]): number {
  let m2 = 0;
  rings.forEach((ring, k) => {
    const a = Math.abs(ringAreaM2(ring));
    m2 += k === 0 ? a : -a;
  });
  return Math.max(0, m2) / 1e6;
}
