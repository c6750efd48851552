import type { IncidentReport } from '../../core/track/observation.js';
import { decodeCursor } from '../cursor.js';
import type { Page, ReportInput, ReportQuery, ReportRepository, StoredReport, Viewer } from '../ports.js';
import { isoMs } from './alert-repo.js';
import { toPage } from './paging.js';
import { markingColumns, pageLimit, type ReleasabilityRow, releasabilityOf, type SqlReader, type SqlWriter } from './sql-reader.js';

interface ReportRow extends ReleasabilityRow {
  id: string;
  time_ms: number;
  body: string;
  revision: number;
  created_ms: number;
  updated_ms: number;
}

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
        const rep = r.report;
        const timeMs = isoMs(rep.time, `report ${rep.id} time`);
        const m = markingColumns(r);
        const body = JSON.stringify(rep);
        const prev = prevStmt.get(rep.id) as ReleasabilityRow & { body: string } | undefined;
        if (prev !== undefined && prev.body === body && prev.originator === m.originator && prev.marking === m.marking &&
            prev.releasable_to === m.releasableTo) continue;
        upsert.run({
          id: rep.id, timeMs, lon: rep.lon, lat: rep.lat, category: rep.category, party: rep.party ?? null, body, nowMs: now, ...m,
        });
      }
    }).immediate();
  }

  async get(viewer: Viewer, id: string): Promise<StoredReport | undefined> {
    const rows = this.reader.select<ReportRow>(viewer, { columns: 'r.*', from: 'reports r', alias: 'r', where: ['r.id = @id'] }, { id });
    return rows[0] === undefined ? undefined : toStoredReport(rows[0]);
  }

  async list(viewer: Viewer, q: ReportQuery = {}): Promise<Page<StoredReport>> {
    const limit = pageLimit(q.limit);
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (q.category !== undefined) { where.push('r.category = @category'); params['category'] = q.category; }
    if (q.party !== undefined) { where.push('r.party = @party'); params['party'] = q.party; }
    if (q.fromMs !== undefined) { where.push('r.time_ms >= @fromMs'); params['fromMs'] = q.fromMs; }
    if (q.toMs !== undefined) { where.push('r.time_ms <= @toMs'); params['toMs'] = q.toMs; }
    if (q.bbox !== undefined) {
      where.push('r.lon BETWEEN @minLon AND @maxLon', 'r.lat BETWEEN @minLat AND @maxLat');
      [params['minLon'], params['minLat'], params['maxLon'], params['maxLat']] = q.bbox;
    }
    if (q.cursor !== undefined) {
      const [timeMs, id] = decodeCursor(q.cursor, ['number', 'string']);
      where.push('(r.time_ms, r.id) < (@beforeTime, @beforeId)');
      params['beforeTime'] = timeMs;
      params['beforeId'] = id;
    }
    const rows = this.reader.select<ReportRow>(viewer, {
      columns: 'r.*', from: 'reports r', alias: 'r', where, orderBy: 'r.time_ms DESC, r.id DESC', limit: limit + 1,
    }, params);
    return toPage(rows, limit, toStoredReport, (r) => [r.time_ms, r.id]);
  }
}

function toStoredReport(r: ReportRow): StoredReport {
  return {
    report: JSON.parse(r.body) as IncidentReport, revision: r.revision, createdMs: r.created_ms, updatedMs: r.updated_ms,
    ...releasabilityOf(r),
  };
}
