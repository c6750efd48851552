/**
 * Douglas–Peucker simplification of pixel geometry (flat `[x0, y0, …]` arrays). With a
 * tolerance of half a pixel nothing visible changes, and a 1:10m coastline drawn at
 * ~1.5 km per pixel keeps about one vertex per pixel of its length or fewer: the Black Sea
 * overview stays a few hundred KB instead of several MB.
 */

/**
 * Simplifies a polyline, keeping its end points.
 * @example simplifyLine([0, 0, 1, 0.1, 2, 0], 0.5) // [0, 0, 2, 0]
 */
export function simplifyLine(line: ArrayLike<number>, tolerancePx: number): number[] {
  const n = line.length / 2;
  if (n <= 2) return Array.from(line);
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  const tol2 = tolerancePx * tolerancePx;
  const stack: number[] = [0, n - 1];
  while (stack.length > 0) {
    const last = stack.pop()!;
    const first = stack.pop()!;
    const ax = line[2 * first]!, ay = line[2 * first + 1]!;
    const dx = line[2 * last]! - ax, dy = line[2 * last + 1]! - ay;
    const len2 = dx * dx + dy * dy;
    let maxD = -1;
    let index = -1;
    for (let i = first + 1; i < last; i++) {
      const px = line[2 * i]!, py = line[2 * i + 1]!;
      let t = len2 === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / len2;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const ex = ax + t * dx - px;
      const ey = ay + t * dy - py;
      const d = ex * ex + ey * ey;
      if (d > maxD) {
        maxD = d;
        index = i;
      }
    }
    if (maxD > tol2) {
      keep[index] = 1;
      stack.push(first, index, index, last);
    }
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i] === 1) out.push(line[2 * i]!, line[2 * i + 1]!);
  return out;
}

/**
 * Simplifies a closed ring (last vertex joins the first). Returns `[]` when less than a
 * triangle or less than `minAreaPx2` square pixels is left: an islet below a pixel is not
 * drawn at all rather than as a speck of path syntax.
 */
export function simplifyRing(ring: ArrayLike<number>, tolerancePx: number, minAreaPx2 = 1): number[] {
  if (ring.length < 6) return [];
  // Split at the vertex farthest from the first, so both halves have distinct end points.
  const x0 = ring[0]!, y0 = ring[1]!;
  let far = 0;
  let farD = -1;
  for (let i = 2; i < ring.length; i += 2) {
    const d = (ring[i]! - x0) ** 2 + (ring[i + 1]! - y0) ** 2;
    if (d > farD) {
      farD = d;
      far = i;
    }
  }
  const a = simplifyLine(Array.prototype.slice.call(ring, 0, far + 2) as number[], tolerancePx);
  const b = simplifyLine([...(Array.prototype.slice.call(ring, far) as number[]), x0, y0], tolerancePx);
  const out = a.concat(b.slice(2, b.length - 2));
  if (out.length < 6 || Math.abs(ringArea(out)) < minAreaPx2) return [];
  return out;
}

/** Signed shoelace area of a flat ring, square pixels. */
export function ringArea(ring: ArrayLike<number>): number {
  let s = 0;
  const n = ring.length;
  for (let i = 0; i < n; i += 2) {
    const j = (i + 2) % n;
    s += ring[i]! * ring[j + 1]! - ring[j]! * ring[i + 1]!;
  }
  return s / 2;
}
