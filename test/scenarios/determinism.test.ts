import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alertToJson } from '../../src/core/alert/alert.js';
import { AIS_FORMAT } from '../../src/pipeline/ais-format.js';
import { runCheck } from '../../src/pipeline/run-check.js';
import { landMaskFor } from '../../src/geo-data/land-for-agreement.js';
import { mulberry32 } from '../../src/sim/prng.js';
import { demoAgreement, runScenario } from '../helpers/scenario.js';

async function check(lines: string[]): Promise<string> {
  const agreement = demoAgreement();
  const r = await runCheck(agreement, [{ name: 'x', format: AIS_FORMAT, lines: (async function* () { yield lines; })() }], { landMask: landMaskFor(agreement) });
  return r.alerts.map(alertToJson).join('\n');
}

/** Moves each line by a few positions, never by more than `window` lines (mulberry32-seeded). */
function shuffleLocally(lines: string[], window: number, seed: number): string[] {
  const rnd = mulberry32(seed);
  const out = [...lines];
  for (let i = 0; i + 1 < out.length; i++) {
    const j = Math.min(out.length - 1, i + Math.floor(rnd() * window));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

test('two runs over the same input give byte-identical alerts', async () => {
  const sc = await runScenario({}, {});
  const a = await check(sc.lines);
  const b = await check(sc.lines);
  assert.ok(a.length > 0 && a.split('\n').length >= 6);
  assert.equal(a, b);
});

test('shuffling lines within the out-of-order allowance changes nothing', async () => {
  const sc = await runScenario({}, {});
  // ~5 lines/s in this scenario: a window of 20 lines is a few seconds, well inside the 60 s allowance.
  const base = await check(sc.lines);
  for (const seed of [1, 2]) assert.equal(await check(shuffleLocally(sc.lines, 20, seed)), base);
});
