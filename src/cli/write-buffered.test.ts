import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { writeBufferedBytes } from './write-buffered.js';

test('writeBufferedBytes hands on whole buffers and keeps the bytes in order across them', async () => {
  const stream = new PassThrough();
  const got: Buffer[] = [];
  stream.on('data', (c: Buffer) => got.push(c));
  const out = writeBufferedBytes(stream, 64);
  let expected = '';
  for (let i = 0; i < 1000; i++) {
    const line = `line ${i}\n`;
    out.reserve(line.length);
    for (let k = 0; k < line.length; k++) out.buf[out.pos++] = line.charCodeAt(k);
    expected += line;
    if (i % 100 === 0) await out.drained();
  }
  await out.end();
  assert.equal(Buffer.concat(got).toString('latin1'), expected);
  assert.ok(got.length > 1 && got.every((c) => c.length <= 64));
});

test('writeBufferedBytes makes room for a reservation larger than its chunks', async () => {
  const stream = new PassThrough();
  const got: Buffer[] = [];
  stream.on('data', (c: Buffer) => got.push(c));
  const out = writeBufferedBytes(stream, 8);
  out.reserve(100);
  out.buf.fill(65, out.pos, out.pos + 100);
  out.pos += 100;
  await out.end();
  assert.equal(Buffer.concat(got).toString('latin1'), 'A'.repeat(100));
});
