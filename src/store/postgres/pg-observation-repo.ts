import { decodeCursor } from '../cursor.js';
import type {
  BBox, CoverageCount, CoverageQuery, Observation, ObservationInput, ObservationRepository, ObservationsByEntityQuery, ObservationsInAreaQuery, Page, Viewer,
} from '../ports.js';
import { setIfPresent, toPage } from '../sqlite/paging.js';
import { pageLimit } from '../sqlite/sql-reader.js';
import { type PgQuery, type PgReader, type PgReleasabilityRow, pgMarkingColumns, pgReleasabilityOf, type PgWriter } from './pg-reader.js';

interface ObservationRow extends PgReleasabilityRow {
  id: number;
  entity_id: string;
  kind: string;
  time_ms: number;
  lon: number;
  lat: number;
  speed_kn: number | null;
  course_deg: number | null;
  altitude_ft: number | null;
  feed: string;
  source: string;
}

/**
 * One statement per batch, whatever its size: the rows go as one array per column and
 * `unnest` turns them back into rows (no parameter-count limit, one parse and plan).
 * REL TO lists travel as `{FRA,GBR}` text, cast back to arrays per row.
 */
const INSERT = `INSERT INTO observations (entity_id, kind, time_ms, lon, lat, position, speed_kn, course_deg, altitude_ft, feed, source,
    originator, marking, releasable_to)
  SELECT u.entity_id, u.kind, u.time_ms, u.lon, u.lat, ST_SetSRID(ST_MakePoint(u.lon, u.lat), 4326)::geography,
    u.speed_kn, u.course_deg, u.altitude_ft, u.feed, u.source, u.originator, u.marking, u.releasable_to::text[]
  FROM unnest(@entityId::text[], @kind::text[], @timeMs::bigint[], @lon::float8[], @lat::float8[], @speedKn::float8[],
    @courseDeg::float8[], @altitudeFt::float8[], @feed::text[], @source::text[], @originator::text[], @marking::text[], @releasableTo::text[])
    AS u(entity_id, kind, time_ms, lon, lat, speed_kn, course_deg, altitude_ft, feed, source, originator, marking, releasable_to)`;

const COLUMNS = 'o.id, o.entity_id, o.kind, o.time_ms, o.lon, o.lat, o.speed_kn, o.course_deg, o.altitude_ft, o.feed, o.source, ' +
  'o.originator, o.marking, o.releasable_to';

/** `[minLon, minLat, maxLon, maxLat]` inclusive: the GiST-indexed box test, then the exact one. */
export function boxCondition(alias: string): string[] {
  return [
    `${alias}.position::geometry && ST_MakeEnvelope(@minLon, @minLat, @maxLon, @maxLat, 4326)`,
    `${alias}.lon BETWEEN @minLon AND @maxLon`, `${alias}.lat BETWEEN @minLat AND @maxLat`,
  ];
}

export function boxParams(bbox: BBox): Record<string, number> {
  const [minLon, minLat, maxLon, maxLat] = bbox;
  return { minLon, minLat, maxLon, maxLat };
}

/** A PostgreSQL array literal of nation codes (validated: letters only). */
export function textArray(items: readonly string[]): string {
  return `{${items.join(',')}}`;
}

/** Observations in PostgreSQL/PostGIS, keyset-paged by `(time_ms, id)`. */
export class PgObservationRepository implements ObservationRepository {
  constructor(private readonly reader: PgReader, private readonly writer: PgWriter) {}

  /** Inserts rows in the caller's transaction. */
  async insertAll(q: PgQuery, rows: readonly ObservationInput[]): Promise<void> {
    if (rows.length === 0) return;
    const n = rows.length;
    const cols = {
      entityId: new Array<string>(n), kind: new Array<string>(n), timeMs: new Array<number>(n), lon: new Array<number>(n),
      lat: new Array<number>(n), speedKn: new Array<number | null>(n), courseDeg: new Array<number | null>(n),
      altitudeFt: new Array<number | null>(n), feed: new Array<string>(n), source: new Array<string>(n),
      originator: new Array<string>(n), marking: new Array<string>(n), releasableTo: new Array<string>(n),
    };
    for (let i = 0; i < n; i++) {
      const r = rows[i]!;
      const m = pgMarkingColumns(r);
      cols.entityId[i] = r.entityId; cols.kind[i] = r.kind; cols.timeMs[i] = r.timeMs; cols.lon[i] = r.lon; cols.lat[i] = r.lat;
      cols.speedKn[i] = r.speedKn ?? null; cols.courseDeg[i] = r.courseDeg ?? null; cols.altitudeFt[i] = r.altitudeFt ?? null;
      cols.feed[i] = r.feed; cols.source[i] = r.source ?? ''; cols.originator[i] = m.originator; cols.marking[i] = m.marking;
      cols.releasableTo[i] = textArray(m.releasableTo);
    }
    await q(INSERT, cols);
  }

  async append(rows: readonly ObservationInput[]): Promise<void> {
    await this.writer.transaction((q) => this.insertAll(q, rows));
  }

  async byEntity(viewer: Viewer, q: ObservationsByEntityQuery): Promise<Page<Observation>> {
    return this.#page(viewer, q, ['o.entity_id = @entityId'], { entityId: q.entityId });
  }

  async inArea(viewer: Viewer, q: ObservationsInAreaQuery): Promise<Page<Observation>> {
    return this.#page(viewer, q, boxCondition('o'), boxParams(q.bbox));
  }

  async coverage(viewer: Viewer, q: CoverageQuery): Promise<CoverageCount[]> {
    if (!(Number.isInteger(q.bucketMs) && q.bucketMs > 0)) throw new RangeError(`coverage bucket must be a positive whole number of ms, got ${q.bucketMs}`);
    const where = ['o.time_ms >= @fromMs::bigint', 'o.time_ms < @toMs::bigint'];
    let params: Record<string, unknown> = { fromMs: Math.floor(q.fromMs), toMs: Math.ceil(q.toMs), bucketMs: q.bucketMs };
    if (q.bbox !== undefined) {
      where.push(...boxCondition('o'));
      params = { ...params, ...boxParams(q.bbox) };
    }
    const rows = await this.reader.select<CoverageCount>(viewer, {
      // Integer division of a non-negative bigint: the bucket number.
      columns: 'o.feed AS feed, (o.time_ms - @fromMs::bigint) / @bucketMs::bigint AS bucket, count(*) AS count',
      from: 'observations o', alias: 'o', where, groupBy: 'o.feed, bucket', orderBy: 'o.feed, bucket',
    }, params);
    return rows.map((r) => ({ feed: r.feed, bucket: r.bucket, count: r.count }));
  }

  async #page(viewer: Viewer, q: ObservationsByEntityQuery | ObservationsInAreaQuery, where: string[], params: Record<string, unknown>): Promise<Page<Observation>> {
    const limit = pageLimit(q.limit);
    const conditions = [...where, 'o.time_ms >= @fromMs', 'o.time_ms <= @toMs'];
    const all: Record<string, unknown> = { ...params, fromMs: q.fromMs, toMs: q.toMs };
    if (q.cursor !== undefined) {
      const [timeMs, id] = decodeCursor(q.cursor, ['number', 'number']);
      conditions.push('(o.time_ms, o.id) > (@afterTime::bigint, @afterId::bigint)');
      all['afterTime'] = timeMs;
      all['afterId'] = id;
    }
    const rows = await this.reader.select<ObservationRow>(viewer, {
      columns: COLUMNS, from: 'observations o', alias: 'o', where: conditions, orderBy: 'o.time_ms, o.id', limit: limit + 1,
    }, all);
    return toPage(rows, limit, toObservation, (r) => [r.time_ms, r.id]);
  }
}

function toObservation(r: ObservationRow): Observation {
  const o: Observation = {
    id: r.id, entityId: r.entity_id, kind: r.kind as Observation['kind'], timeMs: r.time_ms, lon: r.lon, lat: r.lat,
    feed: r.feed, ...pgReleasabilityOf(r),
  };
  setIfPresent(o, 'speedKn', r.speed_kn);
  setIfPresent(o, 'courseDeg', r.course_deg);
  setIfPresent(o, 'altitudeFt', r.altitude_ft);
  if (r.source !== '') o.source = r.source;
  return o;
}
