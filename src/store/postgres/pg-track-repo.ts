import type { Page, TrackQuery, TrackRecord, TrackRepository, Viewer } from '../ports.js';
import { pageLimit, toPage } from '../sql/paging-rules.js';
import type { TrackColumns } from '../sql/row-mappers.js';
import { trackConditions } from '../sql/track-conditions.js';
import {
  pgConditions, type PgQuery, type PgReader, type PgReleasabilityRow, pgMarkingColumns, pgRows, type PgWriter, textArray,
} from './pg-reader.js';

type TrackRow = TrackColumns & PgReleasabilityRow;

const COLUMNS = ['kind', 'name', 'callsign', 'imo', 'ship_type', 'flag', 'category', 'party', 'last_ms', 'lon', 'lat', 'position',
  'speed_kn', 'course_deg', 'altitude_ft', 'fixes', 'originator', 'marking', 'releasable_to'];

/**
 * Newer-or-equal states replace the stored one; an older state (late write) is ignored — also
 * when another worker wrote the newer one first. One statement per batch (`unnest`), so each
 * id must appear once: `upsertAll` keeps the newest state of each id first.
 */
const UPSERT = `INSERT INTO tracks (id, ${COLUMNS.join(', ')})
  SELECT u.id, u.kind, u.name, u.callsign, u.imo, u.ship_type, u.flag, u.category, u.party, u.last_ms, u.lon, u.lat,
    ST_SetSRID(ST_MakePoint(u.lon, u.lat), 4326)::geography, u.speed_kn, u.course_deg, u.altitude_ft, u.fixes,
    u.originator, u.marking, u.releasable_to::text[]
  FROM unnest(@id::text[], @kind::text[], @name::text[], @callsign::text[], @imo::bigint[], @shipType::integer[], @flag::text[],
    @category::text[], @party::text[], @lastMs::bigint[], @lon::float8[], @lat::float8[], @speedKn::float8[], @courseDeg::float8[],
    @altitudeFt::float8[], @fixes::bigint[], @originator::text[], @marking::text[], @releasableTo::text[])
    AS u(id, kind, name, callsign, imo, ship_type, flag, category, party, last_ms, lon, lat, speed_kn, course_deg, altitude_ft, fixes,
      originator, marking, releasable_to)
  ON CONFLICT (id) DO UPDATE SET ${COLUMNS.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
  WHERE EXCLUDED.last_ms >= tracks.last_ms`;

/** Latest track state per entity in PostgreSQL, listed by id. */
export class PgTrackRepository implements TrackRepository {
  constructor(private readonly reader: PgReader, private readonly writer: PgWriter) {}

  /** Upserts rows in the caller's transaction; of several states of one id in `rows`, the newest (last on ties) wins. */
  async upsertAll(q: PgQuery, rows: readonly TrackRecord[]): Promise<void> {
    if (rows.length === 0) return;
    const newest = new Map<string, TrackRecord>();
    for (const t of rows) {
      const kept = newest.get(t.id);
      if (kept === undefined || t.lastMs >= kept.lastMs) newest.set(t.id, t);
    }
    const cols: Record<string, unknown[]> = {};
    const put = (name: string, value: unknown): void => { (cols[name] ??= []).push(value); };
    for (const t of newest.values()) {
      const m = pgMarkingColumns(t);
      put('id', t.id); put('kind', t.kind); put('name', t.name ?? null); put('callsign', t.callsign ?? null); put('imo', t.imo ?? null);
      put('shipType', t.shipType ?? null); put('flag', t.flag ?? null); put('category', t.category); put('party', t.party ?? null);
      put('lastMs', t.lastMs); put('lon', t.lon); put('lat', t.lat); put('speedKn', t.speedKn ?? null); put('courseDeg', t.courseDeg ?? null);
      put('altitudeFt', t.altitudeFt ?? null); put('fixes', t.fixes); put('originator', m.originator); put('marking', m.marking);
      put('releasableTo', textArray(m.releasableTo));
    }
    await q(UPSERT, cols);
  }

  async upsert(rows: readonly TrackRecord[]): Promise<void> {
    await this.writer.transaction((q) => this.upsertAll(q, rows));
  }

  async get(viewer: Viewer, id: string): Promise<TrackRecord | undefined> {
    const rows = await this.reader.select<TrackRow>(viewer, { columns: 't.*', from: 'tracks t', alias: 't', where: ['t.id = @id'] }, { id });
    return rows[0] === undefined ? undefined : pgRows.track(rows[0]);
  }

  async list(viewer: Viewer, q: TrackQuery = {}): Promise<Page<TrackRecord>> {
    const limit = pageLimit(q.limit);
    const { where, params } = trackConditions(q, pgConditions);
    const rows = await this.reader.select<TrackRow>(viewer, {
      columns: 't.*', from: 'tracks t', alias: 't', where, orderBy: 't.id', limit: limit + 1,
    }, params);
    return toPage(rows, limit, pgRows.track, (r) => [r.id]);
  }
}
