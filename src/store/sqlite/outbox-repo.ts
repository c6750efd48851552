import type { OutboxMessage, OutboxRepository, OutboxStats, OutboxTopic, Releasability } from '../ports.js';
import type { OutboxColumns } from '../sql/row-mappers.js';
import { markingColumns, type ReleasabilityRow, sqliteRows, type SqlWriter } from './sql-reader.js';

type OutboxRow = OutboxColumns & ReleasabilityRow;

/**
 * How long a claimed message stays leased to its worker before it is due again (ms). A
 * delivery attempt to a webhook or TAK server times out well within 30 s.
 */
export const DEFAULT_OUTBOX_LEASE_MS = 30_000;

/**
 * Default bound of the outbox (messages). A day of a busy truce is a few thousand alert
 * changes; 100,000 undelivered messages means an endpoint has been down for weeks, and the
 * alerts table still holds every alert for a resync.
 */
export const DEFAULT_OUTBOX_LIMIT = 100_000;

const DROPPED = 'outbox_dropped';

/**
 * The outbox in SQLite. Messages are enqueued by the alert writes inside their transaction;
 * this is the system-side queue of the delivery worker, so it takes no viewer (payloads carry
 * their releasability for the endpoints to filter by).
 */
export class SqliteOutboxRepository implements OutboxRepository {
  constructor(private readonly writer: SqlWriter, private readonly nowMs: () => number, private readonly limit = DEFAULT_OUTBOX_LIMIT) {}

  /** Queues a message; the caller holds the transaction (and calls `enforceBound` after). */
  enqueue(topic: OutboxTopic, payload: unknown, rel: Releasability, nowMs: number): void {
    const m = markingColumns(rel);
    this.writer.statement(`INSERT INTO outbox (topic, payload, created_ms, attempts, next_attempt_ms, originator, marking, releasable_to)
      VALUES (?, ?, ?, 0, ?, ?, ?, ?)`).run(topic, JSON.stringify(payload), nowMs, nowMs, m.originator, m.marking, m.releasableTo);
  }

  /** Drops the oldest messages beyond the bound and counts them; the caller holds the transaction. */
  enforceBound(): void {
    const { n } = this.writer.statement('SELECT /* write path */ count(*) AS n FROM outbox').get() as { n: number };
    const excess = n - this.limit;
    if (excess <= 0) return;
    this.writer.statement('DELETE FROM outbox WHERE id IN (SELECT /* write path */ id FROM outbox ORDER BY id LIMIT ?)').run(excess);
    this.writer.statement(`INSERT INTO store_counters (name, value) VALUES (?, ?)
      ON CONFLICT (name) DO UPDATE SET value = value + excluded.value`).run(DROPPED, excess);
  }

  async claim(limit: number, options: { nowMs?: number; leaseMs?: number } = {}): Promise<OutboxMessage[]> {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`outbox claim limit must be a positive integer, got ${limit}`);
    const now = options.nowMs ?? this.nowMs();
    const lease = options.leaseMs ?? DEFAULT_OUTBOX_LEASE_MS;
    const rows = this.writer.statement(`UPDATE outbox SET attempts = attempts + 1, next_attempt_ms = @leaseUntil
      WHERE id IN (SELECT /* write path */ id FROM outbox WHERE next_attempt_ms <= @now ORDER BY id LIMIT @limit)
      RETURNING *`).all({ now, limit, leaseUntil: now + lease }) as OutboxRow[];
    rows.sort((a, b) => a.id - b.id);
    return rows.map(sqliteRows.outboxMessage);
  }

  async ack(ids: readonly number[]): Promise<void> {
    const del = this.writer.statement('DELETE FROM outbox WHERE id = ?');
    this.writer.db.transaction(() => { for (const id of ids) del.run(id); }).immediate();
  }

  async retry(id: number, nextMs: number): Promise<void> {
    this.writer.statement('UPDATE outbox SET next_attempt_ms = ? WHERE id = ?').run(nextMs, id);
  }

  async stats(): Promise<OutboxStats> {
    const { n } = this.writer.statement('SELECT /* write path */ count(*) AS n FROM outbox').get() as { n: number };
    const row = this.writer.statement('SELECT /* write path */ value FROM store_counters WHERE name = ?').get(DROPPED) as { value: number } | undefined;
    return { queued: n, dropped: row?.value ?? 0 };
  }
}
