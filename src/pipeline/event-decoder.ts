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
