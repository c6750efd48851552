import type { CompiledAgreement } from '../core/agreement/compiled-agreement.js';
import type { Alert } from '../core/alert/alert.js';
import { TruceEngine, type EngineCounters } from '../core/detect/engine.js';
import type { LandMask } from '../core/geo/land-mask.js';
import { compareEvents, eventRank, type EngineEvent } from '../core/track/observation.js';
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
  /** Sees every event as the engine gets it, with the index of its input (a report's coverage counts them). */
  onEvent?: (e: EngineEvent, input: number) => void;
}

/**
 * Runs an agreement's detectors over recorded inputs (SPEC `vigil check`). Each input's events
 * pass a reorder buffer (the same bounded allowance as live feeds); the sorted streams are
 * merged in the total event order as they are read (memory stays bounded by one allowance
 * window per input), and the engine sees one time-ordered sequence — so a mixed run gives
 * the same alerts as separate runs merged, and shuffling within the allowance changes nothing.
 */
export async function runCheck(agreement: CompiledAgreement, inputs: readonly CheckInput[], options: CheckOptions = {}): Promise<CheckResult> {
  const allowanceMs = options.allowanceMs ?? 60_000;
  const report: CheckResult['inputs'] = inputs.map((i) => ({ name: i.name, format: i.format.name, lines: 0, rejected: {}, late: 0 }));
  const sources = inputs.map((input, k) => ({ it: sortedEvents(input, allowanceMs, report[k]!)[Symbol.asyncIterator](), buf: [] as EngineEvent[], pos: 0, done: false }));
  const fill = async (src: (typeof sources)[number]): Promise<void> => {
    while (src.pos >= src.buf.length && !src.done) {
      const r = await src.it.next();
      if (r.done === true) src.done = true;
      else {
        src.buf = r.value;
        src.pos = 0;
      }
    }
  };
  for (const src of sources) await fill(src);
  const alerts: Alert[] = [];
  const engine = new TruceEngine(agreement, { opened: (a) => alerts.push(a), closed: () => {} }, options.landMask ? { landMask: options.landMask } : {});
  for (;;) {
    // k-way merge; on a tie the earlier input goes first (as a stable sort of them all would).
    let best: (typeof sources)[number] | undefined;
    for (const src of sources) {
      if (src.pos < src.buf.length && (best === undefined || compareEvents(src.buf[src.pos]!, best.buf[best.pos]!) < 0)) best = src;
    }
    if (best === undefined) break;
    const e = best.buf[best.pos++]!;
    options.onEvent?.(e, sources.indexOf(best));
    engine.push(e);
    if (best.pos >= best.buf.length) await fill(best);
  }
  engine.finish();
  alerts.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { alerts, inputs: report, engine: engine.counters };
}

/** One input's events in event order, in batches as its lines are read; fills `stats` at the end. */
async function* sortedEvents(input: CheckInput, allowanceMs: number, stats: CheckResult['inputs'][number]): AsyncGenerator<EngineEvent[]> {
  const buffer = new ReorderBuffer<EngineEvent>(allowanceMs, compareEvents, eventRank);
  let out: EngineEvent[] = [];
  const push = (e: EngineEvent): void => { out.push(e); };
  const decoder = input.format.create({ event: (e) => buffer.push(e, push), reject: () => {} });
  for await (const batch of input.lines) {
    for (const line of batch) decoder.push(line);
    if (out.length > 0) {
      yield out;
      out = [];
    }
  }
  decoder.flush();
  buffer.drain(push);
  if (out.length > 0) yield out;
  const s = decoder.stats();
  stats.lines = s.lines;
  stats.rejected = s.rejected;
  stats.late = buffer.late;
}
