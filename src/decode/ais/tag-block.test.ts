import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeLines } from '../../../test/helpers/decode-lines.js';
import { parseTagBlock } from './tag-block.js';

const parse = (body: string): ReturnType<typeof parseTagBlock> => parseTagBlock(body, 0, body.length);

test('issue 15 (fuzzing): a tag-block time a Date cannot hold is rejected, not returned as Infinity or 1e20 ms', () => {
  for (const body of ['c:1e20', 'c:Infinity', 'c:9999999999999999', 's:rEV02,c:1E400*5C']) {
    const r = parse(body);
    assert.equal(typeof r, 'string', `${body} → ${JSON.stringify(r)}`);
    assert.match(r as string, /tag block time ".+" is not a number/);
  }
  // The largest times still accepted: 10^11 s and more are milliseconds.
  assert.deepEqual(parse('c:1742860800'), { source: undefined, timeMs: 1_742_860_800_000, groupId: undefined, groupIndex: 0, groupCount: 0, checksumOk: true });
  assert.equal((parse('c:8640000000000000') as { timeMs: number }).timeMs, 8.64e15);
});

test('issue 15 (fuzzing): a tag-block group needs whole numbers (no Infinity, no fractions)', () => {
  for (const body of ['g:1-Infinity-42', 'g:1.5-2-42', 'g:1-2e0x-42']) assert.equal(typeof parse(body), 'string', body);
  assert.deepEqual(parse('g:1-2-42'), { source: undefined, timeMs: undefined, groupId: '42', groupIndex: 1, groupCount: 2, checksumOk: true });
});

test('issue 15 (fuzzing): a line whose tag-block time is out of range is rejected as bad-tag-block with the time quoted', () => {
  const { messages, rejects } = decodeLines(['\\c:1e20*17\\!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A']);
  assert.deepEqual(messages, []);
  assert.deepEqual(rejects.map((r) => [r.reason, r.detail]), [['bad-tag-block', 'tag block time "c:1e20" is not a number']]);
});
