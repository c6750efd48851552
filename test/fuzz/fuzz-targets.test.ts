/**
 * A short seeded fuzz run of every parser over the committed seed corpus
 * (`bench/fuzz/corpus/`): each target runs its seeds and then mutants under V8 coverage
 * feedback (the same engine as `npm run fuzz`), with the oracles of `bench/fuzz/oracles.ts`.
 * Any crash, oracle violation, slow input, hang or heap exhaustion fails the test and names
 * the input. Budget: at most RUNS inputs or SECONDS per target, whichever comes first (a
 * loaded CI machine runs fewer inputs, never longer).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzzTarget } from '../../bench/fuzz/engine.js';
import { TARGETS } from '../../bench/fuzz/targets.js';

const RUNS: Record<string, number> = { agreement: 1500, api: 600 };
const DEFAULT_RUNS = 4000;
const SECONDS = 3;

for (const t of TARGETS) {
  test(`fuzzing ${t.name} (${t.summary}) with seed 1 finds nothing`, async () => {
    const r = await fuzzTarget({ target: t.name, runs: RUNS[t.name] ?? DEFAULT_RUNS, timeS: SECONDS, seed: 1, batch: 100, perInputMs: 2000, hangMs: 10_000 });
    assert.ok(r.runs > 0, 'no input ran');
    assert.deepEqual(r.found.map((f) => `${f.kind}: ${f.message.split('\n')[0]}\ninput: ${JSON.stringify(f.input.slice(0, 300))}`), []);
  });
}
