/**
 * The web console end to end (issue 6): `vigil serve --demo` with the simulator, driven in
 * Debian's headless Chromium. Asserts on what MapLibre rendered and on a screenshot's
 * pixels, not only on the DOM. Set VIGIL_SCREENSHOTS=DIR to save the README screenshots.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Point } from 'geojson';
import type { Browser, Page } from 'playwright-core';
import { ZONE_COLOURS, ZONE_FILL_OPACITY } from '../../web/src/map/zone-style.js';
import './console-handle.js';
import { chromiumAvailable, launchChromium, loginPage } from './chromium.js';
import { type DemoServer, startDemoServer } from './demo-server.js';

/**
 * Simulator history replayed at start, hours. The demo injects its first violation (an entry
 * into the Odesa approaches) about 34 minutes into the scenario, so with 0.55 h of history it
 * happens live about a minute after start.
 */
const HISTORY_HOURS = 0.55;

/** Longest wait for the first live alert, ms (the event-time reorder allowance adds 30 s). */
const LIVE_ALERT_TIMEOUT_MS = 240_000;

const SEA = '#0f2233';
const LAND = '#2a3340';

const shotsDir = process.env.VIGIL_SCREENSHOTS;

describe('web console', { skip: chromiumAvailable() ? false : 'no /usr/bin/chromium (apt install chromium)', timeout: 600_000 }, () => {
  let server: DemoServer;
  let browser: Browser;
  let analyst: Page;
  let liveAlertId: string;
  let coalitionIncidentId: string;

  const user = (name: string): { username: string; password: string } => {
    const u = server.users.get(name);
    assert.ok(u, `demo user ${name} missing:\n${server.output()}`);
    return u;
  };

  before(async () => {
    server = await startDemoServer({ historyHours: HISTORY_HOURS });
    browser = await launchChromium();
    const a = user('analyst.fra');
    analyst = await loginPage(browser, server.url, a.username, a.password);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('shows the nation and roles of the logged-in user', async () => {
    assert.equal(await analyst.textContent('[data-test=nation]'), 'FRA');
    assert.equal(await analyst.textContent('[data-test=roles]'), 'analyst');
  });

  test('draws the zones by kind and the tracks, and the tracks move', async () => {
    await analyst.waitForFunction(() => {
      const m = window.vigil!.map;
      return m.queryRenderedFeatures({ layers: ['zones-fill'] }).length >= 5
        && m.queryRenderedFeatures({ layers: ['tracks-clusters', 'tracks-shapes', 'tracks-symbols'] }).length > 0;
    }, null, { timeout: 60_000, polling: 500 });
    const zoneIds = await analyst.evaluate(() => [...new Set(window.vigil!.map.queryRenderedFeatures({ layers: ['zones-fill'] }).map((f) => String(f.properties.id)))]);
    for (const id of ['odesa-air', 'western-corridor', 'sevastopol']) assert.ok(zoneIds.includes(id), `zone ${id} not rendered (got ${zoneIds.join(', ')})`);

    // The screenshot holds each kind's fill colour blended over the sea or the land.
    const png = await analyst.locator('#map').screenshot();
    if (shotsDir) {
      mkdirSync(shotsDir, { recursive: true });
      await analyst.screenshot({ path: join(shotsDir, 'console-map.png') });
    }
    const counts = await countColours(analyst, png, {
      'no-fly over land': blend(ZONE_COLOURS['no-fly'], LAND), 'no-fly over sea': blend(ZONE_COLOURS['no-fly'], SEA),
      'corridor over sea': blend(ZONE_COLOURS.corridor, SEA), 'naval base over sea': blend(ZONE_COLOURS['naval-base'], SEA),
      'empty sea': hex(SEA),
    });
    assert.ok(counts['no-fly over land']! + counts['no-fly over sea']! > 2000, `no-fly fill pixels: ${JSON.stringify(counts)}`);
    assert.ok(counts['corridor over sea']! > 100, `corridor fill pixels: ${JSON.stringify(counts)}`);
    assert.ok(counts['naval base over sea']! > 50, `naval base fill pixels: ${JSON.stringify(counts)}`);
    assert.ok(counts['empty sea']! > 50_000, `sea pixels: ${JSON.stringify(counts)}`);

    // Zoom in past clustering where tracks are, and watch rendered positions change.
    await analyst.evaluate(() => {
      const pts = [...window.vigil!.view.tracks.values()].map((f) => f.geometry.coordinates);
      const lon = pts.reduce((s, p) => s + p[0], 0) / pts.length;
      const lat = pts.reduce((s, p) => s + p[1], 0) / pts.length;
      window.vigil!.map.jumpTo({ center: [lon, lat], zoom: 7 });
    });
    const sample = (): Promise<Record<string, string>> => analyst.evaluate(() => {
      const out: Record<string, string> = {};
      for (const f of window.vigil!.map.queryRenderedFeatures({ layers: ['tracks-shapes', 'tracks-symbols'] })) out[String(f.properties.id)] = JSON.stringify((f.geometry as Point).coordinates);
      return out;
    });
    await analyst.waitForFunction(() => window.vigil!.map.queryRenderedFeatures({ layers: ['tracks-shapes', 'tracks-symbols'] }).length >= 3, null, { timeout: 30_000, polling: 500 });
    const first = await sample();
    let moved: string[] = [];
    for (let i = 0; i < 60 && moved.length === 0; i++) {
      await analyst.waitForTimeout(1000);
      const now = await sample();
      moved = Object.keys(now).filter((id) => first[id] !== undefined && first[id] !== now[id]);
    }
    assert.ok(moved.length > 0, `no rendered track moved in 60 s (${Object.keys(first).length} tracks in view)`);
    await analyst.evaluate(() => window.vigil!.map.jumpTo({ center: [34, 44.2], zoom: 5.2 }));
  });

  test('shows an alert live when the simulator injects a violation', async () => {
    await analyst.waitForFunction(() => window.vigil!.liveAlertIds.length > 0, null, { timeout: LIVE_ALERT_TIMEOUT_MS, polling: 1000 });
    liveAlertId = await analyst.evaluate(() => window.vigil!.liveAlertIds[0]!);
    const row = analyst.locator(`li.alert[data-alert-id="${liveAlertId}"]`);
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    // Selecting it outlines its zone on the map.
    const highlighted = await analyst.evaluate(() => JSON.stringify(window.vigil!.map.getFilter('zones-highlight')));
    assert.notEqual(highlighted, JSON.stringify(['==', ['get', 'id'], '']));
    if (shotsDir) {
      await analyst.waitForTimeout(2500);
      await analyst.screenshot({ path: join(shotsDir, 'console-alerts.png') });
    }
  });

  test('an analyst opens an incident from the alert and a verifier records a verdict', async () => {
    coalitionIncidentId = await createIncident(analyst, liveAlertId, 'Vessel entered the Odesa approaches', '');
    assert.equal(await analyst.textContent('[data-test=incident-status]'), 'new');
    // An analyst may start the review but is not offered a verdict.
    await analyst.click('[data-transition=under-review]');
    await analyst.waitForFunction(() => document.querySelector('[data-test=incident-status]')?.textContent === 'under-review');
    assert.equal(await analyst.locator('[data-transition=verified-violation]').count(), 0);

    const v = user('verifier.gbr');
    const verifier = await loginPage(browser, server.url, v.username, v.password);
    assert.equal(await verifier.textContent('[data-test=nation]'), 'GBR');
    await verifier.evaluate((id) => (location.hash = `#/incidents/${encodeURIComponent(id)}`), coalitionIncidentId);
    await verifier.waitForSelector('[data-transition=verified-violation]', { timeout: 30_000 });
    await verifier.selectOption('[data-test=verdict-party]', 'RU');
    await verifier.selectOption('[data-test=verdict-confidence]', 'high');
    await verifier.fill('[data-test=verdict-confidence-reason]', 'AIS track and coastal radar agree on the entry');
    await verifier.click('[data-transition=verified-violation]');
    await verifier.waitForFunction(() => document.querySelector('[data-test=incident-status]')?.textContent === 'verified-violation', null, { timeout: 45_000 });
    const decision = await verifier.textContent('[data-test=incident-decision]');
    assert.match(decision ?? '', /verified-violation · attributed to RU · confidence high/);
    assert.ok(await verifier.locator('[data-test=incident-history] tr').count() >= 3, 'history lists create, review and verdict');
    if (shotsDir) {
      await verifier.waitForTimeout(2500);
      await verifier.screenshot({ path: join(shotsDir, 'console-incident.png'), fullPage: true });
    }
    await verifier.context().close();
  });

  test('a user of another nation does not see an ORIGINATOR ONLY incident', async () => {
    await analyst.evaluate(() => (location.hash = '#/map'));
    const restricted = await createIncident(analyst, liveAlertId, 'French national assessment', 'ORIGINATOR ONLY');
    assert.match((await analyst.textContent('.incident-head .marking')) ?? '', /ORIGINATOR ONLY/);

    const p = user('analyst.pol');
    const pol = await loginPage(browser, server.url, p.username, p.password);
    await pol.evaluate(() => (location.hash = '#/incidents'));
    await pol.waitForSelector(`[data-incident-id="${coalitionIncidentId}"]`, { timeout: 45_000 });
    assert.equal(await pol.locator(`[data-incident-id="${restricted}"]`).count(), 0);
    await pol.evaluate((id) => (location.hash = `#/incidents/${encodeURIComponent(id)}`), restricted);
    await pol.waitForFunction(() => /No incident/.test(document.querySelector('[data-test=incident-detail]')?.textContent ?? ''), null, { timeout: 45_000 });
    const status = await pol.evaluate(async (id) => (await fetch(`/api/incidents/${encodeURIComponent(id)}`)).status, restricted);
    assert.equal(status, 404);
    await pol.context().close();
  });
});

/** Ticks the alert in the queue, creates an incident and returns its id (the page shows it). */
async function createIncident(page: Page, alertId: string, title: string, marking: string): Promise<string> {
  await page.waitForSelector(`li.alert[data-alert-id="${alertId}"]`, { timeout: 45_000 });
  await page.check(`li.alert[data-alert-id="${alertId}"] input[type=checkbox]`);
  await page.fill('[data-test=incident-title]', title);
  await page.selectOption('[data-test=incident-marking]', marking);
  await page.click('[data-test=create-incident]');
  await page.waitForFunction((t) => location.hash.startsWith('#/incidents/') && document.querySelector('.incident-head h2')?.textContent === t, title, { timeout: 60_000 });
  return page.evaluate(() => decodeURIComponent(location.hash.split('/')[2]!));
}

function hex(c: string): [number, number, number] {
  const n = parseInt(c.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** The colour a zone fill takes over a background (alpha blending at the fill opacity). */
function blend(fill: string, under: string): [number, number, number] {
  const f = hex(fill);
  const u = hex(under);
  return [0, 1, 2].map((i) => Math.round(ZONE_FILL_OPACITY * f[i]! + (1 - ZONE_FILL_OPACITY) * u[i]!)) as [number, number, number];
}

/** Counts the screenshot's pixels within ±10 per channel of each target colour (decoded by the browser). */
async function countColours(page: Page, png: Buffer, targets: Record<string, [number, number, number]>): Promise<Record<string, number>> {
  return page.evaluate(async ({ b64, targets }) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, img.width, img.height).data;
    const out: Record<string, number> = {};
    const entries = Object.entries(targets);
    for (const [k] of entries) out[k] = 0;
    for (let i = 0; i < data.length; i += 4) {
      for (const [k, [r, g, b]] of entries) {
        if (Math.abs(data[i]! - r) <= 10 && Math.abs(data[i + 1]! - g) <= 10 && Math.abs(data[i + 2]! - b) <= 10) out[k]! += 1;
      }
    }
    return out;
  }, { b64: png.toString('base64'), targets });
}
