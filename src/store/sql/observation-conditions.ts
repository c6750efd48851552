import { decodeCursor } from '../cursor.js';
import type { CoverageQuery, ObservationsByEntityQuery, ObservationsInAreaQuery } from '../ports.js';
import { boxParams, type ConditionDialect, Conditions } from './sql-conditions.js';

/** Order of an observation page; its cursor is `[time_ms, id]` of the last row. */
export const OBSERVATION_ORDER = 'o.time_ms, o.id';

/**
 * The filter of an observation page over `observations o`: `where` (the entity or the box),
 * the inclusive time window, and the keyset cursor.
 */
export function observationPageConditions(
  q: ObservationsByEntityQuery | ObservationsInAreaQuery, where: readonly string[], params: Record<string, unknown>, d: ConditionDialect,
): Conditions {
  const c = new Conditions().add([...where, 'o.time_ms >= @fromMs', 'o.time_ms <= @toMs'], { ...params, fromMs: q.fromMs, toMs: q.toMs });
  if (q.cursor !== undefined) {
    const [timeMs, id] = decodeCursor(q.cursor, ['number', 'number']);
    c.add(`(o.time_ms, o.id) > (${d.typed('afterTime', 'bigint')}, ${d.typed('afterId', 'bigint')})`, { afterTime: timeMs, afterId: id });
  }
  return c;
}

/**
 * The filter of a coverage count over `observations o` (time window `[fromMs, toMs)` widened
 * to whole ms, optional box), with `@bucketMs`; throws on a bucket that is not a positive whole number.
 */
export function coverageConditions(q: CoverageQuery, d: ConditionDialect): Conditions {
  if (!(Number.isInteger(q.bucketMs) && q.bucketMs > 0)) throw new RangeError(`coverage bucket must be a positive whole number of ms, got ${q.bucketMs}`);
  const c = new Conditions().add([`o.time_ms >= ${d.typed('fromMs', 'bigint')}`, `o.time_ms < ${d.typed('toMs', 'bigint')}`],
    { fromMs: Math.floor(q.fromMs), toMs: Math.ceil(q.toMs), bucketMs: q.bucketMs });
  if (q.bbox !== undefined) c.add(d.inBox('o'), boxParams(q.bbox));
  return c;
}
