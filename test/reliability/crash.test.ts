/**
 * Crash safety (issue 15 part 1, docs/reliability.md "Durability"): `vigil serve` ingesting a
 * file, a TCP and a UDP feed while taking API writes is killed with SIGKILL at 100 seeded
 * random points, a warm standby taking over each time; the result is checked against an
 * uninterrupted run on the same input.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { landMaskFor } from '../../src/geo-data/land-for-agreement.js';
import { simulateAir } from '../../src/sim/air/air-scenario.js';
import { Prng } from '../../src/sim/prng.js';
import { NO_ARTEFACTS, simulate } from '../../src/sim/scenario.js';
import { injectViolations } from '../../src/sim/violations.js';
import { demoAgreement, DEMO_AGREEMENT, START_MS } from '../helpers/scenario.js';
import { REPO_ROOT } from '../helpers/shared-data.js';
import { freeUdpPort, sendUdpLines, type ServeProcess, spawnServe, TcpLineServer } from './serve-harness.js';

const KILLS = 100;
const dir = mkdtempSync(join(tmpdir(), 'vigil-crash-'));
// VIGIL_KEEP=1 keeps the data directories for a look after a failure.
after(() => { if (process.env['VIGIL_KEEP'] === undefined) rmSync(dir, { recursive: true, force: true }); else process.stdout.write(`# kept ${dir}\n`); });

/** Equal lists, or a failure that names what is missing and what is extra (a few of each). */
function sameList(got: readonly string[], want: readonly string[], what: string): void {
  const g = new Set(got);
  const w = new Set(want);
  const missing = want.filter((x) => !g.has(x));
  const extra = got.filter((x) => !w.has(x));
  assert.ok(missing.length === 0 && extra.length === 0, `${what}: ${missing.length} missing (${missing.slice(0, 8).join('; ')}), ${extra.length} extra (${extra.slice(0, 8).join('; ')})`);
}

/** The input: a recorded AIS file with scripted violations (3 h), then 20 min of SBS over TCP and AIS over UDP. */
function inputs(): { file: string; tcp: string[]; udp: string[] } {
  const agreement = demoAgreement();
  const mask = landMaskFor(agreement);
  const actors = injectViolations(agreement, START_MS + 10 * 60_000, { isSea: (lon, lat) => mask.depthInlandM(lon, lat) === 0 });
  const file: string[] = [];
  for (const l of simulate({ seed: 11, start: new Date(START_MS).toISOString(), durationMs: 3 * 3600_000, classA: 10, classB: 2, actors })) file.push(l.line);
  const later = new Date(START_MS + 3 * 3600_000).toISOString();
  const udp: string[] = [];
  for (const l of simulate({ seed: 23, start: later, durationMs: 20 * 60_000, classA: 3, classB: 0, artefacts: NO_ARTEFACTS })) udp.push(l.line);
  const tcp: string[] = [];
  for (const l of simulateAir({ seed: 5, start: later, durationMs: 20 * 60_000 })) if (l.feed === 'sbs' && tcp.length < 4000) tcp.push(l.line);
  const path = join(dir, 'recording.nmea');
  writeFileSync(path, file.join('\n') + '\n');
  return { file: path, tcp, udp };
}

interface Run {
  data: string;
  config: string;
  tcp: TcpLineServer;
  udpPort: number;
}

async function prepareRun(name: string, input: ReturnType<typeof inputs>): Promise<Run> {
  const data = join(dir, name);
  const tcp = new TcpLineServer(input.tcp, 40, 50);
  const tcpPort = await tcp.listen();
  const udpPort = await freeUdpPort();
  const config = join(dir, `${name}.yaml`);
  writeFileSync(config, [
    `dataDir: ${JSON.stringify(data)}`, 'host: 127.0.0.1', 'port: 0', `agreement: ${JSON.stringify(DEMO_AGREEMENT)}`, 'nation: FRA', 'allowanceSeconds: 600', 'feeds:',
    `  - { name: recording, kind: file, path: ${JSON.stringify(input.file)}, speed: 1500, originator: FRA }`,
    `  - { name: adsb, kind: tcp, host: 127.0.0.1, port: ${tcpPort}, format: sbs, originator: ROU }`,
    `  - { name: ais-udp, kind: udp, host: 127.0.0.1, port: ${udpPort}, format: ais, originator: GBR }`, '',
  ].join('\n'));
  return { data, config, tcp, udpPort };
}

function db(run: Run): Database.Database {
  return new Database(join(run.data, 'vigil.sqlite'), { readonly: true, fileMustExist: true });
}

function checkpoint(d: Database.Database): Record<string, number> | undefined {
  const row = d.prepare("SELECT counters FROM feeds WHERE name = 'live-pipeline'").get() as { counters: string } | undefined;
  return row === undefined ? undefined : JSON.parse(row.counters) as Record<string, number>;
}

/** Observations per feed and the checkpoint, in one read transaction (one snapshot). */
function storedVsAcknowledged(run: Run): { counts: Record<string, number>; cp: Record<string, number> | undefined } {
  const d = db(run);
  try {
    return d.transaction(() => {
      const rows = d.prepare('SELECT s.feed, count(*) AS n FROM observations o JOIN observation_sources s ON s.key = o.source_key GROUP BY s.feed').all() as { feed: string; n: number }[];
      return { counts: Object.fromEntries(rows.map((r) => [r.feed, r.n])), cp: checkpoint(d) };
    })();
  } finally {
    d.close();
  }
}

async function waitFor(what: string, ok: () => boolean, ms = 120_000): Promise<void> {
  const until = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Until the file is read to its end and both senders are through, then a graceful stop (which drains the reorder buffer). */
async function finish(run: Run, s: ServeProcess, input: ReturnType<typeof inputs>, udp: Promise<void>): Promise<void> {
  await Promise.all([run.tcp.done, udp]);
  const size = statSync(input.file).size;
  await waitFor('the file to be read', () => (storedVsAcknowledged(run).cp?.['recording.read'] ?? 0) >= size);
  await new Promise((r) => setTimeout(r, 1500));
  s.child.kill('SIGTERM');
  assert.equal(await s.exited, 0, s.output());
  run.tcp.close();
}

interface Write { kind: string; incident: string; detail: string }

/** API writes against whichever server is up: incidents, comments, evidence, transitions; the 2xx ones are remembered. */
function apiWriter(url: () => string | undefined, users: () => { username: string; password: string }, rng: Prng) {
  const acked: Write[] = [];
  /** Why calls failed (server killed, no alert yet, …), counted, for the failure message. */
  const failures = new Map<string, number>();
  let stop = false;
  let session: { cookie: string; csrf: string; base: string } | undefined;
  const call = async (base: string, method: string, path: string, body: unknown, type = 'application/json'): Promise<{ status: number; json: unknown }> => {
    const headers: Record<string, string> = { 'content-type': type };
    if (session !== undefined) Object.assign(headers, { cookie: session.cookie, 'x-csrf-token': session.csrf });
    const payload = body === undefined ? undefined : type === 'application/json' ? JSON.stringify(body) : new Uint8Array(body as Buffer);
    if (payload === undefined) delete headers['content-type'];
    const r = await fetch(base + path, { method, headers, ...(payload !== undefined ? { body: payload } : {}), signal: AbortSignal.timeout(5000) });
    const text = await r.text();
    if (path === '/api/auth/login' && r.ok) session = { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: (JSON.parse(text) as { csrfToken: string }).csrfToken, base };
    return { status: r.status, json: text.startsWith('{') ? JSON.parse(text) : text };
  };
  const incidents: string[] = [];
  let alertId: string | undefined;
  const loop = (async () => {
    let n = 0;
    while (!stop) {
      const base = url();
      try {
        if (base === undefined) throw new Error('no server');
        if (session === undefined) {
          const u = users();
          const r = await call(base, 'POST', '/api/auth/login', { username: u.username, password: u.password });
          if (r.status !== 200) throw new Error(`login ${r.status}`);
        }
        const pick = incidents.length === 0 ? 0 : rng.int(0, 3);
        const id = pick === 0 ? '' : incidents[rng.int(0, incidents.length - 1)]!;
        const tag = `w${n++}`;
        let r: { status: number; json: unknown };
        if (pick === 0) {
          // An incident is opened on an alert: the first one the API lists.
          if (alertId === undefined) {
            const list = await call(base, 'GET', '/api/alerts?limit=1', undefined);
            const first = (list.json as { items?: { id?: string; alert?: { id: string } }[] }).items?.[0];
            alertId = first?.id ?? first?.alert?.id;
            if (alertId === undefined) throw new Error('no alert yet');
          }
          r = await call(base, 'POST', '/api/incidents', { title: `crash test ${tag}`, alertIds: [alertId] });
          if (r.status === 201) {
            const iid = (r.json as { id: string }).id;
            incidents.push(iid);
            acked.push({ kind: 'incident', incident: iid, detail: `crash test ${tag}` });
          }
        } else if (pick === 1) {
          r = await call(base, 'POST', `/api/incidents/${id}/comments`, { text: `comment ${tag}` });
          if (r.status === 201) acked.push({ kind: 'comment', incident: id, detail: `comment ${tag}` });
        } else if (pick === 2) {
          r = await call(base, 'POST', `/api/incidents/${id}/evidence?name=${tag}.txt`, Buffer.from(`evidence ${tag}\n`), 'text/plain');
          if (r.status === 201) acked.push({ kind: 'evidence', incident: id, detail: `${tag}.txt` });
        } else {
          r = await call(base, 'POST', `/api/incidents/${id}/transition`, { to: 'under-review' });
          if (r.status === 200) acked.push({ kind: 'transition', incident: id, detail: 'under-review' });
        }
        if (r.status >= 500) throw new Error(`5xx from the API: ${JSON.stringify(r.json)}`);
        if (r.status === 401) session = undefined;
      } catch (err) {
        if ((err as Error).message.startsWith('5xx')) throw err;
        failures.set((err as Error).message, (failures.get((err as Error).message) ?? 0) + 1);
        await new Promise((res) => setTimeout(res, 20));
      }
    }
  })();
  return { acked, failures, hasAlert: () => alertId !== undefined, async stop() { stop = true; await loop; } };
}

function demoUser(run: Run): { username: string; password: string } {
  const d = spawnSync('cat', [join(run.data, 'demo-users.txt')], { encoding: 'utf8' }).stdout;
  const line = d.split('\n').find((l) => l.startsWith('analyst.fra '))!;
  const [username, password] = line.split(' ') as [string, string];
  return { username, password };
}

type Obs = string;
function observations(run: Run, feed: string): Obs[] {
  const d = db(run);
  try {
    return (d.prepare(`SELECT e.id || ' ' || o.time_ms || ' ' || o.lon || ' ' || o.lat AS k FROM observations o JOIN entities e ON e.key = o.entity_key
      JOIN observation_sources s ON s.key = o.source_key WHERE s.feed = ? ORDER BY k`).all(feed) as { k: string }[]).map((r) => r.k);
  } finally {
    d.close();
  }
}

function alerts(run: Run, entities: Set<string>): string[] {
  const d = db(run);
  try {
    return (d.prepare('SELECT id, status, start_ms, end_ms, entity_id, body FROM alerts ORDER BY id').all() as { id: string; status: string; start_ms: number; end_ms: number | null; entity_id: string }[])
      .filter((a) => entities.has(a.entity_id)).map((a) => `${a.id} ${a.status} ${a.start_ms} ${a.end_ms ?? '-'}`);
  } finally {
    d.close();
  }
}

describe('crash safety of vigil serve (SIGKILL ×100)', () => {
  it('keeps every acknowledged observation once, every 2xx write, the alerts of an uninterrupted run and a valid audit chain', { timeout: 900_000 }, async () => {
    const input = inputs();
    const t0 = Date.now();

    // The uninterrupted run.
    const ref = await prepareRun('reference', input);
    const one = spawnServe(ref.config);
    await one.serving;
    const refUdp = sendUdpLines(input.udp, ref.udpPort, 10, 50);
    await finish(ref, one, input, refUdp);
    const tRef = Date.now() - t0;

    // The crash run: warm standbys take over, each killed at a random point after it took the lock.
    const run = await prepareRun('crash', input);
    const rng = new Prng(15);
    const pool: ServeProcess[] = [spawnServe(run.config)];
    let active: ServeProcess | undefined;
    let activeUrl: string | undefined;
    const first = pool[0]!;
    await first.serving; // first start creates the demo users: not killed before it is up
    const writer = apiWriter(() => activeUrl, () => demoUser(run), new Prng(16));
    const udp = sendUdpLines(input.udp, run.udpPort, 10, 50);
    const takeovers: number[] = [];
    /** Lock taken → serving, ms. */
    const starts: number[] = [];
    const mismatches: string[] = [];
    for (let k = 0; k <= KILLS; k++) {
      while (pool.length < 3) pool.push(spawnServe(run.config));
      const lockedAt = await Promise.race(pool.map((p, i) => p.locked.then((ms) => ({ i, ms }))));
      const me = pool.splice(lockedAt.i, 1)[0]!;
      active = me;
      void me.serving.then((u) => { if (active === me) activeUrl = u; });
      if (k === KILLS) break;
      if (k === 0) {
        // Incidents open on an alert, so the kills start once the first one is listed: each restart holds the merge
        // while a feed is unheard, and a server killed every second or so would list none until the end.
        activeUrl = await me.serving;
        await waitFor('a first alert to be listed', writer.hasAlert);
      }
      // One kill in five while it starts (store opened, replay running), the others while it serves and ingests.
      if (k % 5 !== 0) {
        await me.serving;
        starts.push(Date.now() - lockedAt.ms);
      }
      await new Promise((r) => setTimeout(r, rng.int(0, 1500)));
      activeUrl = undefined;
      const killedAt = Date.now();
      active.child.kill('SIGKILL');
      await active.exited;
      if (process.env['VIGIL_KEEP'] !== undefined) writeFileSync(join(dir, `serve-${k}.log`), active.output());
      // Acknowledged = the checkpoint: it commits with the observations it counts.
      const { counts, cp } = storedVsAcknowledged(run);
      if (cp !== undefined) {
        for (const f of ['recording', 'adsb', 'ais-udp']) if ((counts[f] ?? 0) !== (cp[`${f}.stored`] ?? 0)) mismatches.push(`kill ${k}: ${f} has ${counts[f] ?? 0} observations, its checkpoint ${cp[`${f}.stored`]}`);
      }
      takeovers.push(killedAt);
    }
    activeUrl = await active!.serving;
    await writer.stop();
    for (const p of pool) p.child.kill('SIGKILL');
    await Promise.all(pool.map((p) => p.exited));
    await finish(run, active!, input, udp);
    const tCrash = Date.now() - t0 - tRef;
    assert.deepEqual(mismatches, []);

    // SQLite is intact.
    const d = db(run);
    assert.equal((d.pragma('integrity_check') as { integrity_check: string }[])[0]!.integrity_check, 'ok');
    d.close();

    // The file's observations are those of the uninterrupted run, each once.
    const fileObs = observations(run, 'recording');
    assert.equal(new Set(fileObs).size, fileObs.length, 'no observation of the file twice');
    sameList(fileObs, observations(ref, 'recording'), 'the file\'s observations against the uninterrupted run\'s');
    // Socket feeds: what was stored is what was sent, each once (what a crash caught unacknowledged is gone).
    for (const feed of ['adsb', 'ais-udp']) {
      const got = observations(run, feed);
      const all = new Set(observations(ref, feed));
      assert.equal(new Set(got).size, got.length, `no observation of ${feed} twice`);
      for (const o of got) assert.ok(all.has(o), `${feed}: ${o} was never sent`);
    }

    // Alerts of the file's entities: those of the uninterrupted run (none twice, none missing, same state).
    const fileEntities = new Set(fileObs.map((o) => o.split(' ')[0]!));
    const want = alerts(ref, fileEntities);
    assert.ok(want.length >= 3, `the scenario raises alerts (${want.length})`);
    sameList(alerts(run, fileEntities), want, 'alerts of the file\'s entities against the uninterrupted run\'s');

    // Every API write that got a 2xx is there.
    const cases = db(run);
    for (const w of writer.acked) {
      const q = {
        incident: 'SELECT count(*) AS n FROM incidents WHERE id = ? AND title = ?',
        comment: 'SELECT count(*) AS n FROM incident_comments WHERE incident_id = ? AND text = ?',
        evidence: 'SELECT count(*) AS n FROM incident_evidence WHERE incident_id = ? AND name = ?',
        transition: 'SELECT count(*) AS n FROM incidents WHERE id = ? AND status = ?',
      }[w.kind]!;
      assert.ok((cases.prepare(q).get(w.incident, w.detail) as { n: number }).n >= 1, `${w.kind} ${w.incident} ${w.detail} acknowledged but not stored`);
    }
    cases.close();
    assert.ok(writer.acked.length > 20, `API writes made: ${writer.acked.length}; failures: ${JSON.stringify([...writer.failures])}`);

    // The audit chain verifies.
    const cli = join(REPO_ROOT, import.meta.url.includes('/dist/') ? 'dist/src/cli/main.js' : 'src/cli/main.ts');
    const v = spawnSync(process.execPath, [...(cli.endsWith('.ts') ? ['--import', 'tsx'] : []), cli, 'audit', 'verify', '--data', run.data], { encoding: 'utf8' });
    assert.equal(v.status, 0, v.stdout + v.stderr);
    starts.sort((a, b) => a - b);
    process.stdout.write(`# crash test: reference run ${tRef} ms, ${KILLS} kills in ${tCrash} ms (takeover to serving: median ${starts[starts.length >> 1]} ms, max ${starts.at(-1)} ms), ${writer.acked.length} API writes acknowledged, ${want.length} alerts\n`);
  });
});
