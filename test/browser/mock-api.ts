/**
 * A small stand-in for `vigil serve` for the render benchmark and for working on the console
 * without the pipeline: serves the built console (web/dist) and the API routes the console
 * reads, with the demo agreement's real zones and synthetic tracks the caller drives.
 * Not a second implementation of the API: no releasability, no lifecycle, no store.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAgreementFile } from '../../src/config/agreement-file.js';

/** Repository root, from test/browser/ or dist/test/browser/. */
export function repoRoot(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  return here.includes('/dist/test/') ? join(here, '../../..') : join(here, '../..');
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.map': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
};

export interface MockApi {
  url: string;
  /** Sends a `tracks` event to every open stream. */
  pushTracks(diff: { add: unknown[]; update: unknown[]; remove: string[] }): void;
  close(): Promise<void>;
}

/** Starts the mock on a free port. The user `bench` (FRA, analyst) is always logged in. */
export async function startMockApi(): Promise<MockApi> {
  const root = repoRoot();
  const dist = join(root, 'web/dist');
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`the console is not built: run "npm run build:web" (no ${dist}/index.html)`);
  const loaded = loadAgreementFile(join(root, 'examples/black-sea/agreement.yaml'));
  if (!loaded.ok) throw new Error('demo agreement does not load');
  const a = loaded.value;
  const me = { userId: 1, username: 'bench', nation: 'FRA', roles: ['analyst'], via: 'session', actions: ['read', 'evidence:read', 'incident:create', 'incident:edit'] };
  const streams = new Set<ServerResponse>();
  const api: Record<string, () => unknown> = {
    '/api/auth/me': () => me,
    '/api/agreements': () => ({ current: { id: a.id, title: a.title, version: a.version, parties: [...a.parties.values()], rules: a.rules.map((r) => ({ id: r.id, type: r.type, zones: r.zoneIds, severity: r.severity, description: null })) }, versions: [] }),
    '/api/zones': () => ({ type: 'FeatureCollection', features: a.zones.map((z) => ({ type: 'Feature', id: z.id, geometry: z.geometry, properties: { id: z.id, name: z.name, kind: z.kind, areaKm2: Math.round(z.areaKm2), rules: [] } })) }),
    '/api/tracks': () => ({ items: [], nextCursor: null }),
    '/api/alerts': () => ({ items: [], nextCursor: null }),
    '/api/incidents': () => ({ items: [], nextCursor: null }),
    '/api/feeds': () => ({ items: [] }),
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/api/stream') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      res.write(`event: hello\ndata: ${JSON.stringify({ nation: me.nation })}\n\n`);
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    const handler = api[path];
    if (handler !== undefined) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(handler()));
      return;
    }
    if (path.startsWith('/api/')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ statusCode: 404, error: 'Not Found', message: `mock has no ${path}` }));
      return;
    }
    const file = normalize(join(dist, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dist) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    pushTracks(diff) {
      const msg = `event: tracks\ndata: ${JSON.stringify(diff)}\n\n`;
      for (const s of streams) s.write(msg);
    },
    async close() {
      for (const s of streams) s.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
