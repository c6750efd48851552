import type { Category } from '../../core/agreement/schema.js';
import { decodeCursor } from '../cursor.js';
import type { Page, TrackQuery, TrackRecord, TrackRepository, Viewer } from '../ports.js';
import { setIfPresent, toPage } from './paging.js';
import { markingColumns, pageLimit, type ReleasabilityRow, releasabilityOf, type SqlReader, type SqlWriter } from './sql-reader.js';

interface TrackRow extends ReleasabilityRow {
  id: string;
  kind: string;
  name: string | null;
  callsign: string | null;
  imo: number | null;
  ship_type: number | null;
  flag: string | null;
  category: string;
  party: string | null;
  last_ms: number;
  lon: number;
  lat: number;
  speed_kn: number | null;
  course_deg: number | null;
  altitude_ft: number | null;
  fixes: number;
}

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
    return rows[0] === undefined ? undefined : toTrack(rows[0]);
  }

  async list(viewer: Viewer, q: TrackQuery = {}): Promise<Page<TrackRecord>> {
    const limit = pageLimit(q.limit);
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (q.kind !== undefined) { where.push('t.kind = @kind'); params['kind'] = q.kind; }
    if (q.party !== undefined) { where.push('t.party = @party'); params['party'] = q.party; }
    if (q.category !== undefined) { where.push('t.category = @category'); params['category'] = q.category; }
    if (q.updatedSinceMs !== undefined) { where.push('t.last_ms >= @since'); params['since'] = q.updatedSinceMs; }
    if (q.bbox !== undefined) {
      where.push('t.lon BETWEEN @minLon AND @maxLon', 't.lat BETWEEN @minLat AND @maxLat');
      [params['minLon'], params['minLat'], params['maxLon'], params['maxLat']] = q.bbox;
    }
    if (q.cursor !== undefined) {
      const [id] = decodeCursor(q.cursor, ['string']);
      where.push('t.id > @afterId');
      params['afterId'] = id;
    }
    const rows = this.reader.select<TrackRow>(viewer, {
      columns: 't.*', from: 'tracks t', alias: 't', where, orderBy: 't.id', limit: limit + 1,
    }, params);
    return toPage(rows, limit, toTrack, (r) => [r.id]);
  }
}

function toTrack(r: TrackRow): TrackRecord {
  const t: TrackRecord = {
    id: r.id, kind: r.kind as TrackRecord['kind'], category: r.category as Category, lastMs: r.last_ms,
    lon: r.lon, lat: r.lat, fixes: r.fixes, ...releasabilityOf(r),
  };
  setIfPresent(t, 'name', r.name);
  setIfPresent(t, 'callsign', r.callsign);
  setIfPresent(t, 'imo', r.imo);
  setIfPresent(t, 'shipType', r.ship_type);
  setIfPresent(t, 'flag', r.flag);
  setIfPresent(t, 'party', r.party);
  setIfPresent(t, 'speedKn', r.speed_kn);
  setIfPresent(t, 'courseDeg', r.course_deg);
  setIfPresent(t, 'altitudeFt', r.altitude_ft);
  return t;
}
