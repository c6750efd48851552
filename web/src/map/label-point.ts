import type { Geometry, Position } from 'geojson';

/**
 * Where to put a zone's name: the area centroid of its largest polygon ring, or the middle
 * vertex of a line. Good enough for the convex-ish zones agreements draw.
 * @example labelPoint({ type: 'LineString', coordinates: [[0, 0], [2, 2], [4, 4]] }) // [2, 2]
 */
export function labelPoint(g: Geometry): [number, number] | undefined {
  if (g.type === 'Point') return [g.coordinates[0]!, g.coordinates[1]!];
  if (g.type === 'LineString') return mid(g.coordinates);
  if (g.type === 'MultiLineString') return mid(g.coordinates[0] ?? []);
  const rings = g.type === 'Polygon' ? [g.coordinates[0] ?? []] : g.type === 'MultiPolygon' ? g.coordinates.map((p) => p[0] ?? []) : [];
  let best: [number, number] | undefined;
  let bestArea = -1;
  for (const ring of rings) {
    let a = 0;
    let cx = 0;
    let cy = 0;
    for (let i = 1; i < ring.length; i++) {
      const [x0 = 0, y0 = 0] = ring[i - 1]!;
      const [x1 = 0, y1 = 0] = ring[i]!;
      const f = x0 * y1 - x1 * y0;
      a += f;
      cx += (x0 + x1) * f;
      cy += (y0 + y1) * f;
    }
    if (Math.abs(a) > bestArea && a !== 0) {
      bestArea = Math.abs(a);
      best = [cx / (3 * a), cy / (3 * a)];
    }
  }
  return best;
}

function mid(coords: Position[]): [number, number] | undefined {
  const p = coords[Math.floor((coords.length - 1) / 2)];
  if (p === undefined) return undefined;
  if (coords.length % 2 === 0 && coords.length >= 2) {
    const q = coords[coords.length / 2]!;
    return [(p[0]! + q[0]!) / 2, (p[1]! + q[1]!) / 2];
  }
  return [p[0]!, p[1]!];
}
