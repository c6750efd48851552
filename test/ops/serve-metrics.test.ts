/**
 * Operations of `vigil serve` through its HTTP interface: Prometheus counters after a file
 * feed and a TCP feed equal the lines, events and reject reasons those feeds are known to
 * carry (and the observations stored); /metrics needs a token holding metrics:read; the public
 * readiness answer names no feed; request ids are honoured, echoed and logged.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openSqliteStore, SYSTEM_VIEWER } from '../../src/store/index.js';
import { vigil } from '../helpers/cli.js';
import { parseMetrics, startServe, waitFor, type ServeProcess } from '../helpers/serve-process.js';
import { sbsFixes } from '../helpers/sbs-lines.js';
import { DEMO_AGREEMENT } from '../helpers/scenario.js';

const START_MS = Date.parse('2026-06-01T00:00:00Z');
const FILE_FIXES = sbsFixes({ aircraft: 3, perAircraft: 20, startMs: START_MS, firstHex: 0x4b0000 });
const FILE_BAD = { 'not-sbs': ['HELLO,world', 'GARBAGE'], 'wrong-field-count': ['MSG,3,1,1', 'MSG,3,1,1,4B0000', 'MSG,3'] };
// Later in event time than the file, and sent once the file is read: the pipeline merges feeds
// on one event-time clock, so a feed that starts behind the others' released time is dropped as late.
const TCP_FIXES = sbsFixes({ aircraft: 2, perAircraft: 20, startMs: START_MS + 3600_000, firstHex: 0x4c0000 });
/** Sent after the TCP fixes, an hour behind them: more than the allowance behind the released time, so dropped as late. */
const TCP_LATE = sbsFixes({ aircraft: 1, perAircraft: 3, startMs: START_MS, firstHex: 0x4c1000 });

let dir: string;
let serve: ServeProcess;
let token: string;
let tcp: Server;
const sockets: Socket[] = [];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-ops-'));
  const data = join(dir, 'data');
  process.env['VIGIL_INIT_PASSWORD'] = 'correct horse battery staple';
  const init = vigil(['init', '--data', data, '--username', 'ops', '--nation', 'FRA']);
  assert.equal(init.status, 0, init.stderr);
  const t = vigil(['token', 'create', '--data', data, '--username', 'ops', '--name', 'prometheus', '--scopes', 'metrics:read,read', '--ttl', '1d']);
  assert.equal(t.status, 0, t.stderr);
  token = t.stdout.trim();
  const file = join(dir, 'recorded.sbs');
  writeFileSync(file, [...FILE_FIXES, ...Object.values(FILE_BAD).flat()].join('\n') + '\n');
  tcp = createServer((s) => sockets.push(s));
  await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
  const port = (tcp.address() as { port: number }).port;
  const config = join(dir, 'serve.yaml');
  writeFileSync(config, [
    `dataDir: ${JSON.stringify(data)}`, 'port: 0', `agreement: ${JSON.stringify(DEMO_AGREEMENT)}`, 'nation: FRA', 'feeds:',
    `  - { name: recorded, kind: file, path: ${JSON.stringify(file)}, speed: 1000000000, originator: FRA, format: sbs }`,
    `  - { name: receiver, kind: tcp, host: 127.0.0.1, port: ${port}, originator: GBR, marking: REL TO FRA, format: sbs }`, '',
  ].join('\n'));
  serve = await startServe(config);
});

after(async () => {
  await serve?.stop();
  for (const s of sockets) s.destroy();
  tcp?.close();
  rmSync(dir, { recursive: true, force: true });
});

const auth = (): Record<string, string> => ({ authorization: `Bearer ${token}` });

async function scrape(): Promise<Map<string, number>> {
  const res = await fetch(`${serve.url}/metrics`, { headers: auth() });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  return parseMetrics(await res.text());
}

test('/metrics counts each feed\'s lines, events and rejects by reason exactly as the feeds carry them, and as /api/feeds and the store show them', async () => {
  const fileLines = FILE_FIXES.length + Object.values(FILE_BAD).flat().length;
  let m = new Map<string, number>();
  await waitFor('the file read and the TCP feed connected', async () => {
    m = await scrape();
    return m.get('vigil_feed_lines_total{feed="recorded"}') === fileLines && sockets.length === 1;
  });
  sockets[0]!.write(TCP_FIXES.join('\r\n') + '\r\n');
  await waitFor('both feeds counted', async () => {
    m = await scrape();
    return m.get('vigil_feed_lines_total{feed="recorded"}') === fileLines && m.get('vigil_feed_lines_total{feed="receiver"}') === TCP_FIXES.length;
  });
  sockets[0]!.write(TCP_LATE.join('\r\n') + '\r\n');
  await waitFor('the late lines counted', async () => {
    m = await scrape();
    return m.get('vigil_feed_lines_total{feed="receiver"}') === TCP_FIXES.length + TCP_LATE.length;
  });
  assert.equal(m.get('vigil_feed_events_total{feed="recorded"}'), FILE_FIXES.length);
  assert.equal(m.get('vigil_feed_events_total{feed="receiver"}'), TCP_FIXES.length + TCP_LATE.length);
  assert.equal(m.get('vigil_feed_rejects_total{feed="receiver",reason="late"}'), TCP_LATE.length);
  for (const [reason, lines] of Object.entries(FILE_BAD)) assert.equal(m.get(`vigil_feed_rejects_total{feed="recorded",reason="${reason}"}`), lines.length, reason);
  const rejectKeys = [...m.keys()].filter((k) => k.startsWith('vigil_feed_rejects_total')).sort();
  assert.deepEqual(rejectKeys, ['vigil_feed_rejects_total{feed="receiver",reason="late"}', 'vigil_feed_rejects_total{feed="recorded",reason="not-sbs"}', 'vigil_feed_rejects_total{feed="recorded",reason="wrong-field-count"}']);
  assert.equal(m.get('vigil_feed_state{feed="receiver",state="connected"}'), 1);
  assert.equal(m.get('vigil_feed_state{feed="recorded",state="idle"}'), 1, 'a file read to its end is idle, not an error');
  for (const q of ['reorder', 'store-pending', 'store-in-flight', 'quarantine', 'outbox']) assert.ok(m.has(`vigil_queue_depth{queue="${q}"}`), q);
  // Event time is three months behind the wall clock here (a replayed recording): the lag says so.
  assert.ok((m.get('vigil_event_time_lag_seconds') ?? 0) > 86_400, `lag ${m.get('vigil_event_time_lag_seconds')}`);
  assert.ok(m.has('vigil_process_resident_memory_bytes'));

  // The same numbers as the API's feed status: one set of counters.
  type Feeds = { items: { name: string; counters: Record<string, number> }[] };
  let recorded: Feeds['items'][number] | undefined;
  // /api/feeds lists the feeds the store knows (their status is saved every 5 s), with the live counters.
  await waitFor('the feed status saved', async () => {
    recorded = ((await (await fetch(`${serve.url}/api/feeds`, { headers: auth() })).json()) as Feeds).items.find((f) => f.name === 'recorded');
    return recorded !== undefined;
  });
  assert.equal(recorded?.counters['lines'], fileLines);
  assert.equal(recorded?.counters['not-sbs'], 2);

  // The store batches were timed; after a graceful stop every fix is stored once.
  await waitFor('a timed store batch', async () => ((await scrape()).get('vigil_store_batch_seconds_count') ?? 0) >= 1);
});

test('/metrics needs a bearer token whose user may metrics:read', async () => {
  assert.equal((await fetch(`${serve.url}/metrics`)).status, 401);
  assert.equal((await fetch(`${serve.url}/metrics`, { headers: { authorization: 'Bearer vgl_not-a-token' } })).status, 401);
  const readOnly = vigil(['token', 'create', '--data', join(dir, 'data'), '--username', 'ops', '--name', 'reader', '--scopes', 'read', '--ttl', '1d']);
  assert.equal(readOnly.status, 0, readOnly.stderr);
  assert.equal((await fetch(`${serve.url}/metrics`, { headers: { authorization: `Bearer ${readOnly.stdout.trim()}` } })).status, 403);
});

test('readiness: public callers get counts only (no feed names); metrics:read holders get each feed\'s state and age', async () => {
  await waitFor('both feeds seen', async () => ((await (await fetch(`${serve.url}/api/health/ready`)).json()) as { feeds: { connected: number; idle: number } }).feeds.connected === 1);
  const pub = await fetch(`${serve.url}/api/health/ready`);
  assert.equal(pub.status, 200);
  const text = await pub.text();
  assert.deepEqual(JSON.parse(text), { status: 'ready', store: 'writable', feeds: { connected: 1, idle: 1, error: 0 } });
  assert.doesNotMatch(text, /recorded|receiver|GBR|sqlite/);
  const detail = await (await fetch(`${serve.url}/api/health/ready`, { headers: auth() })).json() as { detail: { feeds: { name: string; health: string; lastLineAgeSeconds: number }[]; store: unknown[] } };
  assert.deepEqual(detail.detail.feeds.map((f) => [f.name, f.health]).sort(), [['receiver', 'connected'], ['recorded', 'idle']]);
  assert.deepEqual(detail.detail.store, []);
});

test('a well-formed x-request-id is kept, echoed and on the request\'s log lines; a malformed one is replaced', async () => {
  const res = await fetch(`${serve.url}/api/health`, { headers: { 'x-request-id': 'lb-7f3a.42' } });
  assert.equal(res.headers.get('x-request-id'), 'lb-7f3a.42');
  const bad = await fetch(`${serve.url}/api/health`, { headers: { 'x-request-id': 'has spaces\tand tabs' } });
  const fresh = bad.headers.get('x-request-id') ?? '';
  assert.match(fresh, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  const none = await fetch(`${serve.url}/api/health`);
  assert.notEqual(none.headers.get('x-request-id'), fresh, 'each request gets its own id');
  await waitFor('the log lines of the request', async () => serve.logs().some((l) => l['reqId'] === fresh && l['msg'] === 'request completed'));
  const mine = serve.logs().filter((l) => l['reqId'] === 'lb-7f3a.42');
  assert.deepEqual(mine.map((l) => l['msg']), ['incoming request', 'request completed']);
  assert.equal((mine[1]!['res'] as { statusCode: number }).statusCode, 200);
});

test('after a graceful stop the store holds exactly one observation per fix the feeds sent, none of the late ones', async () => {
  assert.equal(await serve.stop(), 0);
  const store = openSqliteStore(join(dir, 'data', 'vigil.sqlite'));
  try {
    const n = (store.db.prepare('SELECT count(*) AS n FROM observations').get() as { n: number }).n;
    assert.equal(n, FILE_FIXES.length + TCP_FIXES.length);
    const feeds = await store.feeds.list(SYSTEM_VIEWER);
    assert.equal(feeds.find((f) => f.name === 'receiver')?.counters['lines'], TCP_FIXES.length + TCP_LATE.length);
  } finally {
    await store.close();
  }
});

test('a feed in error (a TCP source that refuses connections) makes readiness 503, and only metrics:read holders learn which feed', { timeout: 60_000 }, async () => {
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const port = (closed.address() as { port: number }).port;
  await new Promise<void>((r) => closed.close(() => r()));
  const config = join(dir, 'down.yaml');
  writeFileSync(config, [
    `dataDir: ${JSON.stringify(join(dir, 'data'))}`, 'port: 0', `agreement: ${JSON.stringify(DEMO_AGREEMENT)}`, 'nation: FRA', 'feeds:',
    `  - { name: coastal-radar, kind: tcp, host: 127.0.0.1, port: ${port}, originator: FRA, format: sbs }`, '',
  ].join('\n'));
  const down = await startServe(config);
  try {
    await waitFor('not ready', async () => (await fetch(`${down.url}/api/health/ready`)).status === 503);
    const pub = await (await fetch(`${down.url}/api/health/ready`)).text();
    assert.deepEqual(JSON.parse(pub), { status: 'not-ready', store: 'writable', feeds: { connected: 0, idle: 0, error: 1 } });
    assert.doesNotMatch(pub, /coastal-radar/);
    const detail = await (await fetch(`${down.url}/api/health/ready`, { headers: auth() })).json() as { detail: { feeds: { name: string; health: string; state: string; detail: string }[] } };
    assert.equal(detail.detail.feeds[0]?.name, 'coastal-radar');
    assert.equal(detail.detail.feeds[0]?.health, 'error');
    assert.match(detail.detail.feeds[0]?.detail ?? '', /ECONNREFUSED/);
    assert.equal((await fetch(`${down.url}/api/health`)).status, 200, 'liveness stays 200');
  } finally {
    assert.equal(await down.stop(), 0);
  }
});
