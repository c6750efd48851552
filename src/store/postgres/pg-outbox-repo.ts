import type { OutboxMessage, OutboxRepository, OutboxStats, OutboxTopic, Releasability } from '../ports.js';
import { DEFAULT_OUTBOX_LEASE_MS } from '../sqlite/outbox-repo.js';
import type { OutboxColumns } from '../sql/row-mappers.js';
import { type PgQuery, type PgReleasabilityRow, pgMarkingColumns, pgRows, type PgWriter } from './pg-reader.js';

type OutboxRow = OutboxColumns & PgReleasabilityRow;

const DROPPED = 'outbox_dropped';

/**
 * The outbox in PostgreSQL: enqueued by the alert writes in their transaction; claimed with
 * `FOR UPDATE SKIP LOCKED`, so several delivery workers share one queue without waiting on
 * each other or claiming a message twice. System-side: no viewer (payloads carry their
 * releasability for the endpoints to filter by).
 */
export class PgOutboxRepository implements OutboxRepository {
  constructor(private readonly writer: PgWriter, private readonly nowMs: () => number, private readonly limit: number) {}

  /** Queues a message in the caller's transaction (which calls `enforceBound` after). */
  async enqueue(q: PgQuery, topic: OutboxTopic, payload: unknown, rel: Releasability, nowMs: number): Promise<void> {
    const m = pgMarkingColumns(rel);
    await q(`INSERT INTO outbox (topic, payload, created_ms, attempts, next_attempt_ms, originator, marking, releasable_to)
      VALUES (@topic, @payload, @nowMs, 0, @nowMs, @originator, @marking, @releasableTo)`,
    { topic, payload: JSON.stringify(payload), nowMs, ...m });
  }

  /** Drops the oldest messages beyond the bound and counts them, in the caller's transaction. */
  async enforceBound(q: PgQuery): Promise<void> {
    const [row] = await q<{ n: number }>('SELECT count(*) AS n FROM outbox');
    const excess = (row?.n ?? 0) - this.limit;
    if (excess <= 0) return;
    const deleted = await q('DELETE FROM outbox WHERE id IN (SELECT id FROM outbox ORDER BY id LIMIT @excess FOR UPDATE SKIP LOCKED) RETURNING id', { excess });
    await q(`INSERT INTO store_counters (name, value) VALUES (@name, @n)
      ON CONFLICT (name) DO UPDATE SET value = store_counters.value + EXCLUDED.value`, { name: DROPPED, n: deleted.length });
  }

  async claim(limit: number, options: { nowMs?: number; leaseMs?: number } = {}): Promise<OutboxMessage[]> {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`outbox claim limit must be a positive integer, got ${limit}`);
    const now = options.nowMs ?? this.nowMs();
    const lease = options.leaseMs ?? DEFAULT_OUTBOX_LEASE_MS;
    const rows = await this.writer.transaction((q) => q<OutboxRow>(`UPDATE outbox SET attempts = attempts + 1, next_attempt_ms = @leaseUntil
      WHERE id IN (SELECT id FROM outbox WHERE next_attempt_ms <= @now ORDER BY id LIMIT @limit FOR UPDATE SKIP LOCKED)
      RETURNING *`, { now, limit, leaseUntil: now + lease }));
    rows.sort((a, b) => a.id - b.id);
    return rows.map(pgRows.outboxMessage);
  }

  async ack(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.writer.transaction((q) => q('DELETE FROM outbox WHERE id = ANY(@ids::bigint[])', { ids: [...ids] }));
  }

  async retry(id: number, nextMs: number): Promise<void> {
    await this.writer.transaction((q) => q('UPDATE outbox SET next_attempt_ms = @nextMs WHERE id = @id', { id, nextMs }));
  }

  async stats(): Promise<OutboxStats> {
    return this.writer.transaction(async (q) => {
      const [row] = await q<{ n: number }>('SELECT count(*) AS n FROM outbox');
      const [dropped] = await q<{ value: number }>('SELECT value FROM store_counters WHERE name = @name', { name: DROPPED });
      return { queued: row?.n ?? 0, dropped: dropped?.value ?? 0 };
    });
  }
}
