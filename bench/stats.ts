/** Median of a sample. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Runs `fn` `warmup` times unmeasured (the optimising compiler is still at work on the first
 * runs of an in-process benchmark), then `runs` times, and returns the median wall time in ms.
 */
export async function timeMedian(runs: number, fn: () => unknown, warmup = 0): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

export const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
