import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway nats-server with JetStream on a free loopback port; `stop()` ends it and removes its store. */
export interface NatsServer {
  url: string;
  /** The running server's process id (CPU accounting in the benchmarks). */
  pid(): number | undefined;
  /** Stops the server (SIGTERM), waits `downMs`, and starts it again on the same port and store. */
  bounce(downMs: number): Promise<void>;
  /** Freezes the server (SIGSTOP) for `ms`, then lets it go on (SIGCONT): a stalled server, its connections open. */
  pause(ms: number): Promise<void>;
  stop(): Promise<void>;
}

/** True when `nats-server` is on the PATH (Debian package nats-server; .ci/run installs it). */
export async function haveNatsServer(): Promise<boolean> {
  return new Promise((resolve) => {
    const p = spawn('nats-server', ['--version'], { stdio: 'ignore' });
    p.on('error', () => resolve(false));
    p.on('exit', (code) => resolve(code === 0));
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nats-server exited with ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const c = connect(port, '127.0.0.1', () => { c.destroy(); resolve(true); });
      c.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nats-server did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts `nats-server -js -p PORT -sd TMPDIR -a 127.0.0.1`. */
export async function startNatsServer(): Promise<NatsServer> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-nats-'));
  const port = await freePort();
  const launch = async (): Promise<ChildProcess> => {
    const child = spawn('nats-server', ['-js', '-p', String(port), '-sd', dir, '-a', '127.0.0.1'], { stdio: 'ignore' });
    await waitForPort(port, child, 10_000);
    return child;
  };
  let child: ChildProcess | undefined;
  const halt = async (): Promise<void> => {
    if (child !== undefined && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  };
  const stop = async (): Promise<void> => {
    await halt();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    child = await launch();
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    url: `nats://127.0.0.1:${port}`,
    pid: () => child?.pid,
    stop,
    async bounce(downMs) {
      await halt();
      await new Promise((r) => setTimeout(r, downMs));
      child = await launch();
    },
    async pause(ms) {
      child!.kill('SIGSTOP');
      await new Promise((r) => setTimeout(r, ms));
      child!.kill('SIGCONT');
    },
  };
}
