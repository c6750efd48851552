/**
 * A binary min-heap ordered by a numeric key and then by insertion order, so that equal keys
 * come out first-in first-out — which keeps the simulator's output deterministic.
 *
 * @module
 */

interface Entry<T> {
  key: number;
  seq: number;
  value: T;
}

/**
 * Min-heap of values by `key`, FIFO among equal keys.
 * @example
 * const h = new MinHeap<string>(); h.push(2, 'b'); h.push(1, 'a'); h.pop() // 'a'
 */
export class MinHeap<T> {
  readonly #items: Entry<T>[] = [];
  #seq = 0;

  get size(): number {
    return this.#items.length;
  }

  /** Smallest key, or +Infinity when empty. */
  peekKey(): number {
    return this.#items[0]?.key ?? Number.POSITIVE_INFINITY;
  }

  push(key: number, value: T): void {
    const items = this.#items;
    const entry: Entry<T> = { key, seq: this.#seq++, value };
    let i = items.length;
    items.push(entry);
    while (i > 0) {
      const parent = (i - 1) >>> 1;
      const p = items[parent] as Entry<T>;
      if (!less(entry, p)) break;
      items[i] = p;
      i = parent;
    }
    items[i] = entry;
  }

  /** Removes and returns the value with the smallest key, or undefined when empty. */
  pop(): T | undefined {
    const items = this.#items;
    const top = items[0];
    if (top === undefined) return undefined;
    const last = items.pop() as Entry<T>;
    const n = items.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let c = l;
        if (r < n && less(items[r] as Entry<T>, items[l] as Entry<T>)) c = r;
        if (!less(items[c] as Entry<T>, last)) break;
        items[i] = items[c] as Entry<T>;
        i = c;
      }
      items[i] = last;
    }
    return top.value;
  }
}

function less<T>(a: Entry<T>, b: Entry<T>): boolean {
  return a.key < b.key || (a.key === b.key && a.seq < b.seq);
}
