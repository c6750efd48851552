import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Action, ROLE_ACTIONS, type Role } from '../access/roles.js';
import { INCIDENT_STATUSES, type IncidentStatus, VERDICTS } from './incident.js';
import { planTransition, TRANSITIONS } from './lifecycle.js';

const asRole = (role: Role) => (a: Action): boolean => ROLE_ACTIONS[role].includes(a);
const anyone = (): boolean => true;

/** The lifecycle written out by hand, independently of the table: from → allowed targets. */
const EXPECTED: Record<IncidentStatus, IncidentStatus[]> = {
  'new': ['under-review'],
  'under-review': ['verified-violation', 'not-a-violation', 'inconclusive'],
  'verified-violation': ['under-review'],
  'not-a-violation': ['under-review'],
  'inconclusive': ['under-review'],
};

describe('incident lifecycle', () => {
  for (const from of INCIDENT_STATUSES) {
    for (const to of INCIDENT_STATUSES) {
      const allowed = EXPECTED[from].includes(to);
      test(`${from} → ${to} is ${allowed ? 'allowed' : 'refused as a conflict'}`, () => {
        const r = planTransition(from, { to, reason: 'checked the imagery' }, anyone);
        if (allowed) {
          assert.equal(r.ok, true);
          assert.equal(r.ok && r.value.status, to);
        } else {
          assert.equal(r.ok, false);
          assert.equal(!r.ok && r.error.code, 'conflict');
          assert.match(!r.ok ? r.error.message : '', new RegExp(`^to: an incident that is ${from} cannot become ${to}`));
        }
      });
    }
  }

  test('the table has exactly the seven transitions of the lifecycle', () => {
    assert.equal(TRANSITIONS.length, Object.values(EXPECTED).flat().length);
  });

  test('an analyst may start a review but not decide or reopen', () => {
    assert.equal(planTransition('new', { to: 'under-review' }, asRole('analyst')).ok, true);
    for (const v of VERDICTS) {
      const decide = planTransition('under-review', { to: v }, asRole('analyst'));
      assert.deepEqual(decide.ok ? null : decide.error.code, 'forbidden');
      const reopen = planTransition(v, { to: 'under-review', reason: 'new imagery' }, asRole('analyst'));
      assert.deepEqual(reopen.ok ? null : reopen.error.code, 'forbidden');
    }
  });

  test('a verifier decides and reopens; a viewer does nothing', () => {
    assert.equal(planTransition('under-review', { to: 'inconclusive' }, asRole('verifier')).ok, true);
    assert.equal(planTransition('inconclusive', { to: 'under-review', reason: 'new imagery' }, asRole('verifier')).ok, true);
    for (const rule of TRANSITIONS) {
      const r = planTransition(rule.from, { to: rule.to, reason: 'x' }, asRole('viewer'));
      assert.equal(r.ok ? null : r.error.code, 'forbidden', `${rule.from} → ${rule.to}`);
    }
  });

  test('reopening needs a reason and clears the verdict, attribution, confidence and grading', () => {
    const noReason = planTransition('verified-violation', { to: 'under-review' }, anyone);
    assert.deepEqual(noReason, { ok: false, error: { code: 'invalid', message: 'reason: required to move a verified-violation incident back to under-review' } });
    const blank = planTransition('verified-violation', { to: 'under-review', reason: '   ' }, anyone);
    assert.equal(blank.ok ? null : blank.error.code, 'invalid');
    const r = planTransition('verified-violation', { to: 'under-review', reason: 'the party produced a port log' }, anyone);
    assert.deepEqual(r.ok && r.value, { status: 'under-review', verdict: null, attributedParty: null, confidence: null, grading: null });
  });

  test('a verified violation may stand without an attributed party (verdict and attribution are separate)', () => {
    const r = planTransition('under-review', { to: 'verified-violation' }, anyone);
    assert.deepEqual(r.ok && r.value, { status: 'verified-violation', verdict: 'verified-violation', attributedParty: null, confidence: null, grading: null });
  });

  test('a verdict carries attribution, confidence with its reason, and an Admiralty grading', () => {
    const r = planTransition('under-review', {
      to: 'verified-violation', attributedParty: 'RU', confidence: { level: 'high', reason: ' two radars and AIS agree ' },
      grading: { reliability: 'B', credibility: 2 },
    }, anyone);
    assert.deepEqual(r.ok && r.value, {
      status: 'verified-violation', verdict: 'verified-violation', attributedParty: 'RU',
      confidence: { level: 'high', reason: 'two radars and AIS agree' }, grading: { reliability: 'B', credibility: 2 },
    });
  });

  test('a confidence without a reason is refused, naming the field', () => {
    const r = planTransition('under-review', { to: 'inconclusive', confidence: { level: 'low', reason: '' } }, anyone);
    assert.deepEqual(r.ok ? null : r.error, { code: 'invalid', message: 'confidence.reason: required with a confidence, 1–4000 characters' });
  });

  test('bad Admiralty grades and confidence levels are refused', () => {
    const bad = [
      { grading: { reliability: 'G', credibility: 2 } },
      { grading: { reliability: 'A', credibility: 7 } },
      { grading: { reliability: 'A', credibility: 0 } },
      { confidence: { level: 'certain', reason: 'x' } },
      { attributedParty: 'R U!' },
    ];
    for (const fields of bad) {
      const r = planTransition('under-review', { to: 'verified-violation', ...fields } as never, anyone);
      assert.equal(r.ok ? null : r.error.code, 'invalid', JSON.stringify(fields));
    }
  });

  test('verdict fields are refused on a transition that is not a verdict', () => {
    const r = planTransition('new', { to: 'under-review', attributedParty: 'RU' }, anyone);
    assert.equal(r.ok ? null : r.error.code, 'invalid');
  });

  test('an unknown target state is invalid, not a conflict', () => {
    const r = planTransition('new', { to: 'published' as IncidentStatus }, anyone);
    assert.equal(r.ok ? null : r.error.code, 'invalid');
  });
});
