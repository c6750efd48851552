import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadAgreementFile } from '../../config/agreement-file.js';
import { mapZoneOf } from './map-zones.js';
import { mapLayout, renderMapSvg, type MapInput } from './map-svg.js';
import { wellFormedXmlError } from './xml-well-formed.js';

function demoZones(): MapInput['zones'] {
  const r = loadAgreementFile('examples/black-sea/agreement.yaml');
  if (!r.ok) throw new Error(`demo agreement invalid: ${JSON.stringify(r.errors)}`);
  return r.value.zones.map(mapZoneOf);
}

function overview(): MapInput {
  return {
    width: 1000,
    height: 700,
    zones: demoZones(),
    tracks: [
      { id: 'mmsi:272000001', party: 'UA', coords: [[30.8, 46.4], [30.5, 45.5], [29.8, 44], [29.2, 41.4]] },
      { id: 'mmsi:273000001', party: 'RU', coords: [[33.5, 44.6], [32, 44], [31, 45]] },
    ],
    points: [
      { id: 'a1', label: 'Entry into Odesa approaches', lon: 30.9, lat: 46.45, severity: 'high', party: 'RU' },
      { id: 'a2', label: 'Loitering', lon: 31.5, lat: 44.2, severity: 'medium' },
    ],
    title: 'Black Sea truce: 1–7 April 2026',
    caption: 'Zones of the agreement, incidents and tracks of the entities involved',
    parties: ['UA', 'RU'],
  };
}

test('the demo overview is a standalone, well-formed SVG under 300 KB', () => {
  const svg = renderMapSvg(overview());
  assert.equal(wellFormedXmlError(svg), null);
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="1000" height="700" viewBox="0 0 1000 700" font-family="sans-serif"/);
  // No external references of any kind: no links, images, scripts, stylesheets or fonts.
  assert.equal(svg.replace('xmlns="http://www.w3.org/2000/svg"', '').match(/href|url\(|https?:|<image|<script|<style|<foreignObject|@import/), null);
  assert.ok(svg.length < 300_000, `${svg.length} bytes`);
  for (const text of ['Natural Earth', 'Kerch Strait', 'Western humanitarian corridor', '46°N', '30°E', 'Entry into Odesa approaches', 'Black Sea truce']) assert.ok(svg.includes(text), text);
  assert.match(svg, />\d+ km</);
  assert.match(svg, /fill="#2a3340" fill-rule="evenodd"/, 'land drawn');
  assert.match(svg, /fill="#eb5757" fill-opacity="0.28"/, 'naval bases filled in their kind colour');
  assert.match(svg, /stroke="#d9480f"/, 'UA track in the first party colour');
  assert.match(svg, /stroke="#1971c2"/, 'RU track in the second party colour');
  assert.equal(svg.match(/<circle [^>]*r="8"/g)?.length, 2, 'two numbered points');
});

test('the same input gives byte-identical output', () => {
  assert.equal(renderMapSvg(overview()), renderMapSvg(structuredClone(overview())));
});

test('names, labels, title and caption are escaped', () => {
  const nasty = 'A <b> & "c"';
  const input: MapInput = {
    width: 500,
    height: 400,
    zones: [{ id: 'z', name: nasty, kind: 'exclusion', rings: [[[31, 45], [32, 45], [32, 46], [31, 46], [31, 45]]] }],
    tracks: [{ id: 't', party: '<&>', coords: [[31, 45.5], [31.5, 45.6]] }],
    points: [{ id: 'p', label: nasty, lon: 31.2, lat: 45.2, severity: '<x>', party: '"' }],
    title: nasty,
    caption: nasty,
    parties: ['<&>'],
  };
  const svg = renderMapSvg(input);
  assert.equal(wellFormedXmlError(svg), null);
  assert.ok(!svg.includes(nasty));
  assert.ok(svg.split('A &lt;b&gt; &amp; &quot;c&quot;').length - 1 >= 4, 'zone label, point label, title, caption');
});

test('without a bbox the map fits everything with a margin; with one it shows that box', () => {
  const input: MapInput = { width: 600, height: 300, zones: [], tracks: [], points: [{ id: 'a', label: 'a', lon: 30, lat: 45 }, { id: 'b', label: 'b', lon: 31, lat: 45.4 }] };
  const { frame } = mapLayout(input);
  const [w, s, e, n] = frame.bbox;
  // 10 % of the 1° × 0.5° spread on each side at least (wider across: the frame is 2:1).
  assert.ok(w <= 29.9 && e >= 31.1 && s <= 44.95 && n >= 45.45, frame.bbox.join(' '));
  assert.ok(w > 29 && e < 32 && s > 44.5 && n < 46, 'not much more than needed');
  const withBox = mapLayout({ ...input, bbox: [28, 41, 42, 47] }).frame.bbox;
  assert.ok(withBox[0] <= 28 && withBox[2] >= 42 && withBox[1] <= 41 + 1e-9 && withBox[3] >= 47 - 1e-9);
  // The points are drawn inside the image.
  const svg = renderMapSvg(input);
  for (const m of svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)" r="8"/g)) {
    assert.ok(Number(m[1]) > 20 && Number(m[1]) < 580 && Number(m[2]) > 10 && Number(m[2]) < 290, m[0]);
  }
});

test('a point outside an explicit box is not drawn and the others keep their numbers', () => {
  const svg = renderMapSvg({ width: 400, height: 300, bbox: [30.5, 46, 31.2, 46.6], zones: [], tracks: [], points: [{ id: 'out', label: 'far', lon: 35, lat: 44 }, { id: 'in', label: 'near', lon: 30.8, lat: 46.3 }] });
  assert.equal(svg.match(/<circle [^>]*r="8"/g)?.length, 1);
  assert.match(svg, />2<\/text>/);
  assert.ok(!svg.includes('>far<'));
});

test('a small incident map keeps 10m coastline detail and stays small', () => {
  const svg = renderMapSvg({ width: 400, height: 300, zones: demoZones(), tracks: [], points: [{ id: 'a', label: 'Entry', lon: 30.78, lat: 46.45, severity: 'high' }], bbox: [30.6, 46.2, 31.3, 46.7] });
  assert.equal(wellFormedXmlError(svg), null);
  assert.match(svg, /fill="#2a3340" fill-rule="evenodd"/);
  assert.ok(svg.length < 40_000, `${svg.length} bytes`);
  assert.match(svg, />(1|2|5|10|20) km</);
});

test('nothing to fit and no bbox is an error that says what to pass', () => {
  assert.throws(() => renderMapSvg({ width: 400, height: 300, zones: [], tracks: [], points: [] }), /pass bbox/);
  assert.throws(() => renderMapSvg({ width: 400, height: 60, title: 't', zones: [], tracks: [], points: [], bbox: [30, 45, 31, 46] }), /at least 100×60/);
});
