import type { Page, ReportInput, ReportQuery, ReportRepository, StoredReport, Viewer } from '../ports.js';
import { pageLimit, toPage } from '../sql/paging-rules.js';
import { reportWriteOf } from '../sql/record-writes.js';
import { REPORT_ORDER, reportConditions } from '../sql/report-conditions.js';
import type { ReportColumns } from '../sql/row-mappers.js';
import {
  markingColumns, type ReleasabilityRow, sameStoredMarking, sqliteConditions, sqliteRows, type SqlReader, type SqlWriter,
} from './sql-reader.js';

type ReportRow = ReportColumns & ReleasabilityRow;

const UPSERT = `INSERT INTO reports (id, time_ms, lon, lat, category, party, body, revision, created_ms, updated_ms,
    originator, marking, releasable_to)
  VALUES (@id, @timeMs, @lon, @lat, @category, @party, @body, 1, @nowMs, @nowMs, @originator, @marking, @releasableTo)
  ON CONFLICT (id) DO UPDATE SET time_ms = excluded.time_ms, lon = excluded.lon, lat = excluded.lat,
    category = excluded.category, party = excluded.party, body = excluded.body, revision = reports.revision + 1,
    updated_ms = excluded.updated_ms, originator = excluded.originator, marking = excluded.marking,
    releasable_to = excluded.releasable_to`;

/** Incident reports in SQLite, idempotent by id; a changed report is a new revision. */
export class SqliteReportRepository implements ReportRepository {
  constructor(private readonly reader: SqlReader, private readonly writer: SqlWriter, private readonly nowMs: () => number) {}

  async upsert(rows: readonly ReportInput[]): Promise<void> {
    const now = this.nowMs();
    const prevStmt = this.writer.statement('SELECT /* write path */ body, originator, marking, releasable_to FROM reports WHERE id = ?');
    const upsert = this.writer.statement(UPSERT);
    this.writer.db.transaction(() => {
      for (const r of rows) {
        const w = reportWriteOf(r);
        const m = markingColumns(r);
        const prev = prevStmt.get(r.report.id) as ReleasabilityRow & { body: string } | undefined;
        if (prev !== undefined && prev.body === w.body && sameStoredMarking(prev, m)) continue;
        upsert.run({ ...w.params, nowMs: now, ...m });
      }
    }).immediate();
  }

  async get(viewer: Viewer, id: string): Promise<StoredReport | undefined> {
    const rows = this.reader.select<ReportRow>(viewer, { columns: 'r.*', from: 'reports r', alias: 'r', where: ['r.id = @id'] }, { id });
    return rows[0] === undefined ? undefined : sqliteRows.report(rows[0]);
  }

  async list(viewer: Viewer, q: ReportQuery = {}): Promise<Page<StoredReport>> {
    const limit = pageLimit(q.limit);
    const { where, params } = reportConditions(q, sqliteConditions);
    const rows = this.reader.select<ReportRow>(viewer, {
      columns: 'r.*', from: 'reports r', alias: 'r', where, orderBy: REPORT_ORDER, limit: limit + 1,
    }, params);
    return toPage(rows, limit, sqliteRows.report, (r) => [r.time_ms, r.id]);
  }
}
