import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { createSocket } from 'node:dgram';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tcpChunks, type TcpStatus } from '../src/ingest/tcp-client.js';
import { udpChunks } from '../src/ingest/udp-listener.js';
import { splitLines } from '../src/ingest/split-lines.js';
import { openInput, InputError } from '../src/ingest/open-input.js';
import { Quarantine } from '../src/ingest/quarantine.js';

const L1 = '!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A';

function listen(server: Server, port = 0): Promise<number> {
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

test('the TCP feed reconnects with backoff after the receiver drops the connection', async () => {
  let connections = 0;
  const server = createServer((sock) => {
    connections++;
    sock.end(`${L1}\r\n${L1}\r\n`);
  });
  const port = await listen(server);
  const statuses: TcpStatus[] = [];
  const ac = new AbortController();
  const lines: string[] = [];
  for await (const batch of splitLines(tcpChunks({ host: '127.0.0.1', port, initialBackoffMs: 10, onStatus: (s) => statuses.push(s) }, ac.signal))) {
    lines.push(...batch);
    if (lines.length >= 6) ac.abort();
  }
  server.close();
  assert.ok(connections >= 3);
  assert.equal(lines[0], `${L1}\r`);
  const retries = statuses.filter((s) => s.state === 'disconnected').map((s) => (s as { retryInMs: number }).retryInMs);
  assert.deepEqual(retries.slice(0, 2), [10, 10], 'backoff resets after each successful connection');
});

test('the TCP feed backs off exponentially while the receiver is down', async () => {
  const probe = createServer();
  const port = await listen(probe);
  probe.close();
  const statuses: TcpStatus[] = [];
  const ac = new AbortController();
  const it = tcpChunks({ host: '127.0.0.1', port, initialBackoffMs: 5, maxBackoffMs: 40, onStatus: (s) => { statuses.push(s); if (statuses.length >= 5) ac.abort(); } }, ac.signal);
  for await (const _ of it) assert.fail('no data expected');
  assert.deepEqual(statuses.map((s) => (s.state === 'disconnected' ? s.retryInMs : -1)), [5, 10, 20, 40, 40]);
});

test('the UDP listener yields each datagram as its own lines', async () => {
  const ac = new AbortController();
  let port = 0;
  const ready = new Promise<void>((resolve) => {
    void (async () => {
      const lines: string[] = [];
      const it = splitLines(udpChunks({ port: 0, host: '127.0.0.1', onListening: (p) => { port = p; resolve(); } }, ac.signal));
      for await (const batch of it) {
        lines.push(...batch);
        if (lines.length >= 3) ac.abort();
      }
      results.push(...lines);
      done();
    })();
  });
  const results: string[] = [];
  let done!: () => void;
  const finished = new Promise<void>((r) => { done = r; });
  await ready;
  const client = createSocket('udp4');
  for (const msg of [L1, `${L1}\n${L1}`]) await new Promise<void>((r) => client.send(msg, port, '127.0.0.1', () => r()));
  await finished;
  client.close();
  assert.deepEqual(results, [L1, L1, L1]);
});

test('recorded inputs open plain or gzipped, and a missing file names its path', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-'));
  writeFileSync(join(dir, 'a.nmea'), `${L1}\n${L1}`);
  writeFileSync(join(dir, 'b.nmea.gz'), gzipSync(`${L1}\n`));
  for (const f of ['a.nmea', 'b.nmea.gz']) {
    const lines: string[] = [];
    for await (const b of splitLines(await openInput(join(dir, f)))) lines.push(...b);
    assert.ok(lines.length >= 1 && lines.every((l) => l === L1), f);
  }
  await assert.rejects(openInput(join(dir, 'nope.nmea')), (e: Error) => e instanceof InputError && e.message.includes('nope.nmea'));
});

test('line splitting bounds a line that never ends', async () => {
  async function* endless(): AsyncGenerator<string> {
    for (let i = 0; i < 100; i++) yield 'x'.repeat(1000);
  }
  let longest = 0;
  for await (const b of splitLines(endless(), 4096)) for (const l of b) longest = Math.max(longest, l.length);
  assert.equal(longest, 4096);
});

test('the quarantine keeps the latest lines and every count', () => {
  const q = new Quarantine(3);
  for (let i = 0; i < 10; i++) q.add({ feed: 'f', reason: i % 2 ? 'bad-checksum' : 'not-nmea', detail: '', line: String(i), receivedMs: i });
  assert.deepEqual(q.recent().map((e) => e.line), ['7', '8', '9']);
  assert.equal(q.count, 10);
  assert.deepEqual(Object.fromEntries(q.countsByReason), { 'not-nmea': 5, 'bad-checksum': 5 });
});
