/**
 * Strict readers for the text values of CSV, SBS and JSON fields. `Number()` alone accepts
 * `''`, `'0x1F'` and `' '` (as 0, 31, 0); feeds must reject those, so each reader checks the
 * syntax first and returns `undefined` for anything it does not accept.
 */

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A decimal number (`12`, `-3.5`, `1e3`), surrounding spaces allowed; `undefined` otherwise.
 *
 * @example parseDecimal(' 45.5 ') // → 45.5
 */
export function parseDecimal(text: string): number | undefined {
  const t = text.trim();
  if (!DECIMAL.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * An ISO 8601 date or date-time, Unix ms; a time without a zone is UTC (feeds and reports
 * here are UTC by convention). Calendar fields are range-checked (`2024-02-30` is rejected).
 *
 * @example parseIsoTimeMs('2026-03-25T02:10:00Z') // → 1774404600000
 */
export function parseIsoTimeMs(text: string): number | undefined {
  const m = ISO_TIME.exec(text.trim());
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y), month = Number(mo), day = Number(d);
  const hour = h === undefined ? 0 : Number(h), minute = mi === undefined ? 0 : Number(mi), second = s === undefined ? 0 : Number(s);
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;
  let ms = Date.UTC(year, month - 1, day, hour, minute, second) + (frac === undefined ? 0 : Math.round(Number(frac) * 1000));
  if (zone !== undefined && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offH = Number(digits.slice(0, 2)), offM = Number(digits.slice(2, 4));
    if (offH > 23 || offM > 59) return undefined;
    ms -= sign * (offH * 60 + offM) * 60_000;
  }
  return ms;
}

/** The latest time a JS `Date` holds, ms since the epoch (ECMA-262 "Time Values and Time Range"): later times cannot be stored or printed. */
export const MAX_TIME_MS = 8.64e15;

/**
 * A time given as Unix seconds or Unix milliseconds (values above 10^11 are ms, as for
 * tag-block `c:` times: 10^11 s is the year 5138), as a number or a decimal string, or as
 * an ISO 8601 string. Unix ms, or `undefined`.
 *
 * @example parseTimeValue(1533101250000) // → 1533101250000
 * @example parseTimeValue('1463595069.997') // → 1463595069997
 */
export function parseTimeValue(value: unknown): number | undefined {
  let n: number | undefined;
  if (typeof value === 'number') n = Number.isFinite(value) ? value : undefined;
  else if (typeof value === 'string') {
    n = parseDecimal(value);
    if (n === undefined) return parseIsoTimeMs(value);
  }
  if (n === undefined || n <= 0) return undefined;
  const ms = n > 1e11 ? n : n * 1000;
  return ms < MAX_TIME_MS ? Math.round(ms) : undefined;
}

/** `true`/`false`, `True`/`False`, `1`/`0`, `-1` (SBS "true"); `undefined` for anything else. */
export function parseBooleanText(text: string): boolean | undefined {
  switch (text.trim().toLowerCase()) {
    case 'true': case '1': case '-1': return true;
    case 'false': case '0': return false;
    default: return undefined;
  }
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}
