/**
 * Where one feed of the live pipeline stands, for its checkpoint (docs/reliability.md
 * "Durability"). Positions are the feed's own: bytes of the input for a file (`LineBatch.ends`),
 * lines since the feed was first started for a socket.
 *
 * - `read`: every line before it was pushed to the decoder;
 * - `acked()`: every event of every line before it went through the engine (or was refused),
 *   so a re-read from there misses nothing not yet stored;
 * - `replayOffset(t)` (files): a position before every line with an event at or after `t`,
 *   where a restart reads from to rebuild the engine's state, and the feed's clock there.
 */
export class FeedCursor {
  read = 0;
  /** Newest event time of the feed so far (its clock), ms; −∞ before the first. */
  clockMs = -Infinity;
  /** Observations written from this feed, since its first start (restored on restart). */
  stored = 0;
  /** Held events by the start position of their line; `order` holds those positions, oldest first from `head`. */
  private readonly held = new Map<number, number>();
  private order: number[] = [];
  private head = 0;
  /** Per batch read (files): its start position and the feed's clock after it (non-decreasing). */
  private marks: { pos: number; clockMs: number }[] = [];

  /** An event of the line starting at `pos` waits in the reorder buffer. */
  hold(pos: number): void {
    const n = this.held.get(pos);
    if (n === undefined) this.order.push(pos);
    this.held.set(pos, (n ?? 0) + 1);
  }

  /** An event of the line starting at `pos` left the reorder buffer. */
  release(pos: number): void {
    const n = this.held.get(pos);
    if (n === undefined) return;
    if (n > 1) this.held.set(pos, n - 1);
    else this.held.delete(pos);
  }

  acked(): number {
    while (this.head < this.order.length && !this.held.has(this.order[this.head]!)) this.head++;
    if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
    return this.head < this.order.length ? this.order[this.head]! : this.read;
  }

  /** An event of the feed at `timeMs` was decoded. */
  sawTime(timeMs: number): void {
    if (timeMs > this.clockMs) this.clockMs = timeMs;
  }

  /** A batch starting at `pos` was read (files: call before its lines). */
  markBatch(pos: number): void {
    const last = this.marks.at(-1);
    if (last !== undefined && last.clockMs >= this.clockMs) return;
    this.marks.push({ pos, clockMs: this.clockMs });
  }

  /**
   * The start of the first batch after which the feed's clock reached `timeMs` (every line
   * before it has only earlier events), with the feed's clock just before that batch; `read`
   * and the clock now if it never has. Marks older than `keepFromMs` are dropped (the replay
   * point only moves forward, save for an alert's span).
   */
  replayOffset(timeMs: number, keepFromMs = -Infinity): { pos: number; clockMs: number } {
    let i = 0;
    while (i + 1 < this.marks.length && this.marks[i + 1]!.clockMs < keepFromMs) i++;
    if (i > 0) this.marks = this.marks.slice(i);
    // The mark's clock is the clock before its batch: the batch that first reaches `timeMs` is the one whose successor's clock does.
    for (let k = 0; k < this.marks.length; k++) {
      const next = this.marks[k + 1];
      if (next === undefined ? this.clockMs >= timeMs : next.clockMs >= timeMs) return this.marks[k]!;
    }
    return { pos: this.read, clockMs: this.clockMs };
  }
}
