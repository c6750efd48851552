import { encodeCursor } from '../cursor.js';
import type { Page } from '../ports.js';

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
