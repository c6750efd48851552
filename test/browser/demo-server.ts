/**
 * Starts `vigil serve --demo` from the compiled tree on a free port with a fresh data
 * directory, for the browser tests. The demo's simulator replays `historyHours` at once and
 * then runs in real time; the tests set it so the injected violations (which start ten
 * minutes into the scenario) happen live, a little after start.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './mock-api.js';

export interface DemoUser {
  username: string;
  password: string;
  nation: string;
  roles: string[];
}

export interface DemoServer {
  url: string;
  users: Map<string, DemoUser>;
  /** Everything the server printed (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

/** How long the server may take to print its address, ms (first start creates users with argon2). */
const START_TIMEOUT_MS = 60_000;

/**
 * Spawns `node dist/src/cli/main.js serve --demo --config <tmp>/serve.yaml` (or the TypeScript
 * CLI through tsx when the test runs from the sources) and resolves once
 * it prints `serving … at http://…`; the demo users are read from `<data>/demo-users.txt`.
 * `historyHours` is the simulator's replayed history (the demo's default is 2).
 */
export async function startDemoServer(options: { historyHours: number; vessels?: number }): Promise<DemoServer> {
  const root = repoRoot();
  const dir = mkdtempSync(join(tmpdir(), 'vigil-browser-'));
  const dataDir = join(dir, 'data');
  const config = join(dir, 'serve.yaml');
  writeFileSync(config, [
    `dataDir: ${JSON.stringify(dataDir)}`, 'host: 127.0.0.1', 'port: 0',
    `agreement: ${JSON.stringify(join(root, 'examples/black-sea/agreement.yaml'))}`, 'nation: FRA', 'feeds:',
    `  - { name: black-sea-ais, kind: simulator, originator: FRA, marking: COALITION, vessels: ${options.vessels ?? 150}, historyHours: ${options.historyHours} }`, '',
  ].join('\n'));
  // From dist/ (npm test) run the compiled CLI; from the sources (tsx --test) the TypeScript one.
  const compiled = import.meta.url.includes('/dist/test/');
  const cli = compiled ? [join(root, 'dist/src/cli/main.js')] : ['--import', 'tsx', join(root, 'src/cli/main.ts')];
  const child: ChildProcess = spawn(process.execPath, [...cli, 'serve', '--demo', '--config', config], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`vigil serve did not start within ${START_TIMEOUT_MS} ms:\n${out}`)), START_TIMEOUT_MS);
    const onData = (): void => {
      const m = /serving \S+ v\d+ at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`vigil serve exited with ${code}:\n${out}`));
    });
  });
  const users = new Map<string, DemoUser>();
  for (const line of readFileSync(join(dataDir, 'demo-users.txt'), 'utf8').split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const [username = '', password = '', nation = '', roles = ''] = line.split(' ');
    users.set(username, { username, password, nation, roles: roles.split(',') });
  }
  return {
    url, users,
    output: () => out,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
