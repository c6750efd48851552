import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ReorderBuffer } from './reorder-buffer.js';

const byTimeThenId = (a: { timeMs: number; id: number }, b: { timeMs: number; id: number }): number => a.timeMs - b.timeMs || a.id - b.id;

test('releases events in order when they arrive shuffled within the allowance', () => {
  fc.assert(fc.property(fc.array(fc.nat({ max: 5 }), { minLength: 1, maxLength: 300 }), fc.nat({ max: 1000 }), (jitter, seed) => {
    const events = jitter.map((_, i) => ({ timeMs: i * 1000, id: i }));
    // Delay each event by up to 5 s: arrival order differs from event order.
    const arrivals = events.map((e, i) => ({ e, at: e.timeMs + jitter[i]! * 1000 + ((seed + i) % 3) })).sort((a, b) => a.at - b.at);
    const out: number[] = [];
    const buf = new ReorderBuffer<{ timeMs: number; id: number }>(6000, byTimeThenId);
    for (const a of arrivals) buf.push(a.e, (e) => out.push(e.id));
    buf.drain((e) => out.push(e.id));
    assert.deepEqual(out, events.map((e) => e.id));
    assert.equal(buf.late, 0);
  }));
});

test('drops and counts an event older than what was already released', () => {
  const buf = new ReorderBuffer<{ timeMs: number; id: number }>(1000, byTimeThenId);
  const out: number[] = [];
  buf.push({ timeMs: 0, id: 0 }, (e) => out.push(e.id));
  buf.push({ timeMs: 5000, id: 1 }, (e) => out.push(e.id));
  buf.push({ timeMs: 2000, id: 2 }, (e) => out.push(e.id));
  buf.push({ timeMs: 10_000, id: 3 }, (e) => out.push(e.id));
  buf.push({ timeMs: 1000, id: 4 }, (e) => out.push(e.id));
  buf.drain((e) => out.push(e.id));
  assert.deepEqual(out, [0, 2, 1, 3]);
  assert.equal(buf.late, 1);
});

test('holds no more than one allowance window of events', () => {
  const buf = new ReorderBuffer<{ timeMs: number; id: number }>(10_000, byTimeThenId);
  for (let i = 0; i < 100_000; i++) buf.push({ timeMs: i * 100, id: i }, () => {});
  assert.ok(buf.size <= 101, `held ${buf.size}`);
});

type Ranked = { timeMs: number; id: number };

/**
 * Events of `instants` instants with ids up to `maxId`, pushed in arbitrary order through a
 * buffer ranked by `rank`, come out as the comparator (time, rank, id) sorts them.
 */
function releasesInRankOrder(rank: (e: Ranked) => number, instants: number, maxId: number, length: { minLength: number; maxLength: number }, numRuns?: number): void {
  const byRankThenId = (a: Ranked, b: Ranked): number => a.timeMs - b.timeMs || rank(a) - rank(b) || a.id - b.id;
  fc.assert(fc.property(fc.array(fc.record({ t: fc.nat({ max: instants - 1 }), id: fc.nat({ max: maxId }) }), length), (raw) => {
    const events = raw.map((r) => ({ timeMs: r.t * 1000, id: r.id }));
    const ranked = new ReorderBuffer<Ranked>(10_000, byRankThenId, rank);
    const got: Ranked[] = [];
    for (const e of events) ranked.push(e, (x) => got.push(x));
    ranked.drain((x) => got.push(x));
    assert.deepEqual(got, [...events].sort(byRankThenId));
  }), numRuns === undefined ? {} : { numRuns });
}

test('with a rank, an instant is released in the comparator\'s order, ties of rank included', () => {
  // Rank = id mod 3 (many ties), then id: the comparator orders by the rank first, as the contract asks.
  releasesInRankOrder((e) => e.id % 3, 5, 1000, { minLength: 1, maxLength: 200 });
});

test('with a rank, instants of hundreds of events (sorted otherwise than small ones) are in the comparator\'s order, long runs of one rank included', () => {
  // Ids under 3000 share rank 0: runs of one rank hundreds long.
  releasesInRankOrder((e) => (e.id < 3000 ? 0 : e.id % 251), 2, 4000, { minLength: 200, maxLength: 600 }, 50);
});
