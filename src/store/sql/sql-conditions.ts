import type { BBox } from '../ports.js';

/** The SQL type a parameter is compared as, where a backend needs it said. */
export type ParamType = 'bigint' | 'text';

/**
 * What the condition builders leave to a backend: the rest of a list query's filter is the
 * same SQL in SQLite and PostgreSQL.
 */
export interface ConditionDialect {
  /** A parameter of a known type, e.g. in a row comparison: `@name` (SQLite) or `@name::bigint` (PostgreSQL). */
  typed(name: string, type: ParamType): string;
  /** "`alias.lon`/`alias.lat` within `@minLon`…`@maxLat`" (inclusive), e.g. with an index test first. */
  inBox(alias: string): string[];
}

/** The parameters of a `ConditionDialect.inBox` condition. */
export function boxParams(bbox: BBox): Record<string, number> {
  const [minLon, minLat, maxLon, maxLat] = bbox;
  return { minLon, minLat, maxLon, maxLat };
}

/** A list query's conditions (ANDed) and their named parameters, built up filter by filter. */
export class Conditions {
  readonly where: string[] = [];
  readonly params: Record<string, unknown> = {};

  /** Adds conditions and the parameters they name. */
  add(conditions: string | readonly string[], params: Record<string, unknown>): this {
    if (typeof conditions === 'string') this.where.push(conditions);
    else this.where.push(...conditions);
    Object.assign(this.params, params);
    return this;
  }

  /** `column = @name` when `value` is given (a filter left out of the query matches everything). */
  eq(column: string, name: string, value: string | undefined): this {
    return value === undefined ? this : this.add(`${column} = @${name}`, { [name]: value });
  }
}
