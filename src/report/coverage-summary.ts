import type { CoverageCount } from '../store/ports.js';
import type { CoverageLineData } from './report-schema.js';

export const HOUR_MS = 3_600_000;

/**
 * One coverage line from hourly counts: hours with at least one observation, and the gaps
 * (maximal runs of hours with none). An hour counts as covered from a single observation:
 * the figure says "a sensor was working here", not how well.
 */
export function coverageLine(key: string, label: string, counts: readonly CoverageCount[], fromMs: number, hours: number, feeds?: string[]): CoverageLineData {
  const covered = new Uint8Array(hours);
  for (const c of counts) if (c.bucket >= 0 && c.bucket < hours && c.count > 0) covered[c.bucket] = 1;
  const gaps: CoverageLineData['gaps'] = [];
  let withData = 0;
  for (let h = 0; h < hours;) {
    if (covered[h] === 1) {
      withData++;
      h++;
      continue;
    }
    let end = h;
    while (end < hours && covered[end] === 0) end++;
    gaps.push({ from: new Date(fromMs + h * HOUR_MS).toISOString(), to: new Date(fromMs + end * HOUR_MS).toISOString(), hours: end - h });
    h = end;
  }
  return { key, label, hoursWithData: withData, hoursTotal: hours, gaps, ...(feeds !== undefined ? { feeds } : {}) };
}

/** Counts grouped by feed, feeds in name order. */
export function byFeed(counts: readonly CoverageCount[]): Map<string, CoverageCount[]> {
  const out = new Map<string, CoverageCount[]>();
  for (const c of [...counts].sort((a, b) => (a.feed < b.feed ? -1 : a.feed > b.feed ? 1 : a.bucket - b.bucket))) {
    const list = out.get(c.feed) ?? [];
    list.push(c);
    out.set(c.feed, list);
  }
  return out;
}
