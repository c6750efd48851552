import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ICAO_ALLOCATIONS, MILITARY_ICAO_RANGES, flagFromIcao, isMilitaryIcao } from './icao-blocks.js';

describe('ICAO_ALLOCATIONS', () => {
  it('is sorted by first address and has no overlapping blocks', () => {
    for (let i = 0; i < ICAO_ALLOCATIONS.length; i++) {
      const [start, end] = ICAO_ALLOCATIONS[i]!;
      assert.ok(start <= end, `block ${i} ends before it starts`);
      if (i > 0) {
        const [, prevEnd, prevFlag] = ICAO_ALLOCATIONS[i - 1]!;
        assert.ok(prevEnd < start, `block ${i} (${start.toString(16)}) overlaps or precedes ${prevFlag}`);
      }
    }
  });

  it('holds only aligned power-of-two blocks inside the 24-bit space, as the Annex allocates', () => {
    for (const [start, end, flag] of ICAO_ALLOCATIONS) {
      const size = end - start + 1;
      assert.equal(size & (size - 1), 0, `${flag} block size ${size}`);
      assert.equal(start % size, 0, `${flag} block not aligned`);
      assert.ok(end <= 0xffffff, flag);
      assert.match(flag, /^[A-Z]{3}$/);
    }
  });

  it('covers the whole Annex table', () => {
    assert.ok(ICAO_ALLOCATIONS.length >= 180, `only ${ICAO_ALLOCATIONS.length} blocks`);
  });
});

describe('flagFromIcao', () => {
  it('finds the Black Sea and coalition States by their blocks', () => {
    const expected: [number, string][] = [
      [0x508123, 'UKR'], [0x508000, 'UKR'], [0x50ffff, 'UKR'],
      [0x155abc, 'RUS'], [0x100000, 'RUS'], [0x1fffff, 'RUS'],
      [0x4b8e0a, 'TUR'], [0x4a0001, 'ROU'], [0x450123, 'BGR'],
      [0x504c00, 'MDA'], [0x504fff, 'MDA'], [0x514000, 'GEO'], [0x5143ff, 'GEO'],
      [0x380000, 'FRA'], [0x3bffff, 'FRA'], [0x400000, 'GBR'], [0x43c123, 'GBR'],
      [0x3c6444, 'DEU'], [0x300000, 'ITA'], [0x489000, 'POL'],
      [0xa00001, 'USA'], [0xafffff, 'USA'], [0x4b7fac, 'CHE'],
    ];
    for (const [address, flag] of expected) {
      assert.equal(flagFromIcao(address), flag, address.toString(16));
    }
  });

  it('returns undefined in the gaps between blocks', () => {
    assert.equal(flagFromIcao(0x504bff), undefined); // just below Moldova
    assert.equal(flagFromIcao(0x514400), undefined); // just above Georgia
    assert.equal(flagFromIcao(0x000000), undefined);
    assert.equal(flagFromIcao(0x200000), undefined); // AFI region reserve
    assert.equal(flagFromIcao(0xb00000), undefined); // reserved for future use
    assert.equal(flagFromIcao(0xf00001), undefined); // ICAO reserve
    assert.equal(flagFromIcao(0xffffff), undefined);
  });

  it('returns undefined for values that are not 24-bit addresses', () => {
    for (const address of [-1, 0x1000000, 0x508123 + 0.5, Number.NaN]) {
      assert.equal(flagFromIcao(address), undefined, String(address));
    }
  });

  it('agrees with a linear scan of the table at every block edge', () => {
    for (const [start, end, flag] of ICAO_ALLOCATIONS) {
      assert.equal(flagFromIcao(start), flag);
      assert.equal(flagFromIcao(end), flag);
      const outside = [start - 1, end + 1].filter((a) => !ICAO_ALLOCATIONS.some(([s, e]) => a >= s && a <= e));
      for (const address of outside) assert.equal(flagFromIcao(address), undefined, address.toString(16));
    }
  });
});

describe('MILITARY_ICAO_RANGES', () => {
  it('is sorted, has no overlaps and lies inside the block of its State', () => {
    let prevEnd = -1;
    for (const { start, end, flag, source } of MILITARY_ICAO_RANGES) {
      assert.ok(start > prevEnd && start <= end, `${flag} ${start.toString(16)}`);
      assert.equal(flagFromIcao(start), flag);
      assert.equal(flagFromIcao(end), flag);
      assert.ok(source.length > 0, 'every range names its source');
      prevEnd = end;
    }
  });
});

describe('isMilitaryIcao', () => {
  it('flags addresses in the documented military ranges', () => {
    for (const address of [0x43c123, 0xae1234, 0xadf7c8, 0x3b7a01, 0x3aa000, 0x3f5000, 0x3ea123, 0x33ff80, 0x4b7fac]) {
      assert.equal(isMilitaryIcao(address), true, address.toString(16));
    }
  });

  it('does not flag civil addresses, range neighbours or non-addresses', () => {
    for (const address of [0x508123, 0x4b8e0a, 0x400123, 0x43bfff, 0x43d000, 0xadf7c7, 0xa00001, 0x33feff, -1, 0x1000000]) {
      assert.equal(isMilitaryIcao(address), false, address.toString(16));
    }
  });
});
