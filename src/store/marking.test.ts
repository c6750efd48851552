import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { deriveReleasability, formatMarking, type Marking, mostRestrictive, parseMarking, releasableTo } from './marking.js';

const NATIONS = ['FRA', 'GBR', 'DEU', 'TUR', 'POL', 'UKR'] as const;
const nation = fc.constantFrom(...NATIONS);
const marking: fc.Arbitrary<Marking> = fc.oneof(
  fc.constant<Marking>({ kind: 'COALITION' }),
  fc.constant<Marking>({ kind: 'ORIGINATOR_ONLY' }),
  fc.subarray([...NATIONS], { minLength: 1 }).map((nations): Marking => ({ kind: 'REL_TO', nations })),
);

describe('parseMarking', () => {
  test('reads the three markings as people write them', () => {
    assert.deepEqual(parseMarking('COALITION'), { ok: true, value: { kind: 'COALITION' } });
    assert.deepEqual(parseMarking('REL TO FRA, GBR'), { ok: true, value: { kind: 'REL_TO', nations: ['FRA', 'GBR'] } });
    assert.deepEqual(parseMarking('rel to gbr fra,GBR'), { ok: true, value: { kind: 'REL_TO', nations: ['FRA', 'GBR'] } });
    assert.deepEqual(parseMarking(' Originator  Only '), { ok: true, value: { kind: 'ORIGINATOR_ONLY' } });
  });

  test('says why a marking cannot be read', () => {
    assert.deepEqual(parseMarking('SECRET'), { ok: false, error: 'unknown marking "SECRET": expected COALITION, REL TO <nations> or ORIGINATOR ONLY' });
    assert.deepEqual(parseMarking('REL TO'), { ok: false, error: 'marking "REL TO" names no nation after REL TO' });
    assert.deepEqual(parseMarking('REL TO FRA, UK'), { ok: false, error: 'marking "REL TO FRA, UK": "UK" is not an ISO 3166-1 alpha-3 nation code' });
  });

  test('parse(format(m)) gives m back, with nations sorted and unique', () => {
    fc.assert(fc.property(marking, (m) => {
      const back = parseMarking(formatMarking(m));
      assert.ok(back.ok);
      assert.deepEqual(back.value, m.kind === 'REL_TO' ? { kind: 'REL_TO', nations: [...new Set(m.nations)].sort() } : m);
    }));
  });
});

describe('releasableTo', () => {
  test('the originator always, COALITION everyone, REL TO its list, ORIGINATOR ONLY nobody else', () => {
    assert.equal(releasableTo({ kind: 'ORIGINATOR_ONLY' }, 'FRA', 'FRA'), true);
    assert.equal(releasableTo({ kind: 'ORIGINATOR_ONLY' }, 'FRA', 'GBR'), false);
    assert.equal(releasableTo({ kind: 'COALITION' }, 'FRA', 'TUR'), true);
    assert.equal(releasableTo({ kind: 'REL_TO', nations: ['GBR'] }, 'FRA', 'GBR'), true);
    assert.equal(releasableTo({ kind: 'REL_TO', nations: ['GBR'] }, 'FRA', 'DEU'), false);
  });
});

describe('mostRestrictive', () => {
  test('never widens: whoever may see the result (other than its own originator) may see both inputs', () => {
    fc.assert(fc.property(marking, marking, nation, nation, nation, nation, (a, b, oa, ob, derivedBy, viewer) => {
      const r = mostRestrictive(a, b, oa, ob);
      if (viewer !== derivedBy && releasableTo(r, derivedBy, viewer)) {
        assert.ok(releasableTo(a, oa, viewer) && releasableTo(b, ob, viewer), `${formatMarking(r)} from ${formatMarking(a)}/${oa} and ${formatMarking(b)}/${ob} shown to ${viewer}`);
      }
    }), { numRuns: 2000 });
  });

  test('does not narrow more than needed: a nation both inputs release to sees the result', () => {
    fc.assert(fc.property(marking, marking, nation, nation, nation, nation, (a, b, oa, ob, derivedBy, viewer) => {
      if (releasableTo(a, oa, viewer) && releasableTo(b, ob, viewer)) assert.ok(releasableTo(mostRestrictive(a, b, oa, ob), derivedBy, viewer));
    }), { numRuns: 2000 });
  });

  test('two COALITION inputs stay COALITION; ORIGINATOR ONLY of two nations stays ORIGINATOR ONLY', () => {
    assert.deepEqual(mostRestrictive({ kind: 'COALITION' }, { kind: 'COALITION' }, 'FRA', 'GBR'), { kind: 'COALITION' });
    assert.deepEqual(mostRestrictive({ kind: 'ORIGINATOR_ONLY' }, { kind: 'ORIGINATOR_ONLY' }, 'FRA', 'GBR'), { kind: 'ORIGINATOR_ONLY' });
    assert.deepEqual(mostRestrictive({ kind: 'COALITION' }, { kind: 'REL_TO', nations: ['TUR'] }, 'FRA', 'GBR'), { kind: 'REL_TO', nations: ['GBR', 'TUR'] });
    assert.deepEqual(mostRestrictive({ kind: 'REL_TO', nations: ['GBR', 'POL'] }, { kind: 'REL_TO', nations: ['FRA', 'POL'] }, 'FRA', 'GBR'),
      { kind: 'REL_TO', nations: ['FRA', 'GBR', 'POL'] });
  });
});

test('a derived record is releasable exactly to the nations every input is releasable to', () => {
  const nations = ['FRA', 'GBR', 'POL', 'TUR', 'ROU'];
  const arbMarking = fc.oneof(
    fc.constant<Marking>({ kind: 'COALITION' }),
    fc.constant<Marking>({ kind: 'ORIGINATOR_ONLY' }),
    fc.subarray(nations, { minLength: 1 }).map((n): Marking => ({ kind: 'REL_TO', nations: n })),
  );
  fc.assert(fc.property(fc.array(fc.record({ originator: fc.constantFrom(...nations), marking: arbMarking }), { minLength: 1, maxLength: 4 }), fc.constantFrom(...nations), (inputs, deriver) => {
    const d = deriveReleasability(inputs, deriver);
    for (const n of nations) {
      const allowedByAll = inputs.every((i) => releasableTo(i.marking, i.originator, n));
      const sees = releasableTo(d.marking, d.originator, n);
      if (sees && n !== deriver) assert.ok(allowedByAll, `${n} sees ${JSON.stringify(d)} from ${JSON.stringify(inputs)}`);
      if (allowedByAll) assert.ok(sees, `${n} may see all inputs but not ${JSON.stringify(d)}`);
    }
  }), { numRuns: 2000 });
  assert.deepEqual(deriveReleasability([{ originator: 'GBR', marking: { kind: 'COALITION' } }, { originator: 'FRA', marking: { kind: 'ORIGINATOR_ONLY' } }], 'POL'), { originator: 'FRA', marking: { kind: 'ORIGINATOR_ONLY' } });
});
