import type { IncidentReport } from '../../core/track/observation.js';
import { decodeCursor } from '../cursor.js';
import type { Page, ReportInput, ReportQuery, ReportRepository, StoredReport, Viewer } from '../ports.js';
import { isoMs } from '../sqlite/alert-repo.js';
import { toPage } from '../sqlite/paging.js';
import { pageLimit } from '../sqlite/sql-reader.js';
import { boxCondition, boxParams } from './pg-observation-repo.js';
import { type PgReader, type PgReleasabilityRow, pgMarkingColumns, pgReleasabilityOf, type PgWriter } from './pg-reader.js';

interface ReportRow extends PgReleasabilityRow {
  id: string;
  time_ms: number;
  body: string;
  revision: number;
  created_ms: number;
  updated_ms: number;
}

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
        const rep = r.report;
        const timeMs = isoMs(rep.time, `report ${rep.id} time`);
        const m = pgMarkingColumns(r);
        const body = JSON.stringify(rep);
        const [prev] = await q<PgReleasabilityRow & { body: string }>(
          'SELECT body, originator, marking, releasable_to FROM reports WHERE id = @id FOR UPDATE', { id: rep.id });
        if (prev !== undefined && prev.body === body && prev.originator === m.originator && prev.marking === m.marking &&
            prev.releasable_to.join(',') === m.releasableTo.join(',')) continue;
        await q(UPSERT, { id: rep.id, timeMs, lon: rep.lon, lat: rep.lat, category: rep.category, party: rep.party ?? null, body, nowMs: now, ...m });
      }
    });
  }

  async get(viewer: Viewer, id: string): Promise<StoredReport | undefined> {
    const rows = await this.reader.select<ReportRow>(viewer, { columns: COLUMNS, from: 'reports r', alias: 'r', where: ['r.id = @id'] }, { id });
    return rows[0] === undefined ? undefined : toStoredReport(rows[0]);
  }

  async list(viewer: Viewer, q: ReportQuery = {}): Promise<Page<StoredReport>> {
    const limit = pageLimit(q.limit);
    const where: string[] = [];
    let params: Record<string, unknown> = {};
    if (q.category !== undefined) { where.push('r.category = @category'); params['category'] = q.category; }
    if (q.party !== undefined) { where.push('r.party = @party'); params['party'] = q.party; }
    if (q.fromMs !== undefined) { where.push('r.time_ms >= @fromMs'); params['fromMs'] = q.fromMs; }
    if (q.toMs !== undefined) { where.push('r.time_ms <= @toMs'); params['toMs'] = q.toMs; }
    if (q.bbox !== undefined) {
      where.push(...boxCondition('r'));
      params = { ...params, ...boxParams(q.bbox) };
    }
    if (q.cursor !== undefined) {
      const [timeMs, id] = decodeCursor(q.cursor, ['number', 'string']);
      where.push('(r.time_ms, r.id) < (@beforeTime::bigint, @beforeId::text)');
      params['beforeTime'] = timeMs;
      params['beforeId'] = id;
    }
    const rows = await this.reader.select<ReportRow>(viewer, {
      columns: COLUMNS, from: 'reports r', alias: 'r', where, orderBy: 'r.time_ms DESC, r.id DESC', limit: limit + 1,
    }, params);
    return toPage(rows, limit, toStoredReport, (r) => [r.time_ms, r.id]);
  }
}

function toStoredReport(r: ReportRow): StoredReport {
  return {
    report: JSON.parse(r.body) as IncidentReport, revision: r.revision, createdMs: r.created_ms, updatedMs: r.updated_ms,
    ...pgReleasabilityOf(r),
  };
}
