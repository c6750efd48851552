import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CsvRecordAssembler, MAX_RECORD_LINES, splitCsv } from './csv-record.js';

test('splits quoted fields with commas and doubled quotes', () => {
  assert.deepEqual(splitCsv('a,"b, c","say ""hi""",,'), ['a', 'b, c', 'say "hi"', '', '']);
});

test('reports an open quote as a record continuing on the next line, and junk after a quote as an error', () => {
  assert.equal(splitCsv('a,"b'), undefined);
  assert.equal(typeof splitCsv('a,"b"c'), 'string');
});

test('joins a quoted field across lines and gives the line break back', () => {
  const a = new CsvRecordAssembler();
  assert.deepEqual(a.push('1,"first'), { kind: 'pending' });
  assert.deepEqual(a.push('second",3'), { kind: 'record', fields: ['1', 'first\nsecond', '3'], lines: ['1,"first', 'second",3'] });
});

test('gives up on a quote left open for too many lines, and at the end of input', () => {
  const a = new CsvRecordAssembler();
  let last = a.push('"open');
  for (let i = 1; i < MAX_RECORD_LINES; i++) last = a.push('more');
  assert.equal(last.kind, 'error');
  a.push('"again');
  assert.equal(a.flush()?.kind, 'error');
  assert.equal(a.heldLines, 0);
});
