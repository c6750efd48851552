/**
 * A small stand-in for `vigil serve` for the render benchmark and for working on the console
 * without the pipeline: serves the built console (web/dist) and the API routes the console
 * reads, with the demo agreement's real zones and synthetic tracks the caller drives.
 * Not a second implementation of the API: no releasability, no lifecycle, no store.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAgreementFile } from '../../src/config/agreement-file.js';
import { MEDIA_TYPES, REPORT_FORMATS, REPORT_PERIODS, type ReportDocumentMeta, type ReportFormat, type ReportPeriodKind } from '../../src/report/report-document.js';

/** Repository root, from test/browser/ or dist/test/browser/. */
export function repoRoot(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  return here.includes('/dist/test/') ? join(here, '../../..') : join(here, '../..');
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.map': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
};

/** A request the mock answered (the browser tests assert on what the console asked for). */
export interface MockRequest {
  method: string;
  /** Path and query as sent. */
  url: string;
  /** Parsed JSON body of a POST. */
  body?: unknown;
}

export interface MockApiOptions {
  /** The logged-in user's role: `analyst` (default) may generate reports (`briefing:create`), `viewer` may only read them. */
  role?: 'analyst' | 'viewer';
}

/** Knobs of the report document routes, changeable while the mock runs. */
export interface MockReports {
  /** Delay before answering `POST /api/reports/documents`, ms (to see the form busy). */
  delayMs: number;
  /** Refuse generation with 403 even to a user whose role allows it. */
  forbidGenerate: boolean;
  /** The stored documents, newest first. */
  readonly documents: ReportDocumentMeta[];
}

export interface MockApi {
  url: string;
  /** Every API request received, oldest first. */
  requests: MockRequest[];
  reports: MockReports;
  /** Sends a `tracks` event to every open stream. */
  pushTracks(diff: { add: unknown[]; update: unknown[]; remove: string[] }): void;
  close(): Promise<void>;
}

/** Starts the mock on a free port. The user `bench` (FRA, analyst unless `role` says otherwise) is always logged in. */
export async function startMockApi(options: MockApiOptions = {}): Promise<MockApi> {
  const root = repoRoot();
  const dist = join(root, 'web/dist');
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`the console is not built: run "npm run build:web" (no ${dist}/index.html)`);
  const loaded = loadAgreementFile(join(root, 'examples/black-sea/agreement.yaml'));
  if (!loaded.ok) throw new Error('demo agreement does not load');
  const a = loaded.value;
  const me = options.role === 'viewer'
    ? { userId: 1, username: 'bench', nation: 'FRA', roles: ['viewer'], via: 'session', actions: ['read', 'evidence:read', 'tokens:own'] }
    : { userId: 1, username: 'bench', nation: 'FRA', roles: ['analyst'], via: 'session', actions: ['read', 'evidence:read', 'tokens:own', 'report:create', 'briefing:create', 'incident:create', 'incident:edit'] };
  const requests: MockRequest[] = [];
  const reports = mockReports(me, { id: a.id, version: a.version });
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
    if (path.startsWith('/api/') && path !== '/api/stream') {
      const entry: MockRequest = { method: req.method ?? 'GET', url: req.url ?? path };
      requests.push(entry);
      if (path === '/api/keys' || path === REPORTS_PATH || path.startsWith(`${REPORTS_PATH}/`)) {
        void readJson(req).then((body) => {
          if (body !== undefined) entry.body = body;
          return reports.handle(entry.method, new URL(entry.url, 'http://mock'), body, res);
        }).catch((e: unknown) => send(res, 500, { statusCode: 500, error: 'Internal Server Error', message: String(e) }));
        return;
      }
    }
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
    requests,
    reports: reports.state,
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

const REPORTS_PATH = '/api/reports/documents';
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The id of the mock node's signing key (`GET /api/keys`). */
export const MOCK_KEY_ID = 'mock-node-ed25519-1';

/** Text every fake report document contains (the tests look for it in the opened tab). */
export const FAKE_REPORT_TEXT = 'FAKE REPORT DOCUMENT';

/** The marking of every generated document (most restrictive of a pretend content). */
const MOCK_REPORT_MARKING = { kind: 'REL_TO' as const, nations: ['USA', 'GBR'] };

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(text);
}

function fail(res: ServerResponse, status: 400 | 403 | 404, message: string): void {
  send(res, status, { statusCode: status, error: { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found' }[status], message });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  if (req.method !== 'POST') return undefined;
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return text;
  }
}

function parseTime(v: unknown): number | undefined | 'bad' {
  if (v === undefined) return undefined;
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isNaN(t) ? 'bad' : t;
}

/** The fake bytes of a document: enough for the browser to show (HTML, a one-page PDF, Markdown with an image, JSON). */
function fakeFiles(id: string, title: string, format: ReportFormat): { name: string; bytes: Buffer; mediaType: string }[] {
  const line = `${FAKE_REPORT_TEXT} ${id}`;
  switch (format) {
    case 'html': return [{ name: 'report.html', mediaType: MEDIA_TYPES.html, bytes: Buffer.from(`<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${line}</p></body></html>\n`) }];
    case 'md': return [
      { name: 'report.md', mediaType: MEDIA_TYPES.md, bytes: Buffer.from(`# ${title}\n\n${line}\n\n![Overview](overview-map.svg)\n`) },
      { name: 'overview-map.svg', mediaType: MEDIA_TYPES.svg, bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>\n') },
    ];
    case 'json': return [{ name: 'report.json', mediaType: MEDIA_TYPES.json, bytes: Buffer.from(JSON.stringify({ title, note: line })) }];
    case 'pdf': {
      const stream = `BT /F1 12 Tf 72 720 Td (${line}) Tj ET`;
      const objs = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
        `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'];
      let pdf = '%PDF-1.4\n';
      const offsets: number[] = [];
      objs.forEach((o, i) => { offsets.push(pdf.length); pdf += `${i + 1} 0 obj\n${o}\nendobj\n`; });
      const xref = pdf.length;
      pdf += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
      return [{ name: 'report.pdf', mediaType: MEDIA_TYPES.pdf, bytes: Buffer.from(pdf) }];
    }
  }
}

/**
 * The report document routes and `GET /api/keys`, in memory: generating a document stores
 * fake bytes and a meta as the contract describes (period rules, 400 on bad input, 403 without
 * `briefing:create`). The manifest and signature are stand-ins, not signed.
 */
function mockReports(me: { username: string; nation: string; actions: string[] }, agreement: { id: string; version: number }): {
  state: MockReports;
  handle(method: string, url: URL, body: unknown, res: ServerResponse): Promise<void>;
} {
  const state: MockReports = { delayMs: 0, forbidGenerate: false, documents: [] };
  const bytes = new Map<string, Map<string, { bytes: Buffer; mediaType: string }>>();
  let seq = 0;

  const generate = (body: unknown, res: ServerResponse): void => {
    if (!me.actions.includes('briefing:create') || state.forbidGenerate) return fail(res, 403, `${me.username} may not generate reports (needs briefing:create)`);
    if (typeof body !== 'object' || body === null) return fail(res, 400, 'body must be an object');
    const b = body as Record<string, unknown>;
    if (!REPORT_PERIODS.includes(b.period as ReportPeriodKind)) return fail(res, 400, `body/period must be one of ${REPORT_PERIODS.join(', ')}`);
    if (!REPORT_FORMATS.includes(b.format as ReportFormat)) return fail(res, 400, `body/format must be one of ${REPORT_FORMATS.join(', ')}`);
    const kind = b.period as ReportPeriodKind;
    const format = b.format as ReportFormat;
    const from = parseTime(b.from);
    const to = parseTime(b.to);
    if (from === 'bad' || to === 'bad') return fail(res, 400, 'from and to must be ISO-8601 times');
    let span: [number, number];
    if (kind === 'custom') {
      if (from === undefined || to === undefined) return fail(res, 400, 'a custom period needs from and to');
      if (from >= to) return fail(res, 400, 'period: from must be before to');
      span = [from, to];
    } else {
      const end = to ?? Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
      span = [end - (kind === 'daily' ? DAY_MS : 7 * DAY_MS), end];
    }
    const id = `rpt-mock-${++seq}`;
    const iso = (t: number): string => new Date(t).toISOString();
    const title = typeof b.title === 'string' && b.title.trim() !== '' ? b.title.trim() : `Compliance report, ${kind}, ${iso(span[0]).slice(0, 10)} to ${iso(span[1]).slice(0, 10)}`;
    const files = fakeFiles(id, title, format);
    bytes.set(id, new Map(files.map((f) => [f.name, f])));
    const meta: ReportDocumentMeta = {
      id, series: `${agreement.id}/${kind}/${me.nation}`, title, period: { kind, from: iso(span[0]), to: iso(span[1]) }, format, preparedFor: me.nation,
      agreement, files: files.map((f) => ({ name: f.name, mediaType: f.mediaType, sha256: createHash('sha256').update(f.bytes).digest('hex'), sizeBytes: f.bytes.length })),
      createdMs: Date.now(), createdBy: me.username, originator: me.nation, marking: MOCK_REPORT_MARKING,
    };
    state.documents.unshift(meta);
    send(res, 201, meta);
  };

  return {
    state,
    async handle(method, url, body, res) {
      const path = url.pathname;
      if (path === '/api/keys' && method === 'GET') {
        return send(res, 200, { keys: [{ id: MOCK_KEY_ID, algorithm: 'Ed25519', publicKey: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAbW9jayBrZXkgbW9jayBrZXkgbW9jayBrZXkgbW9jayA=\n-----END PUBLIC KEY-----\n', use: 'report-signing' }] });
      }
      if (path === REPORTS_PATH && method === 'POST') {
        if (state.delayMs > 0) await new Promise((r) => setTimeout(r, state.delayMs));
        return generate(body, res);
      }
      if (path === REPORTS_PATH && method === 'GET') {
        const offset = Number(url.searchParams.get('cursor') ?? 0);
        const limit = Math.min(1000, Number(url.searchParams.get('limit') ?? 100));
        const items = state.documents.slice(offset, offset + limit);
        return send(res, 200, { items, nextCursor: offset + limit < state.documents.length ? String(offset + limit) : null });
      }
      const m = /^\/api\/reports\/documents\/([^/]+)(?:\/(manifest|signature|files\/([^/]+)))?$/.exec(path);
      const doc = m === null ? undefined : state.documents.find((d) => d.id === decodeURIComponent(m[1]!));
      if (m === null || method !== 'GET') return fail(res, 404, `mock has no ${method} ${path}`);
      if (doc === undefined) return fail(res, 404, `no report document ${decodeURIComponent(m[1]!)}`);
      if (m[2] === undefined) return send(res, 200, doc);
      if (m[2] === 'manifest') return send(res, 200, { document: doc.id, files: doc.files, createdMs: doc.createdMs }, { 'content-disposition': `attachment; filename="${doc.files[0]!.name}.manifest.json"` });
      if (m[2] === 'signature') return send(res, 200, Buffer.from(`mock signature of ${doc.id}`).toString('base64'), { 'content-type': 'text/plain; charset=utf-8', 'content-disposition': `attachment; filename="${doc.files[0]!.name}.sig"` });
      const name = decodeURIComponent(m[3]!);
      const file = bytes.get(doc.id)?.get(name);
      if (file === undefined) return fail(res, 404, `no file ${name} in ${doc.id}`);
      const disposition = url.searchParams.get('inline') === '1' ? 'inline' : `attachment; filename="${name}"`;
      // The server's headers for a stored file: shown as written, no scripts, nothing fetched.
      return send(res, 200, file.bytes, { 'content-type': file.mediaType, 'content-disposition': disposition, 'content-security-policy': "default-src 'none'; img-src data:; style-src 'unsafe-inline'" });
    },
  };
}
