import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { mulberry32 } from '../../src/sim/prng.js';
import { haveNatsServer, startNatsServer } from '../helpers/nats-server.js';
import { findPostgresBinaries, startPostgresServer } from '../helpers/postgres-server.js';
import { DEMO_AGREEMENT } from '../helpers/scenario.js';
import { alertLines, lastSequence, scaleOutScenario, startVigil, streamEventCount, succeeded, type Running } from '../helpers/scale-out.js';

// Issue 14 "Faults": workers killed with SIGKILL at seeded random points and restarted, and an
// ingest killed mid-file and restarted from its state file, still give vigil check's alerts
// byte for byte, with every accepted fix stored exactly once.

const ready = findPostgresBinaries() !== undefined && (await haveNatsServer());
const KILLS = 20;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

test(`an ingest killed mid-file and ${KILLS} SIGKILLed workers, each restarted, give vigil check's alerts byte for byte, every fix stored once in PostgreSQL`, { timeout: 400_000, skip: !ready && 'needs nats-server and PostgreSQL 15 + PostGIS 3' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-faults-'));
  const nats = await startNatsServer();
  const server = await startPostgresServer();
  const running: Running[] = [];
  const random = mulberry32(14);
  try {
    const { files, expected, fixes, writeConfig } = scaleOutScenario(dir);

    // The ingest, paced so that it is killed mid-file; restarted from its state file, it goes on from there.
    const config = join(dir, 'ingest.yaml');
    writeConfig(config, (f) => (f === files[0] ? 600 : 1e9));
    const stateFile = join(dir, 'ingest-state.json');
    const ingestArgs = ['ingest', '--config', config, '--nats', nats.url, '--partitions', '2', '--id', 'site-a', '--state', stateFile];
    const first = startVigil(ingestArgs);
    running.push(first);
    // Killed once its state file says the sea feed is under way (however slow the machine).
    const seaOffset = (): number => {
      try {
        return (JSON.parse(readFileSync(stateFile, 'utf8')) as { feeds: Record<string, { lineOffset: number }> }).feeds['sea']?.lineOffset ?? 0;
      } catch {
        return 0;
      }
    };
    while (first.child.exitCode === null && seaOffset() < 2000) await sleep(50);
    assert.equal(first.child.exitCode, null, 'the ingest is still reading when it is killed');
    first.child.kill('SIGKILL');
    await first.done;
    const partial = await streamEventCount(nats.url);
    assert.ok(partial > 0, 'the killed ingest had published something');
    const second = startVigil(ingestArgs);
    running.push(second);
    const resumed = await succeeded(second, 'restarted ingest');
    assert.match(resumed, /^sea \(ais\): resumed at line [1-9]\d*/m, 'the sea feed resumed from its persisted offset, not from the start');

    const url = await server.createDatabase('faults');
    await (await openPostgresStore(url)).close(); // migrated before the first feed status is read
    const common = ['--nats', nats.url, '--agreement', DEMO_AGREEMENT, '--store', url, '--batch', '200', '--exit-on-final'];
    const roles = [['--partition', '0/2'], ['--partition', '1/2'], ['--pairs', '0/1']];
    // Each kill lands at a seeded point of a worker's progress past its last checkpoint (read from its feed status).
    const superuser = new pg.Client({ connectionString: server.url('faults', 'vigil') });
    await superuser.connect();
    const checkpoint = async (name: string): Promise<number> => {
      const r = await superuser.query<{ seq: string | null }>('SELECT counters->>\'receivedSeq\' AS seq FROM feeds WHERE name = $1', [name]);
      return Number(r.rows[0]?.seq ?? 0);
    };
    const total = await lastSequence(nats.url);
    let kills = 0;
    // A role whose worker is (nearly) through the stream gets no more kills: they would land after its end.
    const live = new Set(roles);
    try {
      for (let round = 0; kills < KILLS; round++) {
        assert.ok(round < KILLS * 3 && live.size > 0, `only ${kills} kills landed in ${round} rounds: the workers finish before the kill points`);
        const role = [...live][Math.floor(random() * live.size)]!;
        const name = `${role[0] === '--pairs' ? 'pairs' : 'worker'}-${role[1]!.replace('/', '-of-')}`;
        const from = await checkpoint(name);
        if (total - from < 1000) {
          live.delete(role);
          continue;
        }
        // Within the next third of what is left, so that every role has room for its share of the kills.
        const target = from + 1 + Math.floor(random() * (total - from) * 0.3);
        const w = startVigil(['worker', ...role, ...common]);
        running.push(w);
        while (w.child.exitCode === null && (await checkpoint(name)) < target) await sleep(20);
        await sleep(random() * 30);
        if (w.child.exitCode !== null) {
          await succeeded(w, `worker ${role.join(' ')}`);
          continue;
        }
        w.child.kill('SIGKILL');
        await w.done;
        kills++;
      }
    } finally {
      await superuser.end();
    }
    const last = roles.map((role) => startVigil(["worker", ...role, ...common]));
    running.push(...last);
    let replayed = 0;
    for (const w of last) {
      const summary = await succeeded(w, 'worker');
      replayed += Number(/\((\d+) replayed/.exec(summary)?.[1]);
      // A watermark that ran ahead of the events it covers would make them late here (and lose them).
      assert.match(summary, / 0 late,/, `no event late for the worker: ${summary}`);
    }
    assert.ok(replayed > 0, 'the last workers went on from checkpoints of killed ones (events replayed, not re-stored)');

    const store = await openPostgresStore(url);
    try {
      assert.deepEqual(await alertLines(store), expected);
    } finally {
      await store.close();
    }
    const counts = (await server.psql('SELECT (SELECT count(*) FROM observations) || \' \' || (SELECT count(*) FROM reports)', 'faults')).trim();
    assert.equal(counts, `${fixes} 14`, 'observations and reports stored, none twice');
  } finally {
    for (const r of running) if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
    await nats.stop();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
