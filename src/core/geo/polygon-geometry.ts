/** A GeoJSON Polygon geometry (RFC 7946 §3.1.6); positions are `[lon, lat]` degrees. */
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: number[][][];
}

/** A GeoJSON MultiPolygon geometry (RFC 7946 §3.1.7). */
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: number[][][][];
}

/** A GeoJSON LineString geometry (RFC 7946 §3.1.4), used for transit lines. */
export interface LineStringGeometry {
  type: 'LineString';
  coordinates: number[][];
}

/** The zone geometries an agreement may hold. */
export type ZoneGeometry = PolygonGeometry | MultiPolygonGeometry | LineStringGeometry;

/**
 * The polygons of a zone geometry as a list of ring lists (a Polygon gives one, a
 * MultiPolygon one per part, a LineString none).
 *
 * @example
 * polygonsOf({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] }).length; // 1
 */
export function polygonsOf(geometry: ZoneGeometry): number[][][][] {
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  return [];
}
