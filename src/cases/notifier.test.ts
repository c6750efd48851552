import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import { AccessError } from '../access/ports.js';
import type { Alert } from '../core/alert/alert.js';
import { COALITION, ORIGINATOR_ONLY } from '../store/marking.js';
import type { Marking, StoredAlert } from '../store/ports.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/sqlite-store.js';
import { Notifier, type NotificationPayload } from './notifier.js';
import { makeAlert, MemoryAuditLog, principal } from './test-kit.js';
import { WebhookDelivery, webhookBackoffMs } from './webhook-delivery.js';

function stored(alert: Alert, originator: string, marking: Marking): StoredAlert {
  return { alert, status: 'open', agreementId: 'a', agreementVersion: 1, createdMs: 0, updatedMs: 0, originator, marking };
}

/** A receiver on 127.0.0.1 whose answer to each request is decided by `respond`. */
interface Receiver {
  server: Server;
  url: string;
  bodies: { path: string; body: unknown; headers: IncomingMessage['headers'] }[];
  respond: (req: IncomingMessage, res: ServerResponse) => void;
}

let rx: Receiver;
before(async () => {
  const r: Receiver = { server: undefined as unknown as Server, url: '', bodies: [], respond: (_q, s) => { s.statusCode = 204; s.end(); } };
  r.server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      r.bodies.push({ path: req.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8')), headers: req.headers });
      r.respond(req, res);
    });
  });
  await new Promise<void>((resolve) => r.server.listen(0, '127.0.0.1', resolve));
  r.url = `http://127.0.0.1:${(r.server.address() as AddressInfo).port}`;
  rx = r;
});
after(async () => {
  rx.server.closeAllConnections();
  await new Promise((resolve) => rx.server.close(resolve));
});

describe('Notifier', () => {
  let store: SqliteStore;
  let notifier: Notifier;
  let audit: MemoryAuditLog;
  let clock: number;
  beforeEach(() => {
    clock = 1_000_000;
    store = openSqliteStore(':memory:');
    audit = new MemoryAuditLog();
    notifier = new Notifier({ store, audit, nowMs: () => clock, allowLocalWebhooks: true });
    rx.bodies.length = 0;
    rx.respond = (_q, s) => { s.statusCode = 204; s.end(); };
  });

  test('writes one message per subscriber to whom the alert is releasable and whose minimum severity it meets', async () => {
    const fra = principal('FRA', 'viewer');
    const gbr = principal('GBR', 'analyst');
    const polLow = principal('POL', 'viewer');
    const turMedium = principal('TUR', 'viewer');
    await notifier.subscribe(fra);
    await notifier.subscribe(gbr, { webhookUrl: `${rx.url}/gbr` });
    await notifier.subscribe(polLow, { minSeverity: 'low' });
    await notifier.subscribe(turMedium, { minSeverity: 'medium' });
    assert.equal(await notifier.notify(stored(makeAlert('h1', 'mmsi:1', 'z', '2026-03-25T00:00:00Z'), 'FRA', COALITION)), 4);
    assert.equal(await notifier.notify(stored(makeAlert('h2', 'mmsi:1', 'z', '2026-03-25T01:00:00Z'), 'FRA', ORIGINATOR_ONLY)), 1);
    assert.equal(await notifier.notify(stored(makeAlert('m1', 'mmsi:1', 'z', '2026-03-25T02:00:00Z', 5, { severity: 'medium' }), 'GBR', { kind: 'REL_TO', nations: ['TUR'] })), 1);
    assert.equal(await notifier.notify(stored(makeAlert('l1', 'mmsi:1', 'z', '2026-03-25T03:00:00Z', 5, { severity: 'low' }), 'FRA', COALITION)), 1);
    assert.deepEqual((await notifier.inbox(fra)).items.map((m) => m.alertId), ['h1', 'h2']);
    assert.deepEqual((await notifier.inbox(polLow)).items.map((m) => m.alertId), ['h1', 'l1']);
    assert.deepEqual((await notifier.inbox(turMedium)).items.map((m) => m.alertId), ['h1', 'm1']);
    assert.deepEqual((await notifier.inbox(gbr)).items, []); // GBR's messages go to its webhook
    assert.deepEqual(notifier.stats(), { queued: 7, failed: 0 });
    assert.deepEqual(audit.entries.map((e) => e.action), Array(4).fill('notification.subscribe'));
  });

  test('an alert is announced once: a second notify (an update of the alert) writes nothing', async () => {
    await notifier.subscribe(principal('FRA', 'viewer'));
    const a = stored(makeAlert('h1', 'mmsi:1', 'z', '2026-03-25T00:00:00Z'), 'FRA', COALITION);
    assert.equal(await notifier.notify(a), 1);
    assert.equal(await notifier.notify({ ...a, status: 'closed' }), 0);
  });

  test('bad subscriptions are refused with the field named; unsubscribing drops pending messages', async () => {
    const p = principal('FRA', 'viewer');
    await assert.rejects(notifier.subscribe(p, { webhookUrl: 'ftp://x' }), (e: unknown) => e instanceof AccessError && e.code === 'invalid' && /^webhookUrl: /.test(e.message));
    await assert.rejects(notifier.subscribe(p, { minSeverity: 'urgent' as never }), /^Error: minSeverity: /);
    await assert.rejects(notifier.subscribe(principal('FRA'), {}), (e: unknown) => e instanceof AccessError && e.code === 'forbidden');
    await notifier.subscribe(p);
    await notifier.notify(stored(makeAlert('h1', 'mmsi:1', 'z', '2026-03-25T00:00:00Z'), 'FRA', COALITION));
    await notifier.unsubscribe(p);
    assert.equal(await notifier.subscription(p), undefined);
    assert.deepEqual(notifier.stats(), { queued: 0, failed: 0 });
  });

  test('the messages kept per user are bounded: the oldest are dropped', async () => {
    const small = new Notifier({ store, audit, nowMs: () => clock, messagesPerUser: 3, allowLocalWebhooks: true });
    const p = principal('FRA', 'viewer');
    await small.subscribe(p);
    for (let i = 0; i < 5; i++) await small.notify(stored(makeAlert(`a${i}`, 'mmsi:1', 'z', '2026-03-25T00:00:00Z'), 'FRA', COALITION));
    assert.deepEqual((await small.inbox(p)).items.map((m) => m.alertId), ['a2', 'a3', 'a4']);
  });

  test('WebhookDelivery POSTs JSON to the subscriber\'s URL and removes what was accepted', async () => {
    const gbr = principal('GBR', 'analyst');
    await notifier.subscribe(gbr, { webhookUrl: `${rx.url}/hook?k=1` });
    await notifier.notify(stored(makeAlert('h1', 'mmsi:273000001', 'odesa-approach', '2026-03-25T00:00:00Z'), 'FRA', COALITION));
    const worker = new WebhookDelivery(notifier, { allowLocal: true, nowMs: () => clock });
    assert.deepEqual(await worker.runOnce(), { delivered: 1, retried: 0, failed: 0 });
    assert.equal(rx.bodies.length, 1);
    const got = rx.bodies[0];
    assert.equal(got?.path, '/hook?k=1');
    assert.equal(got?.headers['content-type'], 'application/json');
    const body = got?.body as NotificationPayload;
    assert.deepEqual([body.type, body.subscriber, body.alert.id, body.originator, body.marking],
      ['alert', { userId: gbr.userId, username: gbr.username }, 'h1', 'FRA', COALITION]);
    assert.deepEqual(notifier.stats(), { queued: 0, failed: 0 });
    assert.deepEqual(await worker.runOnce(), { delivered: 0, retried: 0, failed: 0 });
  });

  test('a failed POST is re-queued with exponential backoff and delivered when the receiver recovers', async () => {
    await notifier.subscribe(principal('GBR', 'analyst'), { webhookUrl: `${rx.url}/flaky` });
    await notifier.notify(stored(makeAlert('h1', 'mmsi:1', 'z', '2026-03-25T00:00:00Z'), 'FRA', COALITION));
    let fail = 2;
    rx.respond = (_q, s) => { s.statusCode = fail-- > 0 ? 503 : 200; s.end('ok'); };
    const worker = new WebhookDelivery(notifier, { allowLocal: true, nowMs: () => clock, baseBackoffMs: 1000 });
    assert.deepEqual(await worker.runOnce(), { delivered: 0, retried: 1, failed: 0 });
    assert.deepEqual(await worker.runOnce(), { delivered: 0, retried: 0, failed: 0 }); // not due before its backoff
    clock += 999;
    assert.deepEqual(await worker.runOnce(), { delivered: 0, retried: 0, failed: 0 });
    clock += 1;
    assert.deepEqual(await worker.runOnce(), { delivered: 0, retried: 1, failed: 0 });
    clock += 1999;
    assert.deepEqual(await worker.runOnce(), { delivered: 0, retried: 0, failed: 0 });
    clock += 1;
    assert.deepEqual(await worker.runOnce(), { delivered: 1, retried: 0, failed: 0 });
    assert.equal(rx.bodies.length, 3);
  });

  test('a receiver that does not answer times out, and after the bounded attempts the message is failed', async () => {
    await notifier.subscribe(principal('GBR', 'analyst'), { webhookUrl: `${rx.url}/slow` });
    await notifier.notify(stored(makeAlert('h1', 'mmsi:1', 'z', '2026-03-25T00:00:00Z'), 'FRA', COALITION));
    rx.respond = () => { /* never answers */ };
    const worker = new WebhookDelivery(notifier, { allowLocal: true, nowMs: () => clock, timeoutMs: 100, maxAttempts: 3, baseBackoffMs: 10 });
    const runs = [];
    for (let i = 0; i < 3; i++) {
      runs.push(await worker.runOnce());
      clock += 1000;
    }
    assert.deepEqual(runs, [{ delivered: 0, retried: 1, failed: 0 }, { delivered: 0, retried: 1, failed: 0 }, { delivered: 0, retried: 0, failed: 1 }]);
    assert.deepEqual(notifier.stats(), { queued: 0, failed: 1 });
    clock += 60_000;
    assert.deepEqual(await worker.runOnce(), { delivered: 0, retried: 0, failed: 0 });
  });

  test('a refused connection is retried like any failure', async () => {
    await notifier.subscribe(principal('GBR', 'analyst'), { webhookUrl: 'http://127.0.0.1:1/nothing-listens' });
    await notifier.notify(stored(makeAlert('h1', 'mmsi:1', 'z', '2026-03-25T00:00:00Z'), 'FRA', COALITION));
    const worker = new WebhookDelivery(notifier, { allowLocal: true, nowMs: () => clock });
    assert.deepEqual(await worker.runOnce(), { delivered: 0, retried: 1, failed: 0 });
  });

  test('a webhook whose name resolves to a local address is refused when delivering, and nothing is sent', async () => {
    // Accepted at subscription (a name is not resolved then); the lookup answers 127.0.0.1, where the receiver listens.
    const port = new URL(rx.url).port;
    await notifier.subscribe(principal('GBR', 'analyst'), { webhookUrl: `http://hooks.example.org:${port}/hook` });
    await notifier.notify(stored(makeAlert('h1', 'mmsi:1', 'z', '2026-03-25T00:00:00Z'), 'FRA', COALITION));
    const toLoopback = ((_h: string, o: { all?: boolean }, cb: (e: null, a: unknown, f?: number) => void) =>
      o.all === true ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4)) as never;
    const guarded = new WebhookDelivery(notifier, { nowMs: () => clock, lookup: toLoopback });
    assert.deepEqual(await guarded.runOnce(), { delivered: 0, retried: 1, failed: 0 });
    assert.equal(rx.bodies.length, 0);
    clock += 60_000;
    const [again] = notifier.claimWebhooks(1, clock, 10_000);
    assert.match(String(again?.lastError), /hooks\.example\.org resolves to 127\.0\.0\.1, a local or private address/);
    // The same lookup in a lab (local deliveries allowed) reaches the receiver.
    notifier.retry(again!.id, clock, 'test');
    const lab = new WebhookDelivery(notifier, { nowMs: () => clock, lookup: toLoopback, allowLocal: true });
    assert.deepEqual(await lab.runOnce(), { delivered: 1, retried: 0, failed: 0 });
    assert.equal(rx.bodies.length, 1);
  });

  test('a local address literal is refused when delivering, even if a lab subscription stored it', async () => {
    await notifier.subscribe(principal('GBR', 'analyst'), { webhookUrl: `${rx.url}/hook` });
    await notifier.notify(stored(makeAlert('h1', 'mmsi:1', 'z', '2026-03-25T00:00:00Z'), 'FRA', COALITION));
    assert.deepEqual(await new WebhookDelivery(notifier, { nowMs: () => clock }).runOnce(), { delivered: 0, retried: 1, failed: 0 });
    assert.equal(rx.bodies.length, 0);
  });

  test('backoff doubles from the base and is capped', () => {
    assert.deepEqual([1, 2, 3, 4, 20].map((n) => webhookBackoffMs(n, 1000, 10_000)), [1000, 2000, 4000, 8000, 10_000]);
  });
});
