/**
 * Rectangle clipping and coordinate rounding for the build-time basemap (pure: no I/O).
 *
 * Natural Earth 1:10m is far too heavy to ship whole (tens of MB), so the console gets 10m
 * detail only inside the area it watches and 1:110m elsewhere. Polygons are clipped with
 * Sutherland–Hodgman (their fill may then run along the box edge, which is never stroked);
 * lines are clipped segment by segment with Liang–Barsky, so a coastline leaving and
 * re-entering the box becomes several lines.
 */

/** `[minLon, minLat, maxLon, maxLat]`, degrees. */
import { clipSegmentParams } from '../../src/core/geo/clip-segment.js';
import { simplifyLine as simplifyFlat } from '../../src/report/svg/simplify.js';

export type Box = readonly [number, number, number, number];
export type Position = [number, number];

/** Decimal places kept: 4 ≈ 11 m at the equator, below a 1:10m coastline's own error (~500 m). */
const DECIMALS = 4;
const SCALE = 10 ** DECIMALS;

/**
 * Rounds to {@link DECIMALS} places and drops repeated points.
 * @example roundLine([[1.000001, 2], [1.000002, 2]]) // [[1, 2]]
 */
export function roundLine(line: readonly Position[]): Position[] {
  const out: Position[] = [];
  let px = NaN;
  let py = NaN;
  for (const p of line) {
    const x = Math.round(p[0] * SCALE) / SCALE;
    const y = Math.round(p[1] * SCALE) / SCALE;
    if (x === px && y === py) continue;
    out.push([x, y]);
    px = x;
    py = y;
  }
  return out;
}

/**
 * Clips a closed ring to the box (Sutherland–Hodgman); returns a closed ring or `[]` when
 * nothing is left.
 * @example clipRing([[0,0],[10,0],[10,10],[0,10],[0,0]], [5, 5, 20, 20]) // [[5,5],[10,5],[10,10],[5,10],[5,5]] (in some rotation)
 */
export function clipRing(ring: readonly Position[], box: Box): Position[] {
  let pts: Position[] = ring.slice(0, ring.length - 1) as Position[];
  // One pass per box edge: [axis, limit, keep-when-greater].
  const edges: [0 | 1, number, boolean][] = [[0, box[0], true], [0, box[2], false], [1, box[1], true], [1, box[3], false]];
  for (const [axis, limit, greater] of edges) {
    if (pts.length === 0) break;
    const inside = (p: Position): boolean => (greater ? p[axis] >= limit : p[axis] <= limit);
    const cut = (a: Position, b: Position): Position => {
      const t = (limit - a[axis]) / (b[axis] - a[axis]);
      return axis === 0 ? [limit, a[1] + t * (b[1] - a[1])] : [a[0] + t * (b[0] - a[0]), limit];
    };
    const next: Position[] = [];
    for (let i = 0; i < pts.length; i++) {
      const cur = pts[i]!;
      const prev = pts[(i + pts.length - 1) % pts.length]!;
      if (inside(cur)) {
        if (!inside(prev)) next.push(cut(prev, cur));
        next.push(cur);
      } else if (inside(prev)) {
        next.push(cut(prev, cur));
      }
    }
    pts = next;
  }
  if (pts.length < 3) return [];
  return [...pts, pts[0]!];
}

/**
 * Clips a polyline to the box (Liang–Barsky per segment); returns the pieces inside.
 * @example clipLine([[0, 0], [10, 0]], [2, -1, 4, 1]) // [[[2, 0], [4, 0]]]
 */
export function clipLine(line: readonly Position[], box: Box): Position[][] {
  const pieces: Position[][] = [];
  let current: Position[] = [];
  for (let i = 1; i < line.length; i++) {
    const seg = clipSegment(line[i - 1]!, line[i]!, box);
    if (seg === null) {
      if (current.length > 1) pieces.push(current);
      current = [];
      continue;
    }
    const [a, b] = seg;
    const last = current[current.length - 1];
    if (last === undefined || last[0] !== a[0] || last[1] !== a[1]) {
      if (current.length > 1) pieces.push(current);
      current = [a];
    }
    current.push(b);
  }
  if (current.length > 1) pieces.push(current);
  return pieces;
}

function clipSegment(a: Position, b: Position, box: Box): [Position, Position] | null {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const ts = clipSegmentParams(a[0], a[1], dx, dy, box);
  if (ts === null) return null;
  const [t0, t1] = ts;
  const at = (t: number): Position => (t === 0 ? a : t === 1 ? b : [a[0] + t * dx, a[1] + t * dy]);
  return [at(t0), at(t1)];
}

/** Planar area of a ring (square degrees; sign ignored): only to pick a country's largest part. */
export function ringArea(ring: readonly Position[]): number {
  let s = 0;
  for (let i = 1; i < ring.length; i++) s += ring[i - 1]![0] * ring[i]![1] - ring[i]![0] * ring[i - 1]![1];
  return Math.abs(s) / 2;
}

/** Area centroid of a ring (degrees), falling back to the vertex mean for a degenerate ring. */
export function ringCentroid(ring: readonly Position[]): Position {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 1; i < ring.length; i++) {
    const [x0, y0] = ring[i - 1]!;
    const [x1, y1] = ring[i]!;
    const f = x0 * y1 - x1 * y0;
    a += f;
    cx += (x0 + x1) * f;
    cy += (y0 + y1) * f;
  }
  if (Math.abs(a) < 1e-12) {
    const n = Math.max(1, ring.length);
    return [ring.reduce((s, p) => s + p[0], 0) / n, ring.reduce((s, p) => s + p[1], 0) / n];
  }
  return [cx / (3 * a), cy / (3 * a)];
}

/**
 * Douglas–Peucker simplification with a tolerance in degrees (planar; fine for the short
 * segments of boundary lines). Keeps the end points.
 * @example simplifyLine([[0, 0], [1, 0.001], [2, 0]], 0.01) // [[0, 0], [2, 0]]
 */
export function simplifyLine(line: readonly Position[], toleranceDeg: number): Position[] {
  if (line.length <= 2) return line.slice();
  // The report maps' Douglas–Peucker, on flat coordinates (degrees here, pixels there).
  const flat = simplifyFlat(line.flat(), toleranceDeg);
  const out: Position[] = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i]!, flat[i + 1]!]);
  return out;
}
