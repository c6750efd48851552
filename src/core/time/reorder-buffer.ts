/**
 * Event-time reorder buffer: holds events for `allowanceMs` behind the newest time seen and
 * releases them in a total order (`compare`), so that lines that arrive out of order within
 * the allowance (two receivers, network jitter) are processed as if they had arrived in
 * order. Events older than the released watermark are late: they are counted and dropped.
 * A binary min-heap; memory is bounded by the events of one allowance window.
 */
export class ReorderBuffer<T extends { timeMs: number }> {
  private readonly heap: T[] = [];
  private maxSeenMs = -Infinity;
  private releasedUpToMs = -Infinity;
  /** Events dropped for arriving after their time had been released. */
  late = 0;

  constructor(private readonly allowanceMs: number, private readonly compare: (a: T, b: T) => number) {}

  /** Adds an event; releases (in order, to `out`) everything older than newest − allowance. */
  push(event: T, out: (e: T) => void): void {
    if (event.timeMs < this.releasedUpToMs) {
      this.late++;
      return;
    }
    this.siftUp(event);
    if (event.timeMs > this.maxSeenMs) this.maxSeenMs = event.timeMs;
    this.release(this.maxSeenMs - this.allowanceMs, out);
  }

  /** Releases everything held (end of input). */
  drain(out: (e: T) => void): void {
    this.release(Infinity, out);
  }

  /** The event-time clock: newest time seen minus the allowance. */
  get watermarkMs(): number {
    return this.maxSeenMs - this.allowanceMs;
  }

  get size(): number {
    return this.heap.length;
  }

  private release(upToMs: number, out: (e: T) => void): void {
    const h = this.heap;
    while (h.length > 0 && h[0]!.timeMs <= upToMs) {
      const top = h[0]!;
      const last = h.pop()!;
      if (h.length > 0) {
        h[0] = last;
        this.siftDown();
      }
      if (top.timeMs > this.releasedUpToMs) this.releasedUpToMs = top.timeMs;
      out(top);
    }
  }

  private siftUp(e: T): void {
    const h = this.heap;
    let i = h.length;
    h.push(e);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.compare(h[p]!, e) <= 0) break;
      h[i] = h[p]!;
      i = p;
    }
    h[i] = e;
  }

  private siftDown(): void {
    const h = this.heap;
    const n = h.length;
    const e = h[0]!;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.compare(h[r]!, h[l]!) < 0 ? r : l;
      if (this.compare(h[c]!, e) >= 0) break;
      h[i] = h[c]!;
      i = c;
    }
    h[i] = e;
  }
}
