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
 */
export function tuneRuntime(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
}
