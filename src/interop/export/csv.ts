import type { Feature, Property } from '../features.js';

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote, CR or LF; quotes doubled. */
export function csvField(v: Property): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Rows as RFC 4180 CSV: a header row, CRLF line ends, every row with every column. */
export function csvRows(columns: readonly string[], rows: readonly Record<string, Property>[]): string {
  return [columns, ...rows.map((r) => columns.map((c) => r[c] ?? null))].map((cells) => cells.map((c) => csvField(c)).join(',')).join('\r\n') + '\r\n';
}

/** Features as CSV: their properties, then `lon` and `lat` of point geometries (empty otherwise). */
export function featuresCsv(features: readonly Feature[], columns: readonly string[]): string {
  return csvRows([...columns, 'lon', 'lat'], features.map((f) => ({
    ...f.properties,
    lon: f.geometry?.type === 'Point' ? f.geometry.coordinates[0] : null,
    lat: f.geometry?.type === 'Point' ? f.geometry.coordinates[1] : null,
  })));
}
