import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alertToJson } from '../../src/core/alert/alert.js';
import { INJECTABLE_TYPES } from '../../src/sim/violations.js';
import { matchTruth, runScenario } from '../helpers/scenario.js';

// One 4-hour Black Sea scenario per rule type: 50 background ships with receiver artefacts,
// one scripted violation (the positive case, with its ground truth) and its near-misses
// (wrong party, wrong category, below the threshold — negative cases that must stay silent).
for (const type of INJECTABLE_TYPES) {
  test(`${type}: the violation raises exactly the true alert and the near-misses raise none`, async () => {
    const sc = await runScenario({ artefacts: { duplicate: 0.05, outOfOrder: 0.01, corrupt: 0.002, truncate: 0.002 } }, { types: [type] });
    assert.equal(sc.truth.length, 1, 'one injected violation');
    const { missed, unexpected } = matchTruth(sc.result.alerts, sc.truth);
    assert.deepEqual(missed, [], `missed: ${JSON.stringify(missed)}\nalerts: ${sc.result.alerts.map(alertToJson).join('\n')}`);
    assert.deepEqual(unexpected.map(alertToJson), []);
  });
}

test('hours of background traffic with receiver artefacts raise no alert at all', async () => {
  const sc = await runScenario({ seed: 99, durationMs: 6 * 3600_000, classA: 80, classB: 20, artefacts: { duplicate: 0.08, outOfOrder: 0.02, corrupt: 0.005, truncate: 0.005 } }, null);
  assert.ok(sc.result.engine.fixes > 100_000, `${sc.result.engine.fixes} fixes`);
  assert.ok((sc.result.inputs[0]!.rejected['bad-checksum'] ?? 0) > 0, 'corrupted lines were rejected');
  assert.deepEqual(sc.result.alerts.map(alertToJson), []);
});

test('a warship known only by its type 5 raises no-entry from a feed that stamps only first parts', async () => {
  // The injected RU warship is not in the registry: only its type 5 (ship type 35) makes it
  // military, and the near-miss RU cargo ship (type 70) must stay silent.
  for (const framing of ['first-part', 'groups-first-part'] as const) {
    const sc = await runScenario({ framing, artefacts: { duplicate: 0.05, outOfOrder: 0.01 } }, { types: ['no-entry'] });
    assert.ok(sc.lines.some((l) => l.startsWith('!AIVDM,2,2,')), 'second parts carry no tag block');
    const { missed, unexpected } = matchTruth(sc.result.alerts, sc.truth);
    assert.deepEqual(missed, [], `${framing}: missed ${JSON.stringify(missed)}`);
    assert.deepEqual(unexpected.map(alertToJson), [], framing);
    assert.equal(sc.result.inputs[0]!.rejected['orphan-fragment'] ?? 0, 0, framing);
  }
});
