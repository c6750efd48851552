import type { Browser, BrowserContext, Page } from 'playwright-core';
import { blockNetwork, launchChromium } from './chromium.js';

export interface PdfOptions {
  /** Releasability marking printed centred in bold at the top and bottom of every page (`COALITION`, `REL TO FRA, GBR`). */
  marking: string;
  /** Document title, printed in the footer of every page. */
  title: string;
  /** A short line under the footer (e.g. when and by whom the report was generated). */
  footerNote?: string;
  /** Hears each URL the page tried to load and was refused (see blockNetwork). */
  onBlockedRequest?: (url: string) => void;
}

export interface PngOptions {
  /** Viewport width in CSS pixels (one CSS pixel is one image pixel: device scale factor 1). */
  width: number;
  /** Viewport height; without it the viewport is 600 px high and the whole page is captured. */
  height?: number;
  /** Capture the whole scrollable page, not just the viewport; default: true exactly when `height` is absent. */
  fullPage?: boolean;
  onBlockedRequest?: (url: string) => void;
}

/**
 * Page box: A4 with room for the header (marking) and the footer (marking, title, page
 * numbers, note). Chromium draws header and footer inside the margins, so the margins
 * are what keeps them off the body text.
 */
const PAGE = { format: 'A4', margin: { top: '18mm', bottom: '22mm', left: '15mm', right: '15mm' } } as const;

/** The default viewport height of htmlToPng when none is given. */
const DEFAULT_PNG_HEIGHT = 600;

/** Text for an HTML element or attribute: the marking and title come from users and agreements. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' })[c] ?? c);
}

/**
 * Header and footer templates. Chromium renders them in their own tiny documents with a
 * default font size of 0 and without the page's styles, hence the explicit fonts; it fills
 * the `pageNumber` and `totalPages` spans itself.
 */
export function headerFooterTemplates(options: Pick<PdfOptions, 'marking' | 'title' | 'footerNote'>): { headerTemplate: string; footerTemplate: string } {
  const box = 'box-sizing:border-box;width:100%;padding:0 15mm;font-family:sans-serif;font-size:8pt;color:#000;-webkit-print-color-adjust:exact;';
  const marking = `<div style="text-align:center;font-weight:bold;font-size:9pt;letter-spacing:0.05em;">${escapeHtml(options.marking)}</div>`;
  const headerTemplate = `<div style="${box}">${marking}</div>`;
  const cells =
    `<div style="display:flex;justify-content:space-between;align-items:baseline;gap:4mm;">` +
    `<span style="flex:1;text-align:left;">${escapeHtml(options.title)}</span>` +
    `<span style="flex:0 0 auto;text-align:center;font-weight:bold;font-size:9pt;">${escapeHtml(options.marking)}</span>` +
    `<span style="flex:1;text-align:right;">Page <span class="pageNumber"></span> of <span class="totalPages"></span></span>` +
    `</div>`;
  const note = options.footerNote === undefined ? '' : `<div style="text-align:center;font-size:7pt;color:#444;">${escapeHtml(options.footerNote)}</div>`;
  return { headerTemplate, footerTemplate: `<div style="${box}">${cells}${note}</div>` };
}

/**
 * Runs `use` on a fresh offline page holding `html`, in a browser of its own that is closed
 * whatever happens. One browser per document costs a launch (about 1 s of the 1.2 s a short PDF takes) but
 * shares no state (cookies, cache, a crashed renderer) between reports.
 */
async function withOfflinePage<T>(html: string, viewport: { width: number; height: number } | undefined, onBlocked: ((url: string) => void) | undefined, use: (page: Page) => Promise<T>): Promise<T> {
  const browser: Browser = await launchChromium();
  try {
    const context: BrowserContext = await browser.newContext({ serviceWorkers: 'block', deviceScaleFactor: 1, ...(viewport === undefined ? {} : { viewport }) });
    await blockNetwork(context, onBlocked);
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    // Web fonts embedded as data: URLs load asynchronously even after `load`.
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    return await use(page);
  } finally {
    await browser.close();
  }
}

/** Prints a self-contained HTML document to an A4 PDF with the marking at the top and bottom of every page and "Page N of M". */
export function htmlToPdf(html: string, options: PdfOptions): Promise<Buffer> {
  return withOfflinePage(html, undefined, options.onBlockedRequest, async (page) => {
    const pdf = await page.pdf({
      ...PAGE,
      printBackground: true,
      displayHeaderFooter: true,
      ...headerFooterTemplates(options),
      preferCSSPageSize: false,
    });
    return Buffer.from(pdf);
  });
}

/** A PNG screenshot of a self-contained HTML document (pixel tests of map images, the README screenshot). */
export function htmlToPng(html: string, options: PngOptions): Promise<Buffer> {
  if (!(Number.isInteger(options.width) && options.width > 0)) throw new RangeError(`htmlToPng: width must be a positive integer, got ${options.width}`);
  if (options.height !== undefined && !(Number.isInteger(options.height) && options.height > 0)) throw new RangeError(`htmlToPng: height must be a positive integer, got ${options.height}`);
  const viewport = { width: options.width, height: options.height ?? DEFAULT_PNG_HEIGHT };
  const fullPage = options.fullPage ?? options.height === undefined;
  return withOfflinePage(html, viewport, options.onBlockedRequest, async (page) => {
    const png = await page.screenshot({ type: 'png', fullPage, animations: 'disabled', caret: 'hide' });
    return Buffer.from(png);
  });
}
