/**
 * Releasability arithmetic of casework (issue 5, item 2), on top of `store/marking.ts`:
 * an incident's marking is derived from its inputs, comments and evidence never reach wider
 * than their incident, and a release may only widen. Pure functions.
 *
 * A marking is read together with its originator: the set of nations a record is releasable
 * to is every nation for `COALITION`, else the originator plus the `REL TO` list.
 */
import { type Marking, mostRestrictive } from '../store/marking.js';
import type { Releasability } from '../store/ports.js';

/** The nations a record may be shown to; `'all'` for COALITION. */
export function releasableSet(r: Releasability): Set<string> | 'all' {
  if (r.marking.kind === 'COALITION') return 'all';
  const set = new Set<string>(r.marking.kind === 'REL_TO' ? r.marking.nations : []);
  set.add(r.originator);
  return set;
}

/**
 * Whether `a` reaches no nation that `b` does not (a ⊆ b, as releasable sets).
 * @example isWithin({ originator: 'FRA', marking: { kind: 'ORIGINATOR_ONLY' } }, { originator: 'GBR', marking: { kind: 'REL_TO', nations: ['FRA'] } }) // true
 */
export function isWithin(a: Releasability, b: Releasability): boolean {
  const sb = releasableSet(b);
  if (sb === 'all') return true;
  const sa = releasableSet(a);
  if (sa === 'all') return false;
  for (const n of sa) if (!sb.has(n)) return false;
  return true;
}

/**
 * The canonical marking of a record of `originator`: a REL TO list never names the
 * originator, and a list that names nobody else is ORIGINATOR ONLY. Equal sets, equal forms.
 * @example normalizeMarking({ kind: 'REL_TO', nations: ['FRA'] }, 'FRA') // { kind: 'ORIGINATOR_ONLY' }
 */
export function normalizeMarking(marking: Marking, originator: string): Marking {
  if (marking.kind !== 'REL_TO') return marking.kind === 'COALITION' ? { kind: 'COALITION' } : { kind: 'ORIGINATOR_ONLY' };
  const nations = [...new Set(marking.nations)].filter((n) => n !== originator).sort();
  return nations.length === 0 ? { kind: 'ORIGINATOR_ONLY' } : { kind: 'REL_TO', nations };
}

/**
 * The marking of a record of `originator` that may reach only the nations both `requested`
 * (read with `originator`) and `limit` reach — the narrower of the two, re-expressed for
 * `originator`. Used for an incident from its inputs (fold over them), for a comment or
 * evidence under its incident, and to narrow them when the incident narrows.
 * @example narrowTo('FRA', { kind: 'COALITION' }, { originator: 'GBR', marking: { kind: 'REL_TO', nations: ['FRA'] } }) // { kind: 'REL_TO', nations: ['GBR'] }
 */
export function narrowTo(originator: string, requested: Marking, limit: Releasability): Marking {
  return normalizeMarking(mostRestrictive(requested, limit.marking, originator, limit.originator), originator);
}

/**
 * An incident's marking when created by a user of `originator` from `inputs` (alerts,
 * reports) with an optional requested marking: the intersection of every input's releasable
 * set and the requested one. The originator sees every input it may link, so it stays in.
 * @example deriveMarking('FRA', undefined, [{ originator: 'GBR', marking: { kind: 'REL_TO', nations: ['FRA', 'POL'] } }]) // { kind: 'REL_TO', nations: ['GBR', 'POL'] }
 */
export function deriveMarking(originator: string, requested: Marking | undefined, inputs: readonly Releasability[]): Marking {
  let m: Marking = normalizeMarking(requested ?? { kind: 'COALITION' }, originator);
  for (const input of inputs) m = narrowTo(originator, m, input);
  return m;
}

/** Whether two markings of the same originator release to the same nations. */
export function sameMarking(a: Marking, b: Marking, originator: string): boolean {
  const na = normalizeMarking(a, originator);
  const nb = normalizeMarking(b, originator);
  if (na.kind !== nb.kind) return false;
  return na.kind !== 'REL_TO' || (nb.kind === 'REL_TO' && na.nations.join() === nb.nations.join());
}
