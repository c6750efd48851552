/**
 * `vigil ingest` and `vigil worker` with `--metrics-port`: during a short run over a throwaway
 * nats-server, both answer /health and /metrics; the ingest's counters equal the lines, rejects
 * and events its TCP feed carried, the worker's message count equals what the ingest published,
 * its lag drains to 0 and its checkpoint is fresh. A metrics port beyond loopback needs a token.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { vigil } from '../helpers/cli.js';
import { haveNatsServer, startNatsServer } from '../helpers/nats-server.js';
import { sbsFixes } from '../helpers/sbs-lines.js';
import { DEMO_AGREEMENT } from '../helpers/scenario.js';
import { parseMetrics, waitFor } from '../helpers/serve-process.js';

const here = fileURLToPath(import.meta.url);
const CLI = here.includes('/dist/') ? [fileURLToPath(new URL('../../src/cli/main.js', import.meta.url))] : ['--import', 'tsx', fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url))];
const ALLOWANCE_S = 30;
const START_MS = Date.parse('2026-06-01T00:00:00Z');

/** Spawns a vigil command; resolves with its metrics base URL once it prints it. */
async function startWithMetrics(args: readonly string[]): Promise<{ child: ChildProcess; url: string; stderr: () => string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [...CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
  const exited = new Promise<number | null>((r) => child.once('exit', r));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no metrics address within 20 s:\n${err}`)), 20_000);
    child.stderr!.on('data', () => {
      const m = /metrics at (http:\/\/\S+)\/metrics/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then((code) => reject(new Error(`exited (${code}) before serving metrics:\n${err}`)));
  });
  return { child, url, stderr: () => err, exited };
}

async function scrape(url: string, headers: Record<string, string> = {}): Promise<Map<string, number>> {
  const res = await fetch(`${url}/metrics`, { headers });
  assert.equal(res.status, 200, await res.clone().text());
  return parseMetrics(await res.text());
}

test('ingest and worker serve /health and /metrics during a run: counts equal the feed\'s lines and rejects, the worker reads what the ingest published, lag drains, the checkpoint is fresh', { timeout: 90_000, skip: !(await haveNatsServer()) && 'nats-server not installed' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-stream-ops-'));
  const nats = await startNatsServer();
  const sockets: Socket[] = [];
  const tcp = createServer((s) => sockets.push(s));
  const running: ChildProcess[] = [];
  try {
    await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
    const fixes = sbsFixes({ aircraft: 4, perAircraft: 30, startMs: START_MS, firstHex: 0x4e0000 });
    const bad = ['NOT,SBS', 'MSG,3,1'];
    // Released by the feed's reorder buffer while it runs: events at or before the newest time less the allowance.
    const lastMs = START_MS + 29 * 10_000;
    const released = fixes.filter((_l, i) => START_MS + Math.floor(i / 4) * 10_000 <= lastMs - ALLOWANCE_S * 1000).length;
    const config = join(dir, 'ingest.yaml');
    writeFileSync(config, `agreement: ${DEMO_AGREEMENT}\nallowanceSeconds: ${ALLOWANCE_S}\nfeeds:\n  - { name: radar-site, kind: tcp, host: 127.0.0.1, port: ${(tcp.address() as { port: number }).port}, originator: FRA, format: sbs }\n`);
    const tokenFile = join(dir, 'scrape.token');
    writeFileSync(tokenFile, 'a-scrape-token-of-the-test\n');

    const ingest = await startWithMetrics(['ingest', '--config', config, '--nats', nats.url, '--partitions', '1', '--id', 'ops-test', '--metrics-port', '0']);
    running.push(ingest.child);
    const worker = await startWithMetrics(['worker', '--nats', nats.url, '--partition', '0/1', '--agreement', DEMO_AGREEMENT, '--store', `sqlite:${join(dir, 'w.db')}`, '--no-land',
      '--metrics-port', '0', '--metrics-token-file', tokenFile]);
    running.push(worker.child);
    const scrapeToken = { authorization: 'Bearer a-scrape-token-of-the-test' };

    for (const url of [ingest.url, worker.url]) {
      const h = await fetch(`${url}/health`);
      assert.equal(h.status, 200);
      assert.equal((await h.json() as { nats: string }).nats, 'connected');
    }
    assert.equal((await fetch(`${worker.url}/metrics`)).status, 401, 'the worker was given a scrape token');
    assert.equal((await fetch(`${worker.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-wrong-token' } })).status, 401);
    assert.equal((await fetch(`${ingest.url}/nothing`)).status, 404);

    await waitFor('the feed connected', async () => sockets.length === 1);
    sockets[0]!.write([...fixes.slice(0, 60), ...bad, ...fixes.slice(60)].join('\n') + '\n');
    let m = new Map<string, number>();
    await waitFor('the ingest counted and published the lines', async () => {
      m = await scrape(ingest.url);
      return m.get('vigil_feed_lines_total{feed="radar-site"}') === fixes.length + bad.length && m.get('vigil_ingest_published_total{feed="radar-site"}') === released
        && m.get('vigil_ingest_pending_publishes') === 0;
    });
    assert.equal(m.get('vigil_feed_events_total{feed="radar-site"}'), fixes.length);
    assert.equal(m.get('vigil_feed_rejects_total{feed="radar-site",reason="not-sbs"}'), 1);
    assert.equal(m.get('vigil_feed_rejects_total{feed="radar-site",reason="wrong-field-count"}'), 1);
    assert.equal(m.get('vigil_ingest_publish_retries_total'), 0);
    assert.equal(m.get('vigil_ingest_feed_ended{feed="radar-site"}'), 0);

    let w = new Map<string, number>();
    await waitFor('the worker read every published event and its lag drained', async () => {
      w = await scrape(worker.url, scrapeToken);
      return w.get('vigil_worker_messages_total{partition="0/1"}') === released && w.get('vigil_worker_lag_messages{partition="0/1",state="pending"}') === 0
        && w.get('vigil_worker_lag_messages{partition="0/1",state="ack-pending"}') === 0;
    });
    assert.equal(w.get('vigil_worker_events_total{partition="0/1"}'), released);
    assert.equal(w.get('vigil_worker_bad_messages_total{partition="0/1"}'), 0);
    assert.ok(w.has('vigil_worker_alert_writes_total{partition="0/1"}'));
    const age = w.get('vigil_worker_checkpoint_age_seconds{partition="0/1"}');
    assert.ok(age !== undefined && age >= 0 && age < 10, `checkpoint age ${age}`);

    for (const p of [ingest, worker]) {
      p.child.kill('SIGTERM');
      assert.equal(await p.exited, 0, p.stderr());
    }
  } finally {
    for (const c of running) if (c.exitCode === null) c.kill('SIGKILL');
    for (const s of sockets) s.destroy();
    tcp.close();
    await nats.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a metrics port beyond loopback without a scrape token is refused before connecting', () => {
  const r = vigil(['worker', '--nats', 'nats://127.0.0.1:1', '--partition', '0/1', '--agreement', DEMO_AGREEMENT, '--store', 'sqlite::memory:', '--metrics-port', '0', '--metrics-host', '0.0.0.0']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--metrics-host 0\.0\.0\.0 is reachable beyond this machine: give --metrics-token-file/);
});
