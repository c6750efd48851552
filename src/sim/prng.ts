/**
 * Seeded pseudo-random numbers for the simulator, so that the same seed always gives the same
 * scenario. mulberry32 (Tommy Ettinger, public domain): a 32-bit state, a Weyl increment and
 * an xorshift-multiply output mix — fast, passes gjrand/PractRand to a few GB, plenty for
 * synthetic traffic, and not for anything cryptographic.
 *
 * @module
 */

/**
 * The bare mulberry32 generator: returns a function giving floats in [0, 1).
 * @param seed any number; only its low 32 bits are used
 * @example const next = mulberry32(42); next(); // 0.6011037519201636
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A seeded random source with the helpers the simulator needs.
 * @example
 * const rng = new Prng(7);
 * rng.int(1, 6);            // a die roll, 1..6 inclusive
 * rng.pick(['A', 'B']);     // one of the two
 */
export class Prng {
  readonly #next: () => number;
  /** Second normal deviate of the last Box–Muller pair, or NaN when none is cached. */
  #spareNormal = Number.NaN;

  constructor(seed: number) {
    this.#next = mulberry32(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    return this.#next();
  }

  /** A float in [min, max). */
  float(min: number, max: number): number {
    return min + (max - min) * this.#next();
  }

  /**
   * An integer in [min, max], both inclusive.
   * @throws RangeError when max < min or either bound is not an integer
   */
  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new RangeError(`Prng.int needs integer bounds with min <= max, got [${min}, ${max}].`);
    }
    return min + Math.floor((max - min + 1) * this.#next());
  }

  /** True with probability `p` (0..1). */
  chance(p: number): boolean {
    return this.#next() < p;
  }

  /** A normal deviate with the given mean and standard deviation (Box–Muller, polar form). */
  normal(mean = 0, sd = 1): number {
    if (!Number.isNaN(this.#spareNormal)) {
      const z = this.#spareNormal;
      this.#spareNormal = Number.NaN;
      return mean + sd * z;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.#next() - 1;
      v = 2 * this.#next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.#spareNormal = v * f;
    return mean + sd * u * f;
  }

  /**
   * One element of a non-empty array, uniformly.
   * @throws RangeError on an empty array
   */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Prng.pick needs a non-empty array.');
    return items[Math.floor(items.length * this.#next())] as T;
  }

  /**
   * One element of `items`, chosen with probability proportional to its weight.
   * @throws RangeError when the arrays differ in length or the weights do not sum above 0
   */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    if (items.length !== weights.length || items.length === 0) {
      throw new RangeError('Prng.weighted needs one weight per item and at least one item.');
    }
    let total = 0;
    for (const w of weights) total += w;
    if (!(total > 0)) throw new RangeError('Prng.weighted needs weights summing above 0.');
    let r = this.#next() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i] as number;
      if (r < 0) return items[i] as T;
    }
    return items[items.length - 1] as T;
  }
}
