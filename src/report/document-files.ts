import { MEDIA_TYPES, type ReportFormat } from './report-document.js';
import type { ReportData } from './report-schema.js';
import type { ReportFileBytes } from './signing/manifest.js';
import { renderHtml } from './render/render-html.js';
import { renderMarkdown } from './render/render-markdown.js';
import type { ReportFigures, SigningKeyInfo } from './render/report-figures.js';
import { htmlToPdf } from './pdf/html-to-pdf.js';

/** The JSON form: the report data, keys in schema order, two-space indent, final newline. */
export function reportJson(data: ReportData): Buffer {
  return Buffer.from(JSON.stringify(data, null, 2) + '\n', 'utf8');
}

/**
 * The files of a report document in one format, the document first: one HTML file (images
 * inline), one PDF (the HTML printed by Chromium), one JSON file, or a Markdown file with
 * the SVG images it links beside it.
 */
export async function documentFiles(format: ReportFormat, data: ReportData, figures: ReportFigures, key: SigningKeyInfo, baseName = 'report'): Promise<ReportFileBytes[]> {
  const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
  const name = `${baseName}.${format}`;
  switch (format) {
    case 'json':
      return [{ name, bytes: reportJson(data), mediaType: MEDIA_TYPES.json }];
    case 'html':
      return [{ name, bytes: utf8(renderHtml(data, figures, key)), mediaType: MEDIA_TYPES.html }];
    case 'pdf':
      return [{ name, bytes: await htmlToPdf(renderHtml(data, figures, key), { marking: data.marking, title: data.title }), mediaType: MEDIA_TYPES.pdf }];
    case 'md': {
      // Images are named after the document, so that two reports in one directory keep theirs.
      const renamed: ReportFigures = { ...figures, files: new Map([...figures.files].map(([n, svg]) => [`${baseName}-${n}`, svg])) };
      renamed.charts = Object.fromEntries(Object.entries(figures.charts).map(([k, n]) => [k, `${baseName}-${n}`])) as ReportFigures['charts'];
      const text = renderMarkdown({ ...data, maps: { overview: `${baseName}-${data.maps.overview}` }, incidents: data.incidents.map((i) => ({ ...i, map: i.map === null ? null : `${baseName}-${i.map}` })) }, renamed, key);
      const linked = [...renamed.files].filter(([n]) => text.includes(`](${n})`)).sort(([a], [b]) => (a < b ? -1 : 1));
      return [{ name, bytes: utf8(text), mediaType: MEDIA_TYPES.md }, ...linked.map(([n, svg]) => ({ name: n, bytes: utf8(svg), mediaType: MEDIA_TYPES.svg }))];
    }
  }
}
