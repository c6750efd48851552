import type { Page, TrackQuery, TrackRecord, TrackRepository, Viewer } from '../ports.js';
import { pageLimit, toPage } from '../sql/paging-rules.js';
import type { TrackColumns } from '../sql/row-mappers.js';
import { trackConditions } from '../sql/track-conditions.js';
import { markingColumns, type ReleasabilityRow, sqliteConditions, sqliteRows, type SqlReader, type SqlWriter } from './sql-reader.js';

type TrackRow = TrackColumns & ReleasabilityRow;

const COLUMNS = ['kind', 'name', 'callsign', 'imo', 'ship_type', 'flag', 'category', 'party', 'last_ms', 'lon', 'lat',
  'speed_kn', 'course_deg', 'altitude_ft', 'fixes', 'originator', 'marking', 'releasable_to'];

/** Newer-or-equal states replace the stored one; an older state (late write) is ignored. */
const UPSERT = `INSERT INTO tracks (id, ${COLUMNS.join(', ')})
  VALUES (?, ${COLUMNS.map(() => '?').join(', ')})
  ON CONFLICT (id) DO UPDATE SET ${COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}
  WHERE excluded.last_ms >= tracks.last_ms`;

/** Latest track state per entity in SQLite, listed by id. */
export class SqliteTrackRepository implements TrackRepository {
  constructor(private readonly reader: SqlReader, private readonly writer: SqlWriter) {}

  /** Upserts rows; the caller holds the transaction. */
  upsertAll(rows: readonly TrackRecord[]): void {
    const stmt = this.writer.statement(UPSERT);
    for (const t of rows) {
      const m = markingColumns(t);
      stmt.run(t.id, t.kind, t.name ?? null, t.callsign ?? null, t.imo ?? null, t.shipType ?? null, t.flag ?? null,
        t.category, t.party ?? null, t.lastMs, t.lon, t.lat, t.speedKn ?? null, t.courseDeg ?? null,
        t.altitudeFt ?? null, t.fixes, m.originator, m.marking, m.releasableTo);
    }
  }

  async upsert(rows: readonly TrackRecord[]): Promise<void> {
    this.writer.db.transaction(() => this.upsertAll(rows)).immediate();
  }

  async get(viewer: Viewer, id: string): Promise<TrackRecord | undefined> {
    const rows = this.reader.select<TrackRow>(viewer, { columns: 't.*', from: 'tracks t', alias: 't', where: ['t.id = @id'] }, { id });
    return rows[0] === undefined ? undefined : sqliteRows.track(rows[0]);
  }

  async list(viewer: Viewer, q: TrackQuery = {}): Promise<Page<TrackRecord>> {
    const limit = pageLimit(q.limit);
    const { where, params } = trackConditions(q, sqliteConditions);
    const rows = this.reader.select<TrackRow>(viewer, {
      columns: 't.*', from: 'tracks t', alias: 't', where, orderBy: 't.id', limit: limit + 1,
    }, params);
    return toPage(rows, limit, sqliteRows.track, (r) => [r.id]);
  }
}
