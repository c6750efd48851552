import { abortableSleep } from './abortable-sleep.js';

/**
 * Paces timed lines to the wall clock: lines whose time (shifted by `offsetMs`, sped up by
 * `speed`) is already past come at once in batches; later ones are waited for. Used to
 * replay a recording or the simulator as if live.
 */
export async function* pacedLines(
  source: Iterable<{ timeMs: number; line: string }>, signal: AbortSignal, opts: { speed?: number; originMs?: number } = {},
): AsyncGenerator<string[]> {
  const speed = opts.speed ?? 1;
  const wallStart = Date.now();
  let origin = opts.originMs;
  let batch: string[] = [];
  for (const { timeMs, line } of source) {
    if (signal.aborted) return;
    origin ??= timeMs;
    const dueWall = wallStart + (timeMs - origin) / speed;
    const wait = dueWall - Date.now();
    if (wait > 0 || batch.length >= 5000) {
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
    batch.push(line);
  }
  if (batch.length > 0) yield batch;
}
