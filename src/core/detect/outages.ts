/**
 * Coverage outages seen in the event stream: a stretch of event time in which no sensor
 * reported anything although many tracks had been reporting just before. A busy AIS feed
 * hears something every second; minutes of total silence are the receiver or its link down,
 * not a fleet going dark (the AMSA recording has a 1 h 40 min hole). Silences are measured
 * with outages taken out, so "no data" never reads as "no transmission".
 */
export class Outages {
  /** Start and end of each outage, in order. */
  private readonly spans: number[] = [];
  private lastEventMs = -Infinity;

  /**
   * @param minSilenceMs a gap between consecutive events at least this long may be an outage…
   * @param minActiveTracks …when at least this many tracks reported in the `activeWindowMs` before it
   * @param maxSpans outages remembered (the oldest are forgotten)
   */
  constructor(
    private readonly minSilenceMs = 5 * 60_000,
    private readonly minActiveTracks = 10,
    private readonly activeWindowMs = 10 * 60_000,
    private readonly maxSpans = 1024,
  ) {}

  /**
   * An event at `timeMs` (in event-time order). `activeSince(ms)` counts the tracks whose
   * last fix is at or after `ms`; it is called only when the gap is long enough.
   */
  observe(timeMs: number, activeSince: (ms: number) => number): void {
    const last = this.lastEventMs;
    if (timeMs <= last) return;
    this.lastEventMs = timeMs;
    if (timeMs - last < this.minSilenceMs || !Number.isFinite(last)) return;
    if (activeSince(last - this.activeWindowMs) < this.minActiveTracks) return;
    this.spans.push(last, timeMs);
    if (this.spans.length > 2 * this.maxSpans) this.spans.splice(0, 2);
  }

  /** Time from `fromMs` to `toMs` outside outages. */
  silentMs(fromMs: number, toMs: number): number {
    let total = toMs - fromMs;
    const s = this.spans;
    for (let i = s.length - 2; i >= 0; i -= 2) {
      const end = s[i + 1]!;
      if (end <= fromMs) break;
      const overlap = Math.min(end, toMs) - Math.max(s[i]!, fromMs);
      if (overlap > 0) total -= overlap;
    }
    return total;
  }

  /** The outages, as `[startMs, endMs]` pairs. */
  list(): [number, number][] {
    const out: [number, number][] = [];
    for (let i = 0; i < this.spans.length; i += 2) out.push([this.spans[i]!, this.spans[i + 1]!]);
    return out;
  }
}
