import type { ReportPeriodKind } from './report-document.js';

const HOUR_MS = 3_600_000;
const LENGTH_MS: Record<Exclude<ReportPeriodKind, 'custom'>, number> = { daily: 24 * HOUR_MS, weekly: 7 * 24 * HOUR_MS };
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export type PeriodResult = { ok: true; value: { kind: ReportPeriodKind; fromMs: number; toMs: number } } | { ok: false; error: string };

/**
 * A report period from what a user gives: `daily` and `weekly` are 24 h and 7 days, from
 * `from`, or up to `to`, or (neither given) up to now rounded down to the hour; `custom`
 * needs both. Times are a UTC date (`2026-03-25`, midnight) or an ISO 8601 time with its zone.
 */
export function resolvePeriod(kind: string, from: string | undefined, to: string | undefined, nowMs: number): PeriodResult {
  if (kind !== 'daily' && kind !== 'weekly' && kind !== 'custom') return { ok: false, error: `period "${kind}" is not daily, weekly or custom` };
  const f = from === undefined ? undefined : parseTime(from, 'from');
  const t = to === undefined ? undefined : parseTime(to, 'to');
  if (typeof f === 'string') return { ok: false, error: f };
  if (typeof t === 'string') return { ok: false, error: t };
  if (kind === 'custom') {
    if (f === undefined || t === undefined) return { ok: false, error: 'a custom period needs both from and to' };
    if (f >= t) return { ok: false, error: `from (${from}) must be before to (${to})` };
    return { ok: true, value: { kind, fromMs: f, toMs: t } };
  }
  if (f !== undefined && t !== undefined) return { ok: false, error: `a ${kind} period takes from or to, not both (use custom for any span)` };
  const len = LENGTH_MS[kind];
  const end = f !== undefined ? f + len : t ?? Math.floor(nowMs / HOUR_MS) * HOUR_MS;
  return { ok: true, value: { kind, fromMs: end - len, toMs: end } };
}

function parseTime(text: string, what: string): number | string {
  const t = text.trim();
  if (!DATE.test(t) && !DATE_TIME.test(t)) return `${what} "${text}" is not a UTC date (2026-03-25) or an ISO 8601 time with its zone (2026-03-25T06:00:00Z)`;
  // Date.parse rolls 2026-02-31 over into March: check the calendar date itself.
  const [y, m, d] = t.slice(0, 10).split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  const ms = Date.parse(DATE.test(t) ? `${t}T00:00:00Z` : t);
  return Number.isNaN(ms) || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d ? `${what} "${text}" is not a valid time` : ms;
}
