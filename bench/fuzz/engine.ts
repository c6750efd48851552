/**
 * Runs one fuzz target in a worker thread and watches it: an input that makes no progress
 * for `hangMs` is a hang, a worker that dies of heap exhaustion (its old generation is
 * capped at `heapMb`) is an out-of-memory finding; either way the input is read from the
 * shared buffer, the worker is replaced by a fresh one (another seed, the corpus found so
 * far) and the run goes on until its inputs or its time are used up.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { MAX_INPUT_CHARS } from './mutate.js';
import { SHARED_HEADER_BYTES, type FindingKind, type FromWorker, type WorkerOptions, type WorkerStats } from './protocol.js';

export interface FuzzOptions {
  target: string;
  /** Mutants to run. */
  runs: number;
  /** Wall-clock budget, seconds (0: none); the run stops at whichever of runs and time comes first. */
  timeS?: number;
  seed?: number;
  batch?: number;
  /** Slowest acceptable input, ms. */
  perInputMs?: number;
  /** No progress for this long is a hang, ms. */
  hangMs?: number;
  /** Old-generation heap of the worker, MB. */
  heapMb?: number;
  /** Where findings and new corpus entries are written (nothing written when undefined). */
  outDir?: string;
  onProgress?: ((s: WorkerStats) => void) | undefined;
}

export interface Finding {
  kind: FindingKind;
  signature: string;
  message: string;
  input: string;
  /** File the input was written to, when `outDir` is set. */
  file?: string;
}

export interface FuzzReport extends WorkerStats {
  target: string;
  seed: number;
  /** Mutants per second of wall-clock time (coverage takes and bisection included). */
  inputsPerS: number;
  findings: number;
  found: Finding[];
  /** Workers replaced after a hang or heap exhaustion. */
  restarts: number;
  peakHeapMb: number;
}

export async function fuzzTarget(o: FuzzOptions): Promise<FuzzReport> {
  const seed = o.seed ?? 1;
  const started = performance.now();
  const deadline = o.timeS !== undefined && o.timeS > 0 ? started + o.timeS * 1000 : Infinity;
  const found: Finding[] = [];
  const signatures = new Set<string>();
  const extraCorpus: string[] = [];
  const poison: string[] = [];
  const total: WorkerStats = { runs: 0, execs: 0, corpus: 0, coveredChars: 0, functions: 0, seconds: 0, heapMb: 0, findings: 0 };
  let restarts = 0;
  let peakHeapMb = 0;
  const outDir = o.outDir === undefined ? undefined : join(o.outDir, o.target);

  const addFinding = (f: Finding): void => {
    if (signatures.has(f.signature)) return;
    signatures.add(f.signature);
    if (outDir !== undefined) {
      const dir = join(outDir, 'findings');
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${f.kind}-${createHash('sha256').update(f.input).digest('hex').slice(0, 12)}.txt`);
      writeFileSync(file, f.input);
      writeFileSync(`${file}.why`, `${f.signature}\n\n${f.message}\n`);
      f.file = file;
    }
    found.push(f);
  };

  while (total.runs < o.runs && performance.now() < deadline) {
    const shared = new SharedArrayBuffer(SHARED_HEADER_BYTES + 2 * MAX_INPUT_CHARS * 4);
    const header = new Int32Array(shared, 0, SHARED_HEADER_BYTES / 4);
    const remainingMs = deadline === Infinity ? 0 : Math.max(1, deadline - performance.now());
    const options: WorkerOptions = {
      target: o.target, runs: o.runs - total.runs, timeMs: remainingMs, seed: (seed + restarts * 0x9e3779b9) >>> 0,
      batch: o.batch ?? 500, perInputMs: o.perInputMs ?? 1000, extraCorpus: [...extraCorpus], poison: [...poison], shared,
    };
    const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: options, resourceLimits: { maxOldGenerationSizeMb: o.heapMb ?? 512 }, stdout: true, stderr: false });
    worker.stdout.resume();
    const currentInput = (): string => {
      const units = new Uint16Array(shared, SHARED_HEADER_BYTES, Atomics.load(header, 1));
      let s = '';
      for (const u of units) s += String.fromCharCode(u);
      return s;
    };
    let last: WorkerStats | undefined;
    const outcome = await new Promise<'done' | 'hang' | 'oom' | Error>((resolve) => {
      let seen = Atomics.load(header, 0);
      let still = performance.now();
      const watch = setInterval(() => {
        const now = Atomics.load(header, 0);
        if (now !== seen) {
          seen = now;
          still = performance.now();
        } else if (performance.now() - still > (o.hangMs ?? 10_000)) {
          clearInterval(watch);
          resolve('hang');
        }
      }, 250);
      worker.on('message', (m: FromWorker) => {
        if (m.type === 'finding') addFinding({ kind: m.kind, signature: m.signature, message: m.message, input: m.input });
        else if (m.type === 'corpus') {
          extraCorpus.push(m.input);
          if (outDir !== undefined) {
            mkdirSync(join(outDir, 'corpus'), { recursive: true });
            writeFileSync(join(outDir, 'corpus', createHash('sha256').update(m.input).digest('hex').slice(0, 16)), m.input);
          }
        } else {
          last = m;
          peakHeapMb = Math.max(peakHeapMb, m.heapMb);
          o.onProgress?.({ ...m, runs: total.runs + m.runs, execs: total.execs + m.execs, seconds: (performance.now() - started) / 1000 });
          if (m.type === 'done') {
            clearInterval(watch);
            resolve('done');
          }
        }
      });
      worker.on('error', (e: Error & { code?: string }) => {
        clearInterval(watch);
        resolve(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'oom' : e);
      });
      worker.on('exit', () => {
        clearInterval(watch);
        resolve(new Error('fuzz worker exited without a report'));
      });
    });
    const input = outcome === 'done' ? '' : currentInput();
    await worker.terminate();
    if (last !== undefined) {
      total.runs += last.runs;
      total.execs += last.execs;
      total.corpus = last.corpus;
      total.coveredChars = last.coveredChars;
      total.functions = last.functions;
    }
    if (outcome === 'done') break;
    if (outcome instanceof Error) {
      // An error that escaped the worker's loop (an unhandled rejection, say) while this input ran.
      addFinding({ kind: 'crash', signature: `worker|${outcome.message.slice(0, 80)}`, message: `${outcome.message}\n${outcome.stack ?? ''}`, input });
    } else {
      poison.push(input);
      // One finding per kind: the watchdog sees the input, not where it looped or allocated.
      addFinding({ kind: outcome === 'hang' ? 'hang' : 'out-of-memory', signature: outcome, message: outcome === 'hang' ? `no progress for ${o.hangMs ?? 10_000} ms` : `worker exceeded its ${o.heapMb ?? 512} MB heap`, input });
    }
    restarts++;
    // Count the input that hung as run, so that a target that always hangs still ends.
    total.runs += 1;
  }
  const seconds = (performance.now() - started) / 1000;
  return { target: o.target, seed, ...total, seconds, inputsPerS: total.runs / seconds, findings: found.length, found, restarts, peakHeapMb };
}
