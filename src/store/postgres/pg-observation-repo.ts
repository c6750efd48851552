import type {
  CoverageCount, CoverageQuery, Observation, ObservationInput, ObservationRepository, ObservationsByEntityQuery, ObservationsInAreaQuery, Page, Viewer,
} from '../ports.js';
import { coverageConditions, OBSERVATION_ORDER, observationPageConditions } from '../sql/observation-conditions.js';
import { pageLimit, toPage } from '../sql/paging-rules.js';
import type { ObservationColumns } from '../sql/row-mappers.js';
import { boxParams } from '../sql/sql-conditions.js';
import {
  pgConditions, type PgQuery, type PgReader, type PgReleasabilityRow, pgMarkingColumns, pgRows, type PgWriter, textArray,
} from './pg-reader.js';

type ObservationRow = ObservationColumns & PgReleasabilityRow;

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
    return this.#page(viewer, q, pgConditions.inBox('o'), boxParams(q.bbox));
  }

  async coverage(viewer: Viewer, q: CoverageQuery): Promise<CoverageCount[]> {
    const { where, params } = coverageConditions(q, pgConditions);
    const rows = await this.reader.select<CoverageCount>(viewer, {
      // Integer division of a non-negative bigint: the bucket number.
      columns: 'o.feed AS feed, (o.time_ms - @fromMs::bigint) / @bucketMs::bigint AS bucket, count(*) AS count',
      from: 'observations o', alias: 'o', where, groupBy: 'o.feed, bucket', orderBy: 'o.feed, bucket',
    }, params);
    return rows.map((r) => ({ feed: r.feed, bucket: r.bucket, count: r.count }));
  }

  async #page(viewer: Viewer, q: ObservationsByEntityQuery | ObservationsInAreaQuery, where: string[], params: Record<string, unknown>): Promise<Page<Observation>> {
    const limit = pageLimit(q.limit);
    const { where: conditions, params: all } = observationPageConditions(q, where, params, pgConditions);
    const rows = await this.reader.select<ObservationRow>(viewer, {
      columns: COLUMNS, from: 'observations o', alias: 'o', where: conditions, orderBy: OBSERVATION_ORDER, limit: limit + 1,
    }, all);
    return toPage(rows, limit, pgRows.observation, (r) => [r.time_ms, r.id]);
  }
}
