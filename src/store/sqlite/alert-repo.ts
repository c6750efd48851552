import type { AlertInput, AlertQuery, AlertRepository, Page, StoredAlert, Viewer } from '../ports.js';
import { ALERT_ORDER, alertConditions } from '../sql/alert-conditions.js';
import { pageLimit, toPage } from '../sql/paging-rules.js';
import { ALERT_UPSERT, alertUnchanged, alertWriteOf, type StoredAlertState, storedAlertOf } from '../sql/record-writes.js';
import type { AlertColumns } from '../sql/row-mappers.js';
import type { SqliteOutboxRepository } from './outbox-repo.js';
import {
  markingColumns, type ReleasabilityRow, sameStoredMarking, sqliteConditions, sqliteRows, type SqlReader, type SqlWriter,
} from './sql-reader.js';

export { isoMs } from '../sql/paging-rules.js';

type AlertRow = AlertColumns & ReleasabilityRow;

/** Alerts in SQLite, newest start first; each change queues an outbox message in its transaction. */
export class SqliteAlertRepository implements AlertRepository {
  constructor(
    private readonly reader: SqlReader, private readonly writer: SqlWriter,
    private readonly outbox: SqliteOutboxRepository, private readonly nowMs: () => number,
  ) {}

  /** Upserts alerts and queues their outbox messages; the caller holds the transaction. */
  upsertAll(rows: readonly AlertInput[]): void {
    if (rows.length === 0) return;
    const now = this.nowMs();
    const prevStmt = this.writer.statement(`SELECT /* write path */ status, agreement_id, agreement_version, body, created_ms,
      originator, marking, releasable_to FROM alerts WHERE id = ?`);
    const upsert = this.writer.statement(ALERT_UPSERT);
    for (const r of rows) {
      const w = alertWriteOf(r);
      const m = markingColumns(r);
      const prev = prevStmt.get(r.alert.id) as (StoredAlertState & ReleasabilityRow) | undefined;
      if (prev !== undefined && alertUnchanged(prev, r, w) && sameStoredMarking(prev, m)) continue;
      upsert.run({ ...w.params, nowMs: now, ...m });
      this.outbox.enqueue('alert', storedAlertOf(r, w, prev, now), r, now);
    }
    this.outbox.enforceBound();
  }

  async upsert(rows: readonly AlertInput[]): Promise<void> {
    this.writer.db.transaction(() => this.upsertAll(rows)).immediate();
  }

  async get(viewer: Viewer, id: string): Promise<StoredAlert | undefined> {
    const rows = this.reader.select<AlertRow>(viewer, { columns: 'a.*', from: 'alerts a', alias: 'a', where: ['a.id = @id'] }, { id });
    return rows[0] === undefined ? undefined : sqliteRows.alert(rows[0]);
  }

  async list(viewer: Viewer, q: AlertQuery = {}): Promise<Page<StoredAlert>> {
    const limit = pageLimit(q.limit);
    const { where, params } = alertConditions(q, sqliteConditions);
    const rows = this.reader.select<AlertRow>(viewer, {
      columns: 'a.*', from: 'alerts a', alias: 'a', where, orderBy: ALERT_ORDER, limit: limit + 1,
    }, params);
    return toPage(rows, limit, sqliteRows.alert, (r) => [r.start_ms, r.id]);
  }
}
