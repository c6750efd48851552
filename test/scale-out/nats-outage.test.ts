import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/index.js';
import { vigil } from '../helpers/cli.js';
import { haveNatsServer, startNatsServer } from '../helpers/nats-server.js';
import { DEMO_AGREEMENT } from '../helpers/scenario.js';
import { NO_ARTEFACTS, simulate } from '../../src/sim/scenario.js';
import { alertLines, startVigil, streamEventCount, succeeded, type Running } from '../helpers/scale-out.js';
import { freeUdpPort, sendUdpLines } from '../reliability/serve-harness.js';

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

// The same outage with a UDP feed: UDP has no backpressure, so while the ingest cannot publish
// its bounded queue overflows; every datagram is then either read or counted as dropped.
test('nats-server stopped for 10 s under a UDP feed: the ingest\'s queue stays bounded and counts what it dropped', { timeout: 120_000, skip: !(await haveNatsServer()) && 'nats-server not installed' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-natsdown-udp-'));
  const nats = await startNatsServer();
  let ingest: Running | undefined;
  try {
    const lines = [...simulate({ seed: 9, start: '2026-03-25T00:00:00Z', durationMs: 3 * 3600_000, classA: 30, classB: 0, artefacts: NO_ARTEFACTS })]
      .map((l) => l.line).filter((l) => l.includes('!AIVDM,1,1,')).slice(0, 12_000);
    const port = await freeUdpPort();
    const config = join(dir, 'ingest.yaml');
    writeFileSync(config, `agreement: ${DEMO_AGREEMENT}\nallowanceSeconds: 5\nfeeds:\n  - { name: udp, kind: udp, host: 127.0.0.1, port: ${port}, format: ais, queue: 500, originator: FRA }\n`);
    ingest = startVigil(['ingest', '--config', config, '--nats', nats.url, '--partitions', '1', '--id', 'site-u']);
    await new Promise((r) => setTimeout(r, 3000));
    // 12,000 datagrams over 12 s, NATS down for 10 of them: more than the ingest may have in flight (4096) and its queue (500).
    const sent = sendUdpLines(lines, port, 50, 50);
    await new Promise((r) => setTimeout(r, 1000));
    await nats.bounce(10_000);
    await sent;
    // Stopped once what it read is in the stream: time to reconnect (up to 2 s of backoff), then until the stream's count stands still for 2 s.
    await new Promise((r) => setTimeout(r, 6000));
    for (let last = -1, n = await streamEventCount(nats.url); n !== last; last = n, n = await streamEventCount(nats.url)) await new Promise((r) => setTimeout(r, 2000));
    ingest.child.kill('SIGTERM');
    const summary = await succeeded(ingest, 'ingest');
    const m = /udp \(ais\): (\d+) lines read, \d+ rejected \(([^)]*)\), (\d+) events published/.exec(summary);
    assert.ok(m, summary);
    const read = Number(m[1]);
    const dropped = Number(/dropped (\d+)/.exec(m[2]!)?.[1] ?? 0);
    assert.ok(dropped > 0, `datagrams dropped while NATS was down: ${summary}`);
    assert.equal(read + dropped, lines.length, `every datagram read or counted as dropped: ${summary}`);
    assert.ok(Number(m[3]) > 0 && Number(m[3]) <= read, summary);
    assert.doesNotMatch(summary, /not acknowledged/, summary);
    assert.equal(await streamEventCount(nats.url), Number(m[3]), 'what the summary says was published is in the stream');
  } finally {
    if (ingest !== undefined && ingest.child.exitCode === null && ingest.child.signalCode === null) ingest.child.kill('SIGKILL');
    await nats.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

// A stalled server (SIGSTOP), its connections open: the workers' fetches miss two heartbeats and
// give up; each worker starts again after the last message it read, so nothing comes back out
// of order (what the lost fetch had delivered would otherwise return after the ack wait).
test('nats-server frozen for 3 s, twice, under running workers: the lost fetches resume and the alerts are vigil check\'s', { timeout: 300_000, skip: !(await haveNatsServer()) && 'nats-server not installed' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-natsstall-'));
  const nats = await startNatsServer();
  const running: Running[] = [];
  try {
    const sea = join(dir, 'sea.nmea');
    assert.equal(vigil(['simulate', '--violations', '--duration', '3h', '--vessels', '10', '--out', sea]).status, 0);
    const check = vigil(['check', '--agreement', DEMO_AGREEMENT, sea]);
    assert.equal(check.status, 0, check.stderr);
    const config = join(dir, 'ingest.yaml');
    writeFileSync(config, `agreement: ${DEMO_AGREEMENT}\nallowanceSeconds: 60\nfeeds:\n  - { name: sea, kind: file, path: ${sea}, speed: 600, originator: FRA }\n`);
    const store = join(dir, 'w.db');
    const common = ['--nats', nats.url, '--agreement', DEMO_AGREEMENT, '--store', `sqlite:${store}`, '--exit-on-final'];
    const workers = [['--partition', '0/2'], ['--partition', '1/2'], ['--pairs', '0/1']].map((role) => startVigil(['worker', ...role, ...common]));
    running.push(...workers);
    const ingest = startVigil(['ingest', '--config', config, '--nats', nats.url, '--partitions', '2', '--id', 'site-a']);
    running.push(ingest);
    for (const wait of [4000, 3000]) {
      await new Promise((r) => setTimeout(r, wait));
      await nats.pause(3000);
    }
    await succeeded(ingest, 'ingest');
    const summaries = await Promise.all(workers.map((w) => succeeded(w, 'worker')));
    const lost = summaries.map((s) => Number(/(\d+) fetches lost and resumed/.exec(s)?.[1]));
    assert.ok(lost.every((n) => n >= 1), `every worker lost a fetch to the stall: ${summaries.join(' | ')}`);
    const s = openSqliteStore(store);
    try {
      assert.deepEqual(await alertLines(s), check.stdout.trim().split('\n'));
    } finally {
      await s.close();
    }
  } finally {
    for (const r of running) if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
    await nats.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
