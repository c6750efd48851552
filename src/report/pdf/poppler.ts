import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Reading PDFs back with Debian's poppler-utils (`pdftoppm`, `pdftotext`): the tests check
 * what a reader sees on each page, and the README screenshot is a page rendered by the
 * same tool, rather than trusting what Chromium was asked to print.
 */
export const POPPLER_MISSING_MESSAGE = 'Reading PDFs needs poppler-utils: install Debian\'s poppler-utils (apt-get install poppler-utils)';

export class PopplerMissingError extends Error {
  constructor(tool: string) {
    super(`${POPPLER_MISSING_MESSAGE} (${tool} not found)`);
    this.name = 'PopplerMissingError';
  }
}

/** Upper bound on what a poppler tool may print (a text dump of a long report is a few MB). */
const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

function run(tool: string, args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(tool, args, { encoding: 'buffer', maxBuffer: MAX_OUTPUT_BYTES }, (error, stdout, stderr) => {
      if (error === null) return resolve(stdout);
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return reject(new PopplerMissingError(tool));
      reject(new Error(`${tool} ${args.join(' ')} failed: ${stderr.toString('utf8').trim() || error.message}`));
    });
  });
}

/** Runs `use` with the PDF written to a fresh temporary directory, removed afterwards. */
async function withPdfFile<T>(pdf: Buffer, use: (dir: string, file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-pdf-'));
  try {
    const file = join(dir, 'in.pdf');
    await writeFile(file, pdf);
    return await use(dir, file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Renders one page (1-based) of a PDF to an 8-bit RGB PNG at `dpi` (96: one CSS pixel per image pixel). */
export function pdfPageToPng(pdf: Buffer, page: number, dpi = 96): Promise<Buffer> {
  if (!(Number.isInteger(page) && page >= 1)) throw new RangeError(`pdfPageToPng: page must be an integer from 1, got ${page}`);
  if (!(Number.isFinite(dpi) && dpi > 0 && dpi <= 2400)) throw new RangeError(`pdfPageToPng: dpi must be in (0, 2400], got ${dpi}`);
  return withPdfFile(pdf, async (dir, file) => {
    const out = join(dir, 'page');
    // Without a page past the end pdftoppm fails ("Wrong page range given"): that error is passed on.
    await run('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, out]);
    return readFile(`${out}.png`);
  });
}

/**
 * The text of each page, laid out as on the page (`pdftotext -layout`), one string per
 * page. pdftotext ends every page with a form feed, so the piece after the last one is
 * not a page.
 */
export function pdfToText(pdf: Buffer): Promise<string[]> {
  return withPdfFile(pdf, async (_dir, file) => {
    const text = (await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'])).toString('utf8');
    const pages = text.split('\f');
    if (pages.length > 1 && pages[pages.length - 1] === '') pages.pop();
    return pages;
  });
}
