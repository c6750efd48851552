import type { Marking } from '../marking.js';
import type { ObservationInput } from '../ports.js';

/**
 * Numbers by observation provenance (marking, originator, feed, receiver) — one per
 * `observation_sources` row. Nested maps of the strings the caller already holds: no string
 * is built per row; markings are keyed by object (the store interns them by object).
 */
export class ProvenanceKeys {
  private byMarking = new WeakMap<Marking, Map<string, Map<string, Map<string, number>>>>();

  /** The number of `r`'s provenance; `create(source)` makes it the first time (`source` is `''` when the feed names no receiver). */
  keyOf(r: ObservationInput, create: (source: string) => number): number {
    let byOriginator = this.byMarking.get(r.marking);
    if (byOriginator === undefined) this.byMarking.set(r.marking, byOriginator = new Map());
    let byFeed = byOriginator.get(r.originator);
    if (byFeed === undefined) byOriginator.set(r.originator, byFeed = new Map());
    let bySource = byFeed.get(r.feed);
    if (bySource === undefined) byFeed.set(r.feed, bySource = new Map());
    const source = r.source ?? '';
    let key = bySource.get(source);
    if (key === undefined) {
      key = create(source);
      bySource.set(source, key);
    }
    return key;
  }

  /** Forgets every number (their rows were rolled back). */
  clear(): void {
    this.byMarking = new WeakMap();
  }
}
