import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Alert } from '../../src/core/alert/alert.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { haveNatsServer, startNatsServer } from '../helpers/nats-server.js';
import { findPostgresBinaries, startPostgresServer } from '../helpers/postgres-server.js';
import { DEMO_AGREEMENT } from '../helpers/scenario.js';
import { alertLines, deleteEventStream, scaleOutScenario, sortedLines, startVigil, succeeded, type Running } from '../helpers/scale-out.js';

// Issue 14 "Same answers": the seeded violation scenarios (sea with receiver artefacts, air,
// incident reports) through ingest → JetStream → 1, 2 and 4 partition workers and a pair
// worker → PostgreSQL give the alerts of `vigil check` on the same files, byte for byte, and
// every fix `vigil check` accepted is stored once.

const ready = findPostgresBinaries() !== undefined && (await haveNatsServer());

test('ingest → JetStream → 1, 2 and 4 workers + a pair worker → PostgreSQL: vigil check\'s alerts byte for byte, every accepted fix and report stored once', { timeout: 400_000, skip: !ready && 'needs nats-server and PostgreSQL 15 + PostGIS 3' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-pgscale-'));
  const nats = await startNatsServer();
  const pg = await startPostgresServer();
  const running: Running[] = [];
  try {
    const { files, expected, fixes, writeConfig } = scaleOutScenario(dir);
    assert.ok(files.length === 4);
    assert.deepEqual(expected, sortedLines(expected), 'vigil check writes its alerts sorted by start, then id');
    const types = new Set<string>(expected.map((l) => (JSON.parse(l) as Alert).type));
    for (const t of ['no-rendezvous', 'must-transmit', 'no-strike', 'no-fly', 'air-integrity']) assert.ok(types.has(t), `the scenario raises ${t}`);
    assert.ok(fixes > 10_000, `fixes accepted by vigil check: ${fixes}`);

    const config = join(dir, 'ingest.yaml');
    writeConfig(config);

    for (const n of [1, 2, 4]) {
      await deleteEventStream(nats.url);
      const url = await pg.createDatabase(`scale_${n}`);
      const ingest = startVigil(['ingest', '--config', config, '--nats', nats.url, '--partitions', String(n), '--id', 'site-a']);
      running.push(ingest);
      await succeeded(ingest, 'ingest');
      const common = ['--nats', nats.url, '--agreement', DEMO_AGREEMENT, '--store', url, '--exit-on-final'];
      const workers = [...Array.from({ length: n }, (_, k) => startVigil(['worker', '--partition', `${k}/${n}`, ...common])), startVigil(['worker', '--pairs', '0/1', ...common])];
      running.push(...workers);
      for (const w of workers) await succeeded(w, `worker of ${n}`);

      const store = await openPostgresStore(url);
      try {
        assert.deepEqual(await alertLines(store), expected, `${n} worker(s)`);
      } finally {
        await store.close();
      }
      const counts = (await pg.psql('SELECT (SELECT count(*) FROM observations) || \' \' || (SELECT count(*) FROM reports)', `scale_${n}`)).trim();
      assert.equal(counts, `${fixes} 14`, `${n} worker(s): observations and reports stored`);
    }
  } finally {
    for (const r of running) if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
    await nats.stop();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
