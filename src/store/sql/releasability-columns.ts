import { isNationCode, type Marking } from '../marking.js';
import type { Releasability } from '../ports.js';

/*
 * The checks and the stored sense of a record's releasability, the same in every backend;
 * only the stored form of the REL TO list differs (`,FRA,GBR,` in SQLite, `text[]` in PostgreSQL).
 */

/** Throws on an originator that is not an ISO 3166-1 alpha-3 nation code (a programmer or configuration error). */
export function checkOriginator(originator: string): void {
  if (!isNationCode(originator)) {
    throw new TypeError(`originator "${originator}" is not an ISO 3166-1 alpha-3 nation code (three capitals, e.g. FRA)`);
  }
}

/**
 * A marking as stored: its kind and, for REL TO, the nations sorted and without repeats.
 * Throws on a malformed REL TO nation or an unknown kind.
 */
export function storedMarking(m: Marking): { kind: Marking['kind']; nations: string[] } {
  if (m.kind === 'REL_TO') {
    const bad = m.nations.find((n) => !isNationCode(n));
    if (bad !== undefined) throw new TypeError(`REL TO nation "${bad}" is not an ISO 3166-1 alpha-3 nation code`);
    return { kind: 'REL_TO', nations: [...new Set(m.nations)].sort() };
  }
  if (m.kind === 'COALITION' || m.kind === 'ORIGINATOR_ONLY') return { kind: m.kind, nations: [] };
  throw new TypeError(`unknown marking ${JSON.stringify(m)}: expected kind COALITION, REL_TO or ORIGINATOR_ONLY`);
}

/** A stored row's releasability, back as `{ originator, marking }`; `relTo` reads the stored REL TO list. */
export function releasabilityFrom(originator: string, marking: string, relTo: () => string[]): Releasability {
  switch (marking) {
    case 'COALITION': return { originator, marking: { kind: 'COALITION' } };
    case 'ORIGINATOR_ONLY': return { originator, marking: { kind: 'ORIGINATOR_ONLY' } };
    default: return { originator, marking: { kind: 'REL_TO', nations: relTo() } };
  }
}
