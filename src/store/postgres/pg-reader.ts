import type pg from 'pg';
import type { Releasability, Viewer } from '../ports.js';
import { filteredSelectSql, type SelectParts, viewerParams } from '../sql/paging-rules.js';
import { checkOriginator, releasabilityFrom, storedMarking } from '../sql/releasability-columns.js';
import { rowMappers } from '../sql/row-mappers.js';
import type { ConditionDialect } from '../sql/sql-conditions.js';

/**
 * The releasability columns as PostgreSQL stores them: `originator`, `marking`
 * (`COALITION` | `REL_TO` | `ORIGINATOR_ONLY`) and `releasable_to`, a sorted `text[]` of the
 * REL TO nations (empty otherwise) with a GIN index, so "X may see it" is `releasable_to @> {X}`.
 */
export interface PgMarkingColumns {
  originator: string;
  marking: 'COALITION' | 'REL_TO' | 'ORIGINATOR_ONLY';
  releasableTo: string[];
}

/** What every record row holds besides its own columns. */
export interface PgReleasabilityRow {
  originator: string;
  marking: string;
  releasable_to: string[];
}

/** One read query, built by `PgReader.select`; parameters are named `@name`. */
export type PgSelectQuery = SelectParts;

/**
 * The stored form of a record's releasability. Throws on a malformed originator or REL TO
 * nation (a programmer or configuration error), as the SQLite backend does.
 */
export function pgMarkingColumns(r: Releasability): PgMarkingColumns {
  checkOriginator(r.originator);
  const { kind, nations } = storedMarking(r.marking);
  return { originator: r.originator, marking: kind, releasableTo: nations };
}

/** Whether a stored row already holds these releasability columns (REL TO lists are stored sorted). */
export function pgSameStoredMarking(row: PgReleasabilityRow, m: PgMarkingColumns): boolean {
  return row.originator === m.originator && row.marking === m.marking &&
    row.releasable_to.length === m.releasableTo.length && row.releasable_to.every((n, i) => n === m.releasableTo[i]);
}

/** A stored row's releasability, back as `{ originator, marking }`. */
export function pgReleasabilityOf(row: PgReleasabilityRow): Releasability {
  return releasabilityFrom(row.originator, row.marking, () => [...row.releasable_to]);
}

/**
 * The SQL condition "this row is releasable to the viewer" for alias `a`, with the named
 * parameters `@viewerSystem` (boolean) and `@viewerNation` (issue 5). The row-level security
 * policies of migration 2 state the same rule over the session settings.
 */
export function pgVisibleTo(a: string): string {
  return `(@viewerSystem::boolean OR ${a}.originator = @viewerNation::text OR ${a}.marking = 'COALITION'` +
    ` OR ${a}.releasable_to @> ARRAY[@viewerNation::text])`;
}

/**
 * PostgreSQL's side of the shared list filters: parameters in row comparisons carry their
 * type; a box `[minLon, minLat, maxLon, maxLat]` is the GiST-indexed envelope test, then the exact one.
 */
export const pgConditions: ConditionDialect = {
  typed: (name, type) => `@${name}::${type}`,
  inBox: (alias) => [
    `${alias}.position::geometry && ST_MakeEnvelope(@minLon, @minLat, @maxLon, @maxLat, 4326)`,
    `${alias}.lon BETWEEN @minLon AND @maxLon`, `${alias}.lat BETWEEN @minLat AND @maxLat`,
  ],
};

/** The shared row → record mappers over PostgreSQL rows. */
export const pgRows = rowMappers(pgReleasabilityOf);

/** A PostgreSQL array literal of nation codes (validated: letters only). */
export function textArray(items: readonly string[]): string {
  return `{${items.join(',')}}`;
}

/** `@name` placeholders → `$n`, with the values in order. Throws on a name without a value. */
export function bindNamed(sql: string, params: Record<string, unknown>): { text: string; values: unknown[] } {
  const index = new Map<string, number>();
  const values: unknown[] = [];
  const text = sql.replace(/@([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
    let i = index.get(name);
    if (i === undefined) {
      if (!(name in params)) throw new Error(`SQL parameter @${name} has no value`);
      values.push(params[name] ?? null);
      i = values.length;
      index.set(name, i);
    }
    return `$${i}`;
  });
  return { text, values };
}

/** The session settings the RLS policies read; set with `set_config(…, true)` (SET LOCAL) per transaction. */
export const VIEWER_SETTINGS = `SELECT set_config('vigil.viewer_system', $1, true), set_config('vigil.viewer_nation', $2, true)`;

/**
 * Runs `fn` in one transaction on a pooled connection, with the viewer's RLS settings set
 * locally to it (the system viewer for writes). Rolls back on error.
 */
export async function inTransaction<T>(pool: pg.Pool, viewer: Viewer, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const v = viewerParams(viewer);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(VIEWER_SETTINGS, [v.viewerSystem === 1 ? 'on' : 'off', v.viewerNation]);
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/**
 * The only way the PostgreSQL repositories read records on behalf of someone: every query is
 * `WHERE <pgVisibleTo(alias)> AND …`, run in a transaction whose RLS settings name the same
 * viewer (a second wall: the policies filter again should a query ever leave the condition
 * out). Reads first wait for the batch writes this process has already handed over, so a
 * caller reads its own writes as with the in-thread SQLite writer.
 */
export class PgReader {
  constructor(private readonly pool: pg.Pool, private readonly writesSettled: () => Promise<void>) {}

  async select<Row>(viewer: Viewer, query: PgSelectQuery, params: Record<string, unknown> = {}): Promise<Row[]> {
    const v = viewerParams(viewer);
    const all = { ...params, viewerSystem: v.viewerSystem === 1, viewerNation: v.viewerNation, ...(query.limit !== undefined ? { limit: query.limit } : {}) };
    const { text, values } = bindNamed(PgReader.sql(query), all);
    await this.writesSettled();
    return inTransaction(this.pool, viewer, async (c) => (await c.query(text, values)).rows as Row[]);
  }

  /** The SQL text of a query, with named parameters (exposed for the test that checks every read is filtered). */
  static sql(query: PgSelectQuery): string {
    return filteredSelectSql(query, pgVisibleTo);
  }
}

/** Writes: one transaction as the system viewer, with `@name` parameters. */
export class PgWriter {
  constructor(readonly pool: pg.Pool) {}

  transaction<T>(fn: (q: PgQuery) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, { system: true }, (c) => fn(queryOn(c)));
  }
}

/** A query function bound to one connection (inside a transaction). */
export type PgQuery = <Row = Record<string, unknown>>(sql: string, params?: Record<string, unknown>) => Promise<Row[]>;

export function queryOn(c: pg.PoolClient): PgQuery {
  return async <Row>(sql: string, params: Record<string, unknown> = {}) => {
    const { text, values } = bindNamed(sql, params);
    return (await c.query(text, values)).rows as Row[];
  };
}
