/**
 * Runs `vigil serve` as real processes on one data directory for the reliability tests: a
 * pool of warm standbys (`serve --standby`), each taking over the data directory's lock when
 * the one holding it dies; loopback TCP and UDP senders for its socket feeds.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/shared-data.js';

const compiled = import.meta.url.includes('/dist/test/');
const CLI = compiled ? [join(REPO_ROOT, 'dist/src/cli/main.js')] : ['--import', 'tsx', join(REPO_ROOT, 'src/cli/main.ts')];

export interface ServeProcess {
  child: ChildProcess;
  /** Resolves when it holds the data directory's lock (wall ms then). */
  locked: Promise<number>;
  /** Resolves with the API's URL once it serves. */
  serving: Promise<string>;
  exited: Promise<number | null>;
  output(): string;
}

/** Spawns `vigil serve --standby --demo --config FILE`. */
export function spawnServe(config: string): ServeProcess {
  const child = spawn(process.execPath, [...CLI, 'serve', '--standby', '--demo', '--config', config], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let onLock: (ms: number) => void = () => {};
  let onServe: (url: string) => void = () => {};
  const locked = new Promise<number>((resolve) => (onLock = resolve));
  const serving = new Promise<string>((resolve) => (onServe = resolve));
  child.stdout!.on('data', (b: Buffer) => {
    out += b.toString();
    if (out.includes('took over the lock')) onLock(Date.now());
    const m = /serving \S+ v\d+ at (http:\/\/\S+)/.exec(out);
    if (m) onServe(m[1]!);
  });
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, locked, serving, exited, output: () => out };
}

/**
 * A TCP feed source: every connection is sent the lines from where the last one stopped (what
 * was written to a connection that died is gone, as with a real receiver), `perTick` lines
 * every `tickMs`. `done` resolves once every line has been written to some connection.
 */
export class TcpLineServer {
  private readonly server: Server;
  private next = 0;
  private socket: Socket | undefined;
  private onDone: () => void = () => {};
  readonly done = new Promise<void>((resolve) => (this.onDone = resolve));

  constructor(private readonly lines: string[], readonly perTick: number, readonly tickMs: number) {
    this.server = createServer((s) => {
      this.socket?.destroy();
      this.socket = s;
      s.on('error', () => undefined);
      s.on('close', () => { if (this.socket === s) this.socket = undefined; });
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const timer = setInterval(() => {
      const s = this.socket;
      if (s === undefined || s.destroyed || s.writableNeedDrain) return;
      const chunk = this.lines.slice(this.next, this.next + this.perTick);
      if (chunk.length === 0) {
        clearInterval(timer);
        this.onDone();
        return;
      }
      s.write(chunk.join('\n') + '\n');
      this.next += chunk.length;
    }, this.tickMs);
    return (this.server.address() as { port: number }).port;
  }

  close(): void {
    this.socket?.destroy();
    this.server.close();
  }
}

/** Sends one line per datagram to 127.0.0.1:`port`, `perTick` every `tickMs` (lost while no one listens, as UDP is). */
export async function sendUdpLines(lines: string[], port: number, perTick: number, tickMs: number): Promise<void> {
  const sock = createSocket('udp4');
  sock.on('error', () => undefined);
  for (let i = 0; i < lines.length; i += perTick) {
    for (const l of lines.slice(i, i + perTick)) sock.send(l, port, '127.0.0.1');
    await new Promise((r) => setTimeout(r, tickMs));
  }
  sock.close();
}

/** A free UDP port on loopback (bound then released). */
export async function freeUdpPort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', resolve));
  const port = s.address().port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}
