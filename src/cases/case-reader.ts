import type { SqlReader } from '../store/sqlite/sql-reader.js';
import { visibleTo } from '../store/sqlite/sql-reader.js';
import type { Viewer } from '../store/ports.js';

/**
 * The row sources casework reads, each a fixed FROM clause. `alias` is filtered by the
 * store's `SqlReader`; every alias in `alsoVisible` is filtered too. So a comment, an
 * evidence record or a history entry is returned only when both it and its incident are
 * releasable to the viewer, and a linked alert only when the alert is as well.
 */
export const CASE_SOURCES = {
  incidents: { from: 'incidents i', alias: 'i', alsoVisible: [] },
  comments: { from: 'incident_comments c JOIN incidents i ON i.id = c.incident_id', alias: 'c', alsoVisible: ['i'] },
  evidence: { from: 'incident_evidence c JOIN incidents i ON i.id = c.incident_id', alias: 'c', alsoVisible: ['i'] },
  history: { from: 'incident_history c JOIN incidents i ON i.id = c.incident_id', alias: 'c', alsoVisible: ['i'] },
  /** Links of visible incidents, whatever the linked record's releasability (use only for ids the viewer already sees). */
  links: { from: 'incident_links l JOIN incidents i ON i.id = l.incident_id', alias: 'i', alsoVisible: [] },
  linkedAlerts: {
    from: "incident_links l JOIN incidents i ON i.id = l.incident_id JOIN alerts r ON l.kind = 'alert' AND r.id = l.record_id",
    alias: 'r', alsoVisible: ['i'],
  },
  linkedReports: {
    from: "incident_links l JOIN incidents i ON i.id = l.incident_id JOIN reports r ON l.kind = 'report' AND r.id = l.record_id",
    alias: 'r', alsoVisible: ['i'],
  },
  /** Notification messages; the caller adds the user condition. */
  inbox: { from: 'notification_outbox n', alias: 'n', alsoVisible: [] },
} as const satisfies Record<string, { from: string; alias: string; alsoVisible: readonly string[] }>;

export type CaseSource = keyof typeof CASE_SOURCES;

/** One read of casework. */
export interface CaseQuery {
  source: CaseSource;
  columns: string;
  /** Further conditions, ANDed with the visibility filters. */
  where?: readonly string[];
  orderBy?: string;
  limit?: number;
}

/**
 * `column IN (the JSON array in @param)`: a list of ids as one bound parameter, so a query's
 * SQL text (and its prepared statement) does not depend on the list's length.
 */
export function inJsonArray(column: string, param: string): string {
  return `${column} IN (SELECT value FROM json_each(@${param}))`;
}

/**
 * The only read path of the case service and the notifier (issue 5: "a query that forgets
 * the filter is impossible by construction"): a query names a source from `CASE_SOURCES`
 * instead of writing its own FROM clause, and goes through the store's `SqlReader`, which
 * prefixes the releasability filter; the filters of `alsoVisible` are added here.
 * @example reader.select({ nation: 'FRA' }, { source: 'incidents', columns: 'i.*', where: ['i.id = @id'] }, { id })
 */
export class CaseReader {
  constructor(private readonly reader: SqlReader) {}

  /** Rows of `query` visible to `viewer`; `params` are its own named parameters. */
  select<Row>(viewer: Viewer, query: CaseQuery, params: Record<string, unknown> = {}): Row[] {
    const src = CASE_SOURCES[query.source];
    return this.reader.select<Row>(viewer, {
      columns: query.columns,
      from: src.from,
      alias: src.alias,
      where: [...src.alsoVisible.map(visibleTo), ...(query.where ?? [])],
      ...(query.orderBy !== undefined ? { orderBy: query.orderBy } : {}),
      ...(query.limit !== undefined ? { limit: query.limit } : {}),
    }, params);
  }
}
