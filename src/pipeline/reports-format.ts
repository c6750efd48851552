import { looksLikeReports, ReportDecoder } from '../decode/reports/report-decoder.js';
import { lineDecoderFormat } from './line-decoder-format.js';

/** Incident reports (SPEC "Incident report") as JSON Lines or CSV: entities `report:ID`. */
export const REPORTS_FORMAT = lineDecoderFormat(
  'reports',
  'incident reports (JSON Lines or CSV with id,time,lat,lon,category)',
  looksLikeReports,
  (sink) => new ReportDecoder(sink),
);
