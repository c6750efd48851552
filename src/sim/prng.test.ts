import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mulberry32, Prng } from './prng.js';

describe('mulberry32', () => {
  it('gives the reference sequence for seed 42', () => {
    const next = mulberry32(42);
    assert.equal(next(), 0.6011037519201636);
  });

  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const c = mulberry32(8);
    const sa = Array.from({ length: 100 }, a);
    assert.deepEqual(Array.from({ length: 100 }, b), sa);
    assert.notDeepEqual(Array.from({ length: 100 }, c), sa);
  });
});

describe('Prng', () => {
  it('keeps floats in [0, 1) with a mean near 1/2', () => {
    const rng = new Prng(1);
    let sum = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = rng.next();
      assert.ok(x >= 0 && x < 1);
      sum += x;
    }
    assert.ok(Math.abs(sum / 100_000 - 0.5) < 0.01);
  });

  it('draws integers over the whole inclusive range and nothing outside it', () => {
    const rng = new Prng(2);
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      const v = rng.int(-3, 3);
      assert.ok(Number.isInteger(v) && v >= -3 && v <= 3);
      seen.add(v);
    }
    assert.equal(seen.size, 7);
  });

  it('throws on integer bounds in the wrong order', () => {
    assert.throws(() => new Prng(1).int(5, 4), /min <= max/);
  });

  it('draws normal deviates with the requested mean and standard deviation', () => {
    const rng = new Prng(3);
    const n = 50_000;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.normal(10, 2);
      sum += x;
      sq += x * x;
    }
    const mean = sum / n;
    const sd = Math.sqrt(sq / n - mean * mean);
    assert.ok(Math.abs(mean - 10) < 0.05, `mean ${mean}`);
    assert.ok(Math.abs(sd - 2) < 0.05, `sd ${sd}`);
  });

  it('picks every element of an array and refuses an empty one', () => {
    const rng = new Prng(4);
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) seen.add(rng.pick(['a', 'b', 'c']));
    assert.deepEqual([...seen].sort(), ['a', 'b', 'c']);
    assert.throws(() => rng.pick([]), /non-empty/);
  });

  it('picks by weight, never an item of weight 0', () => {
    const rng = new Prng(5);
    let heavy = 0;
    for (let i = 0; i < 10_000; i++) {
      const v = rng.weighted(['light', 'heavy', 'never'], [1, 3, 0]);
      assert.notEqual(v, 'never');
      if (v === 'heavy') heavy++;
    }
    assert.ok(Math.abs(heavy / 10_000 - 0.75) < 0.02);
  });
});
