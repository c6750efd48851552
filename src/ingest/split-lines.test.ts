import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { splitLines } from './split-lines.js';

async function linesOf(chunks: (Buffer | string)[], maxLineLength?: number): Promise<string[]> {
  async function* source(): AsyncGenerator<Buffer | string> {
    yield* chunks;
  }
  const out: string[] = [];
  for await (const batch of splitLines(source(), maxLineLength)) out.push(...batch);
  return out;
}

test('cuts the same lines wherever the chunks break, bytes read as latin1', async () => {
  const byte = fc.constantFrom(0x0a, 0x0d, 0x21, 0x2c, 0x41, 0x5c, 0x7e, 0xe9, 0x00);
  await fc.assert(fc.asyncProperty(fc.array(byte, { maxLength: 300 }), fc.array(fc.nat({ max: 300 }), { maxLength: 8 }), async (bytes, cuts) => {
    const all = Buffer.from(bytes);
    const at = [...new Set(cuts.filter((c) => c < all.length))].sort((a, b) => a - b);
    const chunks = [0, ...at].map((start, i) => all.subarray(start, at[i] ?? all.length)).filter((c) => c.length > 0);
    const expected = all.toString('latin1').split('\n');
    if (expected.at(-1) === '') expected.pop();
    assert.deepEqual(await linesOf(chunks), expected);
  }), { numRuns: 300 });
});

test('takes text chunks as latin1 too, and cuts a line longer than the limit', async () => {
  assert.deepEqual(await linesOf(['ab\ncd', 'é\n', 'x'.repeat(10)], 4), ['ab', 'cdé', 'xxxx', 'xxxx', 'xx']);
});
