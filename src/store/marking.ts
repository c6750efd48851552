/**
 * Releasability markings (issue 5, item 2): every stored record carries its originating
 * nation (ISO 3166-1 alpha-3) and one of these markings, which say to whom it may be shown.
 *
 * The set of nations a record is releasable to is
 * - `COALITION`: every coalition nation;
 * - `REL TO A, B`: A, B and the originator;
 * - `ORIGINATOR ONLY`: the originator alone.
 */
export type Marking =
  | { kind: 'COALITION' }
  | { kind: 'REL_TO'; nations: string[] }
  | { kind: 'ORIGINATOR_ONLY' };

/** The marking kinds, as stored in the `marking` column. */
export const MARKING_KINDS = ['COALITION', 'REL_TO', 'ORIGINATOR_ONLY'] as const;

/** The widest marking: releasable to the whole coalition. */
export const COALITION: Marking = Object.freeze({ kind: 'COALITION' });

/** The narrowest marking: the originating nation only. */
export const ORIGINATOR_ONLY: Marking = Object.freeze({ kind: 'ORIGINATOR_ONLY' });

const NATION = /^[A-Z]{3}$/;

/**
 * True when `code` has the shape of an ISO 3166-1 alpha-3 code (three upper-case letters).
 * @example isNationCode('FRA') // true
 */
export function isNationCode(code: string): boolean {
  return NATION.test(code);
}

/**
 * Parses a marking as people write it: `COALITION`, `REL TO FRA, GBR` (commas and/or
 * spaces between codes; `RELTO` and `REL_TO` also accepted), `ORIGINATOR ONLY`
 * (or `ORCON`). Keywords are case-insensitive; nation codes are upper-cased, de-duplicated
 * and sorted, so equal markings have equal forms.
 * @example parseMarking('REL TO GBR, FRA') // { ok: true, value: { kind: 'REL_TO', nations: ['FRA', 'GBR'] } }
 */
export function parseMarking(text: string): { ok: true; value: Marking } | { ok: false; error: string } {
  const t = text.trim().replace(/\s+/g, ' ');
  const upper = t.toUpperCase();
  if (upper === 'COALITION') return { ok: true, value: { kind: 'COALITION' } };
  if (upper === 'ORIGINATOR ONLY' || upper === 'ORIGINATOR_ONLY' || upper === 'ORCON') {
    return { ok: true, value: { kind: 'ORIGINATOR_ONLY' } };
  }
  const rel = /^REL(?: |_)?TO:? ?(.*)$/.exec(upper);
  if (rel === null) {
    return { ok: false, error: `unknown marking "${text}": expected COALITION, REL TO <nations> or ORIGINATOR ONLY` };
  }
  const codes = (rel[1] ?? '').split(/[\s,;/]+/).filter((c) => c.length > 0);
  if (codes.length === 0) return { ok: false, error: `marking "${text}" names no nation after REL TO` };
  const bad = codes.find((c) => !NATION.test(c));
  if (bad !== undefined) return { ok: false, error: `marking "${text}": "${bad}" is not an ISO 3166-1 alpha-3 nation code` };
  return { ok: true, value: { kind: 'REL_TO', nations: canonicalNations(codes) } };
}

/**
 * The marking as people read it: `COALITION`, `REL TO FRA, GBR`, `ORIGINATOR ONLY`.
 * `formatMarking(parseMarking(s).value)` is the canonical form of `s`.
 * @example formatMarking({ kind: 'REL_TO', nations: ['FRA', 'GBR'] }) // 'REL TO FRA, GBR'
 */
export function formatMarking(marking: Marking): string {
  switch (marking.kind) {
    case 'COALITION': return 'COALITION';
    case 'ORIGINATOR_ONLY': return 'ORIGINATOR ONLY';
    case 'REL_TO': return `REL TO ${canonicalNations(marking.nations).join(', ')}`;
  }
}

/**
 * Whether a record of `originator` with `marking` may be shown to a user of `nation`
 * (issue 5: "a user sees a record iff their nation is the originator or in its
 * releasability").
 * @example releasableTo({ kind: 'ORIGINATOR_ONLY' }, 'FRA', 'GBR') // false
 */
export function releasableTo(marking: Marking, originator: string, nation: string): boolean {
  if (nation === originator) return true;
  if (marking.kind === 'COALITION') return true;
  if (marking.kind === 'REL_TO') return marking.nations.includes(nation);
  return false;
}

/**
 * The marking of a record derived from two inputs (an alert from observations, an incident
 * from alerts): releasable only to nations both inputs are releasable to — the intersection
 * of their releasable sets, so it never widens either input.
 *
 * Two COALITION inputs give COALITION; otherwise the result is an explicit `REL TO` list of
 * the intersection (an input's originator is in its own set), or ORIGINATOR ONLY when the
 * intersection is empty: then only the derived record's own originator (the nation that
 * derived it) and the system see it. The derived record's originator always sees its record, so a deriving nation outside
 * the intersection should not derive from these inputs without a release by their originators.
 * @example mostRestrictive({ kind: 'COALITION' }, { kind: 'ORIGINATOR_ONLY' }, 'FRA', 'GBR') // { kind: 'REL_TO', nations: ['GBR'] }
 */
export function mostRestrictive(a: Marking, b: Marking, originatorA: string, originatorB: string): Marking {
  if (a.kind === 'COALITION' && b.kind === 'COALITION') return { kind: 'COALITION' };
  const setA = a.kind === 'COALITION' ? undefined : releasableSet(a, originatorA);
  const setB = b.kind === 'COALITION' ? undefined : releasableSet(b, originatorB);
  let nations: string[];
  if (setA === undefined) nations = [...(setB ?? [])];
  else if (setB === undefined) nations = [...setA];
  else nations = [...setA].filter((n) => setB.has(n));
  // An empty REL TO list releases to the originator alone: that is ORIGINATOR ONLY.
  return nations.length === 0 ? { kind: 'ORIGINATOR_ONLY' } : { kind: 'REL_TO', nations: canonicalNations(nations) };
}

function releasableSet(marking: Exclude<Marking, { kind: 'COALITION' }>, originator: string): Set<string> {
  const set = new Set<string>(marking.kind === 'REL_TO' ? marking.nations : []);
  set.add(originator);
  return set;
}

function canonicalNations(codes: readonly string[]): string[] {
  return [...new Set(codes)].sort();
}

/**
 * Releasability of a record derived from several inputs (an alert from the feeds that saw its
 * entities): releasable exactly to the nations every input is releasable to, and with an
 * originator inside that set — `deriver` (the nation operating the node) when it is, else the
 * first nation of the set — so that no nation sees through the originator rule what one input
 * withholds from it. When no nation may see all inputs, only the deriver sees the record.
 * @example deriveReleasability([{ originator: 'GBR', marking: { kind: 'COALITION' } }, { originator: 'FRA', marking: { kind: 'ORIGINATOR_ONLY' } }], 'FRA')
 * // { originator: 'FRA', marking: { kind: 'ORIGINATOR_ONLY' } }
 */
export function deriveReleasability(inputs: readonly { originator: string; marking: Marking }[], deriver: string): { originator: string; marking: Marking } {
  let set: Set<string> | undefined;
  for (const i of inputs) {
    if (i.marking.kind === 'COALITION') continue;
    const s = releasableSet(i.marking, i.originator);
    set = set === undefined ? s : new Set([...set].filter((n) => s.has(n)));
  }
  if (set === undefined) return { originator: inputs[0]?.originator ?? deriver, marking: { kind: 'COALITION' } };
  if (set.size === 0) return { originator: deriver, marking: { kind: 'ORIGINATOR_ONLY' } };
  const originator = set.has(deriver) ? deriver : canonicalNations([...set])[0]!;
  const others = [...set].filter((n) => n !== originator);
  return { originator, marking: others.length === 0 ? { kind: 'ORIGINATOR_ONLY' } : { kind: 'REL_TO', nations: canonicalNations(others) } };
}
