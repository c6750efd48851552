import { decodeCursor } from '../cursor.js';
import type { TrackQuery } from '../ports.js';
import { boxParams, type ConditionDialect, Conditions } from './sql-conditions.js';

/** The filter of a track list over `tracks t` (by id; the cursor is the last id), for either backend. */
export function trackConditions(q: TrackQuery, d: ConditionDialect): Conditions {
  const c = new Conditions()
    .eq('t.kind', 'kind', q.kind)
    .eq('t.party', 'party', q.party)
    .eq('t.category', 'category', q.category);
  if (q.updatedSinceMs !== undefined) c.add('t.last_ms >= @since', { since: q.updatedSinceMs });
  if (q.bbox !== undefined) c.add(d.inBox('t'), boxParams(q.bbox));
  if (q.cursor !== undefined) {
    const [id] = decodeCursor(q.cursor, ['string']);
    c.add('t.id > @afterId', { afterId: id });
  }
  return c;
}
