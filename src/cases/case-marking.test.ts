import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { type Marking, releasableTo } from '../store/marking.js';
import type { Releasability } from '../store/ports.js';
import { deriveMarking, isWithin, narrowTo, normalizeMarking } from './case-marking.js';

const NATIONS = ['FRA', 'GBR', 'POL', 'TUR', 'UKR'];
/** A nation outside every REL TO list the generators make: stands for "the rest of the coalition". */
const OUTSIDER = 'ROU';
const nation = fc.constantFrom(...NATIONS);
const marking: fc.Arbitrary<Marking> = fc.oneof(
  fc.constant<Marking>({ kind: 'COALITION' }),
  fc.constant<Marking>({ kind: 'ORIGINATOR_ONLY' }),
  fc.subarray(NATIONS, { minLength: 1 }).map((nations): Marking => ({ kind: 'REL_TO', nations })),
);
const record: fc.Arbitrary<Releasability> = fc.record({ originator: nation, marking });
const reaches = (r: Releasability, n: string): boolean => releasableTo(r.marking, r.originator, n);

describe('incident releasability', () => {
  test('an incident is never releasable to a nation that any of its inputs, or the requested marking, is not (fast-check)', () => {
    fc.assert(fc.property(nation, fc.option(marking, { nil: undefined }), fc.array(record, { minLength: 1, maxLength: 5 }), (creator, requested, inputs) => {
      // The creator can link only what it sees.
      fc.pre(inputs.every((i) => reaches(i, creator)));
      const incident: Releasability = { originator: creator, marking: deriveMarking(creator, requested, inputs) };
      for (const n of [...NATIONS, OUTSIDER]) {
        if (!reaches(incident, n)) continue;
        for (const i of inputs) assert.ok(reaches(i, n), `${n} sees the incident but not input ${JSON.stringify(i)}`);
        if (requested !== undefined) assert.ok(reaches({ originator: creator, marking: requested }, n), `${n} beyond the requested marking`);
      }
      assert.ok(reaches(incident, creator));
      for (const i of inputs) assert.ok(isWithin(incident, i));
    }), { numRuns: 2000 });
  });

  test('the incident is exactly as wide as the narrowest common ground of its inputs (it narrows no further)', () => {
    fc.assert(fc.property(nation, fc.array(record, { minLength: 1, maxLength: 4 }), (creator, inputs) => {
      fc.pre(inputs.every((i) => reaches(i, creator)));
      const incident: Releasability = { originator: creator, marking: deriveMarking(creator, undefined, inputs) };
      for (const n of [...NATIONS, OUTSIDER]) assert.equal(reaches(incident, n), inputs.every((i) => reaches(i, n)), n);
    }), { numRuns: 1000 });
  });

  test('a comment or evidence narrowed under its incident never reaches further than the incident (fast-check)', () => {
    fc.assert(fc.property(record, nation, marking, (incident, author, requested) => {
      fc.pre(reaches(incident, author));
      const child: Releasability = { originator: author, marking: narrowTo(author, requested, incident) };
      assert.ok(isWithin(child, incident));
      assert.ok(isWithin(child, { originator: author, marking: requested }));
    }), { numRuns: 2000 });
  });

  test('a COALITION alert from GBR and an FRA-only alert give an FRA incident released to nobody else', () => {
    const m = deriveMarking('FRA', undefined, [
      { originator: 'GBR', marking: { kind: 'COALITION' } },
      { originator: 'FRA', marking: { kind: 'ORIGINATOR_ONLY' } },
    ]);
    assert.deepEqual(m, { kind: 'ORIGINATOR_ONLY' });
  });

  test('a GBR alert released to FRA and POL gives an FRA incident releasable to GBR and POL', () => {
    assert.deepEqual(deriveMarking('FRA', undefined, [{ originator: 'GBR', marking: { kind: 'REL_TO', nations: ['FRA', 'POL'] } }]),
      { kind: 'REL_TO', nations: ['GBR', 'POL'] });
  });

  test('normalizeMarking drops the originator from REL TO and collapses an empty list', () => {
    assert.deepEqual(normalizeMarking({ kind: 'REL_TO', nations: ['GBR', 'FRA', 'GBR'] }, 'FRA'), { kind: 'REL_TO', nations: ['GBR'] });
    assert.deepEqual(normalizeMarking({ kind: 'REL_TO', nations: ['FRA'] }, 'FRA'), { kind: 'ORIGINATOR_ONLY' });
  });

  test('isWithin orders markings by the nations they reach', () => {
    const coalition: Releasability = { originator: 'FRA', marking: { kind: 'COALITION' } };
    const relGbr: Releasability = { originator: 'FRA', marking: { kind: 'REL_TO', nations: ['GBR'] } };
    const orcon: Releasability = { originator: 'FRA', marking: { kind: 'ORIGINATOR_ONLY' } };
    assert.ok(isWithin(orcon, relGbr) && isWithin(relGbr, coalition) && isWithin(orcon, coalition));
    assert.ok(!isWithin(coalition, relGbr) && !isWithin(relGbr, orcon));
    assert.ok(!isWithin({ originator: 'GBR', marking: { kind: 'ORIGINATOR_ONLY' } }, orcon));
  });
});
