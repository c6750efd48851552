import { InvalidCursorError } from './store-error.js';

/**
 * Keyset cursors: the sort key of the last row of a page, as opaque base64url text. A page
 * resumes strictly after that key, so rows inserted meanwhile never shift it and every row
 * that exists throughout the walk is returned exactly once.
 * @example decodeCursor(encodeCursor([1742860800000, 42]), ['number', 'number']) // [1742860800000, 42]
 */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/**
 * Reads a cursor made by `encodeCursor` whose parts have the given types (finite numbers or
 * strings). Throws `InvalidCursorError` for anything else.
 */
export function decodeCursor(cursor: string, types: readonly ('string' | 'number')[]): (string | number)[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError(`invalid cursor "${cursor.slice(0, 40)}": not one this store issued`);
  }
  if (!Array.isArray(key) || key.length !== types.length ||
      !key.every((k, i) => typeof k === types[i] && (typeof k !== 'number' || Number.isFinite(k)))) {
    throw new InvalidCursorError(`invalid cursor "${cursor.slice(0, 40)}": not one this store issued`);
  }
  return key as (string | number)[];
}
