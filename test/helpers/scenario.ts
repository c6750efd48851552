import type { CompiledAgreement } from '../../src/core/agreement/compiled-agreement.js';
import type { Alert } from '../../src/core/alert/alert.js';
import { loadAgreementFile } from '../../src/config/agreement-file.js';
import { landMaskFor } from '../../src/geo-data/land-for-agreement.js';
import { AIS_FORMAT } from '../../src/pipeline/ais-format.js';
import { runCheck, type CheckResult } from '../../src/pipeline/run-check.js';
import type { Actor, GroundTruth } from '../../src/sim/actor.js';
import { collectGroundTruth } from '../../src/sim/actor.js';
import { simulate, type SimOptions } from '../../src/sim/scenario.js';
import { injectViolations, type InjectOptions } from '../../src/sim/violations.js';
import { REPO_ROOT } from './shared-data.js';

export const DEMO_AGREEMENT = `${REPO_ROOT}/examples/black-sea/agreement.yaml`;
export const START = '2026-03-25T00:00:00Z';
export const START_MS = Date.parse(START);

export function demoAgreement(): CompiledAgreement {
  const r = loadAgreementFile(DEMO_AGREEMENT);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

export interface Scenario {
  lines: string[];
  truth: GroundTruth[];
  result: CheckResult;
}

/** Simulates background traffic plus injected violations and runs `vigil check`'s pipeline on it. */
export async function runScenario(sim: Partial<SimOptions>, inject: InjectOptions | null, agreement = demoAgreement()): Promise<Scenario> {
  const mask = landMaskFor(agreement);
  const actors: Actor[] = inject === null ? [] : injectViolations(agreement, START_MS, { isSea: (lon, lat) => mask.depthInlandM(lon, lat) === 0, ...inject });
  const lines: string[] = [];
  for (const l of simulate({ seed: 11, start: START, durationMs: 4 * 3600_000, classA: 40, classB: 10, ...sim, actors })) lines.push(l.line);
  const result = await runCheck(agreement, [{ name: 'sim', format: AIS_FORMAT, lines: (async function* () { yield lines; })() }], { landMask: mask });
  return { lines, truth: collectGroundTruth(actors), result };
}

/** How far an alert's start/end may be from the truth: one reporting interval (class A at anchor: 3 min; under way: 10 s). */
export const TOLERANCE_MS: Record<string, number> = {
  'no-entry': 11_000, 'must-transmit': 11_000, 'no-loiter': 181_000, 'no-rendezvous': 11_000, 'position-integrity': 11_000, 'transit': 11_000,
};

/** Pairs truths with alerts (same rule, entity, zone; start and end within tolerance). */
export function matchTruth(alerts: readonly Alert[], truth: readonly GroundTruth[]): { missed: GroundTruth[]; unexpected: Alert[] } {
  const left = [...alerts];
  const missed: GroundTruth[] = [];
  for (const t of truth) {
    const tol = TOLERANCE_MS[t.type] ?? 11_000;
    const close = (a: string | null, b: string | null): boolean => (a === null || b === null ? a === b : Math.abs(Date.parse(a) - Date.parse(b)) <= tol);
    const i = left.findIndex((a) => a.rule === t.rule && a.entity.id === t.entity && (t.zone === undefined || a.zone === t.zone) && close(a.start, t.start) && close(a.end, t.end));
    if (i < 0) missed.push(t);
    else left.splice(i, 1);
  }
  return { missed, unexpected: left };
}
