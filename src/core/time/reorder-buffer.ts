/** A reorder buffer's clock, for a restart (`null`: nothing seen / released yet). */
export interface BufferClock {
  maxSeenMs: number | null;
  releasedUpToMs: number | null;
}

/**
 * Event-time reorder buffer: holds events for `allowanceMs` behind the newest time seen and
 * releases them in a total order (`compare`), so that lines that arrive out of order within
 * the allowance (two receivers, network jitter) are processed as if they had arrived in
 * order. Events older than the released watermark are late: they are counted and dropped.
 *
 * Feeds are nearly ordered, so the buffer is an array kept sorted by time and used as a
 * queue: an event in time order is appended (O(1)); a late one is placed by binary search
 * near the tail. Events of the same instant (tag-block times are whole seconds) are put in
 * the total order `compare` only when released, as one small sorted group — so arrival order
 * within a second costs nothing. Memory is bounded by the events of one allowance window.
 *
 * With a `rank` (a number that `compare` orders by first, after time), a group is sorted
 * by rank — by insertion for the usual few dozen events, by merge sort beyond — and `compare`
 * only breaks ties of equal rank: numbers compared instead of events.
 */
export class ReorderBuffer<T extends { timeMs: number }> {
  private items: T[] = [];
  private head = 0;
  private maxSeenMs = -Infinity;
  private releasedUpToMs = -Infinity;
  /** Events dropped for arriving after their time had been released. */
  late = 0;

  /** Ranks of the group being released, by position in the group, and the positions in rank order. */
  private ranks = new Float64Array(256);
  private order = new Int32Array(256);

  constructor(
    private readonly allowanceMs: number,
    private readonly compare: (a: T, b: T) => number,
    private readonly rank?: (e: T) => number,
  ) {}

  /** Adds an event; releases (in order, to `out`) everything older than newest − allowance. */
  push(event: T, out: (e: T) => void): void {
    if (!this.hold(event)) return;
    if (event.timeMs > this.maxSeenMs) {
      this.maxSeenMs = event.timeMs;
      this.release(this.maxSeenMs - this.allowanceMs, out);
    }
  }

  /**
   * Adds an event without releasing anything: for several sources merged into one buffer,
   * whose caller releases with `releaseUpTo` (the slowest source's watermark). Returns false
   * when the event is late (older than what was already released) and was dropped.
   */
  hold(event: T): boolean {
    // An event of an instant already released would come after its group: it is late too.
    if (event.timeMs <= this.releasedUpToMs) {
      this.late++;
      return false;
    }
    const items = this.items;
    const n = items.length;
    const t = event.timeMs;
    if (n === this.head || items[n - 1]!.timeMs <= t) {
      items.push(event);
    } else {
      let lo = this.head;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (items[mid]!.timeMs <= t) lo = mid + 1;
        else hi = mid;
      }
      items.splice(lo, 0, event);
    }
    return true;
  }

  /** Releases, in order, everything at or before `upToMs`. */
  releaseUpTo(upToMs: number, out: (e: T) => void): void {
    this.release(upToMs, out);
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

  /** The clock that decides what is late and what is released next. */
  get clock(): BufferClock {
    const n = (x: number): number | null => (Number.isFinite(x) ? x : null);
    return { maxSeenMs: n(this.maxSeenMs), releasedUpToMs: n(this.releasedUpToMs) };
  }

  /** Sets the clock of an empty buffer (a restart): events at or before `releasedUpToMs` are then late. */
  restoreClock(c: BufferClock): void {
    if (this.size > 0) throw new Error('restoreClock: the buffer is not empty');
    this.maxSeenMs = c.maxSeenMs ?? -Infinity;
    this.releasedUpToMs = c.releasedUpToMs ?? -Infinity;
  }

  private release(upToMs: number, out: (e: T) => void): void {
    const items = this.items;
    let h = this.head;
    while (h < items.length && items[h]!.timeMs <= upToMs) {
      const t = items[h]!.timeMs;
      let end = h + 1;
      while (end < items.length && items[end]!.timeMs === t) end++;
      if (end - h === 1) out(items[h]!);
      else if (this.rank !== undefined) this.releaseRanked(items, h, end, this.rank, out);
      else for (const e of items.slice(h, end).sort(this.compare)) out(e);
      h = end;
      if (t > this.releasedUpToMs) this.releasedUpToMs = t;
    }
    this.head = h;
    // Compact once the released prefix dominates, so the array does not grow without bound.
    if (h > 4096 && h * 2 > items.length) {
      this.items = items.slice(h);
      this.head = 0;
    }
  }

  private releaseRanked(items: T[], h: number, end: number, rank: (e: T) => number, out: (e: T) => void): void {
    const n = end - h;
    if (this.ranks.length < n) {
      this.ranks = new Float64Array(Math.max(n, this.ranks.length * 2));
      this.order = new Int32Array(this.ranks.length);
    }
    const ranks = this.ranks;
    const order = this.order;
    if (n <= INSERTION_SORT_MAX) {
      // Insertion sort of the positions by rank: cheaper than any call out for the usual small group.
      for (let i = 0; i < n; i++) {
        const r = rank(items[h + i]!);
        ranks[i] = r;
        let j = i;
        while (j > 0 && ranks[order[j - 1]!]! > r) {
          order[j] = order[j - 1]!;
          j--;
        }
        order[j] = i;
      }
    } else {
      for (let i = 0; i < n; i++) ranks[i] = rank(items[h + i]!);
      const sorted = Array.from({ length: n }, (_, i) => i).sort((a, b) => ranks[a]! - ranks[b]!);
      order.set(sorted);
    }
    // Equal ranks (one entity's events from several receivers, or a hash collision): the
    // comparator orders each run of them.
    for (let i = 0; i < n;) {
      let j = i + 1;
      while (j < n && ranks[order[j]!] === ranks[order[i]!]) j++;
      if (j - i > 1) this.orderTies(items, h, i, j);
      i = j;
    }
    for (let i = 0; i < n; i++) out(items[h + order[i]!]!);
  }

  /** Puts `order[from..to)`, positions of events of equal rank, in the comparator's order: in place when few (the usual two or three), by merge sort when many. */
  private orderTies(items: T[], h: number, from: number, to: number): void {
    const order = this.order;
    const compare = this.compare;
    if (to - from > INSERTION_SORT_MAX) {
      const sorted = Array.from(order.subarray(from, to)).sort((a, b) => compare(items[h + a]!, items[h + b]!));
      order.set(sorted, from);
      return;
    }
    for (let i = from + 1; i < to; i++) {
      const pos = order[i]!;
      const e = items[h + pos]!;
      let j = i;
      while (j > from && compare(items[h + order[j - 1]!]!, e) > 0) {
        order[j] = order[j - 1]!;
        j--;
      }
      order[j] = pos;
    }
  }
}

/** Groups (and runs of equal rank) up to this size are insertion-sorted; larger ones — a second of a busy feed, or a flood of one id — are merge-sorted. */
const INSERTION_SORT_MAX = 48;
