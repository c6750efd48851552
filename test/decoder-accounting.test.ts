import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import type { AisCounters } from '../src/decode/ais/ais-line-decoder.js';
import { decodeLines } from './helpers/decode-lines.js';
import { sharedDataPath } from './helpers/shared-data.js';

function accounted(c: AisCounters, pending: number): number {
  return c.blank + c.comments + c.metadata + c.messageLines + c.rejectedLines + pending;
}

const realLines = readFileSync(sharedDataPath('ais/amsa-receiver-mixed.nmea'), 'latin1').split('\n').slice(0, 3000);

test('every line of every real log is decoded, metadata, blank, comment or rejected with a reason', () => {
  for (const dir of ['ais', 'ais-edge']) {
    for (const f of readdirSync(sharedDataPath(dir))) {
      const lines = readFileSync(sharedDataPath(`${dir}/${f}`), 'latin1').split('\n');
      const { decoder, rejects } = decodeLines(lines);
      const c = decoder.counters;
      assert.equal(c.lines, lines.length, f);
      assert.equal(accounted(c, decoder.pendingLines), c.lines, `${f}: ${JSON.stringify(c)}`);
      assert.equal(rejects.length, c.rejectedLines, f);
      assert.equal(Object.values(c.rejected).reduce((a, b) => a + b, 0), c.rejectedLines, f);
    }
  }
});

test('arbitrary text never throws and every line is accounted for', () => {
  fc.assert(fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 300 }), { maxLength: 40 }), (lines) => {
    const { decoder } = decodeLines(lines);
    assert.equal(accounted(decoder.counters, decoder.pendingLines), lines.length);
    assert.equal(decoder.pendingLines, 0);
  }), { numRuns: 500 });
});

test('mutated real sentences are always either decoded or rejected with a reason, never thrown', () => {
  const mutation = fc.record({
    index: fc.nat({ max: realLines.length - 1 }),
    at: fc.nat({ max: 120 }),
    kind: fc.constantFrom('replace', 'insert', 'delete', 'truncate', 'swap-with-next'),
    char: fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 }),
  });
  fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 30 }), (ms) => {
    const lines = ms.map(({ index, at, kind, char }) => {
      const l = realLines[index]!;
      const i = Math.min(at, l.length);
      switch (kind) {
        case 'replace': return l.slice(0, i) + char + l.slice(i + 1);
        case 'insert': return l.slice(0, i) + char + l.slice(i);
        case 'delete': return l.slice(0, i) + l.slice(i + 1);
        case 'truncate': return l.slice(0, i);
        default: return realLines[(index + 1) % realLines.length]!;
      }
    });
    const { decoder, messages, rejects } = decodeLines(lines);
    const c = decoder.counters;
    assert.equal(accounted(c, decoder.pendingLines), lines.length);
    assert.equal(messages.length, c.messages);
    for (const r of rejects) assert.ok(r.reason.length > 0 && r.detail.length > 0);
    for (const m of messages) {
      if (m.lat !== undefined) assert.ok(Math.abs(m.lat) <= 90);
      if (m.lon !== undefined) assert.ok(Math.abs(m.lon) <= 180);
    }
  }), { numRuns: 300 });
});
