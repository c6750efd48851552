import { boxesOverlap, type PixelBox } from './pixel-clip.js';

/**
 * Greedy label placement: labels are offered in priority order, each with candidate boxes
 * in order of preference, and take the first that is inside the map and free. A label with
 * no free place is left out rather than drawn over another: overlapping text is read by
 * nobody, and every point keeps its number (listed in the report) and every zone its colour.
 */
export class LabelPlacer {
  readonly #taken: PixelBox[] = [];
  readonly #bounds: PixelBox;

  constructor(width: number, height: number) {
    this.#bounds = [0, 0, width, height];
  }

  /** Marks a box as occupied (scale bar, point circles) whatever it overlaps. */
  reserve(box: PixelBox): void {
    this.#taken.push(box);
  }

  /** Index of the candidate placed (and now occupied), or -1 when none fits. */
  place(candidates: readonly PixelBox[]): number {
    const [bx0, by0, bx1, by1] = this.#bounds;
    for (let i = 0; i < candidates.length; i++) {
      const c = candidates[i]!;
      if (c[0] < bx0 || c[1] < by0 || c[2] > bx1 || c[3] > by1) continue;
      if (this.#taken.some((t) => boxesOverlap(t, c))) continue;
      this.#taken.push(c);
      return i;
    }
    return -1;
  }
}
