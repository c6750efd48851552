/** The line-oriented parsers as fuzz targets (see `targets.ts`). */
import { AisLineDecoder, type AisCounters } from '../../src/decode/ais/ais-line-decoder.js';
import { parseTagBlock } from '../../src/decode/ais/tag-block.js';
import { toSpecJson } from '../../src/decode/ais/to-spec-json.js';
import { SbsDecoder } from '../../src/decode/adsb/sbs.js';
import { OpenSkyDecoder } from '../../src/decode/adsb/opensky.js';
import { RadarTrackDecoder } from '../../src/decode/radar/radar-track.js';
import { ReportDecoder } from '../../src/decode/reports/report-decoder.js';
import { AcledDecoder } from '../../src/decode/reports/acled.js';
import type { LineCounters } from '../../src/decode/line-tally.js';
import { AIS_FORMAT } from '../../src/pipeline/ais-format.js';
import { detectFormat } from '../../src/pipeline/formats.js';
import { check, CheckingSink, checkLineCounters, isDateMs } from './oracles.js';
import type { RunInput } from './targets.js';

/** The lines of an input, as a file reader splits them. */
function linesOf(input: string): string[] {
  return input.split('\n');
}

function checkAisCounters(c: AisCounters, pending: number, pushed: number): void {
  check(c.lines === pushed, () => `decoder counted ${c.lines} lines, ${pushed} were pushed`);
  const sum = c.blank + c.comments + c.metadata + c.messageLines + c.rejectedLines + pending;
  check(sum === c.lines, () => `lines ${c.lines} ≠ accounted ${sum} (${JSON.stringify(c)})`);
  check(pending === 0, () => `${pending} lines still pending after flush`);
}

/**
 * AIS: the message decoder (every type decoded, then written as the SPEC JSON, which must
 * parse), the pipeline's fast path (`AIS_FORMAT`, events checked) and format detection.
 */
function runAis(lines: readonly string[]): void {
  let rejects = 0;
  const decoder = new AisLineDecoder({
    message: (msg, timeMs) => {
      check(Number.isInteger(msg.mmsi) && msg.mmsi >= 0, () => `mmsi ${msg.mmsi}`);
      if (msg.lat !== undefined) check(Math.abs(msg.lat) <= 90, () => `lat ${msg.lat}`);
      if (msg.lon !== undefined) check(Math.abs(msg.lon) <= 180, () => `lon ${msg.lon}`);
      check(timeMs === undefined || isDateMs(timeMs), () => `message time ${timeMs}`);
      const json = toSpecJson(msg, timeMs);
      try {
        JSON.parse(json);
      } catch (e) {
        check(false, () => `toSpecJson wrote invalid JSON (${(e as Error).message}): ${json.slice(0, 200)}`);
      }
    },
    reject: (reason, detail) => {
      check(reason.length > 0 && detail.length > 0, () => `reject without reason or detail`);
      rejects++;
    },
  });
  for (const l of lines) decoder.push(l);
  decoder.flush();
  checkAisCounters(decoder.counters, decoder.pendingLines, lines.length);
  check(rejects === decoder.counters.rejectedLines, () => `${rejects} rejects reported, ${decoder.counters.rejectedLines} counted`);

  const sink = new CheckingSink();
  const fast = AIS_FORMAT.create({ event: (e) => sink.event(e), reject: () => {}, assumedClock: { startMs: 1_774_404_000_000, linesPerS: 10 } });
  for (const l of lines) fast.push(l);
  fast.flush();
  check(fast.stats().lines === lines.length, () => `AIS_FORMAT counted ${fast.stats().lines} lines of ${lines.length}`);
  detectFormat(lines.slice(0, 20));
}

/** Each backslash-delimited tag block of each line, parsed on its own, then the whole lines as AIS. */
function runTagBlocks(lines: readonly string[]): void {
  for (const line of lines) {
    let open = line.indexOf('\\');
    while (open >= 0) {
      const close = line.indexOf('\\', open + 1);
      if (close < 0) break;
      const t = parseTagBlock(line, open + 1, close);
      if (typeof t !== 'string') {
        check(t.timeMs === undefined || isDateMs(t.timeMs), () => `tag block time ${t.timeMs} from ${line.slice(open, close + 1)}`);
        check(t.groupId === undefined || (t.groupIndex >= 1 && t.groupIndex <= t.groupCount && Number.isFinite(t.groupCount)), () => `tag block group ${t.groupIndex}-${t.groupCount}`);
      } else check(t.length > 0, () => 'empty tag-block error');
      open = line.indexOf('\\', close + 1);
    }
  }
  runAis(lines);
}

interface CountingLineDecoder {
  push(line: string): void;
  flush(): void;
  readonly counters: LineCounters;
}

/** A `LineTally` decoder: lines pushed, flushed, accounted for, events sane; then format detection. */
function lineTarget(make: (sink: CheckingSink) => CountingLineDecoder): RunInput {
  return (input) => {
    const lines = linesOf(input);
    const sink = new CheckingSink();
    const d = make(sink);
    for (const l of lines) d.push(l);
    d.flush();
    checkLineCounters(d.counters, lines.length, sink);
    detectFormat(lines.slice(0, 20));
  };
}



const RUNNERS = {
  ais: (input: string) => runAis(linesOf(input)),
  'tag-block': (input: string) => runTagBlocks(linesOf(input)),
  sbs: lineTarget((s) => new SbsDecoder(s)),
  // A 1 MB document bound instead of V8's 512 M: the same code path, reached by fuzz-sized inputs.
  opensky: lineTarget((s) => new OpenSkyDecoder(s, { maxDocumentChars: 1 << 20 })),
  radar: lineTarget((s) => new RadarTrackDecoder(s)),
  reports: lineTarget((s) => new ReportDecoder(s)),
  acled: lineTarget((s) => new AcledDecoder(s)),
} satisfies Record<string, RunInput>;

export async function openLineTarget(name: keyof typeof RUNNERS): Promise<{ run: RunInput; close(): Promise<void> }> {
  return { run: RUNNERS[name], close: async () => {} };
}
