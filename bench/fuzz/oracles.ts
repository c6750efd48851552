/**
 * What the fuzzer checks after each input besides "nothing threw": the promises the parsers
 * make in their doc comments — every line accounted for, every rejection with a reason and a
 * detail, every emitted event sane (finite times, positions on the globe, finite numbers).
 * A broken promise is thrown as an `OracleViolation`; any other exception escaping a parser
 * is a crash.
 */
import type { EngineEvent } from '../../src/core/track/observation.js';
import type { DecodeSink, LineCounters } from '../../src/decode/line-tally.js';

/** A parser broke one of its promises on an input (as opposed to throwing by itself). */
export class OracleViolation extends Error {
  override readonly name = 'OracleViolation';
}

export function check(ok: boolean, message: () => string): void {
  if (!ok) throw new OracleViolation(message());
}

/** The largest time a JS Date can hold, ms from the epoch (ECMA-262 §21.4.1.1): a time beyond it cannot be stored or printed. */
export const MAX_DATE_MS = 8.64e15;

/** A time a Date can hold. */
export function isDateMs(ms: number): boolean {
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS;
}

/** Numeric fields of events that must be finite when present. */
const FINITE_FIELDS = ['altitudeFt', 'speedKn', 'courseDeg', 'verticalRateFpm', 'navStatus', 'shipType', 'imo'] as const;

/** Checks one event: a finite time, a position on the globe, finite optional numbers. */
export function checkEvent(e: EngineEvent): void {
  check(isDateMs(e.timeMs), () => `event of ${e.entityId} has time ${e.timeMs}`);
  check(typeof e.entityId === 'string' && e.entityId.length > 0, () => 'event without entity id');
  if (e.kind === 'fix') {
    check(Number.isFinite(e.lat) && e.lat >= -90 && e.lat <= 90 && Number.isFinite(e.lon) && e.lon >= -180 && e.lon <= 180, () => `fix of ${e.entityId} at lat ${e.lat}, lon ${e.lon}`);
  }
  const record = e as unknown as Record<string, unknown>;
  for (const k of FINITE_FIELDS) {
    const v = record[k];
    check(v === undefined || (typeof v === 'number' && Number.isFinite(v)), () => `event of ${e.entityId} has ${k} ${String(v)}`);
  }
  if (e.kind === 'report') {
    check(Number.isFinite(e.report.lat) && Math.abs(e.report.lat) <= 90 && Number.isFinite(e.report.lon) && Math.abs(e.report.lon) <= 180, () => `report ${e.report.id} at ${e.report.lat}, ${e.report.lon}`);
    check(!Number.isNaN(Date.parse(e.report.time)), () => `report ${e.report.id} has time "${e.report.time}"`);
  }
}

/** A sink that checks every event and rejection and counts them. */
export class CheckingSink implements DecodeSink {
  events = 0;
  rejects = 0;

  event(e: EngineEvent): void {
    checkEvent(e);
    this.events++;
  }

  reject(reason: string, detail: string, line: string): void {
    check(typeof reason === 'string' && /^[a-z0-9-]+$/.test(reason), () => `reject reason ${JSON.stringify(reason)} is not a kebab-case key`);
    check(typeof detail === 'string' && detail.length > 0, () => `reject ${reason} without detail`);
    check(typeof line === 'string' && line.length <= 500, () => `reject ${reason} quotes ${line.length} characters (limit 500)`);
    this.rejects++;
  }
}

/**
 * The line accounting of `LineCounters` after `flush()`: every line is blank, a comment,
 * metadata, part of an event, rejected or held in a (now completed) record, and the
 * rejections per reason add up; `lines` equals the lines pushed.
 */
export function checkLineCounters(c: LineCounters, pushed: number, sink: CheckingSink): void {
  check(c.lines === pushed, () => `decoder counted ${c.lines} lines, ${pushed} were pushed`);
  const sum = c.blank + c.comments + c.metadata + c.eventLines + c.rejectedLines + c.heldLines;
  check(sum === c.lines, () => `lines ${c.lines} ≠ blank+comments+metadata+events+rejected+held = ${sum} (${JSON.stringify(c)})`);
  const byReason = Object.values(c.rejected).reduce((a, b) => a + b, 0);
  check(byReason <= sink.rejects, () => `${byReason} rejections by reason, ${sink.rejects} reported to the sink`);
  check(c.events === sink.events, () => `${c.events} events counted, ${sink.events} emitted`);
}
