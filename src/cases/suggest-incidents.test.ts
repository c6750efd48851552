import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_SUGGEST_WINDOW_MS, suggestIncidents } from './suggest-incidents.js';
import { makeAlert } from './test-kit.js';

const ids = (groups: { alertIds: string[] }[]): string[][] => groups.map((g) => g.alertIds);

describe('suggestIncidents', () => {
  test('the default window is two hours', () => {
    assert.equal(DEFAULT_SUGGEST_WINDOW_MS, 7_200_000);
  });

  test('groups alerts of one vessel that follow each other within two hours, across zones', () => {
    const s = suggestIncidents([
      makeAlert('a1', 'mmsi:273000001', 'odesa-approach', '2026-03-25T04:00:00Z', 30),
      makeAlert('a2', 'mmsi:273000001', 'corridor', '2026-03-25T06:20:00Z', 10), // 1 h 50 min after a1 ended
      makeAlert('a3', 'mmsi:273000001', 'sevastopol', '2026-03-25T09:00:00Z', 10), // 2 h 30 min after a2 ended
    ]);
    assert.deepEqual(ids(s), [['a1', 'a2']]);
    assert.deepEqual(s[0]?.zones, ['corridor', 'odesa-approach']);
    assert.equal(s[0]?.title, '2 alerts: mmsi:273000001 in 2 zones');
  });

  test('groups different entities in the same zone within the window, and not across zones', () => {
    const s = suggestIncidents([
      makeAlert('b1', 'mmsi:1', 'odesa-approach', '2026-03-25T04:00:00Z'),
      makeAlert('b2', 'mmsi:2', 'odesa-approach', '2026-03-25T05:00:00Z'),
      makeAlert('b3', 'mmsi:3', 'sevastopol', '2026-03-25T05:00:00Z'),
    ]);
    assert.deepEqual(ids(s), [['b1', 'b2']]);
    assert.deepEqual(s[0]?.entityIds, ['mmsi:1', 'mmsi:2']);
  });

  test('relations are transitive: a chain of alerts five hours long is one suggestion', () => {
    const s = suggestIncidents([
      makeAlert('c1', 'mmsi:1', 'z1', '2026-03-25T00:00:00Z', 60),
      makeAlert('c2', 'mmsi:1', 'z2', '2026-03-25T02:30:00Z', 60),
      makeAlert('c3', 'mmsi:2', 'z2', '2026-03-25T04:00:00Z', 60),
    ]);
    assert.deepEqual(ids(s), [['c1', 'c2', 'c3']]);
    assert.equal(s[0]?.startMs, Date.parse('2026-03-25T00:00:00Z'));
    assert.equal(s[0]?.endMs, Date.parse('2026-03-25T05:00:00Z'));
  });

  test('a long alert keeps later alerts related even when a shorter one ended in between', () => {
    const s = suggestIncidents([
      makeAlert('d1', 'mmsi:1', null, '2026-03-25T00:00:00Z', 600),
      makeAlert('d2', 'mmsi:1', null, '2026-03-25T00:10:00Z', 5),
      makeAlert('d3', 'mmsi:1', null, '2026-03-25T09:00:00Z', 5),
    ]);
    assert.deepEqual(ids(s), [['d1', 'd2', 'd3']]);
  });

  test('an open alert has not ended: later alerts of its entity join it; endMs is null', () => {
    const s = suggestIncidents([
      makeAlert('e1', 'mmsi:1', null, '2026-03-25T00:00:00Z', null),
      makeAlert('e2', 'mmsi:1', null, '2026-03-26T00:00:00Z', 5),
    ]);
    assert.deepEqual(ids(s), [['e1', 'e2']]);
    assert.equal(s[0]?.endMs, null);
  });

  test('the other vessel of a rendezvous links alerts of either vessel', () => {
    const s = suggestIncidents([
      makeAlert('f1', 'mmsi:1', null, '2026-03-25T00:00:00Z', 30, { type: 'no-rendezvous', rule: 'R4', other: { id: 'mmsi:2' } }),
      makeAlert('f2', 'mmsi:2', null, '2026-03-25T01:00:00Z', 30, { type: 'must-transmit', rule: 'R2', severity: 'medium' }),
    ]);
    assert.deepEqual(ids(s), [['f1', 'f2']]);
    assert.deepEqual(s[0]?.rules, ['R2', 'R4']);
    assert.equal(s[0]?.severity, 'high');
  });

  test('single alerts are not suggested unless minAlerts is 1', () => {
    const alerts = [makeAlert('g1', 'mmsi:1', 'z', '2026-03-25T00:00:00Z')];
    assert.deepEqual(suggestIncidents(alerts), []);
    assert.deepEqual(ids(suggestIncidents(alerts, { minAlerts: 1 })), [['g1']]);
  });

  test('a custom window changes the grouping', () => {
    const alerts = [
      makeAlert('h1', 'mmsi:1', 'z', '2026-03-25T00:00:00Z', 10),
      makeAlert('h2', 'mmsi:1', 'z', '2026-03-25T00:40:00Z', 10),
    ];
    assert.deepEqual(ids(suggestIncidents(alerts, { windowMs: 30 * 60_000 })), [['h1', 'h2']]);
    assert.deepEqual(ids(suggestIncidents(alerts, { windowMs: 29 * 60_000 })), []);
  });

  test('the same alerts in any order, with duplicates, give the same suggestions (fast-check)', () => {
    const base = Date.parse('2026-03-25T00:00:00Z');
    const alertArb = fc.record({
      entity: fc.integer({ min: 1, max: 4 }), zone: fc.option(fc.constantFrom('z1', 'z2', 'z3'), { nil: null }),
      startMin: fc.integer({ min: 0, max: 24 * 60 }), durMin: fc.option(fc.integer({ min: 0, max: 240 }), { nil: null }),
    });
    fc.assert(fc.property(fc.array(alertArb, { maxLength: 30 }), fc.integer(), (specs, seed) => {
      const alerts = specs.map((s, i) => makeAlert(`x${i}`, `mmsi:${s.entity}`, s.zone, new Date(base + s.startMin * 60_000).toISOString(), s.durMin));
      const shuffled = fc.sample(fc.shuffledSubarray(alerts, { minLength: alerts.length, maxLength: alerts.length }), { seed, numRuns: 1 })[0] ?? [];
      assert.deepEqual(suggestIncidents([...shuffled, ...alerts.slice(0, 3)]), suggestIncidents(alerts));
    }), { numRuns: 300 });
  });

  test('agrees with a brute-force pairwise grouping (fast-check)', () => {
    const base = Date.parse('2026-03-25T00:00:00Z');
    const W = DEFAULT_SUGGEST_WINDOW_MS;
    fc.assert(fc.property(fc.array(fc.record({
      entity: fc.integer({ min: 1, max: 3 }), zone: fc.option(fc.constantFrom('z1', 'z2'), { nil: null }),
      startMin: fc.integer({ min: 0, max: 12 * 60 }), durMin: fc.option(fc.integer({ min: 0, max: 180 }), { nil: null }),
    }), { maxLength: 25 }), (specs) => {
      const alerts = specs.map((s, i) => makeAlert(`y${i}`, `mmsi:${s.entity}`, s.zone, new Date(base + s.startMin * 60_000).toISOString(), s.durMin));
      // Brute force: flood fill over the pairwise relation.
      const start = (i: number): number => base + (specs[i]?.startMin ?? 0) * 60_000;
      const end = (i: number): number => specs[i]?.durMin === null ? Infinity : start(i) + (specs[i]?.durMin ?? 0) * 60_000;
      const related = (i: number, j: number): boolean => {
        const shared = specs[i]?.entity === specs[j]?.entity || (specs[i]?.zone !== null && specs[i]?.zone === specs[j]?.zone);
        const [a, b] = start(i) <= start(j) ? [i, j] : [j, i];
        return shared && start(b) - end(a) <= W;
      };
      const comp = alerts.map(() => -1);
      let c = 0;
      for (let i = 0; i < alerts.length; i++) {
        if (comp[i] !== -1) continue;
        const stack = [i];
        comp[i] = c;
        while (stack.length > 0) {
          const k = stack.pop() as number;
          for (let j = 0; j < alerts.length; j++) if (comp[j] === -1 && related(k, j)) { comp[j] = c; stack.push(j); }
        }
        c++;
      }
      const expected = new Set<string>();
      for (let g = 0; g < c; g++) {
        const members = alerts.map((a, i) => (comp[i] === g ? a.id : '')).filter((s) => s !== '').sort();
        if (members.length >= 2) expected.add(members.join(','));
      }
      const actual = new Set(suggestIncidents(alerts).map((s) => [...s.alertIds].sort().join(',')));
      assert.deepEqual(actual, expected);
    }), { numRuns: 500 });
  });
});
