/**
 * The demo agreement's zones rendered by renderMapSvg and rasterised by headless Chromium
 * (the engine that prints the PDF reports): the pixels must show land, sea and zones where
 * they are. Pixels are read in the page (the SVG drawn into a canvas), so the test needs no
 * PNG decoder. Skipped where /usr/bin/chromium is missing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { chromiumAvailable, launchChromium } from '../../../test/browser/chromium.js';
import { loadAgreementFile } from '../../config/agreement-file.js';
import type { CompiledZone } from '../../core/agreement/compiled-agreement.js';
import { LAND_COLOUR, SEA_COLOUR, ZONE_COLOURS, ZONE_FILL_OPACITY } from './basemap-colours.js';
import { mapZoneOf } from './map-zones.js';
import { mapLayout, renderMapSvg, type MapInput } from './map-svg.js';
import { pixelX, pixelY } from './mercator.js';

type Rgb = [number, number, number];
const WIDTH = 1000;
const HEIGHT = 700;

const rgb = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
const blend = (over: Rgb, under: Rgb, alpha: number): Rgb => over.map((c, i) => c * alpha + under[i]! * (1 - alpha)) as Rgb;
const dist = (a: Rgb, b: Rgb): number => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

describe('report map pixels in Chromium', { skip: chromiumAvailable() ? false : 'no /usr/bin/chromium (apt install chromium)', timeout: 120_000 }, () => {
  let browser: Browser;
  let zones: CompiledZone[];
  let input: MapInput;
  let rgba: Buffer;

  /** The most frequent colour in a (2r+1)² patch: a graticule or coastline line through the spot does not decide it. */
  const colourAt = (x: number, y: number, r = 3): Rgb => {
    const counts = new Map<string, number>();
    for (let dy = -r; dy <= r; dy++) {
      for (let dx = -r; dx <= r; dx++) {
        const i = (Math.round(y + dy) * WIDTH + Math.round(x + dx)) * 4;
        const key = `${rgba[i]},${rgba[i + 1]},${rgba[i + 2]}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    return best.split(',').map(Number) as Rgb;
  };

  before(async () => {
    const r = loadAgreementFile('examples/black-sea/agreement.yaml');
    if (!r.ok) throw new Error('demo agreement invalid');
    zones = r.value.zones;
    // Names blank: labels are centred on the zones and would cover the pixels looked at.
    input = { width: WIDTH, height: HEIGHT, zones: zones.map((z) => ({ ...mapZoneOf(z), name: '' })), tracks: [], points: [] };
    const svg = renderMapSvg(input);
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT } });
    const base64 = await page.evaluate(async (src) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let s = '';
      for (let i = 0; i < data.length; i += 0x8000) s += String.fromCharCode(...data.subarray(i, i + 0x8000));
      return btoa(s);
    }, `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`);
    rgba = Buffer.from(base64, 'base64');
    assert.equal(rgba.length, WIDTH * HEIGHT * 4);
  });

  after(async () => {
    await browser?.close();
  });

  test('the image is not blank: many colours, and both land and sea cover much of it', () => {
    const colours = new Set<number>();
    let land = 0;
    let sea = 0;
    const [landC, seaC] = [rgb(LAND_COLOUR), rgb(SEA_COLOUR)];
    for (let i = 0; i < rgba.length; i += 4) {
      const c: Rgb = [rgba[i]!, rgba[i + 1]!, rgba[i + 2]!];
      colours.add((c[0] << 16) | (c[1] << 8) | c[2]);
      if (dist(c, landC) < 3) land++;
      if (dist(c, seaC) < 3) sea++;
    }
    assert.ok(colours.size > 200, `${colours.size} distinct colours`);
    const n = WIDTH * HEIGHT;
    assert.ok(land / n > 0.15 && sea / n > 0.15, `land ${(land / n * 100).toFixed(0)} %, sea ${(sea / n * 100).toFixed(0)} %`);
  });

  test('central Crimea and inland Turkey are land colour; the middle of the Black Sea is sea colour', () => {
    const { frame } = mapLayout(input);
    const at = (lon: number, lat: number): Rgb => colourAt(pixelX(frame, lon), pixelY(frame, lat));
    for (const [name, lon, lat] of [['Crimea', 34.3, 45.2], ['Turkey', 33.5, 40.6]] as const) {
      assert.ok(dist(at(lon, lat), rgb(LAND_COLOUR)) < 4, `${name}: ${at(lon, lat).join(',')}`);
    }
    assert.ok(dist(at(34.5, 43.3), rgb(SEA_COLOUR)) < 4, `Black Sea: ${at(34.5, 43.3).join(',')}`);
  });

  test('at each zone centre lying in no other zone, the kind colour is blended over sea or land', () => {
    const { frame } = mapLayout(input);
    let checked = 0;
    for (const z of zones) {
      if (z.geometry.type === 'LineString') continue;
      const [w, s, e, n] = z.bbox;
      // Big enough for a 7×7 patch well inside the outline.
      if (pixelX(frame, e) - pixelX(frame, w) < 20 || pixelY(frame, s) - pixelY(frame, n) < 20) continue;
      const lon = (w + e) / 2;
      const lat = (s + n) / 2;
      if (!z.contains(lon, lat) || zones.some((o) => o !== z && o.contains(lon, lat))) continue;
      const got = colourAt(pixelX(frame, lon), pixelY(frame, lat));
      const kind = rgb(ZONE_COLOURS[z.kind]);
      const sea = rgb(SEA_COLOUR);
      const overSea = blend(kind, sea, ZONE_FILL_OPACITY);
      const overLand = blend(kind, rgb(LAND_COLOUR), ZONE_FILL_OPACITY);
      assert.ok(Math.min(dist(got, overSea), dist(got, overLand)) < 4, `${z.id}: ${got.join(',')}, expected ≈ ${overSea.map(Math.round).join(',')} or ${overLand.map(Math.round).join(',')}`);
      // And it moved from the sea colour towards the zone's hue.
      const towards = (got[0] - sea[0]) * (kind[0] - sea[0]) + (got[1] - sea[1]) * (kind[1] - sea[1]) + (got[2] - sea[2]) * (kind[2] - sea[2]);
      assert.ok(towards > 0, z.id);
      checked++;
    }
    assert.ok(checked >= 4, `only ${checked} zones checked`);
  });
});
