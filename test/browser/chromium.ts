import type { Browser, Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumAvailable as systemChromiumAvailable, findChromium, launchChromium as launchSystemChromium } from '../../src/report/pdf/chromium.js';

/**
 * Browser tests drive the same system Chromium, with the same flags, as the PDF reports
 * (src/report/pdf/chromium.ts): one place finds the executable and owns the launch flags.
 */
export { CHROMIUM_ARGS };

/** Debian's Chromium (installed by `.ci/run` with apt), or VIGIL_CHROMIUM; playwright downloads no browser. */
export const CHROMIUM_PATH: string = systemChromiumAvailable() ? findChromium() : '/usr/bin/chromium';

/** Whether the browser tests can run here. */
export function chromiumAvailable(): boolean {
  return systemChromiumAvailable();
}

export function launchChromium(): Promise<Browser> {
  return launchSystemChromium();
}

/** Opens the console in a fresh context (own cookies), logs in and waits until it is ready. */
export async function loginPage(browser: Browser, url: string, username: string, password: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => process.stderr.write(`[${username}] page error: ${e.message}\n`));
  await page.goto(url);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('form.login button[type=submit]');
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 60_000 });
  return page;
}
