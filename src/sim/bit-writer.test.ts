import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { armour, BitWriter, readUint } from './bit-writer.js';

/** Inverse of the payload armour, for checking it: character → 6-bit value. */
function dearmour(payload: string): number[] {
  return [...payload].map((ch) => {
    const v = ch.charCodeAt(0) - 48;
    return v > 40 ? v - 8 : v;
  });
}

const field = fc.integer({ min: 1, max: 32 }).chain((bits) =>
  fc.record({ bits: fc.constant(bits), value: fc.integer({ min: 0, max: 2 ** bits - 1 }) }),
);

describe('BitWriter', () => {
  it('reads back every field written, at its offset (property)', () => {
    fc.assert(
      fc.property(fc.array(field, { minLength: 1, maxLength: 40 }), (fields) => {
        const total = fields.reduce((n, f) => n + f.bits, 0);
        const w = new BitWriter(total);
        for (const f of fields) w.writeUint(f.value, f.bits);
        assert.equal(w.bitLength, total);
        let offset = 0;
        for (const f of fields) {
          assert.equal(readUint(w.bytes, offset, f.bits), f.value);
          offset += f.bits;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('writes signed values in two\'s complement (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 31 }).chain((bits) => fc.tuple(fc.constant(bits), fc.integer({ min: -(2 ** (bits - 1)), max: 2 ** (bits - 1) - 1 }))), ([bits, value]) => {
        const w = new BitWriter(bits + 3);
        w.writeUint(5, 3).writeInt(value, bits);
        const raw = readUint(w.bytes, 3, bits);
        assert.equal(raw >= 2 ** (bits - 1) ? raw - 2 ** bits : raw, value);
      }),
      { numRuns: 500 },
    );
  });

  it('armours to 6-bit characters that carry the same bits, with the right fill (property)', () => {
    fc.assert(
      fc.property(fc.array(field, { minLength: 1, maxLength: 20 }), (fields) => {
        const total = fields.reduce((n, f) => n + f.bits, 0);
        const w = new BitWriter(total);
        for (const f of fields) w.writeUint(f.value, f.bits);
        const { payload, fillBits } = armour(w);
        assert.equal(payload.length, Math.ceil(total / 6));
        assert.equal(fillBits, payload.length * 6 - total);
        assert.match(payload, /^[0-W`-w]*$/);
        const sextets = dearmour(payload);
        for (let i = 0; i < sextets.length; i++) {
          const bits = Math.min(6, total - 6 * i);
          assert.equal(sextets[i] as number >> (6 - bits), readUint(w.bytes, 6 * i, bits));
          assert.equal((sextets[i] as number) & ((1 << (6 - bits)) - 1), 0, 'fill bits are zero');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('encodes 6-bit text, folding lower case and padding with @', () => {
    const w = new BitWriter(42);
    w.writeText('ur ab', 7);
    const chars = Array.from({ length: 7 }, (_, i) => readUint(w.bytes, 6 * i, 6));
    // U=21 R=18 ' '=32 A=1 B=2, then '@'=0 padding
    assert.deepEqual(chars, [21, 18, 32, 1, 2, 0, 0]);
  });

  it('throws when a value does not fit its field or the writer is full', () => {
    assert.throws(() => new BitWriter(8).writeUint(4, 2), /does not fit an unsigned 2-bit field/);
    assert.throws(() => new BitWriter(8).writeInt(-3, 2), /does not fit a signed 2-bit field/);
    assert.throws(() => new BitWriter(8).writeUint(1, 6).writeUint(1, 6), /overflow/);
  });
});
