import { decodeCursor } from '../cursor.js';
import type { AlertQuery } from '../ports.js';
import { type ConditionDialect, Conditions } from './sql-conditions.js';

/** Order of an alert list (newest start first); its cursor is `[start_ms, id]` of the last row. */
export const ALERT_ORDER = 'a.start_ms DESC, a.id DESC';

/** The filter of an alert list over `alerts a`, for either backend. */
export function alertConditions(q: AlertQuery, d: ConditionDialect): Conditions {
  const c = new Conditions()
    .eq('a.rule', 'rule', q.rule)
    .eq('a.type', 'type', q.type)
    .eq('a.zone', 'zone', q.zone)
    .eq('a.entity_party', 'party', q.party)
    .eq('a.domain', 'domain', q.domain)
    .eq('a.severity', 'severity', q.severity)
    .eq('a.status', 'status', q.status)
    .eq('a.entity_id', 'entityId', q.entityId)
    .eq('a.agreement_id', 'agreementId', q.agreementId);
  if (q.toMs !== undefined) c.add('a.start_ms <= @toMs', { toMs: q.toMs });
  if (q.fromMs !== undefined) c.add('(a.end_ms IS NULL OR a.end_ms >= @fromMs)', { fromMs: q.fromMs });
  if (q.cursor !== undefined) {
    const [startMs, id] = decodeCursor(q.cursor, ['number', 'string']);
    c.add(`(a.start_ms, a.id) < (${d.typed('beforeStart', 'bigint')}, ${d.typed('beforeId', 'text')})`, { beforeStart: startMs, beforeId: id });
  }
  return c;
}
