import type { CompiledAgreement } from '../core/agreement/compiled-agreement.js';
import type { Alert } from '../core/alert/alert.js';
import { TruceEngine, type EngineCounters } from '../core/detect/engine.js';
import type { LandMask } from '../core/geo/land-mask.js';
import { compareEvents, type EngineEvent } from '../core/track/observation.js';
import { ReorderBuffer } from '../core/time/reorder-buffer.js';
import type { InputFormat } from './event-decoder.js';

/** One recorded input: its name, its format, and its lines. */
export interface CheckInput {
  name: string;
  format: InputFormat;
  lines: AsyncIterable<string[]>;
}

export interface CheckResult {
  /** Alerts ordered by start time, then id. */
  alerts: Alert[];
  inputs: { name: string; format: string; lines: number; rejected: Record<string, number>; late: number }[];
  engine: EngineCounters;
}

export interface CheckOptions {
  landMask?: LandMask;
  /** Out-of-order allowance per input, ms: lines may arrive this much out of time order (two receivers, jitter). */
  allowanceMs?: number;
}

/**
 * Runs an agreement's detectors over recorded inputs (SPEC `vigil check`). Each input's events
 * pass a reorder buffer (the same bounded allowance as live feeds), the sorted streams are
 * merged in the total event order, and the engine sees one time-ordered sequence — so a mixed
 * run gives the same alerts as separate runs merged, and shuffling within the allowance
 * changes nothing.
 */
export async function runCheck(agreement: CompiledAgreement, inputs: readonly CheckInput[], options: CheckOptions = {}): Promise<CheckResult> {
  const allowanceMs = options.allowanceMs ?? 60_000;
  const all: EngineEvent[] = [];
  const report: CheckResult['inputs'] = [];
  for (const input of inputs) {
    const buffer = new ReorderBuffer<EngineEvent>(allowanceMs, compareEvents);
    const push = (e: EngineEvent): void => { all.push(e); };
    const decoder = input.format.create({ event: (e) => buffer.push(e, push), reject: () => {} });
    for await (const batch of input.lines) for (const line of batch) decoder.push(line);
    decoder.flush();
    buffer.drain(push);
    const s = decoder.stats();
    report.push({ name: input.name, format: input.format.name, lines: s.lines, rejected: s.rejected, late: buffer.late });
  }
  // Each input's events are sorted already; a stable sort of the concatenation is a merge.
  all.sort(compareEvents);
  const alerts: Alert[] = [];
  const engine = new TruceEngine(agreement, { opened: (a) => alerts.push(a), closed: () => {} }, options.landMask ? { landMask: options.landMask } : {});
  for (const e of all) engine.push(e);
  engine.finish();
  alerts.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { alerts, inputs: report, engine: engine.counters };
}
