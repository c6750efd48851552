/**
 * An area (a region's polygons) as a grid of sample points, to measure how much of it lies
 * inside a zone of any shape: the share is the area-weighted fraction of the samples the
 * zone contains. Pure and deterministic: the same polygons give the same samples.
 *
 * Algorithm: scan-line fill with the even-odd rule (holes and several polygons need no
 * special case), one row of cell centres per grid step; a cell's weight is cos(latitude),
 * its area on the sphere up to a constant.
 */

const RAD = Math.PI / 180;

/** Sample points of an area: `lon, lat, weight` triples, and their total weight. */
export interface AreaSamples {
  /** `[lon0, lat0, w0, lon1, lat1, w1, …]`. */
  points: Float64Array;
  totalWeight: number;
  /** `[minLon, minLat, maxLon, maxLat]` of the polygons. */
  bbox: [number, number, number, number];
  /** Grid step, degrees. */
  cellDeg: number;
}

/** About this many cells across an area's bounding box: a region's share is known to well under 1 %. */
const TARGET_CELLS = 20_000;
const MIN_CELL_DEG = 0.005;

/**
 * Samples a MultiPolygon's coordinates (`[polygon][ring][vertex][lon|lat]`).
 *
 * @example
 * const s = sampleArea([[[[30, 46], [31, 46], [31, 47], [30, 47], [30, 46]]]]);
 * shareInside(s, () => true) // 1
 */
export function sampleArea(polygons: readonly (readonly (readonly (readonly number[])[])[])[], cellDeg?: number): AreaSamples {
  let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity;
  const edges: number[] = [];
  for (const poly of polygons) {
    for (const ring of poly) {
      const n = ring.length;
      for (let i = 0; i < n; i++) {
        const a = ring[i]!;
        const b = ring[(i + 1) % n]!;
        const [x1, y1] = [a[0]!, a[1]!];
        minLon = Math.min(minLon, x1); maxLon = Math.max(maxLon, x1);
        minLat = Math.min(minLat, y1); maxLat = Math.max(maxLat, y1);
        if (y1 !== b[1]!) edges.push(x1, y1, b[0]!, b[1]!);
      }
    }
  }
  if (!(maxLon > minLon && maxLat > minLat)) return { points: new Float64Array(0), totalWeight: 0, bbox: [0, 0, 0, 0], cellDeg: 0 };
  const step = cellDeg ?? Math.max(MIN_CELL_DEG, Math.sqrt(((maxLon - minLon) * (maxLat - minLat)) / TARGET_CELLS));
  const out: number[] = [];
  let total = 0;
  const xs: number[] = [];
  for (let lat = minLat + step / 2; lat < maxLat; lat += step) {
    xs.length = 0;
    for (let e = 0; e < edges.length; e += 4) {
      const y1 = edges[e + 1]!, y2 = edges[e + 3]!;
      if ((y1 > lat) !== (y2 > lat)) {
        const x1 = edges[e]!, x2 = edges[e + 2]!;
        xs.push(x1 + ((lat - y1) * (x2 - x1)) / (y2 - y1));
      }
    }
    xs.sort((a, b) => a - b);
    const w = Math.cos(lat * RAD);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      // Cell centres minLon + (i + ½)·step inside [xs[k], xs[k+1]].
      const first = Math.ceil((xs[k]! - minLon) / step - 0.5);
      for (let i = Math.max(0, first); ; i++) {
        const lon = minLon + (i + 0.5) * step;
        if (lon > xs[k + 1]!) break;
        out.push(lon, lat, w);
        total += w;
      }
    }
  }
  return { points: Float64Array.from(out), totalWeight: total, bbox: [minLon, minLat, maxLon, maxLat], cellDeg: step };
}

/**
 * The share (0–1) of an area inside a region given by its containment test, optionally
 * prefiltered by the region's bounding box.
 */
export function shareInside(s: AreaSamples, contains: (lon: number, lat: number) => boolean, bbox?: readonly [number, number, number, number]): number {
  if (s.totalWeight === 0) return 0;
  if (bbox !== undefined && (bbox[0] > s.bbox[2] || bbox[2] < s.bbox[0] || bbox[1] > s.bbox[3] || bbox[3] < s.bbox[1])) return 0;
  let w = 0;
  const p = s.points;
  for (let i = 0; i < p.length; i += 3) {
    const lon = p[i]!, lat = p[i + 1]!;
    if (bbox !== undefined && (lon < bbox[0] || lon > bbox[2] || lat < bbox[1] || lat > bbox[3])) continue;
    if (contains(lon, lat)) w += p[i + 2]!;
  }
  return w / s.totalWeight;
}
