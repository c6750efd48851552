import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/** One sample of a mirrored metric: its label values and its value. */
export type Sample<L extends string> = readonly [labels: Partial<Record<L, string>>, value: number];

/** A metrics registry for one Vigil process, with prom-client's process metrics (`vigil_process_*` CPU and memory, `vigil_nodejs_*` event-loop lag, heap). */
export function processRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'vigil_' });
  return registry;
}

/**
 * A counter whose value is read, at scrape time, from a counter the process keeps anyway (a
 * feed's line count, a worker's events): Prometheus sees the very number `/api/feeds` or the
 * process summary shows, never a second tally that could disagree. `read` returns the totals.
 */
export function mirrorCounter<L extends string>(registry: Registry, name: string, help: string, labelNames: readonly L[], read: () => Iterable<Sample<L>> | Promise<Iterable<Sample<L>>>): Counter<L> {
  return new Counter<L>({
    name, help, labelNames, registers: [registry],
    async collect() {
      this.reset();
      for (const [labels, value] of await read()) if (Number.isFinite(value) && value >= 0) this.inc(labels, value);
    },
  });
}

/** A gauge read at scrape time (queue depths, ages, states); `read` may be async (a store query). */
export function mirrorGauge<L extends string>(registry: Registry, name: string, help: string, labelNames: readonly L[], read: () => Iterable<Sample<L>> | Promise<Iterable<Sample<L>>>): Gauge<L> {
  return new Gauge<L>({
    name, help, labelNames, registers: [registry],
    async collect() {
      this.reset();
      for (const [labels, value] of await read()) if (Number.isFinite(value)) this.set(labels, value);
    },
  });
}

/** Per-reason samples of a `{ reason: count }` record, with extra labels (the feed). */
export function byReason<L extends string>(extra: Partial<Record<L, string>>, counts: Readonly<Record<string, number>>): Sample<L | 'reason'>[] {
  return Object.entries(counts).map(([reason, n]) => [{ ...extra, reason } as Partial<Record<L | 'reason', string>>, n]);
}

/** Seconds from `thenMs` to `nowMs`, or NaN (no sample) when there is no `thenMs`. */
export function ageSeconds(nowMs: number, thenMs: number | null | undefined): number {
  return thenMs === null || thenMs === undefined || !Number.isFinite(thenMs) ? NaN : (nowMs - thenMs) / 1000;
}
