import type { PlaceLookup } from '../core/geo/place-gazetteer.js';
import type { EngineEvent } from '../core/track/observation.js';

/** Receives what a line decoder makes of its input: engine events, and rejections with a reason. */
export interface DecodeSink {
  event(e: EngineEvent): void;
  /** One rejected line or record: a reason (a short kebab-case key), a human-readable detail, the offending text. */
  reject(reason: string, detail: string, line: string): void;
  /** Place names for reports located by name (the shipped gazetteer when absent). */
  places?: PlaceLookup;
}

/**
 * Where every input line went. For line-oriented formats
 * `lines = blank + comments + metadata + eventLines + rejectedLines + heldLines`, where
 * `heldLines` are lines of a multi-line record or JSON document; such a record is accounted
 * for as a whole in `records*` when it completes (at the latest on flush).
 */
export interface LineCounters {
  lines: number;
  blank: number;
  comments: number;
  /** Accepted lines that produced no event (SBS `SEL`/`ID`/`STA` lines, velocity-only messages, CSV headers). */
  metadata: number;
  /** Lines that produced at least one event. */
  eventLines: number;
  /** Engine events emitted. */
  events: number;
  rejectedLines: number;
  /** Lines held in, or consumed by, a multi-line record or document. */
  heldLines: number;
  /** Records of multi-line documents: decoded into events, accepted without a position, or rejected. */
  records: number;
  recordsWithEvents: number;
  recordsWithoutEvent: number;
  recordsRejected: number;
  /** Rejections per reason (lines for line records, records inside documents). */
  rejected: Record<string, number>;
  /** Of the metadata lines: records merged as duplicates of one read before (the same report id and content). */
  duplicates: number;
}

/**
 * Counts the fate of every line of a decoder and forwards events and rejections to its
 * sink, so that no line is dropped silently (house style C.10).
 *
 * @example
 * const tally = new LineTally(sink);
 * tally.line(); tally.reject('bad-time', 'month 13', line);
 */
export class LineTally {
  readonly counters: LineCounters = {
    lines: 0, blank: 0, comments: 0, metadata: 0, eventLines: 0, events: 0, rejectedLines: 0, heldLines: 0,
    records: 0, recordsWithEvents: 0, recordsWithoutEvent: 0, recordsRejected: 0, rejected: {}, duplicates: 0,
  };

  constructor(private readonly sink: DecodeSink) {}

  /** One more input line seen. */
  line(): void {
    this.counters.lines++;
  }

  /** Emits one event (the caller accounts for the line with `eventLine` or a record method). */
  event(e: EngineEvent): void {
    this.counters.events++;
    this.sink.event(e);
  }

  /** `n` lines (one record) produced at least one event. */
  eventLine(n = 1): void {
    this.counters.eventLines += n;
  }

  /** `n` lines (one record) accepted without producing an event. */
  metadataLine(n = 1): void {
    this.counters.metadata += n;
  }

  /** A line rejected with a reason. */
  reject(reason: string, detail: string, line: string): void {
    this.counters.rejectedLines++;
    this.count(reason);
    this.sink.reject(reason, detail, line.length > 500 ? line.slice(0, 500) : line);
  }

  /** The lines of one record rejected with a reason (counted once per reason, every line as rejected). */
  rejectLines(reason: string, detail: string, lines: readonly string[]): void {
    this.counters.rejectedLines += lines.length;
    this.count(reason);
    const text = lines.join('\n');
    this.sink.reject(reason, detail, text.length > 500 ? text.slice(0, 500) : text);
  }

  /** A record of a multi-line document rejected with a reason. */
  rejectRecord(reason: string, detail: string, text: string): void {
    this.counters.records++;
    this.counters.recordsRejected++;
    this.count(reason);
    this.sink.reject(reason, detail, text.length > 500 ? text.slice(0, 500) : text);
  }

  private count(reason: string): void {
    this.counters.rejected[reason] = (this.counters.rejected[reason] ?? 0) + 1;
  }
}

/** Trims a line's trailing CR, spaces and tabs without copying when there are none. */
export function trimLineEnd(raw: string): string {
  let end = raw.length;
  while (end > 0) {
    const c = raw.charCodeAt(end - 1);
    if (c !== 13 && c !== 32 && c !== 9) break;
    end--;
  }
  return end === raw.length ? raw : raw.slice(0, end);
}
