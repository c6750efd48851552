/**
 * Even-odd point-in-polygon over GeoJSON (Multi)Polygon rings, for the simulator's own checks
 * that lanes and reported positions stay at sea. Ray casting (W. R. Franklin's PNPOLY): a
 * point is inside when a ray from it crosses the rings an odd number of times, which treats
 * holes (islands) correctly whatever their winding. No bounding-box index: it is for tests.
 *
 * @module
 */
import type { LonLat } from './black-sea.js';

/** Polygon rings `[[lon, lat], …]`, outer rings and holes alike. */
export type Rings = readonly (readonly (readonly number[])[])[];

/**
 * Whether `p` lies inside the area that `rings` bound (even-odd rule).
 * @example pointInRings([0.5, 0.5], [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]) // true
 */
export function pointInRings(p: LonLat, rings: Rings): boolean {
  const [x, y] = p;
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[i] as readonly number[];
      const b = ring[j] as readonly number[];
      const ay = a[1] as number;
      const by = b[1] as number;
      if (ay > y !== by > y) {
        const ax = a[0] as number;
        const bx = b[0] as number;
        if (x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
      }
    }
  }
  return inside;
}

/**
 * All rings of a GeoJSON Polygon or MultiPolygon geometry.
 * @throws Error on another geometry type
 */
export function ringsOf(geometry: { type: string; coordinates: unknown }): Rings {
  if (geometry.type === 'Polygon') return geometry.coordinates as Rings;
  if (geometry.type === 'MultiPolygon') return (geometry.coordinates as Rings[]).flat();
  throw new Error(`Expected a Polygon or MultiPolygon geometry, got ${geometry.type}.`);
}
