/**
 * Crossing of a movement segment (previous fix → next fix) with a polyline such as a
 * Straits transit line. Coordinates are treated as planar lon/lat, which is exact enough
 * for lines a few kilometres long away from the poles and the antimeridian.
 *
 * Algorithm: orientation (cross-product sign) tests, as in tile38's `cross` detection from
 * the previous and the new position of an object.
 */

/** Signed area ×2 of the triangle (a, b, c): > 0 when c lies left of a→b. */
function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/**
 * Whether and how the segment a→b crosses a polyline.
 *
 * A crossing is counted when the segment properly intersects a line segment, or when b lies
 * exactly on it and a does not (touching the line then leaving it counts once, not twice).
 * If the segment crosses the polyline several times, the last crossing decides.
 *
 * @param line polyline vertices `[[lon, lat], …]`, in the line's direction
 * @returns 0 no crossing; +1 from the line's left side to its right side (relative to its
 *   direction); −1 from right to left
 * @example
 * // line runs north; moving west→east crosses from its left to its right
 * segmentCrossing(-1, 0, 1, 0, [[0, -1], [0, 1]]); // 1
 */
export function segmentCrossing(
  aLon: number, aLat: number, bLon: number, bLat: number, line: readonly (readonly number[])[],
): 0 | 1 | -1 {
  let result: 0 | 1 | -1 = 0;
  for (let i = 0; i + 1 < line.length; i++) {
    const p = line[i] as readonly number[];
    const q = line[i + 1] as readonly number[];
    const px = p[0] as number;
    const py = p[1] as number;
    const qx = q[0] as number;
    const qy = q[1] as number;
    const oa = orient(px, py, qx, qy, aLon, aLat);
    const ob = orient(px, py, qx, qy, bLon, bLat);
    // a must be strictly on one side; b on the other side or on the line.
    if (oa === 0 || (oa > 0 && ob > 0) || (oa < 0 && ob < 0)) continue;
    const op = orient(aLon, aLat, bLon, bLat, px, py);
    const oq = orient(aLon, aLat, bLon, bLat, qx, qy);
    if ((op > 0 && oq > 0) || (op < 0 && oq < 0)) continue;
    // Ignore touching at the line's vertex shared by two segments twice: half-open at q.
    if (oq === 0 && i + 2 < line.length) continue;
    result = oa > 0 ? 1 : -1;
  }
  return result;
}
