import { decodeCursor } from '../cursor.js';
import type { ReportQuery } from '../ports.js';
import { boxParams, type ConditionDialect, Conditions } from './sql-conditions.js';

/** Order of a report list (newest first); its cursor is `[time_ms, id]` of the last row. */
export const REPORT_ORDER = 'r.time_ms DESC, r.id DESC';

/** The filter of a report list over `reports r`, for either backend. */
export function reportConditions(q: ReportQuery, d: ConditionDialect): Conditions {
  const c = new Conditions()
    .eq('r.category', 'category', q.category)
    .eq('r.party', 'party', q.party);
  if (q.fromMs !== undefined) c.add('r.time_ms >= @fromMs', { fromMs: q.fromMs });
  if (q.toMs !== undefined) c.add('r.time_ms <= @toMs', { toMs: q.toMs });
  if (q.bbox !== undefined) c.add(d.inBox('r'), boxParams(q.bbox));
  if (q.cursor !== undefined) {
    const [timeMs, id] = decodeCursor(q.cursor, ['number', 'string']);
    c.add(`(r.time_ms, r.id) < (${d.typed('beforeTime', 'bigint')}, ${d.typed('beforeId', 'text')})`, { beforeTime: timeMs, beforeId: id });
  }
  return c;
}
