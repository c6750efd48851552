import type { LonLatBox } from './mercator.js';

/** Margin added on each side of the fitted geometry, as a share of its span. */
export const FIT_MARGIN = 0.1;

/** Smallest span of a fitted box, degrees: a single point still gets ~50 km of context. */
export const MIN_SPAN_DEG = 0.5;

/**
 * The box to show for some geometry: its bounds, widened to at least {@link MIN_SPAN_DEG}
 * each way, plus {@link FIT_MARGIN} on every side, latitudes kept within ±85°.
 * Throws when there is nothing to fit: the caller must pass a box then.
 *
 * @param positions every `[lon, lat]` of the zones, tracks and points
 * @example fitBbox([[30, 46]]) // ≈ [29.7, 45.7, 30.3, 46.3]
 */
export function fitBbox(positions: Iterable<readonly number[]>): LonLatBox {
  let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity;
  for (const p of positions) {
    const lon = p[0]!;
    const lat = p[1]!;
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) continue;
    if (lon < minLon) minLon = lon;
    if (lon > maxLon) maxLon = lon;
    if (lat < minLat) minLat = lat;
    if (lat > maxLat) maxLat = lat;
  }
  if (minLon > maxLon) throw new Error('fitBbox: nothing to fit (no zone, track or point with a finite position): pass bbox');
  [minLon, maxLon] = widen(minLon, maxLon);
  [minLat, maxLat] = widen(minLat, maxLat);
  const dLon = (maxLon - minLon) * FIT_MARGIN;
  const dLat = (maxLat - minLat) * FIT_MARGIN;
  return [minLon - dLon, Math.max(-85, minLat - dLat), maxLon + dLon, Math.min(85, maxLat + dLat)];
}

function widen(min: number, max: number): [number, number] {
  if (max - min >= MIN_SPAN_DEG) return [min, max];
  const mid = (min + max) / 2;
  return [mid - MIN_SPAN_DEG / 2, mid + MIN_SPAN_DEG / 2];
}
