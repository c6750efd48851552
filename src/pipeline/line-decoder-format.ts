import type { LineCounters } from '../decode/line-tally.js';
import type { EventDecoder, EventSink, InputFormat } from './event-decoder.js';

/** A decoder of `src/decode/` that counts its lines in a `LineCounters`. */
export interface CountingDecoder {
  push(line: string): void;
  flush(): void;
  readonly counters: LineCounters;
}

/**
 * Wraps a counting decoder as an `InputFormat`: the decoder's sink is the engine's, and its
 * stats are the lines read and the rejections per reason.
 *
 * @example
 * export const SBS_FORMAT = lineDecoderFormat('sbs', 'SBS-1 lines', looksLikeSbs, (sink) => new SbsDecoder(sink));
 */
export function lineDecoderFormat(name: string, summary: string, detect: (sample: readonly string[]) => boolean, make: (sink: EventSink) => CountingDecoder): InputFormat {
  return {
    name,
    summary,
    detect,
    create(sink): EventDecoder {
      const d = make(sink);
      return {
        push: (line) => d.push(line),
        flush: () => d.flush(),
        stats: () => ({ lines: d.counters.lines, rejected: { ...d.counters.rejected }, ...(d.counters.duplicates > 0 ? { duplicates: d.counters.duplicates } : {}) }),
      };
    },
  };
}
