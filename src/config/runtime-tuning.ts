import { setFlagsFromString } from 'node:v8';

/**
 * V8 settings for the event pipeline; call once at process start (the CLI and the
 * benchmarks do).
 *
 * Allocation-site pretenuring is off. V8 decides to allocate a site's objects straight in the
 * old generation from a small sample taken before the code is optimised; the pipeline's
 * events, held a few seconds of event time in the reorder buffer, look long-lived in that
 * sample, so every event of the stream ended up in the old generation, the heap grew by
 * ~14 MB per scavenge until a full collection, and the pipeline ran ~20 % slower
 * (bench/pipeline.bench.ts; `node --trace-pretenuring` shows the decision). Events die young:
 * the young generation is where they belong.
 *
 * The optimising compiler may inline more: up to 2,000 bytes of bytecode per callee and 6,000
 * per function (V8's defaults: 460 and 920). The hot path is a chain of calls — line framing,
 * payload fields, event, reorder buffer, engine, detectors — each too big to be inlined into
 * its caller under the defaults, so numbers were boxed at every step; with the larger budget
 * the pipeline runs ~9 % faster (medians of 7 alternated runs: 1,047 → 959 and 1,010 →
 * 927 ms per 1M lines). The cost is compile time and code size, paid once per process.
 *
 * The old generation may grow by at most 100 % between full collections (V8 lets a heap that
 * grows fast grow by up to 400 %). The events the reorder buffer holds for its allowance
 * outlive a scavenge and are promoted, then die within a minute of event time; with the
 * default growth the old generation filled to ~275 MB of such dead events before a full
 * collection. Measured on `vigil check` over the 1M-line plain corpus (bench/process.bench.ts),
 * medians of 5 alternated runs: peak RSS 375 → 204 MB, time 4.57 → 4.64 s (within noise).
 */
export function tuneRuntime(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
  setFlagsFromString('--max-inlined-bytecode-size=2000');
  setFlagsFromString('--max-inlined-bytecode-size-cumulative=6000');
  setFlagsFromString('--heap-growing-percent=100');
}
