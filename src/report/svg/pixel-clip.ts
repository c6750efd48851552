/**
 * Clipping of projected geometry to the map's pixel rectangle. Natural Earth's Eurasia is
 * one ring of 80,000 vertices: clipped and simplified here, the report SVG keeps only what
 * the frame shows. Coordinates are flat `[x0, y0, x1, y1, …]` arrays of pixels.
 *
 * Polygons use Sutherland–Hodgman (a concave ring may come back with zero-width bridges
 * along the rectangle's edge: harmless for a fill, which is why coastlines are stroked from
 * their own lines and not from the land's outline); lines use Liang–Barsky per segment.
 */
import { clipSegmentParams } from '../../core/geo/clip-segment.js';

/** `[minX, minY, maxX, maxY]`, pixels. */
export type PixelBox = readonly [number, number, number, number];

/**
 * Clips a ring (implicitly closed: the last vertex joins the first; a repeated first vertex
 * at the end is harmless) to the box. Returns the clipped ring, possibly empty.
 * @example clipRing([0, 0, 10, 0, 10, 10, 0, 10], [5, 5, 20, 20]) // the square [5..10]², some rotation
 */
export function clipRing(ring: ArrayLike<number>, box: PixelBox): number[] {
  let pts: ArrayLike<number> = ring;
  for (let edge = 0; edge < 4 && pts.length >= 6; edge++) pts = clipEdge(pts, edge, box[edge]!);
  return pts.length >= 6 ? Array.from(pts) : [];
}

/** One Sutherland–Hodgman pass: edge 0 keeps x ≥ limit, 1 y ≥ limit, 2 x ≤ limit, 3 y ≤ limit. */
function clipEdge(pts: ArrayLike<number>, edge: number, limit: number): number[] {
  const axis = edge % 2;
  const keepGreater = edge < 2;
  const inside = (v: number): boolean => (keepGreater ? v >= limit : v <= limit);
  const out: number[] = [];
  const n = pts.length;
  let px = pts[n - 2]!;
  let py = pts[n - 1]!;
  let pIn = inside(axis === 0 ? px : py);
  for (let i = 0; i < n; i += 2) {
    const cx = pts[i]!;
    const cy = pts[i + 1]!;
    const cIn = inside(axis === 0 ? cx : cy);
    if (cIn !== pIn) {
      if (axis === 0) out.push(limit, py + ((limit - px) / (cx - px)) * (cy - py));
      else out.push(px + ((limit - py) / (cy - py)) * (cx - px), limit);
    }
    if (cIn) out.push(cx, cy);
    px = cx;
    py = cy;
    pIn = cIn;
  }
  return out;
}

/**
 * Clips a polyline to the box; returns the pieces inside (a line leaving and re-entering the
 * frame becomes two).
 * @example clipLine([0, 0, 10, 0], [2, -1, 4, 1]) // [[2, 0, 4, 0]]
 */
export function clipLine(line: ArrayLike<number>, box: PixelBox): number[][] {
  const pieces: number[][] = [];
  let current: number[] = [];
  for (let i = 2; i + 1 < line.length; i += 2) {
    const ax = line[i - 2]!, ay = line[i - 1]!, bx = line[i]!, by = line[i + 1]!;
    const seg = clipSegment(ax, ay, bx, by, box);
    if (seg === null) {
      if (current.length >= 4) pieces.push(current);
      current = [];
      continue;
    }
    const [sx, sy, ex, ey] = seg;
    if (current.length === 0 || current[current.length - 2] !== sx || current[current.length - 1] !== sy) {
      if (current.length >= 4) pieces.push(current);
      current = [sx, sy];
    }
    current.push(ex, ey);
  }
  if (current.length >= 4) pieces.push(current);
  return pieces;
}

function clipSegment(ax: number, ay: number, bx: number, by: number, box: PixelBox): [number, number, number, number] | null {
  const dx = bx - ax;
  const dy = by - ay;
  const ts = clipSegmentParams(ax, ay, dx, dy, box);
  if (ts === null) return null;
  const [t0, t1] = ts;
  // Unclipped ends stay bit-identical so consecutive segments join into one piece.
  return [t0 === 0 ? ax : ax + t0 * dx, t0 === 0 ? ay : ay + t0 * dy, t1 === 1 ? bx : ax + t1 * dx, t1 === 1 ? by : ay + t1 * dy];
}

/** Whether two boxes overlap (touching counts). */
export function boxesOverlap(a: PixelBox, b: PixelBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}
