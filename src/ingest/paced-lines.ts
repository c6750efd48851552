import { abortableSleep } from './abortable-sleep.js';

/** Lines a paced batch holds at most (lines already due come at once, in batches of this size). */
const MAX_BATCH = 5000;

/**
 * Paces timed lines to the wall clock: lines whose time (shifted by `offsetMs`, sped up by
 * `speed`) is already past come at once in batches; later ones are waited for. Used to
 * replay a recording or the simulator as if live.
 */
export async function* pacedLines(
  source: Iterable<{ timeMs: number; line: string }>, signal: AbortSignal, opts: { speed?: number; originMs?: number } = {},
): AsyncGenerator<string[]> {
  for await (const batch of pacedBatches(source, signal, opts)) yield batch.map((l) => l.line);
}

/**
 * `pacedLines` for any timed items, yielding the items. Items for which `unpaced` is true come
 * at once, before pacing starts (a resumed replay catching up to where it had been); the
 * pacing origin is the first paced item.
 */
export async function* pacedBatches<T extends { timeMs: number }>(
  source: Iterable<T>, signal: AbortSignal, opts: { speed?: number; originMs?: number; unpaced?: (item: T) => boolean } = {},
): AsyncGenerator<T[]> {
  const speed = opts.speed ?? 1;
  let wallStart = Date.now();
  let origin = opts.originMs;
  let catchingUp = opts.unpaced !== undefined;
  let batch: T[] = [];
  for (const item of source) {
    if (signal.aborted) return;
    if (catchingUp) {
      if (opts.unpaced!(item)) {
        batch.push(item);
        if (batch.length >= MAX_BATCH) {
          yield batch;
          batch = [];
        }
        continue;
      }
      catchingUp = false;
      wallStart = Date.now();
    }
    const { timeMs } = item;
    origin ??= timeMs;
    const dueWall = wallStart + (timeMs - origin) / speed;
    const wait = dueWall - Date.now();
    if (wait > 0 || batch.length >= MAX_BATCH) {
      if (batch.length > 0) {
        yield batch;
        batch = [];
      }
      if (wait > 0) await abortableSleep(Math.min(wait, 1000), signal);
      if (Date.now() < dueWall) {
        // still early (slept at most 1 s so the abort signal stays responsive)
        while (Date.now() < dueWall && !signal.aborted) await abortableSleep(Math.min(dueWall - Date.now(), 1000), signal);
      }
    }
    batch.push(item);
  }
  if (batch.length > 0) yield batch;
}
