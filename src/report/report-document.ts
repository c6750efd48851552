import type { Releasability } from '../store/ports.js';

/** Report periods: a day, a week (7 days ending at `to`), or any span (a meeting's). */
export const REPORT_PERIODS = ['daily', 'weekly', 'custom'] as const;
export type ReportPeriodKind = (typeof REPORT_PERIODS)[number];

/** Document formats of a report. */
export const REPORT_FORMATS = ['html', 'pdf', 'md', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Media types of the formats (and of the images a Markdown report carries beside it). */
export const MEDIA_TYPES: Record<ReportFormat | 'svg', string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json',
  svg: 'image/svg+xml',
};

/** One file of a report document: the document itself first, then what it refers to (a Markdown report's images). */
export interface ReportFile {
  /** A plain file name (`report.md`, `overview-map.svg`): no directories. */
  name: string;
  mediaType: string;
  /** SHA-256 of the bytes, lower-case hex. */
  sha256: string;
  sizeBytes: number;
}

/**
 * A generated report document as stored and listed (`POST/GET /api/reports/documents`). Its
 * releasability is the most restrictive of its contents; it is shown only to nations it is
 * releasable to.
 */
export interface ReportDocumentMeta extends Releasability {
  /** `rpt-…`, unique. */
  id: string;
  /** Reports of one series follow each other (change log): agreement, period kind and recipient nation. */
  series: string;
  title: string;
  period: { kind: ReportPeriodKind; from: string; to: string };
  format: ReportFormat;
  /** The nation whose eyes the report is for (ISO 3166-1 alpha-3). */
  preparedFor: string;
  agreement: { id: string; version: number };
  files: ReportFile[];
  /** Wall clock, Unix ms. */
  createdMs: number;
  /** Username of whoever generated it (`cli` for the command line). */
  createdBy: string;
}
