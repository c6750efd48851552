import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeLines } from '../../../test/helpers/decode-lines.js';
import { FRAMINGS, simulate, type Framing } from '../../sim/scenario.js';

// Many loggers stamp only the first sentence of a multi-part message with a tag block; the
// rest belong to the tag-block context of the line before them (SPEC "Line timestamps" says
// so of the time; the decoder does it for the source and sentence group too).

const P1 = '!AIVDM,2,1,9,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*14';
const P2 = '!AIVDM,2,2,9,A,88888888880,2*2D';
const OTHER = '!AIVDM,1,1,,B,15RTgt0PAso;90TKcjM8h6g208CQ,0*49';

function feed(framing: Framing): string[] {
  const lines: string[] = [];
  const receivers = ['rcv-a', 'rcv-b', 'rcv-c'];
  for (const l of simulate({ seed: 5, start: '2026-03-25T00:00:00Z', durationMs: 30 * 60_000, classA: 40, classB: 15, receivers, framing, artefacts: { duplicate: 0.1, outOfOrder: 0.02 } })) lines.push(l.line);
  return lines;
}

/** The same feed with each multi-part message's last part moved behind the line that followed it (another ship's, often another receiver's). */
function interleaved(lines: readonly string[]): string[] {
  const out = [...lines];
  for (let i = 0; i + 1 < out.length; i++) {
    if (/!AIVDM,2,2,/.test(out[i]!) && !/!AIVDM,2,/.test(out[i + 1]!)) {
      [out[i], out[i + 1]] = [out[i + 1]!, out[i]!];
      i++;
    }
  }
  return out;
}

test('a feed decodes to the same messages, times and sources wherever its tag blocks are', () => {
  const expected = decodeLines(feed('every-line'));
  assert.ok(expected.messages.filter((m) => m.type === 5).length > 30, 'the feed has two-part static reports');
  assert.ok(expected.messages.every((m) => m.timeMs !== undefined && m.source !== undefined));
  for (const framing of FRAMINGS.filter((f) => f !== 'every-line')) {
    const lines = feed(framing);
    assert.ok(lines.some((l) => /AIVDM,2,2,/.test(l) && !l.includes('s:')), `${framing}: some parts name no source`);
    const got = decodeLines(lines);
    assert.deepEqual(got.rejects, [], framing);
    assert.deepEqual(got.messages, expected.messages, framing);
  }
});

test('parts interleaved with other receivers\' traffic still join', () => {
  for (const framing of FRAMINGS) {
    const lines = interleaved(feed(framing));
    const got = decodeLines(lines);
    assert.deepEqual(got.rejects, [], framing);
    assert.deepEqual(got.messages, decodeLines(interleaved(feed('every-line'))).messages, framing);
  }
});

test('a bare part takes the source and time of the tag block before it', () => {
  const { messages, rejects } = decodeLines([`\\s:rcv1,c:1774396800*6B\\${P1}`, P2, OTHER]);
  assert.deepEqual(rejects, []);
  assert.deepEqual(messages.map((m) => [m.type, m.source, m.timeMs]), [[5, 'rcv1', 1774396800000], [1, 'rcv1', 1774396800000]]);
});

test('a bare part joins its first part across another receiver\'s line, and a group across a bare line', () => {
  const across = decodeLines([`\\s:rcv1,c:1774396800*6B\\${P1}`, `\\s:rcv2,c:1774396801*69\\${OTHER}`, P2]);
  assert.deepEqual(across.rejects, []);
  assert.deepEqual(across.messages.map((m) => [m.type, m.source]), [[1, 'rcv2'], [5, 'rcv1']]);
  const group = decodeLines([`\\g:1-2-77,s:rcv1,c:1774396800*19\\${P1}`, P2]);
  assert.deepEqual(group.rejects, []);
  assert.deepEqual(group.messages.map((m) => [m.type, m.source]), [[5, 'rcv1']]);
});

test('a bare part is still not joined to a stranger: another sequence id, or too late', () => {
  const otherSeq = decodeLines([`\\s:rcv1,c:1774396800*6B\\${P1}`, '!AIVDM,2,2,8,A,88888888880,2*2C']);
  assert.equal(otherSeq.messages.length, 0);
  assert.deepEqual(otherSeq.rejects.map((r) => r.reason), ['orphan-fragment', 'orphan-fragment']);
  const late = decodeLines([`\\s:rcv1,c:1774396800*6B\\${P1}`, ...Array.from({ length: 150 }, () => OTHER), P2]);
  assert.equal(late.messages.filter((m) => m.type === 5).length, 0);
  assert.deepEqual(late.rejects.map((r) => r.reason), ['orphan-fragment', 'orphan-fragment']);
});
