import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CliCommand } from '../command.js';
import { CliError } from '../command.js';
import { formatAgreementError } from '../../core/agreement/agreement-error.js';
import { loadAgreementFile } from '../../config/agreement-file.js';
import { loadServeConfig, parseServeConfig, type ServeConfig } from '../../config/serve-config.js';
import { landMaskFor } from '../../geo-data/land-for-agreement.js';
import { loadGazetteer } from '../../geo-data/load-gazetteer.js';
import { LivePipeline } from '../../pipeline/live-pipeline.js';
import { openSqliteStore, type SqliteStore, type Store } from '../../store/index.js';
import { dataDirCheck } from '../../ops/readiness.js';
import { LOCK_FILE, lockDataDir } from '../../store/sqlite/data-dir-lock.js';
import { LiveHub } from '../../api/live-hub.js';
import { startServer } from '../../api/server.js';
import { packageRoot } from '../../config/package-root.js';
import { openAccess } from '../../access/open-access.js';
import { SqliteReportLibrary } from '../../report/sqlite-report-library.js';
import { SqliteCaseService } from '../../cases/sqlite-case-service.js';
import { Notifier } from '../../cases/notifier.js';
import { WebhookDelivery } from '../../cases/webhook-delivery.js';
import { AlertOutboxWorker } from '../../pipeline/alert-outbox-worker.js';
import { CotOutput } from '../../interop/cot/cot-output.js';
import type { Principal } from '../../access/roles.js';
import { loadOrCreateNodeKey } from '../../report/signing/node-key.js';
import { pino, type Level } from 'pino';
import { serveOps } from '../../ops/serve-ops.js';
import { logStoreWrites } from '../../ops/store-write-log.js';

const LOG_LEVELS: readonly Level[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];

/** The demo: the Black Sea agreement, the simulator with injected violations, sensors of three nations. */
export function demoConfig(dataDir: string, port: number): ServeConfig {
  const r = parseServeConfig({
    dataDir, port, agreement: join(packageRoot(), 'examples/black-sea/agreement.yaml'), nation: 'FRA',
    feeds: [
      { name: 'black-sea-ais', kind: 'simulator', stream: 'ais', originator: 'FRA', marking: 'COALITION', vessels: 150, historyHours: 2 },
      { name: 'adsb-receivers', kind: 'simulator', stream: 'sbs', originator: 'ROU', marking: 'COALITION', historyHours: 2 },
      { name: 'nato-radar', kind: 'simulator', stream: 'radar', originator: 'GBR', marking: 'REL TO FRA, GBR, POL, ROU, TUR', historyHours: 2 },
      { name: 'incident-reports', kind: 'simulator', stream: 'reports', originator: 'POL', marking: 'COALITION', historyHours: 2 },
    ],
  });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** Demo users, one per role and a few nations; passwords are generated on first start and kept in DATA/demo-users.txt. */
const DEMO_USERS = [
  { username: 'admin', nation: 'FRA', roles: ['coalition-admin'] },
  { username: 'analyst.fra', nation: 'FRA', roles: ['analyst'] },
  { username: 'verifier.gbr', nation: 'GBR', roles: ['verifier'] },
  { username: 'analyst.pol', nation: 'POL', roles: ['analyst'] },
  { username: 'viewer.tur', nation: 'TUR', roles: ['viewer'] },
] as const;

export const serveCommand: CliCommand = {
  name: 'serve',
  args: '',
  summary: 'run the platform (feeds, detection, store, API, live stream, web console) on the embedded default',
  configure(cmd) {
    cmd.option('--config <file>', 'serve config (YAML)')
      .option('--data <dir>', 'data directory (database, evidence)')
      .option('--port <n>', 'HTTP port (0 = any free port)')
      .option('--host <addr>', 'listen address (default: the config\'s host, 127.0.0.1)')
      .option('--demo', 'bundled demo: Black Sea agreement with the simulator as live feed')
      .option('--standby', 'warm standby: load everything, wait for the data directory\'s lock (held by the running serve) and take over the moment it is released')
      .option('--store <url>', 'record store: postgres://… for the shared PostgreSQL/PostGIS store (users, cases and reports stay in the data directory\'s SQLite file)')
      .option('--log-level <level>', 'JSON log lines (pino) on stdout from this level: fatal, error, warn, info, debug, trace', 'info')
      .action(async (opts: { config?: string; data?: string; port?: string; host?: string; demo?: boolean; store?: string; standby?: boolean; logLevel: string }) => {
        if (!LOG_LEVELS.includes(opts.logLevel as Level)) throw new CliError(`--log-level "${opts.logLevel}": one of ${LOG_LEVELS.join(', ')}`, 2);
        const port = opts.port === undefined ? undefined : Number(opts.port);
        if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) throw new CliError(`--port "${opts.port}" is not a port number`, 2);
        let config: ServeConfig;
        if (opts.config !== undefined) {
          const r = loadServeConfig(opts.config);
          if (!r.ok) throw new CliError(r.error, 2);
          config = { ...r.value, ...(opts.data ? { dataDir: opts.data } : {}), ...(port !== undefined ? { port } : {}) };
        } else if (opts.demo) {
          config = demoConfig(opts.data ?? './data/demo', port ?? 8080);
        } else {
          throw new CliError('give --config FILE, or --demo for the bundled demo', 2);
        }
        if (opts.store !== undefined && !/^postgres(ql)?:\/\//.test(opts.store)) throw new CliError(`--store "${opts.store}": expected a postgres:// URL`, 2);
        await serve(config, { host: opts.host ?? config.host, demo: opts.demo === true, standby: opts.standby === true, logLevel: opts.logLevel as Level, ...(opts.store !== undefined ? { store: opts.store } : {}) });
      });
  },
};

async function serve(config: ServeConfig, opts: { host: string; demo: boolean; standby: boolean; logLevel: Level; store?: string }): Promise<void> {
  // Synchronous: a line logged just before a crash is on disk, and a test reads what it waits for.
  const log = pino({ name: 'vigil', level: opts.logLevel }, pino.destination({ dest: 1, sync: true }));
  const agreementPath = resolve(config.agreement);
  const loaded = loadAgreementFile(agreementPath);
  if (!loaded.ok) throw new CliError(`invalid agreement:\n${loaded.errors.map(formatAgreementError).join('\n')}`, 2);
  const agreement = loaded.value;
  const dbPath = join(config.dataDir, 'vigil.sqlite');
  const landMask = landMaskFor(agreement);
  // One serve per data directory. A standby has done the slow part of starting (modules, agreement, land mask) and takes over within a poll.
  if (opts.standby) log.info({ dataDir: config.dataDir }, `standby, waiting for the lock of ${config.dataDir}`);
  // `unlock` kept referenced to the end: a collected connection would release the lock.
  const { store, unlock } = await openDataDir(config.dataDir, dbPath, opts.standby);
  if (opts.standby) log.info({ dataDir: config.dataDir }, `took over the lock of ${config.dataDir}`);
  // With --store: observations, tracks, alerts, the outbox, agreements and feeds go to the shared
  // PostgreSQL store; access, cases and the report library keep the SQLite file (docs/scale-out-store.md).
  const records: Store = opts.store === undefined ? store : await (await import('../../store/postgres/postgres-store.js')).openPostgresStore(opts.store);
  const { access, audit } = openAccess(store);
  const cases = new SqliteCaseService({ store, records, audit, dataDir: config.dataDir });
  const notifier = new Notifier({ store, audit });
  const outboxWorker = new AlertOutboxWorker(records, notifier);
  const webhooks = new WebhookDelivery(notifier);
  const yaml = readFileSync(agreementPath, 'utf8');
  const latest = await records.agreements.latest({ system: true }, agreement.id);
  if (latest === undefined || latest.sha256 !== createHash('sha256').update(yaml).digest('hex')) {
    await records.agreements.add({ agreementId: agreement.id, version: Math.max(agreement.version, (latest?.version ?? 0) + (latest?.version === agreement.version ? 1 : 0)), yaml, loadedMs: Date.now(), originator: config.nation, marking: { kind: 'COALITION' } });
  }
  if (opts.demo) await ensureDemoUsers(access, config.dataDir);
  const pipeline = new LivePipeline({ agreement, agreementVersion: agreement.version, store: records, landMask, places: loadGazetteer(), allowanceMs: config.allowanceSeconds * 1000, nation: config.nation });
  const hub = new LiveHub();
  const nodeKey = loadOrCreateNodeKey(config.dataDir);
  pipeline.on('alert', (e) => hub.emit('alert', e));
  pipeline.on('tracks', (t) => hub.emit('tracks', t));
  pipeline.on('tracksLost', (ids) => hub.emit('tracksLost', ids));
  // Every pipeline error is a failed store write: logged once with the database's name, then once a minute while it lasts.
  const stopStoreLog = logStoreWrites(pipeline, log, records === store ? resolve(dbPath) : `PostgreSQL ${opts.store?.split('@').pop() ?? ''}`);
  pipeline.on('warning', (message) => log.warn(message));
  const ops = serveOps({ pipeline, records, stores: [store], dataDir: resolve(config.dataDir) });
  // Outputs subscribe before the feeds start, so they miss nothing; a connection change is logged once.
  const outputs = config.outputs.map((o) => {
    let last = '';
    const out = new CotOutput(o, {
      onStatus: (s) => {
        if (s.state !== last) process.stdout.write(`vigil: output ${o.name}: ${s.state === 'connected' ? `connected to ${s.host}:${s.port}` : `disconnected (${s.reason}), retrying`}\n`);
        last = s.state;
      },
    });
    out.start();
    out.attach(pipeline);
    return out;
  });
  // After a crash or a stop: file feeds resume from their checkpoint, the engine's state is rebuilt (docs/reliability.md).
  await pipeline.restore();
  for (const f of config.feeds) pipeline.addFeed(f);
  outboxWorker.start();
  webhooks.start();
  const { app, url } = await startServer({ store: records, access, audit, cases, notifier, agreement, agreementVersion: agreement.version, pipeline, hub, secureCookies: config.secureCookies, nodeKey, reportLibrary: new SqliteReportLibrary(store), ops }, { host: opts.host, port: config.port, trustProxy: config.trustProxy, logger: log });
  process.stdout.write(`vigil: serving ${agreement.id} v${agreement.version} at ${url} (data in ${config.dataDir}, ${config.feeds.length} feed(s))\n`);
  let closing = false;
  const shutdown = async (): Promise<void> => {
    if (closing) return;
    closing = true;
    process.stdout.write('vigil: shutting down\n');
    await app.close();
    await pipeline.stop();
    stopStoreLog();
    await Promise.all(outputs.map((o) => o.stop()));
    await outboxWorker.stop();
    await webhooks.stop();
    if (records !== store) await records.close();
    await store.close();
    unlock();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

/**
 * Creates the data directory if needed and opens its store; on failure (a read-only disk: SQLite
 * in WAL mode cannot even open for reading) a clear error naming the path and saying whether
 * the directory takes writes, instead of a stack trace.
 */
/** Takes the data directory (its lock, then its store): a directory that takes no writes is exit 2 naming it; one in use, exit 1. */
async function openDataDir(dataDir: string, dbPath: string, standby: boolean): Promise<{ store: SqliteStore; unlock: () => void }> {
  const fail = async (what: string, e: Error): Promise<CliError> => {
    const probe = await dataDirCheck(resolve(dataDir)).check();
    return new CliError(`cannot open ${what}: ${e.message}${probe !== undefined ? `; the data directory ${resolve(dataDir)} does not take writes (${probe})` : ''}`, 2);
  };
  let unlock: () => void;
  try {
    mkdirSync(dataDir, { recursive: true });
    unlock = await lockDataDir(dataDir, standby ? { pollMs: 25 } : undefined);
  } catch (e) {
    // lockDataDir's own errors (held by another serve) carry no SQLite code.
    if ((e as { code?: string }).code === undefined) throw new CliError((e as Error).message, 1);
    throw await fail(`the lock ${resolve(join(dataDir, LOCK_FILE))}`, e as Error);
  }
  try {
    return { store: openSqliteStore(dbPath), unlock };
  } catch (e) {
    unlock();
    throw await fail(`the store ${resolve(dbPath)}`, e as Error);
  }
}

async function ensureDemoUsers(access: ReturnType<typeof openAccess>['access'], dataDir: string): Promise<void> {
  const file = join(dataDir, 'demo-users.txt');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    const lines = DEMO_USERS.map((u) => `${u.username} ${randomBytes(9).toString('base64url')} ${u.nation} ${u.roles.join(',')}`);
    const [adminLine, ...rest] = lines;
    const [username, password, nation] = adminLine!.split(' ') as [string, string, string];
    const admin = await access.bootstrap({ username, password, nation });
    const by: Principal = { userId: admin.id, username: admin.username, nation: admin.nation, roles: admin.roles, scopes: null, via: 'session' };
    for (const l of rest) {
      const [u, p, n, roles] = l.split(' ') as [string, string, string, string];
      await access.createUser(by, { username: u, password: p, nation: n, roles: roles.split(',') as Principal['roles'][number][] });
    }
    text = lines.join('\n') + '\n';
    writeFileSync(file, `# Demo users of this data directory: username password nation roles\n${text}`, { mode: 0o600 });
  }
  process.stdout.write(`vigil: demo users (also in ${file}):\n${text.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => `  ${l}`).join('\n')}\n`);
}
