import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { benchApiLoad } from './api-load.bench.js';
import { benchDecode } from './decode.bench.js';
import { benchProcess } from './process.bench.js';
import { benchPipeline } from './pipeline.bench.js';
import { benchRender } from './render.bench.js';
import { benchScaleOut } from './scale-out.bench.js';
import { benchReport } from './report.bench.js';
import { tuneRuntime } from '../src/config/runtime-tuning.js';

const BENCHMARKS: Record<string, () => Promise<unknown>> = { process: () => benchProcess(), decode: () => benchDecode(), pipeline: () => benchPipeline(), render: () => benchRender(), report: () => benchReport(), 'api-load': () => benchApiLoad(), 'scale-out': () => benchScaleOut() };

/**
 * `npm run bench`: every benchmark, each measured against its baseline in the same run.
 * Each benchmark runs in its own process (`node run.js NAME`), as the pipeline runs in
 * `vigil serve`: what one benchmark teaches the optimising compiler (the decoder fed another
 * kind of sink, say) must not slow or speed up the next.
 */
const name = process.argv[2];
if (name !== undefined) {
  const bench = BENCHMARKS[name];
  if (bench === undefined) throw new Error(`no benchmark "${name}" (${Object.keys(BENCHMARKS).join(', ')})`);
  tuneRuntime();
  console.log(JSON.stringify(await bench()));
} else {
  const results: Record<string, unknown> = {};
  for (const each of Object.keys(BENCHMARKS)) {
    const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), each], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
    const lines = run.stdout.trimEnd().split('\n');
    for (const line of lines.slice(0, -1)) console.log(line);
    if (run.status !== 0) throw new Error(`benchmark ${each} failed (exit ${run.status})`);
    results[each] = JSON.parse(lines.at(-1)!);
  }
  console.log(JSON.stringify(results));
}
