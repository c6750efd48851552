/**
 * Local times in an IANA time zone (`Europe/Kyiv`) → UTC, with the zone rules of the
 * runtime's ICU (`Intl.DateTimeFormat`; Node ships full ICU). Reports of overnight attack
 * waves give local clock times ("18:00 → 08:30 Kyiv time").
 */
import { daysInMonth, parseIsoTimeMs } from './field-values.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** True when `tz` is an IANA zone name the runtime knows. */
export function isTimeZone(tz: string): boolean {
  return formatter(tz) !== undefined;
}

function formatter(tz: string): Intl.DateTimeFormat | undefined {
  let f = formatters.get(tz);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    } catch {
      return undefined;
    }
    formatters.set(tz, f);
  }
  return f;
}

/** Offset of `tz` from UTC at the instant `utcMs`, ms (Kyiv in summer: +3 h). */
export function zoneOffsetMs(utcMs: number, tz: string): number {
  const f = formatter(tz);
  if (f === undefined) throw new RangeError(`unknown time zone "${tz}"`);
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(utcMs))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const local = Date.UTC(p['year']!, p['month']! - 1, p['day']!, p['hour']!, p['minute']!, p['second']!);
  return local - Math.floor(utcMs / 1000) * 1000;
}

/**
 * The UTC instant of a local wall-clock time in `tz`. In the hour skipped when clocks go
 * forward, the time is read with the offset before the change; in the hour repeated when
 * they go back, the first of the two instants is taken.
 *
 * @example localToUtcMs(2026, 3, 24, 18, 0, 0, 'Europe/Kyiv') // 2026-03-24T16:00:00Z (EET, +2 h)
 */
export function localToUtcMs(y: number, mo: number, d: number, h: number, mi: number, s: number, tz: string): number {
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const before = zoneOffsetMs(wall - 86_400_000 / 2, tz);
  const after = zoneOffsetMs(wall + 86_400_000 / 2, tz);
  // The earlier offset first: the first instant of a repeated hour; a skipped hour reads with the offset before.
  for (const off of before >= after ? [before, after] : [after, before]) {
    if (zoneOffsetMs(wall - off, tz) === off) return wall - off;
  }
  return wall - before;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A date-time: with a zone (`Z`, `+03:00`) it is that instant; without one it is a wall
 * clock in `tz` (UTC when `tz` is undefined, as before time zones were known). Accepts
 * ISO 8601 and `DD.MM.YYYY[ HH:MM[:SS]]`. Unix ms, or undefined.
 *
 * @example parseZonedTime('2026-03-24 18:00', 'Europe/Kyiv') // 2026-03-24T16:00:00Z
 */
export function parseZonedTime(text: string, tz: string | undefined): number | undefined {
  const t = text.trim();
  const iso = LOCAL.exec(t);
  const dotted = iso === null ? DOTTED.exec(t) : null;
  if (iso === null && dotted === null) return parseIsoTimeMs(t);
  const [y, mo, d, h, mi, s] = iso !== null
    ? [iso[1], iso[2], iso[3], iso[4], iso[5], iso[6]].map((x) => (x === undefined ? 0 : Number(x)))
    : [dotted![3], dotted![2], dotted![1], dotted![4], dotted![5], dotted![6]].map((x) => (x === undefined ? 0 : Number(x)));
  if (y! < 1900 || mo! < 1 || mo! > 12 || d! < 1 || d! > daysInMonth(y!, mo!) || h! > 23 || mi! > 59 || s! > 59) return undefined;
  if (tz === undefined) return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  return localToUtcMs(y!, mo!, d!, h!, mi!, s!, tz);
}

const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/**
 * An end time given as a clock time only (`08:30`): on the local day of `startMs` in `tz`
 * (UTC when undefined), or the next day when that is before the start (an overnight span).
 */
export function clockAfter(text: string, startMs: number, tz: string | undefined): number | undefined {
  const m = CLOCK.exec(text.trim());
  if (m === null) return undefined;
  const [h, mi, s] = [Number(m[1]), Number(m[2]), m[3] === undefined ? 0 : Number(m[3])];
  if (h > 23 || mi > 59 || s > 59) return undefined;
  const local = new Date(startMs + (tz === undefined ? 0 : zoneOffsetMs(startMs, tz)));
  const [y, mo, d] = [local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate()];
  const at = (dy: number, dmo: number, dd: number): number => (tz === undefined ? Date.UTC(dy, dmo - 1, dd, h, mi, s) : localToUtcMs(dy, dmo, dd, h, mi, s, tz));
  const same = at(y, mo, d);
  if (same >= startMs) return same;
  const next = new Date(Date.UTC(y, mo - 1, d + 1));
  return at(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
}
