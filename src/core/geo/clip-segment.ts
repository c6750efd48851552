/**
 * Liang–Barsky: the part of the segment from (ax, ay) along (dx, dy) inside the box
 * `[minX, minY, maxX, maxY]`, as the parameters [t0, t1] (0 ≤ t0 ≤ t1 ≤ 1) of its ends, or
 * null when the segment misses the box. Shared by the report maps' pixel clipping and the
 * console's build-time basemap clipping, so the two cut coastlines the same way.
 * @example clipSegmentParams(-1, 0, 2, 0, [0, -1, 1, 1]) // [0.5, 1]
 */
export function clipSegmentParams(ax: number, ay: number, dx: number, dy: number, box: readonly [number, number, number, number]): [number, number] | null {
  let t0 = 0;
  let t1 = 1;
  const p = [-dx, dx, -dy, dy];
  const q = [ax - box[0], box[2] - ax, ay - box[1], box[3] - ay];
  for (let k = 0; k < 4; k++) {
    const pk = p[k]!;
    const qk = q[k]!;
    if (pk === 0) {
      if (qk < 0) return null;
      continue;
    }
    const t = qk / pk;
    if (pk < 0) {
      if (t > t1) return null;
      if (t > t0) t0 = t;
    } else {
      if (t < t0) return null;
      if (t < t1) t1 = t;
    }
  }
  return [t0, t1];
}
