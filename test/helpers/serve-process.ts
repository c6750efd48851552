/**
 * `vigil serve --config FILE` as a child process (compiled CLI under dist/, else tsx), for the
 * operations tests: resolves once it prints its address; `logs()` parses its JSON log lines
 * (pino, stdout); `stop()` sends SIGTERM and waits for the exit (the pipeline drains and writes).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
const CLI = here.includes('/dist/') ? [fileURLToPath(new URL('../../src/cli/main.js', import.meta.url))] : ['--import', 'tsx', fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url))];

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  /** Everything printed so far, stdout and stderr. */
  output(): string;
  /** The JSON log lines so far. */
  logs(): Record<string, unknown>[];
  stop(): Promise<number | null>;
}

export async function startServe(config: string, extraArgs: readonly string[] = [], timeoutMs = 30_000): Promise<ServeProcess> {
  const child = spawn(process.execPath, [...CLI, 'serve', '--config', config, ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`vigil serve did not start within ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const look = (): void => {
      const m = /serving \S+ v\d+ at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', look);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`vigil serve exited (${code}) before serving:\n${out}`));
    });
  });
  return {
    url, child,
    output: () => out,
    logs: () => out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Polls `probe` every 100 ms until it returns true; fails with `what` (and the last value seen) after `timeoutMs`. */
export async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Prometheus text → `name{labels}` → value (labels as printed, in the order prom-client prints them). */
export function parseMetrics(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const i = line.lastIndexOf(' ');
    out.set(line.slice(0, i), Number(line.slice(i + 1)));
  }
  return out;
}
