import type {
  CoverageCount, CoverageQuery, Observation, ObservationInput, ObservationRepository, ObservationsByEntityQuery, ObservationsInAreaQuery, Page, Viewer,
} from '../ports.js';
import { coverageConditions, OBSERVATION_ORDER, observationPageConditions } from '../sql/observation-conditions.js';
import { pageLimit, toPage } from '../sql/paging-rules.js';
import type { ObservationColumns } from '../sql/row-mappers.js';
import { boxParams } from '../sql/sql-conditions.js';
import { ProvenanceKeys } from './provenance-keys.js';
import { markingColumns, type ReleasabilityRow, sqliteConditions, sqliteRows, type SqlReader, type SqlWriter } from './sql-reader.js';

type ObservationRow = ObservationColumns & ReleasabilityRow;

/** Write statements, shared with the writer thread's `WriteBatchApplier`. */
export const INSERT_OBSERVATION = `INSERT INTO observations (entity_key, time_ms, lon, lat, speed_kn, course_deg, altitude_ft, source_key)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;
export const ENTITY_KEY = `INSERT INTO entities (id, kind) VALUES (?, ?)
  ON CONFLICT (id) DO UPDATE SET id = excluded.id RETURNING key`;
export const SOURCE_KEY = `INSERT INTO observation_sources (feed, source, originator, marking, releasable_to) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (feed, source, originator, marking, releasable_to) DO UPDATE SET feed = excluded.feed RETURNING key`;

/** The joined tables every observation read goes through; `s` carries the releasability. */
const FROM = 'observations o JOIN entities e ON e.key = o.entity_key JOIN observation_sources s ON s.key = o.source_key';
const COLUMNS = 'o.id, e.id AS entity_id, e.kind, o.time_ms, o.lon, o.lat, o.speed_kn, o.course_deg, o.altitude_ft, ' +
  's.feed, s.source, s.originator, s.marking, s.releasable_to';

/**
 * Observations in SQLite: one lean row per position, with entity and provenance interned
 * (see migration 001), keyset-paged by `(time_ms, id)`.
 */
export class SqliteObservationRepository implements ObservationRepository {
  /** Interned keys, so the hot path does one Map lookup per row instead of a query. */
  private entityKeys = new Map<string, number>();
  private readonly sourceKeys = new ProvenanceKeys();

  constructor(private readonly reader: SqlReader, private readonly writer: SqlWriter) {}

  /**
   * Inserts rows; the caller holds the transaction and, if it fails, calls `forgetKeys()`
   * (a rolled-back transaction takes newly interned keys with it).
   */
  insertAll(rows: readonly ObservationInput[]): void {
    const insert = this.writer.statement(INSERT_OBSERVATION);
    const entityStmt = this.writer.statement(ENTITY_KEY);
    const sourceStmt = this.writer.statement(SOURCE_KEY);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      let entityKey = this.entityKeys.get(r.entityId);
      if (entityKey === undefined) {
        entityKey = (entityStmt.get(r.entityId, r.kind) as { key: number }).key;
        this.entityKeys.set(r.entityId, entityKey);
      }
      const sourceKey = this.sourceKeys.keyOf(r, (source) => {
        const m = markingColumns(r);
        return (sourceStmt.get(r.feed, source, m.originator, m.marking, m.releasableTo) as { key: number }).key;
      });
      insert.run(entityKey, r.timeMs, r.lon, r.lat, r.speedKn ?? null, r.courseDeg ?? null, r.altitudeFt ?? null, sourceKey);
    }
  }

  /** Drops the interned-key caches (after a rolled-back write). */
  forgetKeys(): void {
    this.entityKeys = new Map();
    this.sourceKeys.clear();
  }

  async append(rows: readonly ObservationInput[]): Promise<void> {
    try {
      this.writer.db.transaction(() => this.insertAll(rows)).immediate();
    } catch (err) {
      this.forgetKeys();
      throw err;
    }
  }

  async byEntity(viewer: Viewer, q: ObservationsByEntityQuery): Promise<Page<Observation>> {
    return this.#page(viewer, q, ['e.id = @entityId'], { entityId: q.entityId });
  }

  async inArea(viewer: Viewer, q: ObservationsInAreaQuery): Promise<Page<Observation>> {
    return this.#page(viewer, q, sqliteConditions.inBox('o'), boxParams(q.bbox));
  }

  async coverage(viewer: Viewer, q: CoverageQuery): Promise<CoverageCount[]> {
    const { where, params } = coverageConditions(q, sqliteConditions);
    return this.reader.select<CoverageCount>(viewer, {
      // Parameters bind as REAL: the cast makes the bucket a whole number.
      columns: 's.feed AS feed, CAST((o.time_ms - @fromMs) / @bucketMs AS INTEGER) AS bucket, count(*) AS count',
      from: 'observations o JOIN observation_sources s ON s.key = o.source_key', alias: 's', where,
      groupBy: 's.feed, bucket', orderBy: 's.feed, bucket',
    }, params).map((r) => ({ feed: r.feed, bucket: r.bucket, count: r.count }));
  }

  #page(viewer: Viewer, q: ObservationsByEntityQuery | ObservationsInAreaQuery, where: string[], params: Record<string, unknown>): Page<Observation> {
    const limit = pageLimit(q.limit);
    const { where: conditions, params: all } = observationPageConditions(q, where, params, sqliteConditions);
    const rows = this.reader.select<ObservationRow>(viewer, {
      columns: COLUMNS, from: FROM, alias: 's', where: conditions, orderBy: OBSERVATION_ORDER, limit: limit + 1,
    }, all);
    return toPage(rows, limit, sqliteRows.observation, (r) => [r.time_ms, r.id]);
  }
}
