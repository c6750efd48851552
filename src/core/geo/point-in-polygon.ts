/**
 * Point-in-polygon by the even-odd (crossing number) rule, which handles holes without
 * knowing which ring is the outer one: a point inside a hole crosses one more ring edge.
 *
 * Algorithm: W. Randolph Franklin, "PNPOLY"
 * (https://wrfranklin.org/Research/Short_Notes/pnpoly.html). Points exactly on an edge may
 * fall either side; zones are drawn with metres of slack, so this never matters here.
 */

/**
 * Whether `[lon, lat]` lies inside a polygon given as GeoJSON rings (outer ring then holes,
 * closed or not).
 *
 * @param lon longitude, degrees
 * @param lat latitude, degrees
 * @param rings `[[[lon, lat], …], …]`, as in a GeoJSON Polygon's `coordinates`
 * @example
 * pointInPolygon(0.5, 0.5, [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]); // true
 */
export function pointInPolygon(lon: number, lat: number, rings: readonly (readonly (readonly number[])[])[]): boolean {
  let inside = false;
  for (const ring of rings) {
    const n = ring.length;
    if (n < 3) continue;
    let prev = ring[n - 1] as readonly number[];
    for (let i = 0; i < n; i++) {
      const cur = ring[i] as readonly number[];
      const xi = cur[0] as number;
      const yi = cur[1] as number;
      const xj = prev[0] as number;
      const yj = prev[1] as number;
      if ((yi > lat) !== (yj > lat) && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
      prev = cur;
    }
  }
  return inside;
}

/**
 * A polygon flattened for the hot path: all rings' vertices as `x0, y0, x1, y1, …` in one
 * `Float64Array`, with `ringEnds[k]` the index (in vertices) one past ring k's last vertex.
 */
export interface FlatPolygon {
  coords: Float64Array;
  ringEnds: Uint32Array;
}

/**
 * Flattens GeoJSON rings into a {@link FlatPolygon}; the closing vertex of closed rings is
 * dropped (the test wraps around anyway).
 *
 * @example
 * flattenRings([[[0, 0], [1, 0], [1, 1], [0, 0]]]).coords.length; // 6
 */
export function flattenRings(rings: readonly (readonly (readonly number[])[])[]): FlatPolygon {
  let total = 0;
  for (const ring of rings) total += ring.length;
  const coords = new Float64Array(total * 2);
  const ringEnds = new Uint32Array(rings.length);
  let v = 0;
  rings.forEach((ring, k) => {
    let n = ring.length;
    const first = ring[0];
    const last = ring[n - 1];
    if (n > 1 && first && last && first[0] === last[0] && first[1] === last[1]) n--;
    for (let i = 0; i < n; i++) {
      const p = ring[i] as readonly number[];
      coords[v * 2] = p[0] as number;
      coords[v * 2 + 1] = p[1] as number;
      v++;
    }
    ringEnds[k] = v;
  });
  return { coords: coords.subarray(0, v * 2), ringEnds };
}

/**
 * Allocation-free even-odd test against a {@link FlatPolygon}.
 *
 * @param lon longitude, degrees
 * @param lat latitude, degrees
 * @example
 * pointInFlatPolygon(0.5, 0.5, flattenRings([[[0, 0], [1, 0], [1, 1], [0, 1]]])); // true
 */
export function pointInFlatPolygon(lon: number, lat: number, poly: FlatPolygon): boolean {
  const c = poly.coords;
  const ends = poly.ringEnds;
  let inside = false;
  let start = 0;
  for (let k = 0; k < ends.length; k++) {
    const end = ends[k] as number;
    if (end - start >= 3) {
      let j = end - 1;
      for (let i = start; i < end; i++) {
        if (crossesRayEast(c, i, j, lon, lat)) inside = !inside;
        j = i;
      }
    }
    start = end;
  }
  return inside;
}

/**
 * Whether edge (vertex `i`, vertex `j`) of flat coordinates `c` crosses the ray going east
 * from `[lon, lat]`: the even-odd test's step, shared by every polygon test.
 */
export function crossesRayEast(c: Float64Array, i: number, j: number, lon: number, lat: number): boolean {
  const yi = c[i * 2 + 1] as number;
  const yj = c[j * 2 + 1] as number;
  if ((yi > lat) === (yj > lat)) return false;
  const xi = c[i * 2] as number;
  const xj = c[j * 2] as number;
  return lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi;
}

/** Calls `fn(i, j)` for every edge (vertex `j` → vertex `i`) of the rings of 3 or more vertices: for build-time passes. */
export function forEachEdge(poly: FlatPolygon, fn: (i: number, j: number) => void): void {
  let start = 0;
  for (const end of poly.ringEnds) {
    if (end - start >= 3) {
      for (let i = start, j = end - 1; i < end; j = i++) fn(i, j);
    }
    start = end;
  }
}
