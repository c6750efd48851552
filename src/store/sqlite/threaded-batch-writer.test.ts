import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { Alert } from '../../core/alert/alert.js';
import { COALITION, type Marking } from '../marking.js';
import { SYSTEM_VIEWER, type ObservationInput } from '../ports.js';
import { openSqliteStore } from './sqlite-store.js';

const tmp = mkdtempSync(join(tmpdir(), 'vigil-threaded-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
let files = 0;
const file = (): string => join(tmp, `w-${files++}.db`);

const T0 = Date.UTC(2026, 2, 25);
const REL_GBR: Marking = { kind: 'REL_TO', nations: ['GBR'] };

function obs(entityId: string, i: number, extra: Partial<ObservationInput> = {}): ObservationInput {
  return { entityId, kind: 'vessel', timeMs: T0 + i, lon: 31 + i / 1e4, lat: 46, feed: 'ais', originator: 'FRA', marking: COALITION, ...extra };
}

async function count(s: ReturnType<typeof openSqliteStore>, entityId: string): Promise<number> {
  return (await s.observations.byEntity(SYSTEM_VIEWER, { entityId, fromMs: 0, toMs: T0 + 1e9, limit: 10_000 })).items.length;
}

describe('threaded batch writer', () => {
  test('rows written through the writer thread read back as written after flush, releasability included', async () => {
    const s = openSqliteStore(file());
    const w = s.batchWriter({ thread: true, maxRows: 100 });
    for (let i = 0; i < 250; i++) w.addObservation(obs(`mmsi:${i % 3}`, i, i % 2 === 0 ? { speedKn: 4.5, courseDeg: 90, source: 'rx1' } : {}));
    w.addObservation(obs('mmsi:9', 0, { originator: 'TUR', marking: REL_GBR, altitudeFt: 1200 }));
    w.addTrack({ id: 'mmsi:1', kind: 'vessel', category: 'civil', lastMs: T0 + 249, lon: 31, lat: 46, fixes: 84, originator: 'FRA', marking: COALITION });
    assert.equal(await w.flush(), 252);
    assert.equal(w.pending + w.inFlight, 0);
    assert.equal(await count(s, 'mmsi:0'), 84);
    const first = (await s.observations.byEntity(SYSTEM_VIEWER, { entityId: 'mmsi:0', fromMs: 0, toMs: T0 + 1e9, limit: 1 })).items[0];
    assert.deepEqual({ ...first, id: 0 }, {
      id: 0, entityId: 'mmsi:0', kind: 'vessel', timeMs: T0, lon: 31, lat: 46, speedKn: 4.5, courseDeg: 90, source: 'rx1', feed: 'ais',
      originator: 'FRA', marking: COALITION,
    });
    const hidden = await s.observations.byEntity({ nation: 'DEU' }, { entityId: 'mmsi:9', fromMs: 0, toMs: T0 + 1e9 });
    assert.deepEqual(hidden.items, [], 'REL TO GBR is not shown to DEU');
    const shown = await s.observations.byEntity({ nation: 'GBR' }, { entityId: 'mmsi:9', fromMs: 0, toMs: T0 + 1e9 });
    assert.deepEqual(shown.items.map((o) => [o.originator, o.marking, o.altitudeFt, o.speedKn]), [['TUR', REL_GBR, 1200, undefined]]);
    assert.equal((await s.tracks.get(SYSTEM_VIEWER, 'mmsi:1'))?.fixes, 84);
    await s.close();
  });

  test('entities and sources interned by the store connection and by the thread share keys', async () => {
    const s = openSqliteStore(file());
    await s.observations.append([obs('mmsi:1', 0)]);
    const w = s.batchWriter({ thread: true });
    w.addObservation(obs('mmsi:1', 1));
    await w.flush();
    await s.observations.append([obs('mmsi:1', 2)]);
    assert.equal(await count(s, 'mmsi:1'), 3);
    assert.deepEqual(s.db.prepare('SELECT count(*) AS n FROM entities').get(), { n: 1 });
    assert.deepEqual(s.db.prepare('SELECT count(*) AS n FROM observation_sources').get(), { n: 1 });
    await s.close();
  });

  test('alerts are written with their outbox message, stamped with the store clock', async () => {
    const s = openSqliteStore(file(), { nowMs: () => T0 + 5 });
    const w = s.batchWriter({ thread: true });
    const alert: Alert = {
      id: 'a1', rule: 'R1', type: 'no-entry', domain: 'sea', severity: 'high', entity: { kind: 'vessel', id: 'mmsi:1' },
      zone: 'odesa-approach', start: new Date(T0).toISOString(), end: null, position: { lat: 46.31, lon: 30.95 }, evidence: { observations: 3 },
    };
    w.addAlert({ alert, agreementId: 'ag', agreementVersion: 1, originator: 'FRA', marking: COALITION });
    await w.flush();
    const stored = await s.alerts.get(SYSTEM_VIEWER, 'a1');
    assert.equal(stored?.createdMs, T0 + 5);
    assert.equal(stored?.status, 'open');
    assert.equal((await s.outbox.stats()).queued, 1);
    await s.close();
  });

  test('a failing batch rejects flush, keeps its rows and those after it, and a later flush writes them in order', async () => {
    const s = openSqliteStore(file());
    s.db.exec(`CREATE TRIGGER poison BEFORE INSERT ON observations WHEN NEW.lon = 99
      BEGIN SELECT RAISE(ABORT, 'poisoned row'); END`);
    const w = s.batchWriter({ thread: true, maxRows: 10 });
    for (let i = 0; i < 10; i++) w.addObservation(obs('mmsi:1', i));
    for (let i = 10; i < 20; i++) w.addObservation(obs('mmsi:2', i, i === 15 ? { lon: 99 } : {}));
    for (let i = 20; i < 35; i++) w.addObservation(obs('mmsi:3', i));
    await assert.rejects(w.flush(), /poisoned row/);
    assert.equal(w.inFlight, 0);
    assert.equal(w.pending, 25, 'the failed batch and every later one are kept');
    assert.equal(await count(s, 'mmsi:1'), 10, 'the batch before it is committed');
    assert.equal(await count(s, 'mmsi:2') + await count(s, 'mmsi:3'), 0);
    await assert.rejects(w.flush(), /poisoned row/, 'still failing: still kept');
    assert.equal(w.pending, 25);
    s.db.exec('DROP TRIGGER poison');
    assert.equal(await w.flush(), 25);
    assert.equal(w.pending, 0);
    assert.equal(await count(s, 'mmsi:2'), 10);
    assert.equal(await count(s, 'mmsi:3'), 15);
    const ids = s.db.prepare('SELECT e.id FROM observations o JOIN entities e ON e.key = o.entity_key ORDER BY o.id').pluck().all();
    assert.deepEqual([...new Set(ids)], ['mmsi:1', 'mmsi:2', 'mmsi:3'], 'committed in the order added');
    await s.close();
  });

  test('a bad originator fails the write, not the add, as in the in-thread writer', async () => {
    const s = openSqliteStore(file());
    const w = s.batchWriter({ thread: true });
    w.addObservation(obs('a', 1));
    w.addObservation(obs('b', 1, { originator: 'bad' }));
    await assert.rejects(w.flush(), /originator "bad"/);
    assert.equal(w.pending, 2);
    assert.equal(await count(s, 'a'), 0);
    await s.close();
  });

  test('closing the store waits for the batches handed to the thread', async () => {
    const path = file();
    const s1 = openSqliteStore(path);
    const w = s1.batchWriter({ thread: true, maxRows: 100, maxInFlight: 2 });
    for (let i = 0; i < 1000; i++) w.addObservation(obs('mmsi:1', i));
    assert.ok(w.inFlight > 0, 'batches are in the thread when close is called');
    await s1.close();
    assert.throws(() => w.addObservation(obs('mmsi:1', 0)), /closed/);
    const s2 = openSqliteStore(path);
    assert.equal(await count(s2, 'mmsi:1'), 1000);
    await s2.close();
  });

  test('backpressure: at most maxInFlight batches are in the thread, and ready() waits for room', async () => {
    const s = openSqliteStore(file());
    const w = s.batchWriter({ thread: true, maxRows: 10, maxInFlight: 2 });
    assert.equal(w.backlogged, false);
    await w.ready();
    for (let i = 0; i < 100; i++) {
      w.addObservation(obs('mmsi:1', i));
      assert.ok(w.inFlight <= 20, `in flight ${w.inFlight} rows after ${i + 1} adds`);
    }
    assert.equal(w.inFlight, 20, 'two batches handed over');
    assert.equal(w.pending, 80, 'the rest wait on this side');
    assert.equal(w.backlogged, true);
    await w.ready();
    assert.equal(w.backlogged, false);
    assert.ok(await count(s, 'mmsi:1') >= 10, 'ready() resolved after a commit');
    const outstanding = w.pending + w.inFlight;
    assert.equal(await w.flush(), outstanding);
    assert.equal(await count(s, 'mmsi:1'), 100);
    await s.close();
  });

  test('ready() rejects while a failed write waits for flush(), rather than wait for ever', async () => {
    const s = openSqliteStore(file());
    const w = s.batchWriter({ thread: true, maxRows: 1, maxInFlight: 1 });
    w.addObservation(obs('a', 1, { originator: 'bad' }));
    await assert.rejects(w.flush(), /originator "bad"/);
    assert.equal(w.backlogged, true);
    await assert.rejects(w.ready(), /originator "bad"/);
    await s.close();
  });

  test("the store's own writes wait for the writer thread's transaction instead of failing with SQLITE_BUSY", async () => {
    const s = openSqliteStore(file());
    const w = s.batchWriter({ thread: true, maxRows: 200_000 });
    for (let i = 0; i < 200_000; i++) w.addObservation(obs(`mmsi:${i % 3000}`, i));
    let settled = false;
    const done = w.flush().finally(() => { settled = true; });
    // Probe (without waiting) until the thread holds the write lock, then write from this connection.
    let locked = false;
    s.db.pragma('busy_timeout = 0');
    while (!locked && !settled) {
      try {
        s.db.exec('BEGIN IMMEDIATE; ROLLBACK');
        await new Promise((resolve) => setTimeout(resolve, 2));
      } catch (err) {
        assert.match((err as Error).message, /locked|busy/i);
        locked = true;
      }
    }
    s.db.pragma('busy_timeout = 5000');
    assert.ok(locked, 'the writer thread was seen holding the write lock');
    const alert: Alert = {
      id: 'a1', rule: 'R1', type: 'no-entry', domain: 'sea', severity: 'high', entity: { kind: 'vessel', id: 'mmsi:1' },
      zone: 'z', start: new Date(T0).toISOString(), end: null, position: { lat: 46, lon: 31 }, evidence: {},
    };
    await s.alerts.upsert([{ alert, agreementId: 'ag', agreementVersion: 1, originator: 'FRA', marking: COALITION }]);
    await s.tracks.upsert([{ id: 'mmsi:1', kind: 'vessel', category: 'civil', lastMs: T0, lon: 31, lat: 46, fixes: 1, originator: 'FRA', marking: COALITION }]);
    await s.observations.append([obs('mmsi:x', 0)]);
    assert.equal(await done, 200_000);
    assert.equal((await s.alerts.get(SYSTEM_VIEWER, 'a1'))?.status, 'open');
    assert.equal(await count(s, 'mmsi:2999'), 66);
    await s.close();
  });

  test('an in-memory store keeps the in-thread writer: a full batch is committed when add returns', async () => {
    const s = openSqliteStore(':memory:');
    const w = s.batchWriter({ thread: true, maxRows: 10 });
    for (let i = 0; i < 10; i++) w.addObservation(obs('mmsi:1', i));
    assert.equal(w.inFlight, 0);
    assert.equal(await count(s, 'mmsi:1'), 10);
    await s.close();
  });
});
