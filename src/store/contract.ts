/**
 * The store contract (STYLE rule 14): one node:test suite that every backend passes. A
 * backend's test file calls `storeContract('sqlite', (o) => openSqliteStore(':memory:', o))`.
 * Only imported by tests.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { Alert } from '../core/alert/alert.js';
import { COALITION, type Marking, releasableTo } from './marking.js';
import type {
  AlertInput, FeedStatus, ObservationInput, Page, QuarantineInput, Releasability, ReportInput, Store, TrackRecord, Viewer,
} from './ports.js';
import { InvalidCursorError, StoreConflictError } from './store-error.js';

/** What the contract asks a backend to honour when opening a fresh, empty store. */
export interface ContractStoreOptions {
  nowMs?: () => number;
  quarantinePerFeed?: number;
  outboxLimit?: number;
}

/** Options of the suite. */
export interface ContractOptions {
  /**
   * Backend-specific methods of the repositories that are write-side helpers (called by the
   * backend itself inside its transactions, never with a viewer). Any other method that the
   * contract does not know makes the releasability test fail, so a new read method cannot
   * be added without being checked.
   */
  internalMethods?: readonly string[];
}

const NATIONS = ['FRA', 'GBR', 'DEU', 'TUR', 'POL'] as const;
const T0 = Date.UTC(2026, 2, 25);
const FRA: Viewer = { nation: 'FRA' };
const SYSTEM: Viewer = { system: true };
const coalition = (originator = 'FRA'): Releasability => ({ originator, marking: COALITION });

/** Walks every page of a list method. */
async function all<T>(page: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 100_000; guard++) {
    const p = await page(cursor);
    out.push(...p.items);
    if (p.nextCursor === null) return out;
    cursor = p.nextCursor;
  }
  throw new Error('pagination did not end');
}

function obs(entityId: string, timeMs: number, lon = 31, lat = 46, rel: Releasability = coalition()): ObservationInput {
  return { entityId, kind: 'vessel', timeMs, lon, lat, speedKn: 10.5, courseDeg: 90, feed: 'ais-1', ...rel };
}

function track(id: string, lastMs: number, extra: Partial<TrackRecord> = {}): TrackRecord {
  return { id, kind: 'vessel', category: 'civil', lastMs, lon: 31, lat: 46, fixes: 1, ...coalition(), ...extra };
}

function alert(id: string, startMs: number, extra: Partial<Alert> = {}): Alert {
  return {
    id, rule: 'R1', type: 'no-entry', domain: 'sea', severity: 'high',
    entity: { kind: 'vessel', id: 'mmsi:273000001', flag: 'RUS', category: 'military', party: 'RU' },
    zone: 'odesa-approach', start: new Date(startMs).toISOString(), end: null,
    position: { lat: 46.31, lon: 30.95 }, evidence: { observations: 3 }, ...extra,
  };
}

function alertInput(a: Alert, rel: Releasability = coalition()): AlertInput {
  return { alert: a, agreementId: 'black-sea-truce', agreementVersion: 1, ...rel };
}

function report(id: string, timeMs: number, rel: Releasability = coalition(), extra: Record<string, unknown> = {}): ReportInput {
  return {
    report: { id, time: new Date(timeMs).toISOString(), lat: 46.48, lon: 30.73, category: 'drone-attack', party: 'RU', ...extra },
    ...rel,
  };
}

function quarantined(feed: string, i: number, rel: Releasability = coalition()): QuarantineInput {
  return { feed, reason: i % 2 === 0 ? 'bad-checksum' : 'truncated', detail: `line ${i}`, line: `!AIVDM,${i}`, receivedMs: T0 + i, ...rel };
}

function feed(name: string, rel: Releasability = coalition()): FeedStatus {
  return { name, kind: 'ais-tcp', state: 'up', counters: { lines: 10, rejected: 1 }, updatedMs: T0, ...rel };
}

/** Registers the contract tests for a backend; `open` returns a fresh, empty, migrated store. */
export function storeContract(name: string, open: (options: ContractStoreOptions) => Store | Promise<Store>, options: ContractOptions = {}): void {
  const withStore = (o: ContractStoreOptions, fn: (s: Store) => Promise<void>) => async () => {
    const s = await open(o);
    try {
      await fn(s);
    } finally {
      await s.close();
    }
  };

  describe(`store contract: ${name}`, () => {
    describe('observations', () => {
      test('returns an entity\'s observations in a time range, oldest first, with every field', withStore({}, async (s) => {
        await s.observations.append([obs('mmsi:1', T0 + 2000), obs('mmsi:1', T0 + 1000), obs('mmsi:2', T0 + 1500), obs('mmsi:1', T0 + 9000)]);
        await s.observations.append([{ ...obs('mmsi:1', T0 + 3000), altitudeFt: 0, source: 'rx-odesa' }]);
        const page = await s.observations.byEntity(FRA, { entityId: 'mmsi:1', fromMs: T0, toMs: T0 + 5000 });
        assert.deepEqual(page.items.map((o) => o.timeMs), [T0 + 1000, T0 + 2000, T0 + 3000]);
        assert.equal(page.nextCursor, null);
        const { id, ...rest } = page.items[2]!;
        assert.equal(typeof id, 'number');
        assert.deepEqual(rest, { ...obs('mmsi:1', T0 + 3000), altitudeFt: 0, source: 'rx-odesa' });
      }));

      test('counts observations per feed and time bucket, inside a box when given', withStore({}, async (s) => {
        await s.observations.append([obs('a', T0, 30.7, 46.4), obs('b', T0 + 999, 33.5, 44.6), { ...obs('c', T0 + 2500, 30.9, 46.5), feed: 'radar' }, obs('d', T0 + 2999), obs('e', T0 + 3000)]);
        assert.deepEqual(await s.observations.coverage(FRA, { fromMs: T0, toMs: T0 + 3000, bucketMs: 1000 }),
          [{ feed: 'ais-1', bucket: 0, count: 2 }, { feed: 'ais-1', bucket: 2, count: 1 }, { feed: 'radar', bucket: 2, count: 1 }]);
        assert.deepEqual(await s.observations.coverage(FRA, { fromMs: T0, toMs: T0 + 3000, bucketMs: 1000, bbox: [30.6, 46.2, 31.2, 46.6] }),
          [{ feed: 'ais-1', bucket: 0, count: 1 }, { feed: 'radar', bucket: 2, count: 1 }]);
        await assert.rejects(s.observations.coverage(FRA, { fromMs: T0, toMs: T0 + 1, bucketMs: 0 }), /positive/);
      }));

      test('returns the observations inside a box, and none outside it', withStore({}, async (s) => {
        await s.observations.append([obs('a', T0, 30.7, 46.4), obs('b', T0, 33.5, 44.6), obs('c', T0 + 10, 30.9, 46.5), obs('d', T0 + 10_000, 30.8, 46.4)]);
        const page = await s.observations.inArea(FRA, { bbox: [30.6, 46.2, 31.2, 46.6], fromMs: T0, toMs: T0 + 1000 });
        assert.deepEqual(page.items.map((o) => o.entityId), ['a', 'c']);
      }));

      test('cursor pagination returns every observation exactly once, in order, even with equal times', withStore({}, async (s) => {
        await fc.assert(fc.asyncProperty(
          fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 0, maxLength: 60 }), fc.integer({ min: 1, max: 7 }),
          async (times, limit) => {
            const entity = `mmsi:${Math.random().toString(36).slice(2)}`;
            await s.observations.append(times.map((t) => obs(entity, T0 + t)));
            const got = await all((cursor) => s.observations.byEntity(FRA, { entityId: entity, fromMs: T0, toMs: T0 + 20, limit, ...(cursor !== undefined ? { cursor } : {}) }));
            assert.equal(got.length, times.length);
            assert.equal(new Set(got.map((o) => o.id)).size, times.length);
            assert.deepEqual(got.map((o) => o.timeMs), times.map((t) => T0 + t).sort((a, b) => a - b));
          }), { numRuns: 40 });
      }));

      test('rejects a cursor it did not issue with InvalidCursorError', withStore({}, async (s) => {
        await assert.rejects(s.observations.byEntity(FRA, { entityId: 'x', fromMs: 0, toMs: 1, cursor: 'garbage!' }), InvalidCursorError);
        await assert.rejects(s.tracks.list(FRA, { cursor: Buffer.from('[1,2]').toString('base64url') }), InvalidCursorError);
      }));

      test('throws on a record whose originator is not a nation code', withStore({}, async (s) => {
        await assert.rejects(s.observations.append([obs('a', T0, 31, 46, { originator: 'fr', marking: COALITION })]), /originator "fr"/);
        await assert.rejects(s.observations.append([obs('a', T0, 31, 46, { originator: 'FRA', marking: { kind: 'REL_TO', nations: ['GBR,DEU'] } })]), /REL TO nation/);
      }));
    });

    describe('tracks', () => {
      test('keeps the newest state of each track and ignores a late older one', withStore({}, async (s) => {
        await s.tracks.upsert([track('mmsi:1', T0 + 1000, { name: 'A', speedKn: 5 })]);
        await s.tracks.upsert([track('mmsi:1', T0 + 2000, { name: 'B', fixes: 2 })]);
        await s.tracks.upsert([track('mmsi:1', T0 + 1500, { name: 'stale' })]);
        assert.deepEqual(await s.tracks.get(FRA, 'mmsi:1'), track('mmsi:1', T0 + 2000, { name: 'B', fixes: 2 }));
        assert.equal(await s.tracks.get(FRA, 'mmsi:2'), undefined);
      }));

      test('lists tracks by kind, party, category, box and update time', withStore({}, async (s) => {
        await s.tracks.upsert([
          track('icao:abc123', T0, { kind: 'aircraft', category: 'military', party: 'RU', lon: 33.5, lat: 44.6 }),
          track('mmsi:1', T0 + 5000, { party: 'UA', lon: 30.7, lat: 46.4 }),
          track('mmsi:2', T0 + 9000, { category: 'military', party: 'RU', lon: 37.8, lat: 44.7 }),
        ]);
        const ids = async (q: Parameters<Store['tracks']['list']>[1]) => (await s.tracks.list(FRA, q)).items.map((t) => t.id);
        assert.deepEqual(await ids({}), ['icao:abc123', 'mmsi:1', 'mmsi:2']);
        assert.deepEqual(await ids({ kind: 'aircraft' }), ['icao:abc123']);
        assert.deepEqual(await ids({ party: 'RU' }), ['icao:abc123', 'mmsi:2']);
        assert.deepEqual(await ids({ category: 'civil' }), ['mmsi:1']);
        assert.deepEqual(await ids({ bbox: [30, 46, 31, 47] }), ['mmsi:1']);
        assert.deepEqual(await ids({ updatedSinceMs: T0 + 5000 }), ['mmsi:1', 'mmsi:2']);
        assert.deepEqual(await ids({ party: 'RU', category: 'military', kind: 'vessel' }), ['mmsi:2']);
      }));

      test('cursor pagination returns every track exactly once', withStore({}, async (s) => {
        const n = 57;
        await s.tracks.upsert(Array.from({ length: n }, (_, i) => track(`mmsi:${1000 + i}`, T0 + i)));
        for (const limit of [1, 5, 56, 57, 100]) {
          const got = await all((cursor) => s.tracks.list(FRA, { limit, ...(cursor !== undefined ? { cursor } : {}) }));
          assert.deepEqual(got.map((t) => t.id), Array.from({ length: n }, (_, i) => `mmsi:${1000 + i}`));
        }
      }));

      test('throws on a non-positive page limit', withStore({}, async (s) => {
        await assert.rejects(s.tracks.list(FRA, { limit: 0 }), /limit/);
      }));
    });

    describe('alerts', () => {
      test('stores an alert with status open while its end is null, and closed after', withStore({ nowMs: () => T0 + 1 }, async (s) => {
        const a = alert('a1', T0);
        await s.alerts.upsert([alertInput(a)]);
        assert.deepEqual(await s.alerts.get(FRA, 'a1'), {
          alert: a, status: 'open', agreementId: 'black-sea-truce', agreementVersion: 1, createdMs: T0 + 1, updatedMs: T0 + 1, ...coalition(),
        });
        const closed = { ...a, end: new Date(T0 + 60_000).toISOString() };
        await s.alerts.upsert([alertInput(closed)]);
        const got = await s.alerts.get(FRA, 'a1');
        assert.equal(got?.status, 'closed');
        assert.deepEqual(got?.alert, closed);
      }));

      test('lists alerts newest start first with each filter', withStore({}, async (s) => {
        await s.alerts.upsert([
          alertInput(alert('a1', T0)),
          alertInput(alert('a2', T0 + 1000, { rule: 'R6', type: 'no-fly', domain: 'air', severity: 'medium', zone: 'odesa-air',
            entity: { kind: 'aircraft', id: 'icao:abc123', party: 'UA' }, end: new Date(T0 + 2000).toISOString() })),
          alertInput(alert('a3', T0 + 5000, { zone: null, severity: 'low', entity: { kind: 'vessel', id: 'mmsi:2' } })),
        ]);
        const ids = async (q: Parameters<Store['alerts']['list']>[1]) => (await s.alerts.list(FRA, q)).items.map((x) => x.alert.id);
        assert.deepEqual(await ids({}), ['a3', 'a2', 'a1']);
        assert.deepEqual(await ids({ rule: 'R6' }), ['a2']);
        assert.deepEqual(await ids({ type: 'no-entry' }), ['a3', 'a1']);
        assert.deepEqual(await ids({ zone: 'odesa-approach' }), ['a1']);
        assert.deepEqual(await ids({ party: 'RU' }), ['a1']);
        assert.deepEqual(await ids({ domain: 'air' }), ['a2']);
        assert.deepEqual(await ids({ severity: 'low' }), ['a3']);
        assert.deepEqual(await ids({ status: 'closed' }), ['a2']);
        assert.deepEqual(await ids({ status: 'open' }), ['a3', 'a1']);
        assert.deepEqual(await ids({ entityId: 'mmsi:2' }), ['a3']);
        assert.deepEqual(await ids({ agreementId: 'other' }), []);
        // [from, to] overlap: a2 ended at +2 s; open alerts extend to +∞.
        assert.deepEqual(await ids({ fromMs: T0 + 3000 }), ['a3', 'a1']);
        assert.deepEqual(await ids({ toMs: T0 + 999 }), ['a1']);
        assert.deepEqual(await ids({ fromMs: T0 + 1500, toMs: T0 + 1600 }), ['a2', 'a1']);
      }));

      test('cursor pagination over alerts with equal start times returns each exactly once', withStore({}, async (s) => {
        await s.alerts.upsert(Array.from({ length: 23 }, (_, i) => alertInput(alert(`a${i}`, T0 + (i % 4) * 1000))));
        const got = await all((cursor) => s.alerts.list(FRA, { limit: 4, ...(cursor !== undefined ? { cursor } : {}) }));
        assert.equal(got.length, 23);
        assert.equal(new Set(got.map((x) => x.alert.id)).size, 23);
        const starts = got.map((x) => Date.parse(x.alert.start));
        assert.deepEqual(starts, [...starts].sort((a, b) => b - a));
      }));

      test('queues an outbox message for each new or changed alert, in the same write, and none for a repeat', withStore({}, async (s) => {
        const a = alert('a1', T0);
        await s.alerts.upsert([alertInput(a), alertInput(alert('a2', T0))]);
        await s.alerts.upsert([alertInput(a)]);
        await s.alerts.upsert([alertInput({ ...a, end: new Date(T0 + 1000).toISOString() })]);
        const msgs = await s.outbox.claim(10);
        assert.deepEqual(msgs.map((m) => [m.topic, (m.payload as { alert: Alert; status: string }).alert.id, (m.payload as { status: string }).status]),
          [['alert', 'a1', 'open'], ['alert', 'a2', 'open'], ['alert', 'a1', 'closed']]);
      }));

      test('an alert write that fails leaves neither the alert nor its outbox message', withStore({}, async (s) => {
        await assert.rejects(s.alerts.upsert([alertInput(alert('ok', T0)), alertInput(alert('bad', T0, { start: 'yesterday' }))]), /not an ISO 8601 time/);
        assert.equal(await s.alerts.get(SYSTEM, 'ok'), undefined);
        assert.deepEqual(await s.outbox.stats(), { queued: 0, dropped: 0 });
      }));
    });

    describe('reports', () => {
      test('the same report id again is a revision, not a second report, and unknown keys are kept', withStore({}, async (s) => {
        await s.reports.upsert([report('r1', T0, coalition(), { fatalities: 0 })]);
        await s.reports.upsert([report('r1', T0, coalition(), { fatalities: 0 })]);
        let got = await s.reports.get(FRA, 'r1');
        assert.equal(got?.revision, 1);
        await s.reports.upsert([report('r1', T0 + 60_000, coalition(), { fatalities: 2 })]);
        got = await s.reports.get(FRA, 'r1');
        assert.equal(got?.revision, 2);
        assert.equal(got?.report['fatalities'], 2);
        assert.equal(got?.report.time, new Date(T0 + 60_000).toISOString());
        assert.equal((await s.reports.list(FRA)).items.length, 1);
      }));

      test('lists reports newest first by category, party, time and box', withStore({}, async (s) => {
        await s.reports.upsert([report('r1', T0), report('r2', T0 + 1000, coalition(), { category: 'shelling', party: 'UA' }), report('r3', T0 + 2000, coalition(), { lat: 44.6, lon: 33.5 })]);
        const ids = async (q: Parameters<Store['reports']['list']>[1]) => (await s.reports.list(FRA, q)).items.map((x) => x.report.id);
        assert.deepEqual(await ids({}), ['r3', 'r2', 'r1']);
        assert.deepEqual(await ids({ category: 'shelling' }), ['r2']);
        assert.deepEqual(await ids({ party: 'RU' }), ['r3', 'r1']);
        assert.deepEqual(await ids({ fromMs: T0 + 500, toMs: T0 + 1500 }), ['r2']);
        assert.deepEqual(await ids({ bbox: [33, 44, 34, 45] }), ['r3']);
        assert.deepEqual((await all((cursor) => s.reports.list(FRA, { limit: 2, ...(cursor !== undefined ? { cursor } : {}) }))).map((x) => x.report.id), ['r3', 'r2', 'r1']);
      }));
    });

    describe('quarantine', () => {
      test('keeps only the newest N lines per feed, while totals keep counting', withStore({ quarantinePerFeed: 5 }, async (s) => {
        await s.quarantine.add(Array.from({ length: 8 }, (_, i) => quarantined('ais-1', i)));
        await s.quarantine.add(Array.from({ length: 4 }, (_, i) => quarantined('ais-1', 8 + i)));
        await s.quarantine.add([quarantined('ais-2', 0)]);
        const held = await all((cursor) => s.quarantine.list(FRA, { feed: 'ais-1', limit: 2, ...(cursor !== undefined ? { cursor } : {}) }));
        assert.deepEqual(held.map((q) => q.detail), ['line 11', 'line 10', 'line 9', 'line 8', 'line 7']);
        assert.deepEqual(await s.quarantine.counts(FRA), [
          { feed: 'ais-1', reason: 'bad-checksum', total: 6, held: 2 },
          { feed: 'ais-1', reason: 'truncated', total: 6, held: 3 },
          { feed: 'ais-2', reason: 'bad-checksum', total: 1, held: 1 },
        ]);
        assert.deepEqual(await s.quarantine.counts(FRA, 'ais-2'), [{ feed: 'ais-2', reason: 'bad-checksum', total: 1, held: 1 }]);
        assert.deepEqual((await s.quarantine.list(FRA, { reason: 'truncated' })).items.map((q) => q.detail), ['line 11', 'line 9', 'line 7']);
      }));
    });

    describe('agreement versions', () => {
      test('keeps every version with its SHA-256, is idempotent, and refuses a changed text under an old number', withStore({}, async (s) => {
        const v1 = await s.agreements.add({ agreementId: 'black-sea-truce', version: 1, yaml: 'agreement: black-sea-truce\n', loadedMs: T0, ...coalition() });
        assert.equal(v1.sha256, '62b5597c6d1693e1fb140b78f0dd300749865823e7b4e48649cb9cd6abe623de');
        assert.deepEqual(await s.agreements.add({ agreementId: 'black-sea-truce', version: 1, yaml: 'agreement: black-sea-truce\n', loadedMs: T0 + 5, ...coalition() }), v1);
        await assert.rejects(s.agreements.add({ agreementId: 'black-sea-truce', version: 1, yaml: 'changed', loadedMs: T0, ...coalition() }), StoreConflictError);
        await s.agreements.add({ agreementId: 'black-sea-truce', version: 2, yaml: 'v2', loadedMs: T0 + 10, ...coalition() });
        await s.agreements.add({ agreementId: 'another', version: 1, yaml: 'x', loadedMs: T0, ...coalition() });
        assert.equal((await s.agreements.latest(FRA, 'black-sea-truce'))?.version, 2);
        assert.equal((await s.agreements.get(FRA, 'black-sea-truce', 1))?.yaml, 'agreement: black-sea-truce\n');
        assert.deepEqual((await s.agreements.list(FRA)).map((v) => `${v.agreementId}@${v.version}`), ['another@1', 'black-sea-truce@1', 'black-sea-truce@2']);
        assert.deepEqual((await s.agreements.list(FRA, 'another')).map((v) => v.version), [1]);
        assert.equal(await s.agreements.latest(FRA, 'none'), undefined);
      }));
    });

    describe('feeds', () => {
      test('keeps the last status of each feed', withStore({}, async (s) => {
        await s.feeds.put(feed('ais-1'));
        await s.feeds.put({ ...feed('ais-1'), state: 'down', counters: { lines: 12 } });
        await s.feeds.put(feed('adsb'));
        assert.deepEqual(await s.feeds.get(FRA, 'ais-1'), { ...feed('ais-1'), state: 'down', counters: { lines: 12 } });
        assert.deepEqual((await s.feeds.list(FRA)).map((f) => f.name), ['adsb', 'ais-1']);
      }));
    });

    describe('outbox', () => {
      test('claims due messages once per lease, acks remove them, retry makes them due later', withStore({ nowMs: () => T0 }, async (s) => {
        await s.alerts.upsert([1, 2, 3].map((i) => alertInput(alert(`a${i}`, T0))));
        const first = await s.outbox.claim(2, { nowMs: T0, leaseMs: 1000 });
        assert.deepEqual(first.map((m) => m.attempts), [1, 1]);
        const second = await s.outbox.claim(10, { nowMs: T0, leaseMs: 1000 });
        assert.equal(second.length, 1, 'leased messages are not claimed twice');
        assert.ok(second[0]!.id > first[1]!.id);
        await s.outbox.ack([first[0]!.id]);
        await s.outbox.retry(first[1]!.id, T0 + 5000);
        assert.deepEqual((await s.outbox.claim(10, { nowMs: T0 + 1000, leaseMs: 1000 })).map((m) => m.id), [second[0]!.id], 'the expired lease comes back; the retried one is not due');
        const again = await s.outbox.claim(10, { nowMs: T0 + 10_000 });
        assert.deepEqual(again.map((m) => [m.id, m.attempts]), [[first[1]!.id, 2], [second[0]!.id, 3]]);
        await s.outbox.ack(again.map((m) => m.id));
        assert.deepEqual(await s.outbox.stats(), { queued: 0, dropped: 0 });
      }));

      test('is bounded: past the limit the oldest messages are dropped and counted', withStore({ outboxLimit: 3 }, async (s) => {
        await s.alerts.upsert([1, 2, 3, 4, 5].map((i) => alertInput(alert(`a${i}`, T0))));
        assert.deepEqual(await s.outbox.stats(), { queued: 3, dropped: 2 });
        assert.deepEqual((await s.outbox.claim(10)).map((m) => (m.payload as { alert: Alert }).alert.id), ['a3', 'a4', 'a5']);
        assert.equal((await s.alerts.list(SYSTEM)).items.length, 5, 'the alerts themselves are kept');
      }));
    });

    describe('batch writer', () => {
      test('flushes by itself every N rows and on flush(), tracks and alerts included', withStore({}, async (s) => {
        const w = s.batchWriter({ maxRows: 10 });
        for (let i = 0; i < 25; i++) w.addObservation(obs('mmsi:1', T0 + i));
        assert.equal(w.pending, 5);
        const page = await s.observations.byEntity(SYSTEM, { entityId: 'mmsi:1', fromMs: T0, toMs: T0 + 100, limit: 1000 });
        assert.equal(page.items.length, 20);
        w.addTrack(track('mmsi:1', T0 + 24));
        w.addAlert(alertInput(alert('a1', T0)));
        assert.equal(await w.flush(), 7);
        assert.equal(w.pending, 0);
        assert.equal(await w.flush(), 0);
        assert.equal((await s.observations.byEntity(SYSTEM, { entityId: 'mmsi:1', fromMs: T0, toMs: T0 + 100, limit: 1000 })).items.length, 25);
        assert.equal((await s.tracks.get(SYSTEM, 'mmsi:1'))?.lastMs, T0 + 24);
        assert.equal((await s.outbox.stats()).queued, 1);
      }));

      test('writes a checkpoint in the same transaction as the rows before it: both or neither', withStore({}, async (s) => {
        const w = s.batchWriter({ checkpointed: true, maxRows: 1 });
        w.addObservation(obs('mmsi:1', T0));
        w.addObservation(obs('mmsi:1', T0 + 1));
        assert.equal((await s.observations.byEntity(SYSTEM, { entityId: 'mmsi:1', fromMs: T0, toMs: T0 + 1 })).items.length, 0, 'checkpointed: no batch ends by size');
        w.checkpoint({ ...feed('worker-0'), counters: { seq: 1 } });
        await w.flush();
        assert.deepEqual((await s.feeds.get(SYSTEM, 'worker-0'))?.counters, { seq: 1 });
        assert.equal((await s.observations.byEntity(SYSTEM, { entityId: 'mmsi:1', fromMs: T0, toMs: T0 + 1 })).items.length, 2);
        w.addObservation({ ...obs('mmsi:2', T0), originator: 'bad' });
        await assert.rejects(async () => {
          w.checkpoint({ ...feed('worker-0'), counters: { seq: 2 } });
          await w.flush();
        }, /originator/);
        assert.deepEqual((await s.feeds.get(SYSTEM, 'worker-0'))?.counters, { seq: 1 }, 'a failed batch leaves the old checkpoint');
        assert.deepEqual((await s.observations.byEntity(SYSTEM, { entityId: 'mmsi:2', fromMs: T0 - 1, toMs: T0 + 1 })).items, []);
      }));
    });

    describe('releasability', () => {
      test('rejects a read without a valid viewer', withStore({}, async (s) => {
        await assert.rejects(async () => s.tracks.list(undefined as unknown as Viewer), /viewer/);
        await assert.rejects(async () => s.tracks.list({ nation: 'fr' }), /viewer/);
        await assert.rejects(async () => s.alerts.get({ nation: "FRA' OR 1=1 --" }, 'x'), /viewer/);
      }));

      test('every repository method is a known write or a read checked below', withStore({}, async (s) => {
        const unknown: string[] = [];
        for (const repo of REPOSITORIES) {
          for (const method of methodsOf(s[repo])) {
            const known = READS.some((r) => r.repo === repo && r.method === method) || WRITES[repo].includes(method) ||
              (options.internalMethods ?? []).includes(method);
            if (!known) unknown.push(`${repo}.${method}`);
          }
        }
        assert.deepEqual(unknown, [], 'a new method must be added to READS (with a releasability check) or WRITES in store/contract.ts');
      }));

      test('a viewer of nation X gets exactly the records releasable to X from every read method', async () => {
        await fc.assert(fc.asyncProperty(fc.array(releasabilityArb, { minLength: 1, maxLength: 12 }), async (rels) => {
          const s = await open({});
          try {
            await seed(s, rels);
            for (const viewer of [...NATIONS.map((nation) => ({ nation })), SYSTEM]) {
              const expected = rels.map((r, i) => ('system' in viewer || releasableTo(r.marking, r.originator, viewer.nation) ? i : -1)).filter((i) => i >= 0);
              for (const read of READS) {
                const got = await read.run(s, viewer, rels);
                for (const g of got) {
                  assert.ok('system' in viewer || releasableTo(g.marking, g.originator, viewer.nation),
                    `${read.repo}.${read.method} gave ${JSON.stringify(viewer)} a record of ${g.originator} marked ${JSON.stringify(g.marking)}`);
                }
                assert.deepEqual(got.map((g) => g.index).sort((a, b) => a - b), read.expected?.(expected) ?? expected,
                  `${read.repo}.${read.method} for ${JSON.stringify(viewer)}`);
              }
            }
          } finally {
            await s.close();
          }
        }), { numRuns: 25 });
      });
    });
  });
}

const REPOSITORIES = ['observations', 'tracks', 'alerts', 'reports', 'quarantine', 'agreements', 'feeds', 'outbox'] as const;
type RepoName = (typeof REPOSITORIES)[number];

/** Methods that take no viewer: writes, and the system-side outbox queue. */
const WRITES: Record<RepoName, readonly string[]> = {
  observations: ['append'],
  tracks: ['upsert'],
  alerts: ['upsert'],
  reports: ['upsert'],
  quarantine: ['add'],
  agreements: ['add'],
  feeds: ['put'],
  outbox: ['claim', 'ack', 'retry', 'stats'],
};

function methodsOf(obj: object): string[] {
  const names = new Set<string>();
  for (let p = Object.getPrototypeOf(obj) as object | null; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    for (const n of Object.getOwnPropertyNames(p)) {
      if (n !== 'constructor' && typeof (obj as Record<string, unknown>)[n] === 'function') names.add(n);
    }
  }
  return [...names];
}

const markingArb: fc.Arbitrary<Marking> = fc.oneof(
  fc.constant<Marking>({ kind: 'COALITION' }),
  fc.constant<Marking>({ kind: 'ORIGINATOR_ONLY' }),
  fc.subarray([...NATIONS], { minLength: 0, maxLength: 3 }).map((nations): Marking => ({ kind: 'REL_TO', nations })),
);
const releasabilityArb: fc.Arbitrary<Releasability> = fc.record({ originator: fc.constantFrom(...NATIONS), marking: markingArb });

/** Record i of the seed: one of each kind per releasability, all sharing index i. */
async function seed(s: Store, rels: readonly Releasability[]): Promise<void> {
  await s.observations.append(rels.map((r, i) => ({ ...obs('mmsi:1', T0 + i), source: `i${i}`, ...r })));
  await s.tracks.upsert(rels.map((r, i) => ({ ...track(`mmsi:${i}`, T0 + i), ...r })));
  await s.alerts.upsert(rels.map((r, i) => alertInput(alert(`a${i}`, T0 + i), r)));
  await s.reports.upsert(rels.map((r, i) => report(`r${i}`, T0 + i, r)));
  // One quarantine feed and one feed status per record, so per-feed counts can be checked too.
  await s.quarantine.add(rels.map((r, i) => quarantined(`feed-${i}`, 0, r)));
  for (const [i, r] of rels.entries()) {
    await s.agreements.add({ agreementId: 'black-sea-truce', version: i + 1, yaml: `v${i}`, loadedMs: T0, ...r });
    await s.feeds.put(feed(`feed-${i}`, r));
  }
}

interface Read {
  repo: RepoName;
  method: string;
  /** Calls the method for every seeded record it can return; each result names its seed index. */
  run: (s: Store, viewer: Viewer, rels: readonly Releasability[]) => Promise<(Releasability & { index: number })[]>;
  /** The seed indices it should return, given those visible to the viewer (default: all of them). */
  expected?: (visible: number[]) => number[];
}

const idx = (text: string): number => Number(/(\d+)$/.exec(text)?.[1] ?? NaN);
async function each<T>(n: number, get: (i: number) => Promise<T | undefined>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i++) {
    const x = await get(i);
    if (x !== undefined) out.push(x);
  }
  return out;
}
const pageOpt = (cursor: string | undefined) => ({ limit: 3, ...(cursor !== undefined ? { cursor } : {}) });

/** Every read method of the ports, called so that it could return every seeded record. */
const READS: readonly Read[] = [
  { repo: 'observations', method: 'byEntity', run: async (s, v) =>
    (await all((c) => s.observations.byEntity(v, { entityId: 'mmsi:1', fromMs: 0, toMs: T0 * 2, ...pageOpt(c) }))).map((o) => ({ ...o, index: idx(o.source ?? '') })) },
  { repo: 'observations', method: 'inArea', run: async (s, v) =>
    (await all((c) => s.observations.inArea(v, { bbox: [-180, -90, 180, 90], fromMs: 0, toMs: T0 * 2, ...pageOpt(c) }))).map((o) => ({ ...o, index: idx(o.source ?? '') })) },
  { repo: 'observations', method: 'coverage', run: async (s, v, rels) =>
    // Seed i is the only observation of bucket i: its count carries seed i's releasability.
    (await s.observations.coverage(v, { fromMs: T0, toMs: T0 + rels.length, bucketMs: 1 })).map((c) => ({ ...rels[c.bucket]!, index: c.bucket })) },
  { repo: 'tracks', method: 'list', run: async (s, v) =>
    (await all((c) => s.tracks.list(v, pageOpt(c)))).map((t) => ({ ...t, index: idx(t.id) })) },
  { repo: 'tracks', method: 'get', run: async (s, v, rels) =>
    (await each(rels.length, (i) => s.tracks.get(v, `mmsi:${i}`))).map((t) => ({ ...t, index: idx(t.id) })) },
  { repo: 'alerts', method: 'list', run: async (s, v) =>
    (await all((c) => s.alerts.list(v, pageOpt(c)))).map((a) => ({ ...a, index: idx(a.alert.id) })) },
  { repo: 'alerts', method: 'get', run: async (s, v, rels) =>
    (await each(rels.length, (i) => s.alerts.get(v, `a${i}`))).map((a) => ({ ...a, index: idx(a.alert.id) })) },
  { repo: 'reports', method: 'list', run: async (s, v) =>
    (await all((c) => s.reports.list(v, pageOpt(c)))).map((r) => ({ ...r, index: idx(r.report.id) })) },
  { repo: 'reports', method: 'get', run: async (s, v, rels) =>
    (await each(rels.length, (i) => s.reports.get(v, `r${i}`))).map((r) => ({ ...r, index: idx(r.report.id) })) },
  { repo: 'quarantine', method: 'list', run: async (s, v) =>
    (await all((c) => s.quarantine.list(v, pageOpt(c)))).map((q) => ({ ...q, index: idx(q.feed) })) },
  { repo: 'quarantine', method: 'counts', run: async (s, v, rels) =>
    // Counts carry no marking of their own: feed-i's count has the releasability of seed i.
    (await s.quarantine.counts(v)).map((c) => ({ ...rels[idx(c.feed)]!, index: idx(c.feed) })) },
  { repo: 'agreements', method: 'list', run: async (s, v) =>
    (await s.agreements.list(v)).map((a) => ({ ...a, index: a.version - 1 })) },
  { repo: 'agreements', method: 'get', run: async (s, v, rels) =>
    (await each(rels.length, (i) => s.agreements.get(v, 'black-sea-truce', i + 1))).map((a) => ({ ...a, index: a.version - 1 })) },
  { repo: 'agreements', method: 'latest', expected: (visible) => visible.slice(-1), run: async (s, v) => {
    const latest = await s.agreements.latest(v, 'black-sea-truce');
    return latest === undefined ? [] : [{ ...latest, index: latest.version - 1 }];
  } },
  { repo: 'feeds', method: 'list', run: async (s, v) =>
    (await s.feeds.list(v)).map((f) => ({ ...f, index: idx(f.name) })) },
  { repo: 'feeds', method: 'get', run: async (s, v, rels) =>
    (await each(rels.length, (i) => s.feeds.get(v, `feed-${i}`))).map((f) => ({ ...f, index: idx(f.name) })) },
];
