import type { Page, ReportInput, ReportQuery, ReportRepository, StoredReport, Viewer } from '../ports.js';
import { pageLimit, toPage } from '../sql/paging-rules.js';
import { reportWriteOf } from '../sql/record-writes.js';
import { REPORT_ORDER, reportConditions } from '../sql/report-conditions.js';
import type { ReportColumns } from '../sql/row-mappers.js';
import {
  pgConditions, type PgReader, type PgReleasabilityRow, pgMarkingColumns, pgRows, pgSameStoredMarking, type PgWriter,
} from './pg-reader.js';

type ReportRow = ReportColumns & PgReleasabilityRow;

const COLUMNS = 'r.id, r.time_ms, r.body, r.revision, r.created_ms, r.updated_ms, r.originator, r.marking, r.releasable_to';

/** A new id is revision 1; a changed report is the next revision (unchanged ones are skipped before). */
const UPSERT = `INSERT INTO reports (id, time_ms, lon, lat, position, category, party, body, revision, created_ms, updated_ms,
    originator, marking, releasable_to)
  VALUES (@id, @timeMs, @lon, @lat, ST_SetSRID(ST_MakePoint(@lon, @lat), 4326)::geography, @category, @party, @body, 1, @nowMs, @nowMs,
    @originator, @marking, @releasableTo)
  ON CONFLICT (id) DO UPDATE SET time_ms = EXCLUDED.time_ms, lon = EXCLUDED.lon, lat = EXCLUDED.lat, position = EXCLUDED.position,
    category = EXCLUDED.category, party = EXCLUDED.party, body = EXCLUDED.body, revision = reports.revision + 1,
    updated_ms = EXCLUDED.updated_ms, originator = EXCLUDED.originator, marking = EXCLUDED.marking,
    releasable_to = EXCLUDED.releasable_to`;

/** Incident reports in PostgreSQL, idempotent by id; a changed report is a new revision. */
export class PgReportRepository implements ReportRepository {
  constructor(private readonly reader: PgReader, private readonly writer: PgWriter, private readonly nowMs: () => number) {}

  async upsert(rows: readonly ReportInput[]): Promise<void> {
    const now = this.nowMs();
    await this.writer.transaction(async (q) => {
      for (const r of rows) {
        const w = reportWriteOf(r);
        const m = pgMarkingColumns(r);
        const [prev] = await q<PgReleasabilityRow & { body: string }>(
          'SELECT body, originator, marking, releasable_to FROM reports WHERE id = @id FOR UPDATE', { id: r.report.id });
        if (prev !== undefined && prev.body === w.body && pgSameStoredMarking(prev, m)) continue;
        await q(UPSERT, { ...w.params, nowMs: now, ...m });
      }
    });
  }

  async get(viewer: Viewer, id: string): Promise<StoredReport | undefined> {
    const rows = await this.reader.select<ReportRow>(viewer, { columns: COLUMNS, from: 'reports r', alias: 'r', where: ['r.id = @id'] }, { id });
    return rows[0] === undefined ? undefined : pgRows.report(rows[0]);
  }

  async list(viewer: Viewer, q: ReportQuery = {}): Promise<Page<StoredReport>> {
    const limit = pageLimit(q.limit);
    const { where, params } = reportConditions(q, pgConditions);
    const rows = await this.reader.select<ReportRow>(viewer, {
      columns: COLUMNS, from: 'reports r', alias: 'r', where, orderBy: REPORT_ORDER, limit: limit + 1,
    }, params);
    return toPage(rows, limit, pgRows.report, (r) => [r.time_ms, r.id]);
  }
}
