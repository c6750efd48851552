/**
 * Rendering benchmark of the web console (issue 6): frame times in headless Chromium while
 * 20,000 live tracks update every second through the real path (server-sent `tracks` diffs →
 * JSON parse → MapLibre `updateData`), from requestAnimationFrame deltas. The baseline in
 * the same run is the same map with no tracks. Needs the built console (npm run build:web)
 * and /usr/bin/chromium; the server is the mock from test/browser (the console only).
 *
 * Chromium runs with --disable-gpu, so WebGL is software-rendered (SwiftShader): absolute
 * numbers are a floor for a desktop with a GPU, the ratio to the baseline is what to watch.
 */
import { chromiumAvailable, launchChromium } from '../test/browser/chromium.js';
import '../test/browser/console-handle.js';
import { startMockApi } from '../test/browser/mock-api.js';
import { median } from './stats.js';

export interface RenderBenchOptions {
  tracks?: number;
  /** Measured seconds per view (after a warm-up of 3 s). */
  seconds?: number;
  seed?: number;
}

export interface FrameStats {
  frames: number;
  medianFrameMs: number;
  p95FrameMs: number;
  fps: number;
}

export interface RenderBenchResult {
  tracks: number;
  updatesPerSecond: number;
  baseline: FrameStats;
  overview: FrameStats;
  zoomed: FrameStats;
}

/** Seeded PRNG (mulberry32) so every run draws the same fleet. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS = ['vessel', 'vessel', 'vessel', 'aircraft', 'radar'];
const CATEGORIES = ['civil', 'civil', 'civil', 'military', 'law-enforcement', 'government', 'unknown'];
const PARTIES = ['RU', 'UA', null, null];

/** Runs the benchmark; returns frame statistics per view. */
export async function benchRender(options: RenderBenchOptions = {}): Promise<RenderBenchResult | { skipped: string }> {
  if (!chromiumAvailable()) return { skipped: 'no /usr/bin/chromium' };
  const n = options.tracks ?? 20_000;
  const seconds = options.seconds ?? 10;
  const rand = mulberry32(options.seed ?? 42);
  const state = Array.from({ length: n }, (_, i) => ({
    id: `bench:${i}`, lon: 28 + rand() * 13, lat: 41.5 + rand() * 5, course: rand() * 360, speed: 2 + rand() * 20,
    kind: KINDS[i % KINDS.length]!, category: CATEGORIES[i % CATEGORIES.length]!, party: PARTIES[i % PARTIES.length]!,
  }));
  const features = (): { id: string; geometry: unknown; properties: Record<string, unknown> }[] => state.map((s) => ({
    type: 'Feature', id: s.id, geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
    properties: { id: s.id, kind: s.kind, name: null, flag: null, category: s.category, party: s.party, speedKn: s.speed, courseDeg: s.course, altitudeFt: null, lastMs: Date.now() },
  }));
  const step = (): void => {
    for (const s of state) {
      const d = (s.speed / 3600) / 60; // degrees of latitude per second
      s.lat += d * Math.cos((s.course * Math.PI) / 180);
      s.lon += (d * Math.sin((s.course * Math.PI) / 180)) / Math.cos((s.lat * Math.PI) / 180);
    }
  };

  const mock = await startMockApi();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    await page.goto(mock.url);
    await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 60_000 });
    const measure = async (): Promise<FrameStats> => {
      await page.waitForTimeout(3000);
      // Passed as text: a bundler's helpers (tsx adds `__name`) do not exist in the page.
      const deltas = (await page.evaluate(FRAME_SAMPLER.replace('DURATION_MS', String(seconds * 1000)))) as number[];
      const sorted = [...deltas].sort((a, b) => a - b);
      return { frames: deltas.length, medianFrameMs: round(median(deltas)), p95FrameMs: round(sorted[Math.floor(sorted.length * 0.95)] ?? 0), fps: round(deltas.length / seconds) };
    };
    // Keep the map repainting even when nothing changes, as a moving picture does.
    const repaint = setInterval(() => void page.evaluate(() => window.vigil!.map.triggerRepaint()).catch(() => undefined), 100);
    const baseline = await measure();
    mock.pushTracks({ add: features(), update: [], remove: [] });
    const timer = setInterval(() => {
      step();
      mock.pushTracks({ add: [], update: features().map((f) => ({ id: f.id, newGeometry: f.geometry, addOrUpdateProperties: Object.entries(f.properties).map(([key, value]) => ({ key, value })) })), remove: [] });
    }, 1000);
    try {
      await page.waitForFunction((count) => window.vigil!.view.tracks.size >= count, n, { timeout: 60_000 });
      const overview = await measure();
      await page.evaluate(() => window.vigil!.map.jumpTo({ center: [34.5, 44], zoom: 8 }));
      const zoomed = await measure();
      return { tracks: n, updatesPerSecond: n, baseline, overview, zoomed };
    } finally {
      clearInterval(timer);
      clearInterval(repaint);
    }
  } finally {
    await browser.close();
    await mock.close();
  }
}

/** Collects requestAnimationFrame deltas (ms) for DURATION_MS. */
const FRAME_SAMPLER = `new Promise((resolve) => {
  const out = [];
  let last = 0;
  let end = 0;
  const frame = (t) => {
    out.push(t - last);
    last = t;
    if (t < end) requestAnimationFrame(frame);
    else resolve(out);
  };
  requestAnimationFrame((t) => { last = t; end = t + DURATION_MS; requestAnimationFrame(frame); });
})`;

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
