import type { AlertInput, AlertQuery, AlertRepository, Page, StoredAlert, Viewer } from '../ports.js';
import { ALERT_ORDER, alertConditions } from '../sql/alert-conditions.js';
import { pageLimit, toPage } from '../sql/paging-rules.js';
import { ALERT_UPSERT, alertUnchanged, alertWriteOf, type StoredAlertState, storedAlertOf } from '../sql/record-writes.js';
import type { AlertColumns } from '../sql/row-mappers.js';
import type { PgOutboxRepository } from './pg-outbox-repo.js';
import {
  pgConditions, type PgQuery, type PgReader, type PgReleasabilityRow, pgMarkingColumns, pgRows, pgSameStoredMarking, type PgWriter,
} from './pg-reader.js';

type AlertRow = AlertColumns & PgReleasabilityRow;

const COLUMNS = 'a.id, a.start_ms, a.status, a.agreement_id, a.agreement_version, a.body, a.created_ms, a.updated_ms, a.originator, a.marking, a.releasable_to';

/** Alerts in PostgreSQL, newest start first; each change queues an outbox message in its transaction. */
export class PgAlertRepository implements AlertRepository {
  constructor(
    private readonly reader: PgReader, private readonly writer: PgWriter,
    private readonly outbox: PgOutboxRepository, private readonly nowMs: () => number,
  ) {}

  /**
   * Upserts alerts and queues their outbox messages, in the caller's transaction. The stored
   * row is locked (`FOR UPDATE`) while it is compared, so two workers writing one alert
   * queue one message per actual change.
   */
  async upsertAll(q: PgQuery, rows: readonly AlertInput[]): Promise<void> {
    if (rows.length === 0) return;
    const now = this.nowMs();
    for (const r of rows) {
      const w = alertWriteOf(r);
      const m = pgMarkingColumns(r);
      const [prev] = await q<StoredAlertState & PgReleasabilityRow>(`SELECT status, agreement_id, agreement_version, body, created_ms,
        originator, marking, releasable_to FROM alerts WHERE id = @id FOR UPDATE`, { id: r.alert.id });
      if (prev !== undefined && alertUnchanged(prev, r, w) && pgSameStoredMarking(prev, m)) continue;
      await q(ALERT_UPSERT, { ...w.params, nowMs: now, ...m });
      await this.outbox.enqueue(q, 'alert', storedAlertOf(r, w, prev, now), r, now);
    }
    await this.outbox.enforceBound(q);
  }

  async upsert(rows: readonly AlertInput[]): Promise<void> {
    await this.writer.transaction((q) => this.upsertAll(q, rows));
  }

  async get(viewer: Viewer, id: string): Promise<StoredAlert | undefined> {
    const rows = await this.reader.select<AlertRow>(viewer, { columns: COLUMNS, from: 'alerts a', alias: 'a', where: ['a.id = @id'] }, { id });
    return rows[0] === undefined ? undefined : pgRows.alert(rows[0]);
  }

  async list(viewer: Viewer, q: AlertQuery = {}): Promise<Page<StoredAlert>> {
    const limit = pageLimit(q.limit);
    const { where, params } = alertConditions(q, pgConditions);
    const rows = await this.reader.select<AlertRow>(viewer, {
      columns: COLUMNS, from: 'alerts a', alias: 'a', where, orderBy: ALERT_ORDER, limit: limit + 1,
    }, params);
    return toPage(rows, limit, pgRows.alert, (r) => [r.start_ms, r.id]);
  }
}
