/**
 * The fuzzing loop of one target, in a worker thread (so that the main thread can stop it
 * when an input hangs or exhausts the heap): pick a corpus entry, run a batch of its
 * mutants, take V8's block coverage; when the batch covered something new, bisect it to
 * the inputs that did and add them to the corpus. Before each input its text goes into the
 * shared buffer, so a hang or a crash of the whole worker still names the input.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { BlockCoverage } from './coverage.js';
import { fixNmeaChecksums, MAX_INPUT_CHARS, Mutator } from './mutate.js';
import { OracleViolation } from './oracles.js';
import { CORPUS_DIR, targetByName, type RunInput } from './targets.js';
import type { FromWorker, WorkerOptions } from './protocol.js';
import { SHARED_HEADER_BYTES } from './protocol.js';

const options = workerData as WorkerOptions;
const target = targetByName(options.target);
if (target === undefined) throw new Error(`no fuzz target "${options.target}"`);
const header = new Int32Array(options.shared, 0, SHARED_HEADER_BYTES / 4);
const text = new Uint16Array(options.shared, SHARED_HEADER_BYTES);
const post = (m: FromWorker): void => parentPort!.postMessage(m);

/** Puts the input about to run into the shared buffer (header[0] counts inputs, header[1] is the length). */
function share(input: string): void {
  const n = Math.min(input.length, text.length);
  for (let i = 0; i < n; i++) text[i] = input.charCodeAt(i);
  Atomics.store(header, 1, n);
  Atomics.add(header, 0, 1);
}

function seedCorpus(): string[] {
  const dir = join(CORPUS_DIR, target!.name);
  const files = readdirSync(dir).filter((f) => !f.startsWith('.')).sort();
  if (files.length === 0) throw new Error(`empty seed corpus ${dir}`);
  const poison = new Set(options.poison);
  return files.map((f) => readFileSync(join(dir, f), 'utf8')).concat(options.extraCorpus).filter((s) => !poison.has(s));
}

const { run, close } = await target.open();
const corpus = seedCorpus();
if (corpus.length === 0) throw new Error(`every seed of ${target.name} hangs or exhausts the heap`);
const coverage = new BlockCoverage((url) => url.startsWith('file://') && !url.includes('/bench/fuzz/') && !url.includes('/test/helpers/'));
const mutator = new Mutator(options.seed, target.dictionary);
const started = performance.now();
const deadline = options.timeMs > 0 ? started + options.timeMs : Infinity;
let runs = 0;
let execs = 0;
let findings = 0;
let lastProgress = started;
const reported = new Set<string>();

/** Runs one input with the oracles and the time limit; a finding is posted, not thrown. */
async function execute(fn: RunInput, input: string, timed = true): Promise<void> {
  share(input);
  execs++;
  const t0 = performance.now();
  try {
    const r = fn(input);
    if (r !== undefined) await r;
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    report(err instanceof OracleViolation ? 'oracle' : 'crash', err, input);
  }
  const ms = performance.now() - t0;
  if (timed && ms > options.perInputMs) report('slow', new Error(`input took ${ms.toFixed(0)} ms (limit ${options.perInputMs} ms)`), input);
}

function report(kind: 'crash' | 'oracle' | 'slow', err: Error, input: string): void {
  const frames = (err.stack ?? '').split('\n').filter((l) => l.trimStart().startsWith('at '));
  // One finding per place: an oracle by the check that failed (the caller of `check`), a crash by its message and the innermost frame of our code.
  const where = err instanceof OracleViolation ? (frames[1] ?? '') : `${err.message.split('\n')[0]!.replace(/\d+/g, 'N').replace(/"[^"]*"/g, '""').slice(0, 80)} ${frames.find((l) => l.includes('/src/')) ?? frames[0] ?? ''}`;
  const signature = `${kind}|${where.trim().replace(/^at /, '')}`;
  if (reported.has(signature)) return;
  reported.add(signature);
  findings++;
  post({ type: 'finding', kind, signature, message: `${err.name}: ${err.message}\n${err.stack ?? ''}`.slice(0, 4000), input });
}

/** Runs inputs until the deadline; returns how many ran. */
async function runAll(inputs: readonly string[]): Promise<number> {
  let n = 0;
  for (const i of inputs) {
    if (performance.now() > deadline) break;
    await execute(run, i);
    n++;
  }
  return n;
}

/** Finds the inputs of a batch that cover something new (run again by halves), and keeps them. */
async function bisect(inputs: string[]): Promise<void> {
  await runAll(inputs);
  const take = await coverage.take();
  if (coverage.countNew(take) === 0) return;
  if (inputs.length === 1) {
    coverage.commit(take);
    corpus.push(inputs[0]!);
    post({ type: 'corpus', input: inputs[0]! });
    return;
  }
  const mid = inputs.length >> 1;
  await bisect(inputs.slice(0, mid));
  await bisect(inputs.slice(mid));
}

function progress(final: boolean): void {
  const now = performance.now();
  if (!final && now - lastProgress < 1000) return;
  lastProgress = now;
  post({ type: final ? 'done' : 'progress', runs, execs, corpus: corpus.length, coveredChars: coverage.covered, functions: coverage.functions, seconds: (now - started) / 1000, heapMb: getHeapStatistics().used_heap_size / 2 ** 20, findings });
}

await coverage.start();
// The seeds: they must pass the oracles too, and they are the coverage to beat. Their time is
// not judged: the first request to an API route costs up to a second and a half of one-time
// compilation (measured on GET /api/audit: 950 ms cold, 10 ms after).
for (const s of corpus) await execute(run, s, false);
coverage.commit(await coverage.take());
progress(false);

const newest = 16;
/** Running means of one input's and one coverage take's time, ms (they size the batches). */
let inputMs = 0.05;
let takeMs = 5;
while (runs < options.runs && performance.now() < deadline) {
  // A batch long enough that the coverage take costs about 5 % of it, at most `batch` mutants.
  const batchSize = Math.max(10, Math.min(options.batch, Math.ceil((20 * takeMs) / Math.max(inputMs, 1e-3))));
  const parent = mutator.chance(0.5) || corpus.length <= newest ? mutator.pick(corpus) : corpus[corpus.length - 1 - mutator.int(newest)]!;
  const other = mutator.pick(corpus);
  const n = Math.min(batchSize, options.runs - runs);
  const batch: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    let m = mutator.mutate(parent, other);
    if (target.fixChecksums !== undefined && mutator.chance(target.fixChecksums)) m = fixNmeaChecksums(m);
    batch[i] = m.length > MAX_INPUT_CHARS ? m.slice(0, MAX_INPUT_CHARS) : m;
  }
  const t0 = performance.now();
  const ran = await runAll(batch);
  const t1 = performance.now();
  runs += ran;
  const take = await coverage.take();
  const t2 = performance.now();
  if (ran > 0) inputMs = 0.8 * inputMs + 0.2 * ((t1 - t0) / ran);
  takeMs = 0.8 * takeMs + 0.2 * (t2 - t1);
  if (ran > 0 && coverage.countNew(take) > 0) {
    const done = batch.slice(0, ran);
    if (ran === 1) await bisect(done);
    else {
      await bisect(done.slice(0, ran >> 1));
      await bisect(done.slice(ran >> 1));
    }
  }
  progress(false);
}
await coverage.stop();
await close();
progress(true);
