/**
 * `vigil serve` with its data directory on a full disk (a small tmpfs filled up: a real
 * ENOSPC, not a mock): it logs an error naming the database, keeps answering reads, reports
 * not-ready, answers writes with 503 (logged with the request's id), and once space returns it
 * writes what it kept and is ready again — every fix the feed sent is stored once, and the
 * database passes SQLite's integrity check.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openSqliteStore } from '../../src/store/index.js';
import { vigil } from '../helpers/cli.js';
import { parseMetrics, startServe, waitFor } from '../helpers/serve-process.js';
import { sbsFixes } from '../helpers/sbs-lines.js';
import { DEMO_AGREEMENT } from '../helpers/scenario.js';

const START_MS = Date.parse('2026-06-01T00:00:00Z');
/** Three rounds of fixes: before the disk fills, while it is full, after space returns (later in event time each). */
const rounds = [0, 1, 2].map((r) => sbsFixes({ aircraft: 20, perAircraft: 25, startMs: START_MS + r * 3600_000, firstHex: 0x4d0000 }));

/** Fills the filesystem of `dir` with one file until ENOSPC; returns its path. */
function fill(dir: string): string {
  const path = join(dir, 'filler');
  const fd = openSync(path, 'w');
  try {
    for (const size of [1 << 20, 1 << 12, 1]) {
      const chunk = Buffer.alloc(size);
      for (;;) {
        try {
          writeSync(fd, chunk);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw e;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return path;
}

/** Mounts a tmpfs of `size` at `dir`; false when this machine does not let the tests mount (not root, or a container without CAP_SYS_ADMIN). */
function mountTmpfs(dir: string, size: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const probeDir = mkdtempSync(join(tmpdir(), 'vigil-mount-probe-'));
const canMount = mountTmpfs(probeDir, '1m');
if (canMount) execFileSync('umount', [probeDir]);
rmSync(probeDir, { recursive: true, force: true });

// The tests run as root (CI installs its packages with apt-get; the sandbox too): a 24 MiB tmpfs is a real disk that fills.
test('a full disk under the data directory: clear error naming the database, reads go on, not ready, writes 503; after space returns nothing acknowledged is lost', { timeout: 120_000, skip: !canMount && 'mount -t tmpfs is not permitted here (needs root with CAP_SYS_ADMIN)' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-full-'));
  const mnt = join(dir, 'mnt');
  mkdirSync(mnt);
  assert.ok(mountTmpfs(mnt, '24m'), `mount a tmpfs at ${mnt}`);
  const sockets: Socket[] = [];
  const tcp = createServer((s) => sockets.push(s));
  let serve: Awaited<ReturnType<typeof startServe>> | undefined;
  try {
    const data = join(mnt, 'data');
    process.env['VIGIL_INIT_PASSWORD'] = 'correct horse battery staple';
    assert.equal(vigil(['init', '--data', data, '--username', 'ops', '--nation', 'FRA']).status, 0);
    const t = vigil(['token', 'create', '--data', data, '--username', 'ops', '--name', 'ops', '--scopes', 'metrics:read,read,users:manage', '--ttl', '1d']);
    assert.equal(t.status, 0, t.stderr);
    const auth = { authorization: `Bearer ${t.stdout.trim()}` };
    await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
    const config = join(dir, 'serve.yaml');
    writeFileSync(config, [
      `dataDir: ${JSON.stringify(data)}`, 'port: 0', `agreement: ${JSON.stringify(DEMO_AGREEMENT)}`, 'nation: FRA', 'feeds:',
      `  - { name: receiver, kind: tcp, host: 127.0.0.1, port: ${(tcp.address() as { port: number }).port}, originator: FRA, format: sbs }`, '',
    ].join('\n'));
    serve = await startServe(config);
    const s = serve;
    const ready = async (): Promise<{ status: number; body: { status: string; detail?: { store: { name: string; problem: string }[] } } }> => {
      const res = await fetch(`${s.url}/api/health/ready`, { headers: auth });
      return { status: res.status, body: await res.json() as { status: string } };
    };
    const metrics = async (): Promise<Map<string, number>> => parseMetrics(await (await fetch(`${s.url}/metrics`, { headers: auth })).text());
    const send = (lines: string[]): void => void sockets[0]!.write(lines.join('\n') + '\n');
    await waitFor('the feed connected', async () => sockets.length === 1);

    // 1. Before: the first round is read and committed.
    send(rounds[0]!);
    await waitFor('round 1 read and committed', async () => {
      const m = await metrics();
      return m.get('vigil_feed_lines_total{feed="receiver"}') === rounds[0]!.length && m.get('vigil_store_batch_seconds_count')! >= 1
        && m.get('vigil_queue_depth{queue="store-pending"}') === 0 && m.get('vigil_queue_depth{queue="store-in-flight"}') === 0;
    });
    assert.equal((await ready()).status, 200);

    // 2. The disk fills; the second round arrives.
    const filler = fill(mnt);
    send(rounds[1]!);
    await waitFor('not ready', async () => (await ready()).status === 503);
    const database = join(data, 'vigil.sqlite');
    await waitFor('the store error logged', async () => s.logs().some((l) => l['level'] === 50 && String(l['msg']).includes(`store write failed on ${database}`)));
    const logged = s.logs().find((l) => String(l['msg']).includes('store write failed'))!;
    assert.match(String(logged['msg']), /database or disk is full/);
    const notReady = await ready();
    assert.equal(notReady.body.status, 'not-ready');
    assert.ok(notReady.body.detail!.store.some((p) => p.name === `data directory ${data}` && /ENOSPC/.test(p.problem)), JSON.stringify(notReady.body.detail));
    const pub = await (await fetch(`${s.url}/api/health/ready`)).json() as Record<string, unknown>;
    assert.deepEqual(pub['store'], 'not-writable');
    assert.equal(pub['detail'], undefined);
    // Reads go on.
    const feeds = await fetch(`${s.url}/api/feeds`, { headers: auth });
    assert.equal(feeds.status, 200);
    assert.equal((await metrics()).get('vigil_feed_lines_total{feed="receiver"}'), rounds[0]!.length + rounds[1]!.length);
    // An API write is refused with 503, and its error log line carries the request's id.
    const w = await fetch(`${s.url}/api/users`, {
      method: 'POST', headers: { ...auth, 'content-type': 'application/json', 'x-request-id': 'full-disk-write-1' },
      body: JSON.stringify({ username: 'late.user', password: 'correct horse battery staple', nation: 'FRA', roles: ['viewer'] }),
    });
    assert.equal(w.status, 503, await w.text());
    assert.equal(w.headers.get('x-request-id'), 'full-disk-write-1');
    await waitFor('the refused write logged with its request id', async () => s.logs().some((l) => l['reqId'] === 'full-disk-write-1' && l['level'] === 50 && l['msg'] === 'store not writable'));

    // 3. Space returns: the kept rows are written, the node is ready again, and takes a third round.
    rmSync(filler);
    await waitFor('ready again', async () => (await ready()).status === 200, 30_000);
    await waitFor('resumed logged', async () => s.logs().some((l) => String(l['msg']).includes(`store writes on ${database} resumed`)));
    send(rounds[2]!);
    const total = rounds.reduce((n, r) => n + r.length, 0);
    await waitFor('round 3 read', async () => (await metrics()).get('vigil_feed_lines_total{feed="receiver"}') === total);
    assert.equal(await s.stop(), 0);
    serve = undefined;

    const store = openSqliteStore(database);
    try {
      assert.equal(store.db.pragma('integrity_check', { simple: true }), 'ok');
      assert.equal((store.db.prepare('SELECT count(*) AS n FROM observations').get() as { n: number }).n, total, 'every fix of the three rounds stored once');
    } finally {
      await store.close();
    }
  } finally {
    await serve?.stop();
    for (const so of sockets) so.destroy();
    tcp.close();
    execFileSync('umount', ['-l', mnt]);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a read-only data directory: vigil serve refuses to start with an error naming the file it could not open (its lock, the first it takes) and saying the directory takes no writes', { timeout: 60_000, skip: !canMount && 'mount -t tmpfs is not permitted here (needs root with CAP_SYS_ADMIN)' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-ro-'));
  const mnt = join(dir, 'mnt');
  mkdirSync(mnt);
  assert.ok(mountTmpfs(mnt, '16m'), `mount a tmpfs at ${mnt}`);
  try {
    const data = join(mnt, 'data');
    process.env['VIGIL_INIT_PASSWORD'] = 'correct horse battery staple';
    assert.equal(vigil(['init', '--data', data, '--username', 'ops', '--nation', 'FRA']).status, 0);
    execFileSync('mount', ['-o', 'remount,ro', mnt]);
    const config = join(dir, 'serve.yaml');
    writeFileSync(config, `dataDir: ${JSON.stringify(data)}\nport: 0\nagreement: ${JSON.stringify(DEMO_AGREEMENT)}\nnation: FRA\nfeeds: []\n`);
    const r = vigil(['serve', '--config', config]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`cannot open the lock ${join(data, 'serve.lock').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: .*; the data directory .* does not take writes \\(EROFS: read-only file system`));
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  } finally {
    execFileSync('umount', ['-l', mnt]);
    rmSync(dir, { recursive: true, force: true });
  }
});
