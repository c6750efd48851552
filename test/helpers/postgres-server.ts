/**
 * A throwaway PostgreSQL 15 + PostGIS 3 server for tests: a fresh cluster in a temp dir, on a
 * free loopback port, with a Unix socket in that dir; stopped and removed by `stop()` (and,
 * should the test process die first, by an exit hook).
 *
 * Binaries: `/usr/lib/postgresql/15/bin` (Debian's `postgresql-15`), else `initdb`/`pg_ctl`
 * on PATH; PostGIS from `postgresql-15-postgis-3`. `.ci/run` installs both when missing.
 * `findPostgresBinaries()` returns undefined when they are absent, so a test can skip.
 *
 * initdb refuses to run as root: when the tests run as root, the cluster belongs to the
 * unprivileged user `nobody` (present on every Debian system; override with
 * `VIGIL_TEST_PG_USER`), initdb/pg_ctl run through `runuser -u nobody --`, and the temp dir is
 * chowned to it. The cluster has trust authentication on loopback and its socket only.
 *
 * Roles: `vigil` is the superuser (it creates the PostGIS extension in the template database
 * `vigil_template`); `vigil_app` is an ordinary login role that owns the databases made by
 * `createDatabase()`, as a deployment's application role would — so row-level security,
 * which a superuser bypasses, really applies to it.
 * @example const pg = await startPostgresServer(); const url = await pg.createDatabase('t1'); … await pg.stop();
 */
import { execFile, execFileSync } from 'node:child_process';
import { accessSync, chownSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const DEBIAN_BIN = '/usr/lib/postgresql/15/bin';
const SUPERUSER = 'vigil';
/** The login role that owns test databases (no superuser, so RLS applies). */
export const APP_ROLE = 'vigil_app';

export interface PostgresBinaries {
  initdb: string;
  pgCtl: string;
  psql: string;
}

export interface PostgresServer {
  port: number;
  /** The cluster's directory (data in `data/`, socket here). */
  dir: string;
  /** A URL for `database` as `role` (default the application role). */
  url(database: string, role?: string): string;
  /** Creates a database owned by the application role from the PostGIS template; returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Runs SQL as the superuser in `database` (default the template). */
  psql(sql: string, database?: string): Promise<string>;
  /** Stops the server (fast shutdown) and removes its directory; idempotent. */
  stop(): Promise<void>;
}

/** The PostgreSQL binaries, or undefined when PostgreSQL or PostGIS is not installed. */
export function findPostgresBinaries(): PostgresBinaries | undefined {
  const candidates = [DEBIAN_BIN, ...(process.env['PATH'] ?? '').split(':').filter((p) => p.length > 0)];
  for (const dir of candidates) {
    try {
      accessSync(join(dir, 'initdb'), constants.X_OK);
      accessSync(join(dir, 'pg_ctl'), constants.X_OK);
    } catch {
      continue;
    }
    const psql = [join(dir, 'psql'), '/usr/bin/psql'].find((p) => { try { accessSync(p, constants.X_OK); return true; } catch { return false; } });
    if (psql === undefined) continue;
    const shareDir = (() => { try { return execFileSync(join(dir, 'pg_config'), ['--sharedir'], { encoding: 'utf8' }).trim(); } catch { return '/usr/share/postgresql/15'; } })();
    try {
      accessSync(join(shareDir, 'extension', 'postgis.control'), constants.R_OK);
    } catch {
      return undefined;
    }
    return { initdb: join(dir, 'initdb'), pgCtl: join(dir, 'pg_ctl'), psql };
  }
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** uid/gid of `user` (via `id`), to chown the cluster's dir. */
function idsOf(user: string): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/** Starts a fresh cluster; throws (after cleaning up) when it cannot. */
/**
 * @param settings server settings (`-c name=value`) over the test defaults, which favour speed
 * over durability (`fsync=off`, `synchronous_commit=off`, `full_page_writes=off`).
 */
export async function startPostgresServer(settings: Record<string, string> = {}): Promise<PostgresServer> {
  const bin = findPostgresBinaries();
  if (bin === undefined) {
    throw new Error('PostgreSQL 15 with PostGIS 3 is not installed: apt-get install -y postgresql-15 postgresql-15-postgis-3');
  }
  const dir = mkdtempSync(join(tmpdir(), 'vigil-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const osUser = process.env['VIGIL_TEST_PG_USER'] ?? 'nobody';
  if (asRoot) {
    const { uid, gid } = idsOf(osUser);
    chownSync(dir, uid, gid);
  }
  /** Runs a server binary as the cluster's OS user. */
  const asOwner = (cmd: string, args: string[]) => (asRoot ? run('runuser', ['-u', osUser, '--', cmd, ...args]) : run(cmd, args));
  let started = false;
  let stopped = false;
  const stopSync = (): void => {
    if (stopped) return;
    stopped = true;
    try {
      if (started) execFileSync(asRoot ? 'runuser' : bin.pgCtl, [...(asRoot ? ['-u', osUser, '--', bin.pgCtl] : []), '-D', data, '-m', 'immediate', '-w', 'stop'], { stdio: 'ignore' });
    } catch { /* already down */ }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopSync);

  try {
    const port = await freePort();
    await asOwner(bin.initdb, ['-D', data, '-U', SUPERUSER, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
    await asOwner(bin.pgCtl, ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o',
      `-p ${port} -k ${dir} ${Object.entries({ listen_addresses: '127.0.0.1', fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '200', ...settings }).map(([k, v]) => `-c ${k}=${v}`).join(' ')}`, 'start']);
    started = true;
    const psql = async (sql: string, database = 'postgres'): Promise<string> => {
      const { stdout } = await run(bin.psql, ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', SUPERUSER, '-d', database, '-c', sql]);
      return stdout;
    };
    await psql(`CREATE ROLE ${APP_ROLE} LOGIN`);
    await psql('CREATE DATABASE vigil_template');
    await psql('CREATE EXTENSION postgis', 'vigil_template');
    const server: PostgresServer = {
      port,
      dir,
      url: (database, role = APP_ROLE) => `postgres://${role}@127.0.0.1:${port}/${database}`,
      async createDatabase(name) {
        if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name "${name}": lower-case letters, digits and _ only`);
        await psql(`CREATE DATABASE ${name} TEMPLATE vigil_template OWNER ${APP_ROLE}`);
        return server.url(name);
      },
      psql: (sql, database = 'vigil_template') => psql(sql, database),
      async stop() {
        if (stopped) return;
        process.removeListener('exit', stopSync);
        if (started) await asOwner(bin.pgCtl, ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
        started = false;
        stopSync();
      },
    };
    return server;
  } catch (err) {
    process.removeListener('exit', stopSync);
    stopSync();
    throw err;
  }
}
