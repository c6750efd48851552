/**
 * The API under load while ingest runs (issue 15 part 2, docs/reliability.md "Overload"):
 * `vigil serve` replays a recorded AIS file as fast as it can and takes a TCP feed sent as fast
 * as the kernel allows, while a loopback load generator (fetch, `CONCURRENCY` clients, for
 * `DURATION_MS`) reads alerts, tracks and feeds. Reported: requests/s, status counts (no 5xx is
 * the target), latency p50/p99, and the server's RSS sampled every 200 ms.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NO_ARTEFACTS, simulate } from '../src/sim/scenario.js';
import { REPO_ROOT } from '../test/helpers/shared-data.js';
import { spawnServe } from '../test/reliability/serve-harness.js';

const CONCURRENCY = 16;
const DURATION_MS = 10_000;
const PATHS = ['/api/alerts?limit=50', '/api/tracks?limit=100', '/api/feeds', '/api/health'];

function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
}

export async function benchApiLoad(): Promise<unknown> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-api-load-'));
  try {
    const lines: string[] = [];
    for (const l of simulate({ seed: 7, start: '2026-03-25T00:00:00Z', durationMs: 6 * 3600_000, classA: 150, classB: 30, artefacts: NO_ARTEFACTS })) lines.push(l.line);
    const file = join(dir, 'rec.nmea');
    writeFileSync(file, lines.join('\n') + '\n');
    const tcpText = Buffer.from(lines.join('\n') + '\n', 'latin1');
    let tcpWritten = 0;
    const tcp = createServer((s: Socket) => {
      const pump = (): void => {
        while (tcpWritten < tcpText.length) {
          const chunk = tcpText.subarray(tcpWritten, tcpWritten + 65536);
          tcpWritten += chunk.length;
          if (!s.write(chunk)) return void s.once('drain', pump);
        }
        s.end();
      };
      s.on('error', () => undefined);
      pump();
    });
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    const config = join(dir, 'serve.yaml');
    writeFileSync(config, [
      `dataDir: ${JSON.stringify(join(dir, 'data'))}`, 'port: 0', `agreement: ${JSON.stringify(join(REPO_ROOT, 'examples/black-sea/agreement.yaml'))}`, 'feeds:',
      `  - { name: rec, kind: file, path: ${JSON.stringify(file)}, speed: 1000000, originator: FRA }`,
      `  - { name: fast, kind: tcp, host: 127.0.0.1, port: ${(tcp.address() as { port: number }).port}, format: ais, originator: GBR }`, '',
    ].join('\n'));
    const serve = spawnServe(config);
    const base = await serve.serving;
    const users = readFileSync(join(dir, 'data/demo-users.txt'), 'utf8').split('\n').find((l) => l.startsWith('viewer.tur '))!.split(' ');
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: users[0], password: users[1] }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const rss: number[] = [];
    const sampler = setInterval(() => rss.push(rssKb(serve.child.pid!)), 200);
    const statuses: Record<string, number> = {};
    const latencies: number[] = [];
    const end = Date.now() + DURATION_MS;
    let n = 0;
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < end) {
        const path = PATHS[n++ % PATHS.length]!;
        const t = performance.now();
        let status = 'error';
        try {
          const r = await fetch(base + path, { headers: { cookie }, signal: AbortSignal.timeout(10_000) });
          await r.arrayBuffer();
          status = String(r.status);
        } catch { /* counted as error */ }
        latencies.push(performance.now() - t);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }));
    clearInterval(sampler);
    serve.child.kill('SIGTERM');
    await serve.exited;
    tcp.close();
    latencies.sort((a, b) => a - b);
    const q = (p: number): number => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]! * 10) / 10;
    const result = {
      requests: latencies.length, perSecond: Math.round(latencies.length / (DURATION_MS / 1000)), statuses,
      fiveXx: Object.entries(statuses).filter(([s]) => s.startsWith('5')).reduce((a, [, c]) => a + c, 0),
      p50Ms: q(0.5), p99Ms: q(0.99), maxMs: q(1), rssMaxMb: Math.round(Math.max(...rss) / 1024), rssMedianMb: Math.round(rss.sort((a, b) => a - b)[rss.length >> 1]! / 1024),
      ingest: { fileLines: lines.length, tcpBytesSent: tcpWritten },
    };
    console.log(`api-load: ${result.requests} requests (${result.perSecond}/s, ${CONCURRENCY} clients) during ingest, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, 5xx ${result.fiveXx}, RSS max ${result.rssMaxMb} MB`);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
