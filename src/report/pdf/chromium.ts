import { existsSync } from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';

/**
 * Debian's Chromium, driven by playwright-core. Playwright downloads no browser here (no
 * network on the machines, and an unpinned browser build would make PDFs differ from CI's),
 * so the executable is the system one, found in this order.
 */
export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'] as const;

/** Flags for a headless, offline, reproducible run (DEVELOPERS.md). */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export const CHROMIUM_MISSING_MESSAGE = 'PDF reports need Chromium: install Debian\'s chromium (apt-get install chromium) or set VIGIL_CHROMIUM';

/** No Chromium executable: the message says how to get one. */
export class ChromiumMissingError extends Error {
  constructor(detail?: string) {
    super(detail === undefined ? CHROMIUM_MISSING_MESSAGE : `${CHROMIUM_MISSING_MESSAGE} (${detail})`);
    this.name = 'ChromiumMissingError';
  }
}

/**
 * The Chromium to run: `VIGIL_CHROMIUM` when set (and then only it: a wrong override is an
 * error, not a silent fall-back to another browser), else the first of CHROMIUM_CANDIDATES.
 * `env` and `exists` are parameters so the choice is testable without touching the machine.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): string {
  const override = env.VIGIL_CHROMIUM;
  if (override !== undefined && override !== '') {
    if (!exists(override)) throw new ChromiumMissingError(`VIGIL_CHROMIUM=${override} does not exist`);
    return override;
  }
  const found = CHROMIUM_CANDIDATES.find((p) => exists(p));
  if (found === undefined) throw new ChromiumMissingError();
  return found;
}

/** Whether findChromium() would succeed. */
export function chromiumAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
  try {
    findChromium(env);
    return true;
  } catch {
    return false;
  }
}

/** Launches the system Chromium with CHROMIUM_ARGS; the caller closes it. */
export async function launchChromium(executablePath: string = findChromium()): Promise<Browser> {
  // Loaded on first use: playwright-core is ~0.3 s of module loading that `vigil serve` would pay on every start.
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/**
 * URL schemes a report page may load: inline data and page-local objects (a blob: is
 * memory the page made itself, e.g. a map library's worker), never the network or the disk.
 */
const LOCAL_SCHEMES = ['data:', 'blob:', 'about:'];

/**
 * Aborts every request of the context's pages except LOCAL_SCHEMES, and every WebSocket.
 * A report is one self-contained file: anything it fetches would leak that it is being
 * rendered (and where) and make the document depend on what a server answers at print time.
 * Routing the context, not one page, also covers popups the page might open. `onBlocked`
 * hears each URL after its request was aborted.
 */
export async function blockNetwork(context: BrowserContext, onBlocked: (url: string) => void = () => {}): Promise<void> {
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (LOCAL_SCHEMES.some((s) => url.startsWith(s))) {
      await route.continue();
      return;
    }
    await route.abort('blockedbyclient');
    onBlocked(url);
  });
  await context.routeWebSocket(/.*/, (ws) => {
    const url = ws.url();
    void ws.close({ code: 1008, reason: 'reports load nothing' });
    onBlocked(url);
  });
}
