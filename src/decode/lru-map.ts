/**
 * A map bounded to `capacity` entries that evicts the least recently used one. A `Map`
 * iterates in insertion order, so re-inserting on each use keeps the oldest use first.
 *
 * @example
 * const m = new LruMap<string, number>(2);
 * m.set('a', 1); m.set('b', 2); m.get('a'); m.set('c', 3); // 'b' is evicted
 */
export class LruMap<K, V> {
  private readonly map = new Map<K, V>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`LruMap capacity must be a positive integer, got ${capacity}`);
  }

  get size(): number {
    return this.map.size;
  }

  /** The value, marked as most recently used. */
  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as K);
  }
}
