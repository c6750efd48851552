import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { CliCommand } from '../command.js';
import { formatAgreementError } from '../../core/agreement/agreement-error.js';
import { loadAgreementFile } from '../../config/agreement-file.js';
import { landMaskFor } from '../../geo-data/land-for-agreement.js';
import { packageRoot } from '../../config/package-root.js';
import type { GroundTruth } from '../../sim/actor.js';
import type { ScriptedActor } from '../../sim/scripted-actor.js';
import { injectViolations } from '../../sim/violations.js';
import { injectAirViolations } from '../../sim/air/air-violations.js';
import type { ScriptedAircraft } from '../../sim/air/scripted-aircraft.js';
import type { AirSimSummary } from '../../sim/air/air-scenario.js';
import { injectStrikeReports, type StrikeInjection } from '../../sim/reports/strike-violations.js';
import { CliError } from '../command.js';
import { DEFAULT_ARTEFACT_RATES, FRAMINGS, simulate, type SimSummary } from '../../sim/scenario.js';
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
  violations?: boolean;
  agreement?: string;
  seed: string;
  start: string;
  duration: string;
  vessels: string;
  out?: string;
  truth?: string;
  artefacts?: boolean;
  framing: string;
  air?: string;
}

function parseNonNegativeInt(text: string, flag: string): number {
  if (!/^\d+$/.test(text)) throw new CliError(`${flag} must be a non-negative integer, got '${text}'`, 2);
  return Number(text);
}

async function openOutput(path: string | undefined): Promise<{ stream: Writable; close: () => Promise<void> }> {
  if (path === undefined || path === '-') return { stream: process.stdout, close: async () => undefined };
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (err) {
    throw new CliError(`cannot create the folder of ${path}: ${(err as Error).message}`, 2);
  }
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
      .option('--framing <how>', `where tag blocks go: ${FRAMINGS.join(', ')} (first-part: only a multi-part message's first sentence carries one; groups: NMEA 4.10 g: groups)`, 'every-line')
      .option('--air <dir>', 'also write the air scenario to DIR: air.sbs (SBS-1), radar.csv (radar tracks), reports.jsonl (incident reports)')
      .option('--violations', 'inject a violation of every rule type of the agreement (and near-misses), with ground truth in --truth')
      .option('--agreement <file>', 'agreement whose zones and rules the violations target (default: the bundled Black Sea demo)')
      .action(async (flags: SimulateFlags) => {
        const seed = parseNonNegativeInt(flags.seed, '--seed');
        const durationMs = parseDurationMs(flags.duration);
        if (durationMs === null) throw new CliError(`--duration must look like 90s, 30m or 2h, got '${flags.duration}'`, 2);
        if (!Number.isFinite(Date.parse(flags.start))) throw new CliError(`--start must be an ISO 8601 time, got '${flags.start}'`, 2);
        const vessels = parseNonNegativeInt(flags.vessels, '--vessels');
        const classA = Math.round(vessels * CLASS_A_SHARE);
        const framing = FRAMINGS.find((f) => f === flags.framing);
        if (framing === undefined) throw new CliError(`--framing must be one of ${FRAMINGS.join(', ')}, got '${flags.framing}'`, 2);

        const injected = flags.violations ? loadInjections(flags.agreement, Date.parse(flags.start)) : undefined;
        if (injected !== undefined && durationMs < 3 * 3600_000) throw new CliError('--violations needs --duration of at least 3h (the scripts run over 3 hours)', 2);
        const gen = simulate({
          seed,
          start: flags.start,
          durationMs,
          classA,
          classB: vessels - classA,
          framing,
          ...(flags.artefacts ? { artefacts: DEFAULT_ARTEFACT_RATES } : {}),
          ...(injected ? { actors: injected.ships } : {}),
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

        const air = flags.air !== undefined ? await writeAirFeeds(flags.air, seed, flags.start, durationMs, injected) : [];
        if (flags.truth !== undefined) {
          const truth = await openOutput(flags.truth);
          const tw = writeBuffered(truth.stream);
          const all = [...summary.groundTruth, ...air].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.entity < b.entity ? -1 : 1));
          for (const t of all) tw.write(JSON.stringify(t) + '\n');
          await tw.end();
          await truth.close();
        }
        const a = summary.artefacts;
        process.stderr.write(
          `lines ${summary.lines}, messages ${summary.messages}, artefacts: duplicate ${a.duplicate}, late ${a.outOfOrder}, corrupt ${a.corrupt}, truncated ${a.truncate}; ground truth ${summary.groundTruth.length}\n`,
        );
      });
  },
};

/** `--air DIR`: the seeded air scenario's two feeds and its incident reports, as files in DIR. */
async function writeAirFeeds(dir: string, seed: number, start: string, durationMs: number, injected: Injections | undefined): Promise<GroundTruth[]> {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new CliError(`cannot create ${dir}: ${(err as Error).message}`, 2);
  }
  const files = { sbs: await openOutput(join(dir, 'air.sbs')), radar: await openOutput(join(dir, 'radar.csv')) };
  const writers = { sbs: writeBuffered(files.sbs.stream), radar: writeBuffered(files.radar.stream) };
  let n = 0;
  const gen = simulateAir({ seed, start, durationMs, ...(injected ? { actors: injected.aircraft } : {}) });
  let summary: AirSimSummary;
  for (;;) {
    const r = gen.next();
    if (r.done) {
      summary = r.value;
      break;
    }
    writers[r.value.feed].write(r.value.line + '\n');
    if (++n % LINES_PER_BATCH === 0) await Promise.all([writers.sbs.drained(), writers.radar.drained()]);
  }
  const reports = await openOutput(join(dir, 'reports.jsonl'));
  const rw = writeBuffered(reports.stream);
  const all = [...simulateReports({ seed, startMs: Date.parse(start), durationMs }), ...(injected?.strikes.reports ?? [])]
    .sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.id < b.id ? -1 : 1));
  for (const r of all) rw.write(reportLine(r) + '\n');
  for (const w of [writers.sbs, writers.radar, rw]) await w.end();
  for (const f of [files.sbs, files.radar, reports]) await f.close();
  return [...summary.groundTruth, ...(injected?.strikes.truth ?? [])];
}

interface Injections {
  ships: ScriptedActor[];
  aircraft: ScriptedAircraft[];
  strikes: StrikeInjection;
}

/** Scripted violations of every rule type of the agreement, placed in its zones (paths at sea). */
function loadInjections(agreementFile: string | undefined, startMs: number): Injections {
  const path = agreementFile ?? join(packageRoot(), 'examples/black-sea/agreement.yaml');
  const loaded = loadAgreementFile(path);
  if (!loaded.ok) throw new CliError(`invalid agreement:\n${loaded.errors.map(formatAgreementError).join('\n')}`, 2);
  const agreement = loaded.value;
  const mask = landMaskFor(agreement);
  return {
    ships: injectViolations(agreement, startMs, { isSea: (lon, lat) => mask.depthInlandM(lon, lat) === 0 }),
    aircraft: injectAirViolations(agreement, startMs),
    strikes: injectStrikeReports(agreement, startMs),
  };
}
