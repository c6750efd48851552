import type { Database, Statement } from 'better-sqlite3';
import type { Marking } from '../marking.js';
import type { Releasability, Viewer } from '../ports.js';
import { filteredSelectSql, type SelectParts, viewerParams } from '../sql/paging-rules.js';
import { checkOriginator, releasabilityFrom, storedMarking } from '../sql/releasability-columns.js';
import { rowMappers } from '../sql/row-mappers.js';
import type { ConditionDialect } from '../sql/sql-conditions.js';

export { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, pageLimit, viewerParams } from '../sql/paging-rules.js';

/** The releasability columns of a row, as stored. */
export interface MarkingColumns {
  originator: string;
  marking: Marking['kind'];
  releasableTo: string;
}

/** What every record table row holds besides its own columns. */
export interface ReleasabilityRow {
  originator: string;
  marking: string;
  releasable_to: string;
}

/** One read query, built by `SqlReader.select`. */
export type SelectQuery = SelectParts;

const markingCache = new WeakMap<Marking, Omit<MarkingColumns, 'originator'>>();

/**
 * The stored form of a record's releasability. Throws on a malformed originator or REL TO
 * nation (a programmer or configuration error: a comma in a code would break the filter).
 * Results are cached per marking object, since a feed stamps one marking on every row.
 */
export function markingColumns(r: Releasability): MarkingColumns {
  checkOriginator(r.originator);
  let cols = markingCache.get(r.marking);
  if (cols === undefined) {
    const { kind, nations } = storedMarking(r.marking);
    cols = { marking: kind, releasableTo: nations.length === 0 ? '' : `,${nations.join(',')},` };
    markingCache.set(r.marking, cols);
  }
  return { originator: r.originator, marking: cols.marking, releasableTo: cols.releasableTo };
}

/** Whether a stored row already holds these releasability columns. */
export function sameStoredMarking(row: ReleasabilityRow, m: MarkingColumns): boolean {
  return row.originator === m.originator && row.marking === m.marking && row.releasable_to === m.releasableTo;
}

/** A stored row's releasability, back as `{ originator, marking }`. */
export function releasabilityOf(row: ReleasabilityRow): Releasability {
  return releasabilityFrom(row.originator, row.marking, () => row.releasable_to.split(',').filter((n) => n.length > 0));
}

/**
 * The SQL condition "this row is releasable to the viewer" for the table alias `a`, with the
 * named parameters `@viewerSystem` and `@viewerNation` (issue 5: a user sees a record iff
 * their nation is the originator or in its releasability).
 */
export function visibleTo(a: string): string {
  return `(@viewerSystem = 1 OR ${a}.originator = @viewerNation OR ${a}.marking = 'COALITION'` +
    ` OR instr(${a}.releasable_to, ',' || @viewerNation || ',') > 0)`;
}

/** SQLite's side of the shared list filters: parameters bind untyped; a box is two BETWEENs. */
export const sqliteConditions: ConditionDialect = {
  typed: (name) => `@${name}`,
  inBox: (a) => [`${a}.lon BETWEEN @minLon AND @maxLon`, `${a}.lat BETWEEN @minLat AND @maxLat`],
};

/** The shared row → record mappers over SQLite rows. */
export const sqliteRows = rowMappers(releasabilityOf);

/**
 * The only way the SQLite repositories read records on behalf of someone: every query it
 * builds is `WHERE <visibleTo(alias)> AND …`, so no read path can leave the releasability
 * filter out. Statements are prepared once per distinct SQL text and reused.
 */
export class SqlReader {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Database) {}

  /** Runs a read for `viewer`; `params` are the query's own named parameters. */
  select<Row>(viewer: Viewer, query: SelectQuery, params: Record<string, unknown> = {}): Row[] {
    const sql = SqlReader.sql(query);
    let stmt = this.statements.get(sql);
    if (stmt === undefined) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    const all = { ...params, ...viewerParams(viewer), ...(query.limit !== undefined ? { limit: query.limit } : {}) };
    return stmt.all(all) as Row[];
  }

  /** The SQL text of a query (exposed for the test that checks every read is filtered). */
  static sql(query: SelectQuery): string {
    return filteredSelectSql(query, visibleTo);
  }
}

/** Prepares write statements once and reuses them. */
export class SqlWriter {
  private readonly statements = new Map<string, Statement>();

  constructor(readonly db: Database) {}

  statement(sql: string): Statement {
    let stmt = this.statements.get(sql);
    if (stmt === undefined) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }
}
