import type { Database, Transaction } from 'better-sqlite3';
import { SqliteAlertRepository } from './alert-repo.js';
import { putFeedStatus } from './feed-repo.js';
import { ENTITY_KEY, INSERT_OBSERVATION, SOURCE_KEY } from './observation-repo.js';
import { SqliteOutboxRepository } from './outbox-repo.js';
import { markingColumns, SqlReader, SqlWriter } from './sql-reader.js';
import { SqliteTrackRepository } from './track-repo.js';
import { KEYS_PER_ROW, NUMS_PER_ROW, type WriteBatch } from './write-batch.js';

/**
 * Writes `WriteBatch`es into a database, one IMMEDIATE transaction each (observations, then
 * track states, then alerts with their outbox messages, as the in-thread writer does). Runs in
 * the writer thread, on that thread's own connection; it holds the map from the main
 * thread's entity and provenance numbers to database keys.
 */
export class WriteBatchApplier {
  /** Database key by entity number / provenance number of the main thread. */
  private entityKeys: number[] = [];
  private sourceKeys: number[] = [];
  private nowMs = 0;
  private readonly write: Transaction<(b: WriteBatch) => void>;

  constructor(db: Database, outboxLimit: number) {
    const reader = new SqlReader(db);
    const writer = new SqlWriter(db);
    const tracks = new SqliteTrackRepository(reader, writer);
    const outbox = new SqliteOutboxRepository(writer, () => this.nowMs, outboxLimit);
    const alerts = new SqliteAlertRepository(reader, writer, outbox, () => this.nowMs);
    const insert = writer.statement(INSERT_OBSERVATION);
    const entityStmt = writer.statement(ENTITY_KEY);
    const sourceStmt = writer.statement(SOURCE_KEY);
    this.write = db.transaction((b: WriteBatch) => {
      for (let i = 0; i < b.entityIds.length; i++) {
        this.entityKeys[b.entityBase + i] = (entityStmt.get(b.entityIds[i], b.entityKinds[i]) as { key: number }).key;
      }
      for (let i = 0; i < b.sources.length; i++) {
        const s = b.sources[i]!;
        const m = markingColumns(s);
        this.sourceKeys[b.sourceBase + i] = (sourceStmt.get(s.feed, s.source, m.originator, m.marking, m.releasableTo) as { key: number }).key;
      }
      const { nums, keys } = b;
      for (let i = 0; i < b.rows; i++) {
        const k = i * KEYS_PER_ROW;
        const entityKey = this.entityKeys[keys[k]!];
        const sourceKey = this.sourceKeys[keys[k + 1]!];
        if (entityKey === undefined || sourceKey === undefined) {
          throw new Error(`write batch ${b.seq} row ${i} refers to an entity or source no batch declared (batches out of order?)`);
        }
        const n = i * NUMS_PER_ROW;
        const speed = nums[n + 3]!;
        const course = nums[n + 4]!;
        const altitude = nums[n + 5]!;
        insert.run(entityKey, nums[n], nums[n + 1], nums[n + 2], speed === speed ? speed : null, course === course ? course : null,
          altitude === altitude ? altitude : null, sourceKey);
      }
      tracks.upsertAll(b.tracks);
      alerts.upsertAll(b.alerts);
      if (b.checkpoint !== undefined) putFeedStatus(writer, b.checkpoint);
    });
  }

  /**
   * Writes one batch. On failure nothing of it is kept, the keys it interned are forgotten
   * (the rollback took them), and the error is thrown: the batch may be applied again, and
   * must be before any later one.
   */
  apply(b: WriteBatch): void {
    this.nowMs = b.nowMs;
    try {
      // IMMEDIATE: wait for the write lock up front (busy_timeout) instead of failing on an upgrade.
      this.write.immediate(b);
    } catch (err) {
      this.entityKeys.length = Math.min(this.entityKeys.length, b.entityBase);
      this.sourceKeys.length = Math.min(this.sourceKeys.length, b.sourceBase);
      throw err;
    }
  }
}
