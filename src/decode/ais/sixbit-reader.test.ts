import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SixbitReader } from './sixbit-reader.js';

const ARMOUR = '0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVW`abcdefghijklmnopqrstuvw';

/** The payload as a string of bits: the definition the reader must agree with. */
function bitsOf(payload: string): string {
  return [...payload].map((c) => ARMOUR.indexOf(c).toString(2).padStart(6, '0')).join('');
}

test('uint and int read any field of any payload as its bits say (bits past the end read as 0)', () => {
  fc.assert(fc.property(
    fc.array(fc.constantFrom(...ARMOUR), { minLength: 1, maxLength: 60 }).map((cs) => cs.join('')),
    fc.nat({ max: 400 }), fc.integer({ min: 1, max: 48 }),
    (payload, start, len) => {
      const r = new SixbitReader();
      assert.ok(r.append(payload, 0, payload.length, 0));
      const bits = bitsOf(payload).padEnd(start + len, '0').slice(start, start + len);
      const expected = parseInt(bits, 2);
      assert.equal(r.uint(start, len), expected);
      if (len <= 32) assert.equal(r.int(start, len), bits[0] === '1' ? expected - 2 ** len : expected);
    }), { numRuns: 5000 });
});

test('a character outside the armour alphabet is refused', () => {
  const r = new SixbitReader();
  assert.equal(r.append('15RTgt0PA!o', 0, 11, 0), false);
  r.reset();
  assert.equal(r.appendRun('15RTgt0PAso,0*', 0, 14), 11);
  assert.equal(r.runXor, [...'15RTgt0PAso'].reduce((x, c) => x ^ c.charCodeAt(0), 0));
});
