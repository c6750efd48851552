import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import type { Command } from 'commander';
import { CliError } from '../command.js';
import { startMetricsServer, type MetricsServer, type MetricsServerOptions } from '../../ops/metrics-server.js';

/** Options of the operations port, as commander parses them. */
export interface MetricsPortOptions {
  metricsPort?: string;
  metricsHost: string;
  metricsTokenFile?: string;
}

/** Adds `--metrics-port`, `--metrics-host` and `--metrics-token-file` (the same for `vigil ingest` and `vigil worker`). */
export function metricsPortOptions(cmd: Command): Command {
  return cmd.option('--metrics-port <n>', 'serve GET /health and GET /metrics (Prometheus) on this port (0 = any free port; the address is printed)')
    .option('--metrics-host <addr>', 'address of the metrics port; beyond loopback it needs --metrics-token-file', '127.0.0.1')
    .option('--metrics-token-file <file>', 'file holding the bearer token Prometheus must send for /metrics');
}

const isLoopback = (host: string): boolean => host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));

/** A checked operations port: where to listen and the scrape token, if any. */
export interface MetricsPort {
  host: string;
  port: number;
  token: string | undefined;
}

/** Checks the options (before anything connects); undefined without `--metrics-port`. */
export function parseMetricsPort(opts: MetricsPortOptions): MetricsPort | undefined {
  if (opts.metricsPort === undefined) return undefined;
  const port = Number(opts.metricsPort);
  if (!(Number.isInteger(port) && port >= 0 && port < 65536)) throw new CliError(`--metrics-port "${opts.metricsPort}" is not a port number`, 2);
  let token: string | undefined;
  if (opts.metricsTokenFile !== undefined) {
    try {
      token = readFileSync(opts.metricsTokenFile, 'utf8').trim();
    } catch (e) {
      throw new CliError(`--metrics-token-file ${opts.metricsTokenFile}: ${(e as Error).message}`, 2);
    }
    if (token.length < 16) throw new CliError(`--metrics-token-file ${opts.metricsTokenFile}: the token must have at least 16 characters`, 2);
  }
  if (token === undefined && !isLoopback(opts.metricsHost)) {
    throw new CliError(`--metrics-host ${opts.metricsHost} is reachable beyond this machine: give --metrics-token-file FILE so that only Prometheus may scrape`, 2);
  }
  return { host: opts.metricsHost, port, token };
}

/** Starts the operations port (prints `metrics at URL` on stderr); undefined without a port. */
export async function startMetricsPort(mp: MetricsPort | undefined, what: Omit<MetricsServerOptions, 'host' | 'port' | 'token'>): Promise<MetricsServer | undefined> {
  if (mp === undefined) return undefined;
  const server = await startMetricsServer({ ...what, host: mp.host, port: mp.port, ...(mp.token !== undefined ? { token: mp.token } : {}) })
    .catch((e: Error) => { throw new CliError(`--metrics-port ${mp.port}: ${e.message}`, 2); });
  process.stderr.write(`metrics at ${server.url}/metrics, health at ${server.url}/health\n`);
  return server;
}
