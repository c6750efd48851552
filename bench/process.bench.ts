import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { plainCorpus, simulatedCorpus } from './corpus.js';
import { fmt, median } from './stats.js';

const here = fileURLToPath(import.meta.url);
const root = fileURLToPath(new URL(here.includes('/dist/') ? '../../' : '../', import.meta.url));
const CLI = join(root, 'dist/src/cli/main.js');
const AGREEMENT = join(root, 'examples/black-sea/agreement.yaml');
const GPSDECODE = '/usr/bin/gpsdecode';
/** GNU time (Debian package `time`): reports the peak resident set of the process it runs (`%M`, KiB). */
const GNU_TIME = '/usr/bin/time';

/** One whole process: a program and its arguments; the corpus is its stdin or its last argument. */
interface Contender {
  name: string;
  argv: (path: string) => string[];
  stdin: boolean;
}

const CONTENDERS: readonly Contender[] = [
  { name: 'gpsdecode', argv: () => [GPSDECODE], stdin: true },
  { name: 'gpsdecode -u -s', argv: () => [GPSDECODE, '-u', '-s'], stdin: true },
  { name: 'vigil decode', argv: (p) => [process.execPath, CLI, 'decode', p], stdin: false },
  { name: 'vigil check', argv: (p) => [process.execPath, CLI, 'check', '--agreement', AGREEMENT, p], stdin: false },
];

interface Sample {
  ms: number;
  rssMb: number | undefined;
}

/** Runs one process with stdout and stderr to /dev/null; wall time, and peak RSS when GNU time is installed. */
function runOnce(c: Contender, path: string, rssFile: string | undefined): Sample {
  const argv = c.argv(path);
  const cmd = rssFile === undefined ? argv : [GNU_TIME, '-f', '%M', '-o', rssFile, ...argv];
  const stdin = c.stdin ? openSync(path, 'r') : 'ignore';
  const t0 = performance.now();
  const r = spawnSync(cmd[0]!, cmd.slice(1), { stdio: [stdin, 'ignore', 'ignore'] });
  const ms = performance.now() - t0;
  if (typeof stdin === 'number') closeSync(stdin);
  if (r.status !== 0) throw new Error(`${c.name} failed on ${path} (exit ${r.status}, ${r.error?.message ?? r.signal ?? ''})`);
  const rssMb = rssFile === undefined ? undefined : Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)) / 1024;
  return { ms, rssMb };
}

export interface ProcessFigures {
  /** Lines per second of the median run, and of the slowest and fastest. */
  linesPerS: number;
  minLinesPerS: number;
  maxLinesPerS: number;
  /** Median peak RSS, MB (MiB); undefined without GNU time. */
  peakRssMb: number | undefined;
  maxRssMb: number | undefined;
}

/**
 * Whole processes against whole processes, on both corpora, in one run: `gpsdecode` (default
 * scaled JSON, and `-u -s`: unscaled, type 24 parts split) reading the file on stdin, `vigil
 * decode FILE` and `vigil check --agreement examples/black-sea/agreement.yaml FILE`, every
 * output to /dev/null. Each process includes its start-up (modules, agreement, land mask).
 * `runs` rounds, each running every contender once on each corpus (so a busy neighbour slows
 * all of them alike); medians, with the range of the runs. Ratios are of medians of this run.
 *
 * Peak RSS comes from GNU time (`/usr/bin/time -f %M`, Debian package `time`, not installed
 * on a minimal Debian: `apt-get install time`); without it only times are measured.
 */
export async function benchProcess(lines = 1_000_000, runs = 5): Promise<Record<string, Record<string, ProcessFigures | number>>> {
  const corpora = { plain: plainCorpus(lines), tagBlocks: simulatedCorpus(lines) };
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npx tsc -p .)`);
  const contenders = CONTENDERS.filter((c) => !c.argv('')[0]!.startsWith(GPSDECODE) || existsSync(GPSDECODE));
  if (contenders.length < CONTENDERS.length) console.log('process: gpsdecode not installed (apt-get install gpsd-clients) — no ratios to it');
  const tmp = mkdtempSync(join(tmpdir(), 'vigil-bench-rss-'));
  const rssFile = existsSync(GNU_TIME) ? join(tmp, 'rss') : undefined;
  if (rssFile === undefined) console.log(`process: ${GNU_TIME} not installed (apt-get install time) — no peak RSS`);
  const samples = new Map<string, Sample[]>();
  try {
    for (let round = 0; round < runs; round++) {
      for (const [corpus, path] of Object.entries(corpora)) {
        for (const c of contenders) {
          const key = `${corpus}\t${c.name}`;
          if (!samples.has(key)) samples.set(key, []);
          samples.get(key)!.push(runOnce(c, path, rssFile));
        }
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const result: Record<string, Record<string, ProcessFigures | number>> = {};
  for (const corpus of Object.keys(corpora)) {
    const figures: Record<string, ProcessFigures | number> = { lines };
    for (const c of contenders) {
      const s = samples.get(`${corpus}\t${c.name}`)!;
      const rates = s.map((x) => lines / (x.ms / 1000));
      const rss = s.flatMap((x) => (x.rssMb === undefined ? [] : [x.rssMb]));
      figures[c.name] = {
        linesPerS: Math.round(median(rates)),
        minLinesPerS: Math.round(Math.min(...rates)),
        maxLinesPerS: Math.round(Math.max(...rates)),
        peakRssMb: rss.length ? Math.round(median(rss)) : undefined,
        maxRssMb: rss.length ? Math.round(Math.max(...rss)) : undefined,
      };
    }
    const rate = (name: string): number | undefined => (figures[name] as ProcessFigures | undefined)?.linesPerS;
    const vigil = rate('vigil decode')!;
    for (const mode of ['gpsdecode', 'gpsdecode -u -s']) {
      const g = rate(mode);
      if (g !== undefined) figures[`vigil decode ÷ ${mode}`] = Number((vigil / g).toFixed(2));
    }
    result[corpus] = figures;
    console.log(`process (whole processes, ${corpus === 'plain' ? 'plain NMEA corpus, receiver time after the checksum' : 'tag-blocked corpus'}, ${fmt(lines)} lines, medians of ${runs} [range]):`);
    for (const c of contenders) {
      const f = figures[c.name] as ProcessFigures;
      const rssText = f.peakRssMb === undefined ? '' : `, peak RSS ${f.peakRssMb} MB [max ${f.maxRssMb}]`;
      console.log(`  ${c.name.padEnd(16)} ${fmt(f.linesPerS).padStart(9)} lines/s [${fmt(f.minLinesPerS)} – ${fmt(f.maxLinesPerS)}]${rssText}`);
    }
    for (const mode of ['gpsdecode', 'gpsdecode -u -s']) {
      const ratio = figures[`vigil decode ÷ ${mode}`];
      if (ratio !== undefined) console.log(`  vigil decode ÷ ${mode}: ${ratio}×${corpus === 'plain' ? ' (target ≥ 3×)' : ''}`);
    }
    if (corpus === 'plain') console.log('  targets on the plain corpus: vigil check ≥ 600,000 lines/s, peak RSS ≤ 300 MB');
  }
  return result;
}
