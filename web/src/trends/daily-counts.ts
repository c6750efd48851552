/** One day in ms. */
export const DAY_MS = 86_400_000;

/** Counts per UTC day and per key, ready for uPlot (x in seconds). */
export interface DailySeries {
  /** Start of each UTC day, Unix seconds (uPlot's time unit). */
  days: number[];
  /** Key → count per day, aligned with `days`. */
  series: Map<string, number[]>;
}

/**
 * Counts items per UTC day over the last `dayCount` days (today included), grouped by
 * `keyOf`; items outside the window or with no time are skipped. With `amountOf`, sums that
 * amount per item instead of counting 1 (weapons per report, say); a key whose amount is
 * undefined for an item gets nothing from it.
 * @example dailyCounts([{ t: Date.UTC(2026, 2, 25, 10) }], (x) => x.t, () => 'all', 2, Date.UTC(2026, 2, 25, 12)).series.get('all') // [0, 1]
 */
export function dailyCounts<T>(items: readonly T[], timeOf: (x: T) => number, keyOf: (x: T) => string, dayCount: number, nowMs: number, amountOf?: (x: T, key: string) => number | undefined): DailySeries {
  const today = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const first = today - (dayCount - 1) * DAY_MS;
  const days = Array.from({ length: dayCount }, (_, i) => (first + i * DAY_MS) / 1000);
  const series = new Map<string, number[]>();
  for (const x of items) {
    const t = timeOf(x);
    if (!Number.isFinite(t)) continue;
    const i = Math.floor((t - first) / DAY_MS);
    if (i < 0 || i >= dayCount) continue;
    const key = keyOf(x);
    const amount = amountOf === undefined ? 1 : amountOf(x, key);
    if (amount === undefined) continue;
    let row = series.get(key);
    if (row === undefined) series.set(key, (row = new Array<number>(dayCount).fill(0)));
    row[i]! += amount;
  }
  return { days, series: new Map([...series.entries()].sort((a, b) => a[0].localeCompare(b[0]))) };
}
