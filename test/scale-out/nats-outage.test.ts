import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/index.js';
import { vigil } from '../helpers/cli.js';
import { haveNatsServer, startNatsServer } from '../helpers/nats-server.js';
import { DEMO_AGREEMENT } from '../helpers/scenario.js';
import { alertLines, startVigil, succeeded, type Running } from '../helpers/scale-out.js';

// Issue 14 "Faults": nats-server stopped for 10 s while an ingest publishes a file feed — the
// ingest waits (at most 4096 unacknowledged publishes), sends again what timed out, and goes
// on; the workers then give vigil check's alerts, byte for byte.

test('nats-server stopped for 10 s mid-stream: the ingest holds back, re-sends, resumes, and the alerts are vigil check\'s', { timeout: 300_000, skip: !(await haveNatsServer()) && 'nats-server not installed' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-natsdown-'));
  const nats = await startNatsServer();
  const running: Running[] = [];
  try {
    const sea = join(dir, 'sea.nmea');
    const sim = vigil(['simulate', '--violations', '--duration', '3h', '--vessels', '10', '--out', sea]);
    assert.equal(sim.status, 0, sim.stderr);
    const check = vigil(['check', '--agreement', DEMO_AGREEMENT, sea]);
    assert.equal(check.status, 0, check.stderr);
    const expected = check.stdout.trim().split('\n');

    const config = join(dir, 'ingest.yaml');
    writeFileSync(config, `agreement: ${DEMO_AGREEMENT}\nallowanceSeconds: 60\nfeeds:\n  - { name: sea, kind: file, path: ${sea}, speed: 600, originator: FRA }\n`);
    const ingest = startVigil(['ingest', '--config', config, '--nats', nats.url, '--partitions', '2', '--id', 'site-a']);
    running.push(ingest);
    await new Promise((r) => setTimeout(r, 3000));
    assert.equal(ingest.child.exitCode, null, 'the ingest is still reading when NATS goes away');
    await nats.bounce(10_000);
    const summary = await succeeded(ingest, 'ingest');
    assert.match(summary, /ingest site-a: [1-9]\d* publishes sent again/, summary);

    const store = join(dir, 'w.db');
    const common = ['--nats', nats.url, '--agreement', DEMO_AGREEMENT, '--store', `sqlite:${store}`, '--exit-on-final'];
    // One SQLite file for all three: each commit waits for the others' (busy timeout).
    const workers = [['--partition', '0/2'], ['--partition', '1/2'], ['--pairs', '0/1']].map((role) => startVigil(['worker', ...role, ...common]));
    running.push(...workers);
    for (const w of workers) await succeeded(w, 'worker');
    const s = openSqliteStore(store);
    try {
      assert.deepEqual(await alertLines(s), expected);
    } finally {
      await s.close();
    }
  } finally {
    for (const r of running) if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
    await nats.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
