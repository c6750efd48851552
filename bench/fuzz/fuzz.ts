/**
 * `npm run fuzz -- [--target a,b|all] [--runs N] [--seed S] [--time SECONDS] [--batch B] [--out DIR]`:
 * coverage-guided fuzzing of every parser (targets in `targets.ts`, seed corpus in
 * `bench/fuzz/corpus/`), one target after another, each in its own worker. Findings and the
 * corpus entries found are written under `--out` (default `fuzz-out/`); the exit status is 1
 * when anything was found. `--runs` defaults to 10^7 inputs per target; `--time` caps each
 * target's wall-clock time.
 */
import { parseArgs } from 'node:util';
import { fuzzTarget, type FuzzReport } from './engine.js';
import { TARGETS } from './targets.js';

const { values } = parseArgs({
  options: {
    target: { type: 'string', default: 'all' },
    runs: { type: 'string', default: '1e7' },
    seed: { type: 'string', default: '1' },
    time: { type: 'string', default: '0' },
    batch: { type: 'string', default: '500' },
    out: { type: 'string', default: 'fuzz-out' },
    quiet: { type: 'boolean', default: false },
  },
});

function positive(name: string, text: string, allowZero = false): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0 || (!allowZero && n === 0)) throw new Error(`--${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, got "${text}"`);
  return n;
}

const names = values.target === 'all' ? TARGETS.map((t) => t.name) : values.target.split(',').map((s) => s.trim());
for (const n of names) if (!TARGETS.some((t) => t.name === n)) throw new Error(`--target: no target "${n}" (${TARGETS.map((t) => t.name).join(', ')}, all)`);
const runs = Math.floor(positive('runs', values.runs));
const seed = Math.floor(positive('seed', values.seed, true));
const timeS = positive('time', values.time, true);
const batch = Math.floor(positive('batch', values.batch));

const reports: FuzzReport[] = [];
for (const target of names) {
  const r = await fuzzTarget({
    target, runs, seed, timeS, batch, outDir: values.out,
    onProgress: values.quiet ? undefined : (s) => process.stderr.write(`\r${target}: ${s.runs.toLocaleString('en')} inputs, ${(s.runs / s.seconds).toFixed(0)}/s, corpus ${s.corpus}, ${s.coveredChars} chars covered, ${s.findings} findings   `),
  });
  if (!values.quiet) process.stderr.write('\n');
  for (const f of r.found) console.log(`${target}: ${f.kind}: ${f.signature}${f.file ? ` (${f.file})` : ''}`);
  reports.push(r);
}
console.log('target          inputs      inputs/s  corpus  covered  findings  seconds');
for (const r of reports) {
  console.log(`${r.target.padEnd(14)} ${String(r.runs).padStart(9)} ${r.inputsPerS.toFixed(0).padStart(11)} ${String(r.corpus).padStart(7)} ${String(r.coveredChars).padStart(8)} ${String(r.findings).padStart(9)} ${r.seconds.toFixed(1).padStart(8)}`);
}
process.exitCode = reports.some((r) => r.findings > 0) ? 1 : 0;
