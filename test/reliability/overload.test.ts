/**
 * Overload (issue 15 part 2, docs/reliability.md "Overload"): correctness only, the figures are
 * in the benchmark. A TCP feed sent as fast as the kernel allows is read with backpressure and
 * nothing is lost; a UDP flood overflows a bounded queue and every drop is counted.
 */
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { createServer, type Socket } from 'node:net';
import { describe, it } from 'node:test';
import { parseServeConfig } from '../../src/config/serve-config.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kernelUdpDrops } from '../../src/ingest/udp-kernel-drops.js';
import { udpChunks } from '../../src/ingest/udp-listener.js';
import { LivePipeline } from '../../src/pipeline/live-pipeline.js';
import { NO_ARTEFACTS, simulate } from '../../src/sim/scenario.js';
import { openSqliteStore } from '../../src/store/index.js';
import { SYSTEM_VIEWER } from '../../src/store/ports.js';
import { demoAgreement, START, START_MS } from '../helpers/scenario.js';
import { freeUdpPort } from './serve-harness.js';

describe('overload', () => {
  it('a TCP feed faster than the pipeline: the socket is paused (the sender waits), Vigil holds a bounded number of bytes, no line is lost', async () => {
    const lines: string[] = [];
    for (const l of simulate({ seed: 3, start: START, durationMs: 6 * 3600_000, classA: 80, classB: 0, artefacts: NO_ARTEFACTS })) lines.push(l.line);
    const text = Buffer.from(lines.join('\n') + '\n', 'latin1');
    let written = 0;
    let waits = 0;
    const server = createServer((s: Socket) => {
      // As fast as the kernel takes it: write until the socket refuses, wait for drain, repeat.
      const pump = (): void => {
        while (written < text.length) {
          const chunk = text.subarray(written, written + 65536);
          written += chunk.length;
          if (!s.write(chunk)) {
            waits++;
            s.once('drain', pump);
            return;
          }
        }
        s.end();
      };
      pump();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const store = openSqliteStore(':memory:');
    const agreement = demoAgreement();
    const pipeline = new LivePipeline({ agreement, agreementVersion: 1, store, allowanceMs: 60_000, nation: 'FRA' });
    const cfg = parseServeConfig({ agreement: 'x', feeds: [{ name: 'fast', kind: 'tcp', host: '127.0.0.1', port, format: 'ais', originator: 'FRA' }] });
    assert.ok(cfg.ok);
    const rt = pipeline.addFeed(cfg.value.feeds[0]!);
    // Bytes accepted by the kernel and not yet read by the pipeline: socket buffers on both sides plus what Vigil holds.
    let maxInFlight = 0;
    const bytesRead = (): number => rt.lines === 0 ? 0 : Math.round(rt.lines * (text.length / lines.length));
    const until = Date.now() + 120_000;
    while (rt.lines < lines.length && Date.now() < until) {
      maxInFlight = Math.max(maxInFlight, written - bytesRead());
      await new Promise((r) => setTimeout(r, 5));
    }
    await pipeline.stop();
    server.close();
    assert.equal(rt.lines, lines.length, 'every line read');
    assert.equal(rt.rejected['late'] ?? 0, 0);
    assert.ok(waits > 0, 'the sender had to wait for the window to open');
    assert.ok(maxInFlight < 16 << 20, `in flight at most ${maxInFlight} bytes of ${text.length}`);
    const stored = (await store.observations.coverage(SYSTEM_VIEWER, { fromMs: START_MS - 86_400_000, toMs: START_MS + 86_400_000, bucketMs: 86_400_000 })).reduce((n, c) => n + c.count, 0);
    assert.equal(stored, pipeline.engine.counters.fixes, 'every fix the engine took is stored');
    await store.close();
  });

  it('reads the kernel\'s drops of a UDP socket from /proc/net/udp', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-udp-'));
    const table = join(dir, 'udp');
    writeFileSync(table, [
      '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops',
      '  433: 0100007F:8122 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 567936 2 000000003aec2343 17',
      '  434: 00000000:2710 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 567937 2 000000003aec2344 5', '',
    ].join('\n'));
    assert.equal(kernelUdpDrops(0x8122, table), 17);
    assert.equal(kernelUdpDrops(10000, table), 5);
    assert.equal(kernelUdpDrops(9, table), undefined);
    assert.equal(kernelUdpDrops(9, join(dir, 'missing')), undefined);
    rmSync(dir, { recursive: true });
  });

  it('a UDP flood: the queue stays bounded and every datagram is either delivered or counted as dropped', async () => {
    const port = await freeUdpPort();
    const ac = new AbortController();
    let reported = 0;
    const it = udpChunks({ port, host: '127.0.0.1', maxQueued: 50, onDrop: (n) => { reported = n; } }, ac.signal)[Symbol.asyncIterator]();
    const sender = createSocket('udp4');
    const send = (i: number): Promise<void> => new Promise((resolve) => sender.send(`datagram ${i}`, port, '127.0.0.1', () => resolve()));
    const firstChunk = it.next();
    await new Promise((r) => setTimeout(r, 50));
    await send(0);
    let delivered = ((await firstChunk).value as string).split('\n').filter(Boolean).length;
    // The consumer stalls while the datagrams arrive.
    // Few enough that the kernel's receive buffer holds them all (its own drops are counted apart: `kernelUdpDrops`).
    const SENT = 200;
    for (let i = 1; i <= SENT; i++) await send(i);
    await new Promise((r) => setTimeout(r, 200));
    const burst = await it.next();
    delivered += (burst.value as string).split('\n').filter(Boolean).length;
    ac.abort();
    await it.return(undefined);
    sender.close();
    assert.ok(delivered <= 51, `at most the queue is delivered after the stall (${delivered})`);
    assert.ok(reported > 0);
    assert.equal(delivered + reported, SENT + 1, 'delivered + dropped = sent');
  });
});
