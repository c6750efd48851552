import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { CliCommand } from '../command.js';
import { CliError } from '../command.js';
import { DEFAULT_ARTEFACT_RATES, simulate, type SimSummary } from '../../sim/scenario.js';
import { simulateAir } from '../../sim/air/air-scenario.js';
import { reportLine, simulateReports } from '../../sim/reports/incident-reports.js';
import { writeBuffered } from '../write-buffered.js';

/** Default scenario start: the first day of the truce in the SPEC's examples. */
const DEFAULT_START = '2026-03-25T00:00:00Z';
/** Share of class A among `--vessels`: merchant traffic dominates, yachts and small craft are the rest. */
const CLASS_A_SHARE = 0.8;
/** Lines written between backpressure checks. */
const LINES_PER_BATCH = 10_000;

/**
 * Parses a duration `Ns`, `Nm` or `Nh` (N a non-negative number) to milliseconds.
 * @example parseDurationMs('2h') // 7200000
 */
export function parseDurationMs(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)([smh])$/.exec(text.trim());
  if (!m) return null;
  const unitMs = m[2] === 's' ? 1_000 : m[2] === 'm' ? 60_000 : 3_600_000;
  return Math.round(Number(m[1]) * unitMs);
}

interface SimulateFlags {
  seed: string;
  start: string;
  duration: string;
  vessels: string;
  out?: string;
  truth?: string;
  artefacts?: boolean;
  air?: string;
}

function parseNonNegativeInt(text: string, flag: string): number {
  if (!/^\d+$/.test(text)) throw new CliError(`${flag} must be a non-negative integer, got '${text}'`, 2);
  return Number(text);
}

async function openOutput(path: string | undefined): Promise<{ stream: Writable; close: () => Promise<void> }> {
  if (path === undefined || path === '-') return { stream: process.stdout, close: async () => undefined };
  const stream = createWriteStream(path);
  try {
    await once(stream, 'open');
  } catch (err) {
    throw new CliError(`cannot write ${path}: ${(err as Error).message}`, 2);
  }
  return {
    stream,
    close: async () => {
      stream.end();
      await once(stream, 'finish');
    },
  };
}

/** `vigil simulate`: a seeded Black Sea AIS feed as NMEA lines with tag blocks. */
export const simulateCommand: CliCommand = {
  name: 'simulate',
  args: '',
  summary: 'generate a seeded Black Sea AIS scenario as NMEA 0183 lines with tag blocks',
  configure(cmd) {
    cmd
      .option('--seed <n>', 'PRNG seed (same seed, same output)', '1')
      .option('--start <iso>', 'scenario start time, ISO 8601', DEFAULT_START)
      .option('--duration <d>', 'scenario length: Ns, Nm or Nh', '1h')
      .option('--vessels <n>', 'background vessels (80% class A, 20% class B)', '50')
      .option('--out <file>', 'write the lines to FILE instead of stdout')
      .option('--truth <file>', 'write the ground truth of scripted violations as JSON Lines to FILE')
      .option('--artefacts', 'add feed artefacts: duplicates, late, corrupted and truncated lines')
      .option('--air <dir>', 'also write the air scenario to DIR: air.sbs (SBS-1), radar.csv (radar tracks), reports.jsonl (incident reports)')
      .action(async (flags: SimulateFlags) => {
        const seed = parseNonNegativeInt(flags.seed, '--seed');
        const durationMs = parseDurationMs(flags.duration);
        if (durationMs === null) throw new CliError(`--duration must look like 90s, 30m or 2h, got '${flags.duration}'`, 2);
        if (!Number.isFinite(Date.parse(flags.start))) throw new CliError(`--start must be an ISO 8601 time, got '${flags.start}'`, 2);
        const vessels = parseNonNegativeInt(flags.vessels, '--vessels');
        const classA = Math.round(vessels * CLASS_A_SHARE);

        const gen = simulate({
          seed,
          start: flags.start,
          durationMs,
          classA,
          classB: vessels - classA,
          ...(flags.artefacts ? { artefacts: DEFAULT_ARTEFACT_RATES } : {}),
        });
        const output = await openOutput(flags.out);
        const out = writeBuffered(output.stream);
        let summary: SimSummary;
        for (let n = 1; ; n++) {
          const r = gen.next();
          if (r.done) {
            summary = r.value;
            break;
          }
          out.write(r.value.line + '\n');
          if (n % LINES_PER_BATCH === 0) await out.drained();
        }
        await out.end();
        await output.close();

        if (flags.truth !== undefined) {
          const truth = await openOutput(flags.truth);
          const tw = writeBuffered(truth.stream);
          for (const t of summary.groundTruth) tw.write(JSON.stringify(t) + '\n');
          await tw.end();
          await truth.close();
        }
        if (flags.air !== undefined) await writeAirFeeds(flags.air, seed, flags.start, durationMs);
        const a = summary.artefacts;
        process.stderr.write(
          `lines ${summary.lines}, messages ${summary.messages}, artefacts: duplicate ${a.duplicate}, late ${a.outOfOrder}, corrupt ${a.corrupt}, truncated ${a.truncate}; ground truth ${summary.groundTruth.length}\n`,
        );
      });
  },
};

/** `--air DIR`: the seeded air scenario's two feeds and its incident reports, as files in DIR. */
async function writeAirFeeds(dir: string, seed: number, start: string, durationMs: number): Promise<void> {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new CliError(`cannot create ${dir}: ${(err as Error).message}`, 2);
  }
  const files = { sbs: await openOutput(join(dir, 'air.sbs')), radar: await openOutput(join(dir, 'radar.csv')) };
  const writers = { sbs: writeBuffered(files.sbs.stream), radar: writeBuffered(files.radar.stream) };
  let n = 0;
  for (const l of simulateAir({ seed, start, durationMs })) {
    writers[l.feed].write(l.line + '\n');
    if (++n % LINES_PER_BATCH === 0) await Promise.all([writers.sbs.drained(), writers.radar.drained()]);
  }
  const reports = await openOutput(join(dir, 'reports.jsonl'));
  const rw = writeBuffered(reports.stream);
  for (const r of simulateReports({ seed, startMs: Date.parse(start), durationMs })) rw.write(reportLine(r) + '\n');
  for (const w of [writers.sbs, writers.radar, rw]) await w.end();
  for (const f of [files.sbs, files.radar, reports]) await f.close();
}
