import type { Database, Statement } from 'better-sqlite3';
import { isNationCode, type Marking } from '../marking.js';
import type { Releasability, Viewer } from '../ports.js';

/** Default and maximum page sizes of list methods (rows). */
export const DEFAULT_PAGE_LIMIT = 100;
export const MAX_PAGE_LIMIT = 10_000;

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
export interface SelectQuery {
  /** Select list, e.g. `t.*`. */
  columns: string;
  /** Table and alias, e.g. `tracks t`: the visibility filter applies to this alias. */
  from: string;
  alias: string;
  /** Further conditions, ANDed with the visibility filter. */
  where?: readonly string[];
  groupBy?: string;
  orderBy?: string;
  /** Adds `LIMIT @limit`. */
  limit?: number;
}

const markingCache = new WeakMap<Marking, Omit<MarkingColumns, 'originator'>>();

/**
 * The stored form of a record's releasability. Throws on a malformed originator or REL TO
 * nation (a programmer or configuration error: a comma in a code would break the filter).
 * Results are cached per marking object, since a feed stamps one marking on every row.
 */
export function markingColumns(r: Releasability): MarkingColumns {
  if (!isNationCode(r.originator)) {
    throw new TypeError(`originator "${r.originator}" is not an ISO 3166-1 alpha-3 nation code (three capitals, e.g. FRA)`);
  }
  let cols = markingCache.get(r.marking);
  if (cols === undefined) {
    const m = r.marking;
    if (m.kind === 'REL_TO') {
      const bad = m.nations.find((n) => !isNationCode(n));
      if (bad !== undefined) throw new TypeError(`REL TO nation "${bad}" is not an ISO 3166-1 alpha-3 nation code`);
      const nations = [...new Set(m.nations)].sort();
      cols = { marking: 'REL_TO', releasableTo: nations.length === 0 ? '' : `,${nations.join(',')},` };
    } else if (m.kind === 'COALITION' || m.kind === 'ORIGINATOR_ONLY') {
      cols = { marking: m.kind, releasableTo: '' };
    } else {
      throw new TypeError(`unknown marking ${JSON.stringify(m)}: expected kind COALITION, REL_TO or ORIGINATOR_ONLY`);
    }
    markingCache.set(r.marking, cols);
  }
  return { originator: r.originator, marking: cols.marking, releasableTo: cols.releasableTo };
}

/** A stored row's releasability, back as `{ originator, marking }`. */
export function releasabilityOf(row: ReleasabilityRow): Releasability {
  switch (row.marking) {
    case 'COALITION': return { originator: row.originator, marking: { kind: 'COALITION' } };
    case 'ORIGINATOR_ONLY': return { originator: row.originator, marking: { kind: 'ORIGINATOR_ONLY' } };
    default: return {
      originator: row.originator,
      marking: { kind: 'REL_TO', nations: row.releasable_to.split(',').filter((n) => n.length > 0) },
    };
  }
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

/** The parameters of `visibleTo` for a viewer; throws on anything but a valid viewer. */
export function viewerParams(viewer: Viewer): { viewerSystem: 0 | 1; viewerNation: string } {
  if (typeof viewer !== 'object' || viewer === null) {
    throw new TypeError('a read needs a viewer: { nation: "FRA" } or { system: true }');
  }
  if ('system' in viewer && viewer.system === true) return { viewerSystem: 1, viewerNation: '' };
  if ('nation' in viewer && typeof viewer.nation === 'string' && isNationCode(viewer.nation)) {
    return { viewerSystem: 0, viewerNation: viewer.nation };
  }
  throw new TypeError(`invalid viewer ${JSON.stringify(viewer)}: expected { nation: "FRA" } (ISO 3166-1 alpha-3) or { system: true }`);
}

/** A page size within bounds; throws on a non-positive or non-integer limit. */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`page limit must be a positive integer, got ${limit}`);
  return Math.min(limit, MAX_PAGE_LIMIT);
}

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
    const where = [visibleTo(query.alias), ...(query.where ?? [])].join(' AND ');
    return `SELECT ${query.columns} FROM ${query.from} WHERE ${where}` +
      (query.groupBy !== undefined ? ` GROUP BY ${query.groupBy}` : '') +
      (query.orderBy !== undefined ? ` ORDER BY ${query.orderBy}` : '') +
      (query.limit !== undefined ? ' LIMIT @limit' : '');
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
