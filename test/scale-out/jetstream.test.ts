import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alertToJson, type Alert } from '../../src/core/alert/alert.js';
import { openSqliteStore, SYSTEM_VIEWER } from '../../src/store/index.js';
import { vigil } from '../helpers/cli.js';
import { haveNatsServer, startNatsServer } from '../helpers/nats-server.js';
import { DEMO_AGREEMENT } from '../helpers/scenario.js';
import { startVigil as start, streamEventCount as eventCount } from '../helpers/scale-out.js';

const N = 4;

async function checkpointSeq(path: string): Promise<number> {
  try {
    const store = openSqliteStore(path);
    try {
      return (await store.feeds.get(SYSTEM_VIEWER, `worker-0-of-${N}`))?.counters['receivedSeq'] ?? 0;
    } finally {
      await store.close();
    }
  } catch {
    return 0; // not created yet, or busy
  }
}

async function storedAlerts(path: string): Promise<Alert[]> {
  const store = openSqliteStore(path);
  try {
    return (await store.alerts.list(SYSTEM_VIEWER, { limit: 10_000 })).items.map((s) => s.alert);
  } finally {
    await store.close();
  }
}

test('ingest, 4 partition workers and a pair worker over NATS JetStream give vigil check\'s alerts byte for byte; a re-sent input is stored once; a killed worker resumes without duplicates', { timeout: 240_000, skip: !(await haveNatsServer()) && 'nats-server not installed' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-scale-'));
  const nats = await startNatsServer();
  const running: ChildProcess[] = [];
  try {
    const sim = join(dir, 'sim.nmea');
    const s = vigil(['simulate', '--violations', '--duration', '3h', '--vessels', '20', '--out', sim]);
    assert.equal(s.status, 0, s.stderr);
    const check = vigil(['check', '--agreement', DEMO_AGREEMENT, sim]);
    assert.equal(check.status, 0, check.stderr);
    const expected = check.stdout.trim().split('\n').sort();
    assert.ok(expected.some((l) => (JSON.parse(l) as Alert).type === 'no-rendezvous'), 'the scenario has a rendezvous (a pair rule)');
    assert.ok(expected.length >= 4, `expected alerts of several rules, got ${expected.length}`);

    const config = join(dir, 'ingest.yaml');
    writeFileSync(config, `agreement: ${DEMO_AGREEMENT}\nallowanceSeconds: 60\nfeeds:\n  - { name: sim, kind: file, path: ${sim}, speed: 1000000000, originator: FRA }\n`);
    const store = (k: number): string => join(dir, `w${k}.db`);
    const workerArgs = (k: number): string[] => ['worker', '--nats', nats.url, '--partition', `${k}/${N}`, '--agreement', DEMO_AGREEMENT, '--store', `sqlite:${store(k)}`];

    // Worker 0 reads while the ingest publishes, and is killed once it has committed something.
    const w0 = start([...workerArgs(0), '--batch', '50']);
    running.push(w0.child);
    const ingest = start(['ingest', '--config', config, '--nats', nats.url, '--partitions', String(N), '--id', 'ing-a']);
    running.push(ingest.child);
    while ((await checkpointSeq(store(0))) === 0) await new Promise((r) => setTimeout(r, 20));
    w0.child.kill('SIGKILL');
    await w0.done;
    const first = await ingest.done;
    assert.equal(first.code, 0, first.stderr);
    const events = await eventCount(nats.url);
    assert.ok(events > 10_000, `events in the stream: ${events}`);

    // The same input again: JetStream's duplicate window keeps each event once.
    const again = start(['ingest', '--config', config, '--nats', nats.url, '--partitions', String(N), '--id', 'ing-a']);
    running.push(again.child);
    assert.equal((await again.done).code, 0);
    assert.equal(await eventCount(nats.url), events);

    const pairs = ['worker', '--nats', nats.url, '--pairs', '0/1', '--agreement', DEMO_AGREEMENT, '--store', `sqlite:${store(N)}`, '--exit-on-final'];
    const workers = [...[0, 1, 2, 3].map((k) => start([...workerArgs(k), '--exit-on-final'])), start(pairs)];
    for (const w of workers) running.push(w.child);
    for (const w of workers) {
      const r = await w.done;
      assert.equal(r.code, 0, r.stderr);
    }
    const alerts = (await Promise.all([0, 1, 2, 3, N].map((k) => storedAlerts(store(k))))).flat();
    const ids = alerts.map((a) => a.id);
    assert.equal(new Set(ids).size, ids.length, 'no alert stored twice');
    assert.deepEqual(alerts.map(alertToJson).sort(), expected);
  } finally {
    for (const c of running) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await nats.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
