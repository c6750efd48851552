import type { PlaceLookup } from '../core/geo/place-gazetteer.js';
import type { EngineEvent } from '../core/track/observation.js';

/** Turns the lines of one input format into engine events; bad lines are rejected with a reason. */
export interface EventDecoder {
  push(line: string): void;
  /** End of input (incomplete multi-line records are rejected). */
  flush(): void;
  /** Lines seen, rejected lines per reason, and records merged as duplicates (report formats). */
  stats(): { lines: number; rejected: Record<string, number>; duplicates?: number };
}

export interface EventSink {
  event(e: EngineEvent): void;
  reject(reason: string, detail: string, line: string): void;
  /**
   * For a recording whose lines carry no time (`vigil check --start T --rate R`): a line
   * without one is taken to be at `startMs + (n − 1) · 1000 / linesPerS`, n its line number.
   * Lines that carry a time keep it.
   */
  assumedClock?: { startMs: number; linesPerS: number };
  /** Place names for reports located by name (the shipped gazetteer when absent). */
  places?: PlaceLookup;
}

/** One input format: how to recognise it from its first lines, and its decoder. */
export interface InputFormat {
  name: string;
  summary: string;
  /** True when these first non-blank lines look like this format. */
  detect(sample: readonly string[]): boolean;
  create(sink: EventSink): EventDecoder;
}

/** What a run gives every decoder besides the event sink: the assumed clock, the place names, where rejected lines go. */
export interface DecoderExtras {
  assumedClock?: { startMs: number; linesPerS: number };
  places?: PlaceLookup;
  /** A rejected line or record, with the number of the input line it was rejected at (for a multi-line record, its last). */
  onReject?: (line: number, reason: string, detail: string, text: string) => void;
}

/** The sink of a decoder: `event`, and the extras; `lineNo` says which input line the decoder is at. */
export function decoderSink(event: (e: EngineEvent) => void, extras: DecoderExtras, lineNo: () => number): EventSink {
  const onReject = extras.onReject;
  return {
    event,
    reject: onReject === undefined ? () => {} : (reason, detail, text) => onReject(lineNo(), reason, detail, text),
    ...(extras.assumedClock !== undefined ? { assumedClock: extras.assumedClock } : {}),
    ...(extras.places !== undefined ? { places: extras.places } : {}),
  };
}
