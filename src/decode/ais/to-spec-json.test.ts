import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toSpecJson, writeSpecJson, type ByteSink } from './to-spec-json.js';

test('writes SPEC keys in SPEC order and escapes text', () => {
  const line = toSpecJson({ type: 5, mmsi: 273123456, name: 'SAY "HI" \\', callsign: 'UBC1', shipType: 35, imo: 9000001, destination: 'NOVOROSSIYSK' }, Date.parse('2026-03-25T04:12:00Z'));
  assert.equal(line, '{"type":5,"mmsi":273123456,"time":"2026-03-25T04:12:00.000Z","shipType":35,"imo":9000001,"callsign":"UBC1","name":"SAY \\"HI\\" \\\\","destination":"NOVOROSSIYSK"}');
  assert.deepEqual(Object.keys(JSON.parse(toSpecJson({ type: 1, mmsi: 1, lon: 30, lat: 46, sog: 1, cog: 2, heading: 3, navStatus: 0 }, undefined))), ['type', 'mmsi', 'lat', 'lon', 'sog', 'cog', 'heading', 'navStatus']);
});

test('writes positions, speeds and courses exactly as JSON.stringify would', () => {
  for (let i = 0; i < 20000; i++) {
    const lat = Math.round((Math.random() * 180 - 90) * 1e7) / 1e7;
    const lon = Math.round((Math.random() * 360 - 180) * 1e7) / 1e7;
    const sog = Math.round(Math.random() * 1023) / 10;
    const cog = Math.round(Math.random() * 3599) / 10;
    const msg = { type: 1, mmsi: 1, lat, lon, sog, cog };
    assert.equal(toSpecJson(msg, undefined), JSON.stringify(msg));
  }
  assert.equal(toSpecJson({ type: 1, mmsi: 1, lat: -0.0000001, lon: 0, sog: 0, cog: 0.5 }, undefined), '{"type":1,"mmsi":1,"lat":-1e-7,"lon":0,"sog":0,"cog":0.5}'.replace('-1e-7', '-0.0000001'));
});

test('escapes text outside six-bit ASCII as JSON.stringify does, in UTF-8', () => {
  for (const name of ['TAB\there', 'NUL\u0000', 'ÆGIR', 'DEL\u007f', 'lone \ud800 surrogate', '"\\']) {
    const msg = { type: 5, mmsi: 2, name };
    assert.equal(toSpecJson(msg, undefined), JSON.stringify(msg));
  }
});

test('writeSpecJson writes the line and its newline through a sink that hands on small buffers', () => {
  const chunks: Uint8Array[] = [];
  const sink: ByteSink = {
    buf: new Uint8Array(16),
    pos: 0,
    reserve(bytes) {
      if (this.pos + bytes <= this.buf.length) return;
      chunks.push(this.buf.slice(0, this.pos));
      this.buf = new Uint8Array(Math.max(16, bytes));
      this.pos = 0;
    },
  };
  const msgs = [
    { type: 5, mmsi: 273123456, name: 'A'.repeat(20), callsign: 'UBC1', destination: 'B'.repeat(20), shipType: 35, imo: 9000001 },
    { type: 1, mmsi: 1, lat: -12.5, lon: 0.0000001, sog: 102.2, cog: 359.9, heading: 0, navStatus: 15 },
  ];
  for (const m of msgs) writeSpecJson(m, Date.parse('2026-03-25T04:12:00Z'), sink);
  chunks.push(sink.buf.slice(0, sink.pos));
  const text = new TextDecoder().decode(Buffer.concat(chunks));
  assert.equal(text, msgs.map((m) => toSpecJson(m, Date.parse('2026-03-25T04:12:00Z')) + '\n').join(''));
});
