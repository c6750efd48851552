import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { compareEvents, type EngineEvent } from '../core/track/observation.js';
import { decoderSink, type DecoderExtras, type EventDecoder, type InputFormat } from './event-decoder.js';

/** Events sorted in memory at most; more are sorted in runs spilled to temporary files and merged. */
export const SORT_RUN_EVENTS = 250_000;
const BATCH = 4096;

export interface SortedStats {
  lines: number;
  rejected: Record<string, number>;
  /** Records merged as duplicates (report formats). */
  duplicates?: number;
}

/**
 * One recorded input's events in the total event order, whatever the order of its lines (a
 * recording sorted by entity, say): decoded whole, sorted in runs of `runEvents` (memory
 * stays bounded by one run), the runs spilled as JSON Lines to a temporary directory and
 * merged. Yields batches; fills `stats` at the end.
 */
export async function* fullySortedEvents(format: InputFormat, lines: AsyncIterable<string[]>, stats: SortedStats, extras: DecoderExtras = {}, runEvents = SORT_RUN_EVENTS): AsyncGenerator<EngineEvent[]> {
  let run: EngineEvent[] = [];
  const spilled: string[] = [];
  let dir: string | undefined;
  const spill = (): void => {
    run.sort(compareEvents);
    dir ??= mkdtempSync(join(tmpdir(), 'vigil-sort-'));
    const file = join(dir, `run-${spilled.length}.jsonl`);
    writeFileSync(file, run.map((e) => JSON.stringify(e)).join('\n') + '\n');
    spilled.push(file);
    run = [];
  };
  const decoder: EventDecoder = format.create(decoderSink((e) => { run.push(e); if (run.length >= runEvents) spill(); }, extras, () => decoder.stats().lines));
  try {
    for await (const batch of lines) for (const line of batch) decoder.push(line);
    decoder.flush();
    const s = decoder.stats();
    stats.lines = s.lines;
    stats.rejected = s.rejected;
    stats.duplicates = s.duplicates ?? 0;
    if (spilled.length === 0) {
      run.sort(compareEvents);
      for (let i = 0; i < run.length; i += BATCH) yield run.slice(i, i + BATCH);
      return;
    }
    if (run.length > 0) spill();
    yield* mergeRuns(spilled);
  } finally {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  }
}

/** k-way merge of sorted JSON Lines runs (k is small: a file of millions of events makes a handful). */
async function* mergeRuns(files: readonly string[]): AsyncGenerator<EngineEvent[]> {
  const readers = files.map((f) => createInterface({ input: createReadStream(f), crlfDelay: Infinity })[Symbol.asyncIterator]());
  const heads: (EngineEvent | undefined)[] = await Promise.all(readers.map(async (r) => next(r)));
  let out: EngineEvent[] = [];
  for (;;) {
    let best = -1;
    for (let k = 0; k < heads.length; k++) if (heads[k] !== undefined && (best < 0 || compareEvents(heads[k]!, heads[best]!) < 0)) best = k;
    if (best < 0) break;
    out.push(heads[best]!);
    heads[best] = await next(readers[best]!);
    if (out.length >= BATCH) {
      yield out;
      out = [];
    }
  }
  if (out.length > 0) yield out;
}

async function next(r: AsyncIterator<string>): Promise<EngineEvent | undefined> {
  for (;;) {
    const x = await r.next();
    if (x.done === true) return undefined;
    if (x.value !== '') return JSON.parse(x.value) as EngineEvent;
  }
}
