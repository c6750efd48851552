import { encodeCursor } from '../cursor.js';
import { isNationCode } from '../marking.js';
import type { Page, Viewer } from '../ports.js';

/** Default and maximum page sizes of list methods (rows), the same in every backend. */
export const DEFAULT_PAGE_LIMIT = 100;
export const MAX_PAGE_LIMIT = 10_000;

/** A page size within bounds; throws on a non-positive or non-integer limit. */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`page limit must be a positive integer, got ${limit}`);
  return Math.min(limit, MAX_PAGE_LIMIT);
}

/**
 * The visibility parameters of a viewer (`viewerSystem` 1 for the system, else 0 and the
 * viewer's nation); throws on anything but a valid viewer.
 */
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

/**
 * Turns the `limit + 1` rows a keyset query fetched into a page: the extra row only tells
 * that there is a next page, whose cursor is the key of the last row kept.
 */
export function toPage<Row, T>(rows: readonly Row[], limit: number, map: (row: Row) => T, keyOf: (row: Row) => (string | number)[]): Page<T> {
  const kept = rows.length > limit ? rows.slice(0, limit) : rows;
  const last = kept.at(-1);
  return {
    items: kept.map(map),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}

/** Copies `value` to `target[key]` unless it is null (optional properties stay absent). */
export function setIfPresent<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | null): void {
  if (value !== null && value !== undefined) target[key] = value;
}

/** ISO 8601 → Unix ms; throws with `what` on an unreadable time. */
export function isoMs(iso: string, what: string): number {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new TypeError(`${what} "${iso}" is not an ISO 8601 time`);
  return ms;
}

/** The parts of one filtered read, as both readers take them. */
export interface SelectParts {
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

/**
 * The SQL text of a read: `WHERE <visible(alias)> AND …`, so no read can leave the
 * releasability filter out; `visible` is the backend's condition for an alias.
 */
export function filteredSelectSql(query: SelectParts, visible: (alias: string) => string): string {
  const where = [visible(query.alias), ...(query.where ?? [])].join(' AND ');
  return `SELECT ${query.columns} FROM ${query.from} WHERE ${where}` +
    (query.groupBy !== undefined ? ` GROUP BY ${query.groupBy}` : '') +
    (query.orderBy !== undefined ? ` ORDER BY ${query.orderBy}` : '') +
    (query.limit !== undefined ? ' LIMIT @limit' : '');
}
