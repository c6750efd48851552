import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { safeEqual } from '../access/secrets.js';

/** A process's health: `ok` false answers 503. The body must say nothing releasability-sensitive (no feed names). */
export interface HealthReport {
  ok: boolean;
  body: Record<string, unknown>;
}

export interface MetricsServerOptions {
  host: string;
  port: number;
  registry: Registry;
  health(): HealthReport | Promise<HealthReport>;
  /** When set, `/metrics` answers only `Authorization: Bearer <token>` (a scrape secret read from a file). `/health` stays open. */
  token?: string;
}

export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The operations port of `vigil ingest` and `vigil worker` (docs/operations.md): `GET /health`
 * (200 or 503, JSON) and `GET /metrics` (Prometheus text), nothing else. Errors in a scrape
 * answer 500 and never reach the process.
 */
export async function startMetricsServer(o: MetricsServerOptions): Promise<MetricsServer> {
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' || (path !== '/health' && path !== '/metrics')) {
      send(res, 404, 'application/json', JSON.stringify({ error: `no route ${req.method} ${path}: GET /health or /metrics` }));
      return;
    }
    if (path === '/health') {
      const h = await o.health();
      send(res, h.ok ? 200 : 503, 'application/json', JSON.stringify({ status: h.ok ? 'ok' : 'not-ready', ...h.body }));
      return;
    }
    if (o.token !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
      if (m === null || !safeEqual(m[1]!, o.token)) {
        res.setHeader('www-authenticate', 'Bearer');
        send(res, 401, 'application/json', JSON.stringify({ error: 'GET /metrics needs Authorization: Bearer <the scrape token>' }));
        return;
      }
    }
    send(res, 200, o.registry.contentType, await o.registry.metrics());
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((e: Error) => send(res, 500, 'application/json', JSON.stringify({ error: `metrics: ${e.message}` })));
  });
  server.requestTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  server.unref();
  const a = server.address() as AddressInfo;
  const host = a.family === 'IPv6' ? `[${a.address}]` : a.address;
  return {
    url: `http://${host}:${a.port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
