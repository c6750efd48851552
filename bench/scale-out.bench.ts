import { readFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { AIS_FORMAT } from '../src/pipeline/ais-format.js';
import { simulate } from '../src/sim/scenario.js';
import { haveNatsServer, startNatsServer, type NatsServer } from '../test/helpers/nats-server.js';
import { findPostgresBinaries, startPostgresServer, type PostgresServer } from '../test/helpers/postgres-server.js';
import { deleteEventStream, startVigil, succeeded, type Running } from '../test/helpers/scale-out.js';
import { vigil } from '../test/helpers/cli.js';
import { fmt, median } from './stats.js';

const here = fileURLToPath(import.meta.url);
const root = fileURLToPath(new URL(here.includes('/dist/') ? '../../' : '../', import.meta.url));
const AGREEMENT = join(root, 'examples/black-sea/agreement.yaml');
const RUNS = 3;
/** Offered rates of the latency runs, lines per second, each for this long. */
const RATES = [10_000, 50_000];
const LATENCY_SECONDS = 10;

/**
 * CPU seconds a process has used so far (Linux /proc, 100 ticks per second): utime + stime, and
 * with `children` its reaped children's too (PostgreSQL's postmaster: the backends that exited).
 */
function cpuSeconds(pid: number | undefined, children = false): number | undefined {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ').map(Number);
    return (f[11]! + f[12]! + (children ? f[13]! + f[14]! : 0)) / 100;
  } catch {
    return undefined;
  }
}

/** The servers' CPU seconds so far: nats-server, and PostgreSQL's postmaster with its exited backends. */
function serverCpu(nats: NatsServer, db: PostgresServer): { nats: number; postgres: number } {
  const postmaster = Number(readFileSync(join(db.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  return { nats: cpuSeconds(nats.pid()) ?? NaN, postgres: cpuSeconds(postmaster, true) ?? NaN };
}

/** Samples each process's CPU time every 100 ms until it exits; the last sample before exit. */
function cpuOf(r: Running): () => number {
  let last = 0;
  const t = setInterval(() => { last = cpuSeconds(r.child.pid) ?? last; }, 100);
  void r.done.finally(() => clearInterval(t));
  return () => last;
}

interface Throughput { wallMs: number; cpu: Record<string, number> }

/** `vigil serve` (SQLite, one process) on the file at full speed: from exec until it has read the file, stopped and drained. */
async function embeddedRun(dir: string, file: string, k: number): Promise<Throughput> {
  const data = join(dir, `serve-${k}`);
  const config = join(dir, `serve-${k}.yaml`);
  writeFileSync(config, `dataDir: ${JSON.stringify(data)}\nhost: 127.0.0.1\nport: 0\nagreement: ${JSON.stringify(AGREEMENT)}\nnation: FRA\nallowanceSeconds: 60\nfeeds:\n  - { name: sea, kind: file, path: ${JSON.stringify(file)}, speed: 1000000000, originator: FRA }\n`);
  const size = statSync(file).size;
  const t0 = performance.now();
  const serve = startVigil(['serve', '--demo', '--config', config]);
  const cpu = cpuOf(serve);
  for (;;) {
    await new Promise((r) => setTimeout(r, 50));
    if (serve.child.exitCode !== null) throw new Error(`vigil serve exited ${serve.child.exitCode}`);
    try {
      const db = new Database(join(data, 'vigil.sqlite'), { readonly: true, fileMustExist: true });
      const row = db.prepare("SELECT counters FROM feeds WHERE name = 'live-pipeline'").get() as { counters: string } | undefined;
      db.close();
      if (row !== undefined && (JSON.parse(row.counters) as Record<string, number>)['sea.read']! >= size) break;
    } catch { /* not created yet */ }
  }
  serve.child.kill('SIGTERM');
  await succeeded(serve, 'vigil serve');
  return { wallMs: performance.now() - t0, cpu: { serve: cpu() } };
}

/** ingest → JetStream → `workers` partition workers and a pair worker → PostgreSQL, from exec until every process has exited. */
async function scaledRun(nats: NatsServer, db: PostgresServer, config: string, workers: number, k: number): Promise<Throughput> {
  await deleteEventStream(nats.url);
  const url = await db.createDatabase(`bench_${workers}_${k}`);
  const common = ['--nats', nats.url, '--agreement', AGREEMENT, '--store', url, '--exit-on-final'];
  const servers0 = serverCpu(nats, db);
  const t0 = performance.now();
  const ingest = startVigil(['ingest', '--config', config, '--nats', nats.url, '--partitions', String(workers), '--id', 'bench']);
  const parts = Array.from({ length: workers }, (_, p) => startVigil(['worker', '--partition', `${p}/${workers}`, ...common]));
  const pair = startVigil(['worker', '--pairs', '0/1', ...common]);
  const cpus = [['ingest', cpuOf(ingest)], ...parts.map((w, p) => [`worker ${p}`, cpuOf(w)]), ['pairs', cpuOf(pair)]] as [string, () => number][];
  await succeeded(ingest, 'ingest');
  for (const w of [...parts, pair]) await succeeded(w, 'worker');
  const wallMs = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 200)); // the backends have exited and been reaped
  const servers = serverCpu(nats, db);
  return { wallMs, cpu: { ...Object.fromEntries(cpus.map(([n, f]) => [n, f()])), 'nats-server': servers.nats - servers0.nats, postgres: servers.postgres - servers0.postgres } };
}

/** The median run (by wall time) of RUNS. */
async function medianRun(run: (k: number) => Promise<Throughput>): Promise<Throughput> {
  const runs: Throughput[] = [];
  for (let k = 0; k < RUNS; k++) runs.push(await run(k));
  const m = median(runs.map((r) => r.wallMs));
  return runs.reduce((best, r) => (Math.abs(r.wallMs - m) < Math.abs(best.wallMs - m) ? r : best));
}

/** Percentile of a sorted sample. */
const pct = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

interface Latency { offered: number; achieved: number; fixes: number; fixP50: number; fixP99: number; alerts: number; alertP50: number; alertP99: number }

/**
 * Latency at an offered rate: the benchmark is a TCP receiver that `vigil ingest` connects to,
 * writing AIS lines at `rate` lines/s for LATENCY_SECONDS (the time each line is handed to the
 * socket is noted). A fix's latency is its row's commit time in PostgreSQL
 * (`track_commit_timestamp`) minus the time its line was written; an alert's, the time the
 * benchmark first saw it (polling every 20 ms) minus the time of the line of the fix that raised
 * it (alerts that start at a fix of their entity: entries, speeds, integrity; not silences).
 */
async function latencyRun(nats: NatsServer, db: PostgresServer, dir: string, lines: readonly string[], rate: number): Promise<Latency> {
  await deleteEventStream(nats.url);
  const url = await db.createDatabase(`latency_${rate}`);
  const sentAt = new Map<string, number>();
  let wroteAll: () => void = () => {};
  const done = new Promise<void>((r) => (wroteAll = r));
  let span = 0;
  let now = 0;
  let written = false;
  void done.then(() => { written = true; });
  const decoder = AIS_FORMAT.create({ event: (e) => { if (e.kind === 'fix' && !sentAt.has(`${e.entityId} ${e.timeMs}`)) sentAt.set(`${e.entityId} ${e.timeMs}`, now); }, reject: () => {} });
  const send = async (s: Socket): Promise<void> => {
    const t0 = performance.now();
    let i = 0;
    while (i < lines.length && i < rate * LATENCY_SECONDS) {
      const due = Math.floor(((performance.now() - t0) / 1000) * rate);
      const chunk: string[] = [];
      now = Date.now();
      for (; i < Math.min(due, lines.length); i++) {
        chunk.push(lines[i]!);
        decoder.push(lines[i]!);
      }
      if (chunk.length > 0 && !s.write(chunk.join('\n') + '\n')) await new Promise((r) => s.once('drain', r));
      await new Promise((r) => setTimeout(r, 5));
    }
    span = (performance.now() - t0) / 1000;
    wroteAll();
  };
  const server = createServer((s) => { s.on('error', () => undefined); void send(s); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const config = join(dir, `latency-${rate}.yaml`);
  writeFileSync(config, `agreement: ${JSON.stringify(AGREEMENT)}\nallowanceSeconds: 2\nfeeds:\n  - { name: sea, kind: tcp, host: 127.0.0.1, port: ${port}, format: ais, originator: FRA }\n`);
  const common = ['--nats', nats.url, '--agreement', AGREEMENT, '--store', url];
  const procs = [startVigil(['worker', '--partition', '0/1', ...common]), startVigil(['worker', '--pairs', '0/1', ...common])];
  const client = new pg.Client({ connectionString: url });
  const seen = new Map<string, { at: number; start: number; entity: string; type: string }>();
  try {
    await new Promise((r) => setTimeout(r, 3000)); // the workers are up (a late one would only replay)
    procs.push(startVigil(['ingest', '--config', config, '--nats', nats.url, '--partitions', '1', '--id', 'bench']));
    await client.connect().catch(async () => { await new Promise((r) => setTimeout(r, 2000)); await client.connect(); });
    await client.query("SET vigil.viewer_system = 'on'"); // the benchmark reads every row (row-level security)
    let stable = 0;
    let count = -1;
    for (;;) {
      await new Promise((r) => setTimeout(r, 20));
      const at = Date.now();
      const rows = await client.query<{ id: string; start_ms: string; entity_id: string; type: string }>('SELECT id, start_ms, entity_id, type FROM alerts').catch(() => ({ rows: [] }));
      for (const a of rows.rows) if (!seen.has(a.id)) seen.set(a.id, { at, start: Number(a.start_ms), entity: a.entity_id, type: a.type });
      if (!written) continue;
      const n = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM observations')).rows[0]!.n);
      stable = n === count ? stable + 1 : 0;
      count = n;
      if (stable >= 100) break; // 2 s without a new row
    }
    const rows = await client.query<{ entity_id: string; time_ms: string; committed: string }>("SELECT entity_id, time_ms, (extract(epoch FROM pg_xact_commit_timestamp(xmin)) * 1000)::float8 AS committed FROM observations");
    const fixLat = rows.rows.flatMap((r) => { const s = sentAt.get(`${r.entity_id} ${r.time_ms}`); return s === undefined ? [] : [Number(r.committed) - s]; }).sort((a, b) => a - b);
    const alertLat = [...seen.values()].flatMap((a) => { const s = sentAt.get(`${a.entity} ${a.start}`); return s === undefined ? [] : [a.at - s]; }).sort((a, b) => a - b);
    const sent = Math.min(lines.length, rate * LATENCY_SECONDS);
    return { offered: rate, achieved: sent / span, fixes: fixLat.length, fixP50: pct(fixLat, 0.5), fixP99: pct(fixLat, 0.99), alerts: alertLat.length, alertP50: pct(alertLat, 0.5), alertP99: pct(alertLat, 0.99) };
  } finally {
    await client.end().catch(() => undefined);
    for (const p of procs) p.child.kill('SIGTERM');
    await Promise.all(procs.map((p) => p.done));
    server.close();
  }
}

/**
 * Scale-out (issue 14): events per second through ingest → JetStream → 1 and 2 partition workers
 * (and the pair worker) → PostgreSQL, beside the embedded pipeline (`vigil serve` on SQLite) in
 * the same run, whole processes from exec to exit, on a 3-hour simulated Black Sea scenario with
 * every violation; medians of 3. Then line-to-row latency (p50/p99) at 10k and 50k lines/s over a
 * TCP feed. Needs nats-server and PostgreSQL 15 + PostGIS (as the scale-out tests do).
 */
export async function benchScaleOut(): Promise<Record<string, unknown>> {
  if (findPostgresBinaries() === undefined || !(await haveNatsServer())) return { skipped: 'needs nats-server and PostgreSQL 15 + PostGIS 3' };
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-scale-'));
  const nats = await startNatsServer();
  // Durable commits as a deployment has them (the test defaults turn fsync off); commit times for the latency.
  const db = await startPostgresServer({ fsync: 'on', full_page_writes: 'on', synchronous_commit: 'on', track_commit_timestamp: 'on' });
  try {
    const file = join(dir, 'sea.nmea');
    const sim = vigil(['simulate', '--violations', '--duration', '3h', '--vessels', '300', '--out', file]);
    if (sim.status !== 0) throw new Error(`vigil simulate: ${sim.stderr}`);
    const check = vigil(['check', '--agreement', AGREEMENT, file]);
    const fixes = Number(/(\d+) fixes/.exec(check.stderr)?.[1]);
    const lines = readFileSync(file, 'utf8').split('\n').length - 1;
    const config = join(dir, 'ingest.yaml');
    writeFileSync(config, `agreement: ${JSON.stringify(AGREEMENT)}\nallowanceSeconds: 60\nfeeds:\n  - { name: sea, kind: file, path: ${JSON.stringify(file)}, speed: 1000000000, originator: FRA }\n`);

    const embedded = await medianRun((k) => embeddedRun(dir, file, k));
    const one = await medianRun((k) => scaledRun(nats, db, config, 1, k));
    const two = await medianRun((k) => scaledRun(nats, db, config, 2, k));
    const rate = (t: Throughput): number => fixes / (t.wallMs / 1000);
    const fixesPerCpuS = (t: Throughput, role: string): number => fixes / Object.entries(t.cpu).filter(([n]) => n.startsWith(role)).reduce((s, [, c]) => s + c, 0);
    console.log(`scale-out: ${fmt(lines)} lines, ${fmt(fixes)} fixes (3 h, 300 vessels, every violation); whole processes, median of ${RUNS}`);
    for (const [name, t] of [['embedded (vigil serve, SQLite)', embedded], ['1 partition worker + pair worker', one], ['2 partition workers + pair worker', two]] as const) {
      console.log(`  ${name}: ${(t.wallMs / 1000).toFixed(1)} s, ${fmt(rate(t))} fixes/s; CPU s ${Object.entries(t.cpu).map(([n, c]) => `${n} ${c.toFixed(1)}`).join(', ')}`);
    }

    const sea = [...simulate({ seed: 3, start: '2026-03-25T00:00:00Z', durationMs: 45 * 60_000, classA: 2400, classB: 600 })].map((l) => l.line);
    const latency: Latency[] = [];
    for (const r of RATES) {
      const l = await latencyRun(nats, db, dir, sea, r);
      latency.push(l);
      console.log(`  latency at ${fmt(r)} lines/s offered (${fmt(l.achieved)} written): fix → PostgreSQL p50 ${fmt(l.fixP50)} ms, p99 ${fmt(l.fixP99)} ms (${fmt(l.fixes)} fixes); alert p50 ${fmt(l.alertP50)} ms, p99 ${fmt(l.alertP99)} ms (${l.alerts} alerts)`);
    }
    return {
      lines, fixes,
      embeddedFixesPerS: rate(embedded), oneWorkerFixesPerS: rate(one), twoWorkersFixesPerS: rate(two),
      oneWorkerVsEmbedded: rate(one) / rate(embedded), twoVsOneWorker: rate(two) / rate(one),
      fixesPerCpuSecond: {
        embedded: fixesPerCpuS(embedded, 'serve'), ingest: fixesPerCpuS(one, 'ingest'), partitionWorker: fixesPerCpuS(one, 'worker'), pairWorker: fixesPerCpuS(one, 'pairs'),
        natsServer: fixesPerCpuS(one, 'nats-server'), postgres: fixesPerCpuS(one, 'postgres'),
      },
      latency,
    };
  } finally {
    await nats.stop();
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
