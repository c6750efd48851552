import { decodeCursor } from '../cursor.js';
import type { QuarantineCount, QuarantineQuery } from '../ports.js';
import { type ConditionDialect, Conditions } from './sql-conditions.js';

/** The filter of a quarantine list over `quarantine q` (newest id first), for either backend. */
export function quarantineConditions(q: QuarantineQuery, d: ConditionDialect): Conditions {
  const c = new Conditions()
    .eq('q.feed', 'feed', q.feed)
    .eq('q.reason', 'reason', q.reason);
  if (q.cursor !== undefined) {
    const [id] = decodeCursor(q.cursor, ['number']);
    c.add(`q.id < ${d.typed('beforeId', 'bigint')}`, { beforeId: id });
  }
  return c;
}

/** Totals per (feed, reason) with the number of lines still held, sorted by feed then reason. */
export function mergeQuarantineCounts(
  totals: readonly { feed: string; reason: string; total: number }[], held: readonly { feed: string; reason: string; n: number }[],
): QuarantineCount[] {
  const out = new Map<string, QuarantineCount>();
  const key = (f: string, r: string): string => `${f}\u0000${r}`;
  for (const t of totals) out.set(key(t.feed, t.reason), { feed: t.feed, reason: t.reason, total: t.total, held: 0 });
  for (const h of held) {
    const c = out.get(key(h.feed, h.reason));
    // A held line always has a total; a total hidden from this viewer stays hidden.
    if (c !== undefined) c.held = h.n;
  }
  return [...out.values()].sort((a, b) => (a.feed === b.feed ? (a.reason < b.reason ? -1 : 1) : a.feed < b.feed ? -1 : 1));
}
