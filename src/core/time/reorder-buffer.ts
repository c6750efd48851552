/**
 * Event-time reorder buffer: holds events for `allowanceMs` behind the newest time seen and
 * releases them in a total order (`compare`), so that lines that arrive out of order within
 * the allowance (two receivers, network jitter) are processed as if they had arrived in
 * order. Events older than the released watermark are late: they are counted and dropped.
 *
 * Feeds are nearly ordered, so the buffer is a sorted array used as a queue: an event in
 * order is appended (O(1)); a late one is placed by binary search near the tail. This beats
 * a binary heap by ~3× on real feeds (see reorder-buffer.bench.ts). Memory is bounded by the
 * events of one allowance window.
 */
export class ReorderBuffer<T extends { timeMs: number }> {
  private items: T[] = [];
  private head = 0;
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
    const items = this.items;
    const n = items.length;
    if (n === this.head || this.compare(items[n - 1]!, event) <= 0) {
      items.push(event);
    } else {
      let lo = this.head;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.compare(items[mid]!, event) <= 0) lo = mid + 1;
        else hi = mid;
      }
      items.splice(lo, 0, event);
    }
    if (event.timeMs > this.maxSeenMs) {
      this.maxSeenMs = event.timeMs;
      this.release(this.maxSeenMs - this.allowanceMs, out);
    }
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
    return this.items.length - this.head;
  }

  private release(upToMs: number, out: (e: T) => void): void {
    const items = this.items;
    let h = this.head;
    while (h < items.length && items[h]!.timeMs <= upToMs) {
      const e = items[h]!;
      h++;
      if (e.timeMs > this.releasedUpToMs) this.releasedUpToMs = e.timeMs;
      out(e);
    }
    this.head = h;
    // Compact once the released prefix dominates, so the array does not grow without bound.
    if (h > 4096 && h * 2 > items.length) {
      this.items = items.slice(h);
      this.head = 0;
    }
  }
}
