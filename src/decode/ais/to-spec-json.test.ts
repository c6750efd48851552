import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toSpecJson } from './to-spec-json.js';

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
