import type { CompiledAgreement } from '../core/agreement/compiled-agreement.js';
import type { Alert } from '../core/alert/alert.js';
import { TruceEngine, type EngineCounters } from '../core/detect/engine.js';
import type { LandMask } from '../core/geo/land-mask.js';
import { compareEvents, eventRank, type EngineEvent } from '../core/track/observation.js';
import { ReorderBuffer } from '../core/time/reorder-buffer.js';
import type { PlaceAreas, PlaceLookup } from '../core/geo/place-gazetteer.js';
import { decoderSink, type DecoderExtras, type EventDecoder, type InputFormat } from './event-decoder.js';
import { fullySortedEvents } from './sorted-input.js';

/** One recorded input: its name, its format, and its lines. */
export interface CheckInput {
  name: string;
  format: InputFormat;
  lines: AsyncIterable<string[]>;
  /** Reads the input again from its start (a file; not stdin): what lets `runCheck` sort an input found out of time order. */
  reopen?: () => Promise<AsyncIterable<string[]>>;
  /** Times for lines that carry none (see `EventSink.assumedClock`); alerts about entities seen through it say `timesAssumed`. */
  assumedClock?: { startMs: number; linesPerS: number };
}

export interface CheckInputReport {
  name: string;
  format: string;
  lines: number;
  rejected: Record<string, number>;
  /** Events dropped for arriving behind the allowance (only when the input could not be sorted). */
  late: number;
  /** The input was not in time order within the allowance, and was sorted in full. */
  sorted: boolean;
  /** Records merged as duplicates of one read before (report formats: the same id and content). */
  duplicates: number;
}

export interface CheckResult {
  /** Alerts ordered by start time, then id. */
  alerts: Alert[];
  inputs: CheckInputReport[];
  engine: EngineCounters;
  /** Coverage outages: stretches of total silence after busy traffic (`Outages`), [fromMs, toMs]. */
  outages: [number, number][];
}

export interface CheckOptions {
  landMask?: LandMask;
  /** Out-of-order allowance per input, ms: lines may arrive this much out of time order (two receivers, jitter). */
  allowanceMs?: number;
  /** Sees every event as the engine gets it, with the index of its input (a report's coverage counts them). */
  onEvent?: (e: EngineEvent, input: number) => void;
  /** The run starts again (an input was found out of order and is now sorted): forget the events `onEvent` saw (and the rejections `onReject` saw). */
  onRestart?: () => void;
  /** Place names and areas for reports located by name (the shipped names, without areas, when absent). */
  places?: PlaceLookup & PlaceAreas;
  /** Every rejected line or record, with the index of its input and its line number. */
  onReject?: (input: number, line: number, reason: string, detail: string, text: string) => void;
}

/**
 * Runs an agreement's detectors over recorded inputs (SPEC `vigil check`). Each input's events
 * pass a reorder buffer (the same bounded allowance as live feeds); the sorted streams are
 * merged in the total event order as they are read (memory stays bounded by one allowance
 * window per input), and the engine sees one time-ordered sequence — so a mixed run gives
 * the same alerts as separate runs merged, and shuffling within the allowance changes nothing.
 *
 * A recording is often ordered otherwise (by aircraft, say). When an input has an event
 * behind its allowance and every input can be read again, the run starts over with that
 * input sorted in full (`fullySortedEvents`: external merge sort in bounded memory), so the
 * alerts do not depend on the order of a file's records; its report says `sorted`. An input
 * that cannot be read again (stdin) keeps the allowance, and its late events are counted.
 */
export async function runCheck(agreement: CompiledAgreement, inputs: readonly CheckInput[], options: CheckOptions = {}): Promise<CheckResult> {
  const canSort = inputs.every((i) => i.reopen !== undefined);
  const sorted = new Set<number>();
  for (let pass = 0; ; pass++) {
    const lines = pass === 0 ? inputs.map((i) => i.lines) : await Promise.all(inputs.map((i) => i.reopen!()));
    const r = await runPass(agreement, inputs, lines, sorted, canSort, options);
    if ('alerts' in r) return r;
    sorted.add(r.outOfOrder);
    options.onRestart?.();
  }
}

/** One pass; with `stopOnLate`, stops at the first late event and names its input. */
async function runPass(agreement: CompiledAgreement, inputs: readonly CheckInput[], lines: readonly AsyncIterable<string[]>[], sorted: ReadonlySet<number>, stopOnLate: boolean, options: CheckOptions): Promise<CheckResult | { outOfOrder: number }> {
  const allowanceMs = options.allowanceMs ?? 60_000;
  const report: CheckInputReport[] = inputs.map((i, k) => ({ name: i.name, format: i.format.name, lines: 0, rejected: {}, late: 0, sorted: sorted.has(k), duplicates: 0 }));
  const extrasOf = (input: CheckInput, k: number): DecoderExtras => ({
    ...(input.assumedClock !== undefined ? { assumedClock: input.assumedClock } : {}),
    ...(options.places !== undefined ? { places: options.places } : {}),
    ...(options.onReject !== undefined ? { onReject: (line: number, reason: string, detail: string, text: string) => options.onReject!(k, line, reason, detail, text) } : {}),
  });
  const sources = inputs.map((input, k) => ({
    it: (sorted.has(k) ? fullySortedEvents(input.format, lines[k]!, report[k]!, extrasOf(input, k)) : timeOrderedEvents(input.format, lines[k]!, allowanceMs, report[k]!, extrasOf(input, k)))[Symbol.asyncIterator](),
    buf: [] as EngineEvent[], pos: 0, done: false, k,
  }));
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
  const late = (): number => (stopOnLate ? report.findIndex((r) => r.late > 0) : -1);
  const stop = async (): Promise<{ outOfOrder: number }> => {
    for (const src of sources) await src.it.return?.(undefined);
    return { outOfOrder: late() };
  };
  for (const src of sources) await fill(src);
  if (late() >= 0) return stop();
  const alerts: Alert[] = [];
  // Entities seen through an assumed clock: their alerts' times are assumed too.
  const assumedEntities = new Set<string>();
  const clocked = inputs.map((i) => i.assumedClock !== undefined);
  const anyClocked = clocked.includes(true);
  const engine = new TruceEngine(agreement, { opened: (a) => alerts.push(a), closed: () => {} }, { ...(options.landMask ? { landMask: options.landMask } : {}), ...(options.places ? { places: options.places } : {}) });
  for (;;) {
    // k-way merge; on a tie the earlier input goes first (as a stable sort of them all would).
    let best: (typeof sources)[number] | undefined;
    for (const src of sources) {
      if (src.pos < src.buf.length && (best === undefined || compareEvents(src.buf[src.pos]!, best.buf[best.pos]!) < 0)) best = src;
    }
    if (best === undefined) break;
    const e = best.buf[best.pos++]!;
    if (anyClocked && clocked[best.k] === true) assumedEntities.add(e.entityId);
    options.onEvent?.(e, best.k);
    engine.push(e);
    if (best.pos >= best.buf.length) {
      await fill(best);
      // Lateness shows once a batch is read: checked then, not per event.
      if (late() >= 0) return stop();
    }
  }
  engine.finish();
  for (const a of alerts) if (assumedEntities.has(a.entity.id) || (a.other !== undefined && assumedEntities.has(a.other.id))) a.evidence['timesAssumed'] = true;
  alerts.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { alerts, inputs: report, engine: engine.counters, outages: engine.outages.list() };
}

/** One input's events in event order through the allowance's reorder buffer, in batches as its lines are read; `stats.late` is kept current. */
async function* timeOrderedEvents(format: InputFormat, lines: AsyncIterable<string[]>, allowanceMs: number, stats: CheckInputReport, extras: DecoderExtras): AsyncGenerator<EngineEvent[]> {
  const buffer = new ReorderBuffer<EngineEvent>(allowanceMs, compareEvents, eventRank);
  let out: EngineEvent[] = [];
  const push = (e: EngineEvent): void => { out.push(e); };
  const decoder: EventDecoder = format.create(decoderSink((e) => buffer.push(e, push), extras, () => decoder.stats().lines));
  for await (const batch of lines) {
    for (const line of batch) decoder.push(line);
    stats.late = buffer.late;
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
  stats.duplicates = s.duplicates ?? 0;
  stats.late = buffer.late;
}
