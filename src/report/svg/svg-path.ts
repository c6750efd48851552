import { tenthsToString } from './svg-text.js';

/**
 * SVG path data for pixel geometry, compact and deterministic: every vertex is rounded to a
 * tenth of a pixel once, the first written absolute (`M`) and the rest as relative moves
 * (`l`) computed from the rounded integers, so no rounding error accumulates and vertices
 * that round onto the previous one are dropped. Relative deltas are 3–4 characters where
 * absolute pairs are 10: the Black Sea overview is half the size this way.
 */

/**
 * Appends one polyline (`closed`: a ring, ended with `z`) to `out`; lines of fewer than two
 * distinct rounded vertices are skipped.
 * @example const o: string[] = []; appendPath(o, [0, 0, 10, 0, 10, 5.04], true); o.join('') // 'M0 0l10 0 0 5z'
 */
export function appendPath(out: string[], flat: ArrayLike<number>, closed: boolean): void {
  const parts: string[] = [];
  let px = 0;
  let py = 0;
  let count = 0;
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const x = Math.round(flat[i]! * 10);
    const y = Math.round(flat[i + 1]! * 10);
    if (count === 0) {
      parts.push(`M${tenthsToString(x)}${sep(y)}${tenthsToString(y)}l`);
    } else {
      if (x === px && y === py) continue;
      const dx = tenthsToString(x - px);
      const dy = tenthsToString(y - py);
      parts.push(`${count === 1 ? '' : sep(x - px)}${dx}${sep(y - py)}${dy}`);
    }
    px = x;
    py = y;
    count++;
  }
  if (count < 2) return;
  out.push(parts.join(''));
  if (closed) out.push('z');
}

/** Separator before a number: a minus sign separates by itself. */
function sep(tenths: number): string {
  return tenths < 0 ? '' : ' ';
}
