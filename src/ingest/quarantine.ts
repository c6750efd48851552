/** One rejected input line, kept for inspection. */
export interface QuarantinedLine {
  feed: string;
  reason: string;
  detail: string;
  line: string;
  /** Wall-clock receipt time, ms. */
  receivedMs: number;
}

/**
 * Keeps the most recent rejected lines of a feed (a ring of fixed size, so memory stays
 * bounded on endless garbage) and the count per reason since start (never dropped).
 */
export class Quarantine {
  private readonly ring: (QuarantinedLine | undefined)[];
  private next = 0;
  private total = 0;
  readonly countsByReason = new Map<string, number>();

  constructor(readonly capacity = 1000) {
    this.ring = new Array<QuarantinedLine | undefined>(capacity).fill(undefined);
  }

  add(entry: QuarantinedLine): void {
    this.ring[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
    this.total++;
    this.countsByReason.set(entry.reason, (this.countsByReason.get(entry.reason) ?? 0) + 1);
  }

  /** Number of lines ever quarantined. */
  get count(): number {
    return this.total;
  }

  /** Held lines, oldest first. */
  recent(): QuarantinedLine[] {
    const out: QuarantinedLine[] = [];
    for (let i = 0; i < this.capacity; i++) {
      const e = this.ring[(this.next + i) % this.capacity];
      if (e !== undefined) out.push(e);
    }
    return out;
  }
}
