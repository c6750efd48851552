/**
 * The authorization matrix (issue 5, "What it must show"): generated from the route table
 * `ROUTES`, it calls every route as every role of FRA and GBR — and, for routes whose `:id`
 * addresses a seeded record, once per releasability marking — and asserts allow/deny:
 * - no credentials → 401 (public routes excepted), even with an invalid body;
 * - a caller whose roles lack the route's action → 403, even with an invalid body and even
 *   for a record it could not see (authorization before validation and before lookup);
 * - a caller with the action → the route's success status, and for record routes 2xx iff
 *   the FRA record is releasable to the caller's nation, else 404.
 * A route missing from PATH_PARAMS or REQUESTS, or with an action outside ACTIONS, fails.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import type { InjectOptions } from 'fastify';
import { signCheckpoint } from '../../src/access/audit-checkpoint.js';
import { ACTIONS, ROLE_ACTIONS, ROLES, type Role } from '../../src/access/roles.js';
import type { RouteDef } from '../../src/api/route.js';
import { ROUTES } from '../../src/api/routes/index.js';
import { releasableTo } from '../../src/store/marking.js';
import { bearer, buildTestApi, MARKINGS, SEED_START_MS, TEST_PASSWORD, type MarkingText, type TestApi, type TestNation, type TestUser } from '../helpers/api.js';

/** Nations of the callers: the originator of every seeded record, and another nation. */
const CALLER_NATIONS = ['FRA', 'GBR'] as const satisfies readonly TestNation[];

type RecordKind = 'alert' | 'report' | 'track' | 'incident' | 'document';

/** Path parameters per route url; `null`: the url has none. Record routes take the marking's seeded record. */
type ParamFn = (api: TestApi, caller: TestUser, m: MarkingText) => Record<string, string>;
const PATH_PARAMS: Record<string, { record?: RecordKind; params: ParamFn } | null> = {
  '/api/health': null,
  '/api/health/ready': null,
  '/metrics': null,
  '/api/openapi.json': null,
  '/api/agreements': null,
  '/api/agreements/:id/versions/:version': { params: (api) => ({ id: api.agreement.id, version: String(api.agreement.version) }) },
  '/api/feeds': null,
  '/api/quarantine': null,
  '/api/keys': null,
  '/api/auth/login': null,
  '/api/auth/logout': null,
  '/api/auth/me': null,
  '/api/users': null,
  '/api/users/:id': { params: (api, c) => ({ id: String(api.users[c.nation].viewer.id) }) },
  '/api/tokens': null,
  '/api/tokens/:id': { params: (_api, c) => ({ id: String(c.spareTokenId) }) },
  '/api/audit': null,
  '/api/audit/verify': null,
  '/api/audit/checkpoint': null,
  '/api/zones': null,
  '/api/tracks': null,
  '/api/tracks/:id': { record: 'track', params: (api, _c, m) => ({ id: api.seed[m].trackId }) },
  '/api/observations': null,
  '/api/alerts': null,
  '/api/alerts/:id': { record: 'alert', params: (api, _c, m) => ({ id: api.seed[m].alertId }) },
  '/api/reports': null,
  '/api/reports/import': null,
  '/api/reports/:id': { record: 'report', params: (api, _c, m) => ({ id: api.seed[m].reportId }) },
  '/api/reports/documents': null,
  '/api/reports/documents/:id': { record: 'document', params: (api, _c, m) => ({ id: api.seed[m].documentId }) },
  '/api/reports/documents/:id/files/:name': { record: 'document', params: (api, _c, m) => ({ id: api.seed[m].documentId, name: 'seed.json' }) },
  '/api/reports/documents/:id/manifest': { record: 'document', params: (api, _c, m) => ({ id: api.seed[m].documentId }) },
  '/api/reports/documents/:id/signature': { record: 'document', params: (api, _c, m) => ({ id: api.seed[m].documentId }) },
  '/api/incidents': null,
  '/api/incidents/suggestions': null,
  '/api/incidents/:id': { record: 'incident', params: (api, _c, m) => ({ id: api.seed[m].incidentId }) },
  '/api/incidents/:id/links': { record: 'incident', params: (api, _c, m) => ({ id: api.seed[m].incidentId }) },
  '/api/incidents/:id/transition': { record: 'incident', params: (api, _c, m) => ({ id: api.seed[m].incidentId }) },
  '/api/incidents/:id/assign': { record: 'incident', params: (api, _c, m) => ({ id: api.seed[m].incidentId }) },
  '/api/incidents/:id/comments': { record: 'incident', params: (api, _c, m) => ({ id: api.seed[m].incidentId }) },
  '/api/incidents/:id/evidence': { record: 'incident', params: (api, _c, m) => ({ id: api.seed[m].incidentId }) },
  '/api/incidents/:id/evidence/:sha256': { record: 'incident', params: (api, _c, m) => ({ id: api.seed[m].incidentId, sha256: api.seed[m].evidenceSha256 }) },
  '/api/incidents/:id/release': { record: 'incident', params: (api, _c, m) => ({ id: api.seed[m].incidentId }) },
  '/api/notifications/subscription': null,
  '/api/notifications/inbox': null,
  '/api/notifications/inbox/clear': null,
  '/api/export/:file': { params: () => ({ file: 'alerts.geojson' }) },
  '/api/ogc': null,
  '/api/ogc/conformance': null,
  '/api/ogc/collections': null,
  '/api/ogc/collections/:collectionId': { params: () => ({ collectionId: 'tracks' }) },
  '/api/ogc/collections/:collectionId/items': { params: () => ({ collectionId: 'tracks' }) },
  '/api/ogc/collections/:collectionId/items/:featureId': { record: 'track', params: (api, _c, m) => ({ collectionId: 'tracks', featureId: api.seed[m].trackId }) },
  '/api/stream': null,
};

interface Call {
  query?: Record<string, string>;
  payload?: unknown;
  contentType?: string;
}

interface Expectation {
  /** A minimal valid request for an allowed caller. */
  call(api: TestApi, caller: TestUser, m: MarkingText): Call;
  /**
   * The exact status an allowed caller gets. `visible`: the record is releasable to the
   * caller (always true for routes that address no record). Default: `ok` if visible, else 404.
   */
  status?(caller: TestUser, m: MarkingText, visible: boolean): number;
  ok: number;
  /** Served as a stream: checked over a real connection. */
  stream?: boolean;
}

const FROM = new Date(SEED_START_MS - 3600_000).toISOString();
const TO = new Date(SEED_START_MS + 3600_000).toISOString();
let seq = 0;

/** Incidents already moved to under-review by the matrix (the next transition of the same kind is a 409). */
const reviewed = new Set<MarkingText>();

const REQUESTS: Record<string, Expectation> = {
  'GET /api/health': { ok: 200, call: () => ({}) },
  'GET /api/health/ready': { ok: 200, call: () => ({}) },
  'GET /metrics': { ok: 200, call: () => ({}) },
  'GET /api/openapi.json': { ok: 200, call: () => ({}) },
  'GET /api/agreements': { ok: 200, call: () => ({}) },
  'GET /api/agreements/:id/versions/:version': { ok: 200, call: () => ({}) },
  'GET /api/feeds': { ok: 200, call: () => ({}) },
  'GET /api/quarantine': { ok: 200, call: () => ({}) },
  'GET /api/keys': { ok: 200, call: () => ({}) },
  'POST /api/auth/login': { ok: 200, call: (api) => ({ payload: { username: api.users.FRA.viewer.username, password: TEST_PASSWORD } }) },
  'POST /api/auth/logout': { ok: 200, call: () => ({}) },
  'GET /api/auth/me': { ok: 200, call: () => ({}) },
  'GET /api/users': { ok: 200, call: () => ({}) },
  'POST /api/users': { ok: 201, call: (_api, c) => ({ payload: { username: `matrix.${c.nation.toLowerCase()}.${++seq}`, password: TEST_PASSWORD, nation: c.nation, roles: ['viewer'] } }) },
  'PATCH /api/users/:id': { ok: 200, call: () => ({ payload: { disabled: false } }) },
  'GET /api/tokens': { ok: 200, call: () => ({}) },
  'POST /api/tokens': { ok: 201, call: () => ({ payload: { name: 'matrix', scopes: ['read'], ttlDays: 1 } }) },
  'DELETE /api/tokens/:id': { ok: 200, call: () => ({}) },
  'GET /api/audit': { ok: 200, call: () => ({}) },
  'GET /api/audit/verify': { ok: 200, call: () => ({}) },
  'GET /api/audit/checkpoint': { ok: 200, call: () => ({}) },
  'POST /api/audit/verify': { ok: 200, call: (api) => ({ payload: signCheckpoint(api.audit.head(), Date.now(), api.ctx.nodeKey) }) },
  'GET /api/zones': { ok: 200, call: () => ({}) },
  'GET /api/tracks': { ok: 200, call: () => ({}) },
  'GET /api/tracks/:id': { ok: 200, call: () => ({}) },
  'GET /api/observations': { ok: 200, call: (api) => ({ query: { entity: api.seed.COALITION.trackId, from: FROM, to: TO } }) },
  'GET /api/alerts': { ok: 200, call: () => ({}) },
  'GET /api/alerts/:id': { ok: 200, call: () => ({}) },
  'POST /api/reports': { ok: 201, call: (_api, c) => ({ payload: { id: `matrix-${c.nation}-${c.role}`, time: FROM, lat: 46.4, lon: 30.8, category: 'shelling' } }) },
  'POST /api/reports/import': {
    ok: 200,
    call: (_api, c) => ({ contentType: 'application/x-ndjson', payload: `${JSON.stringify({ id: `matrix-import-${c.nation}-${c.role}`, time: FROM, lat: 46.4, lon: 30.8, category: 'shelling' })}\n` }),
  },
  'GET /api/reports': { ok: 200, call: () => ({}) },
  'GET /api/reports/:id': { ok: 200, call: () => ({}) },
  'POST /api/reports/documents': { ok: 201, call: () => ({ payload: { period: 'daily', from: FROM.slice(0, 10), format: 'json' } }) },
  'GET /api/reports/documents': { ok: 200, call: () => ({}) },
  'GET /api/reports/documents/:id': { ok: 200, call: () => ({}) },
  'GET /api/reports/documents/:id/files/:name': { ok: 200, call: () => ({}) },
  'GET /api/reports/documents/:id/manifest': { ok: 200, call: () => ({}) },
  'GET /api/reports/documents/:id/signature': { ok: 200, call: () => ({}) },
  'GET /api/incidents': { ok: 200, call: () => ({}) },
  'POST /api/incidents': { ok: 201, call: (api) => ({ payload: { title: 'matrix incident', alertIds: [api.seed.COALITION.alertId] } }) },
  'GET /api/incidents/suggestions': { ok: 200, call: () => ({ query: { from: FROM, to: TO } }) },
  'GET /api/incidents/:id': { ok: 200, call: () => ({}) },
  // Linking the incident's own alert again changes nothing: allowed, and the matrix leaves the incident as seeded.
  'POST /api/incidents/:id/links': { ok: 200, call: (api, _c, m) => ({ payload: { alertIds: [api.seed[m].alertId] } }) },
  // new → under-review needs only incident:edit; once reviewed, the same step is a 409 conflict (a business refusal).
  'POST /api/incidents/:id/transition': {
    ok: 200,
    call: () => ({ payload: { to: 'under-review' } }),
    status(_c, m, visible) {
      if (!visible) return 404;
      if (reviewed.has(m)) return 409;
      reviewed.add(m);
      return 200;
    },
  },
  'POST /api/incidents/:id/assign': { ok: 200, call: () => ({ payload: { assignee: null } }) },
  'POST /api/incidents/:id/comments': { ok: 201, call: () => ({ payload: { text: 'matrix comment' } }) },
  'POST /api/incidents/:id/evidence': { ok: 201, call: () => ({ query: { name: 'matrix.bin' }, contentType: 'application/octet-stream', payload: Buffer.from('matrix evidence') }) },
  'GET /api/incidents/:id/evidence/:sha256': { ok: 200, call: () => ({}) },
  // Releasing to the marking it already has is a no-op; only the originating nation may release (a business 403 otherwise).
  'POST /api/incidents/:id/release': {
    ok: 200,
    call: (_api, _c, m) => ({ payload: { marking: m } }),
    status: (c, _m, visible) => (!visible ? 404 : c.nation === 'FRA' ? 200 : 403),
  },
  'GET /api/export/:file': { ok: 200, call: () => ({}) },
  'GET /api/notifications/subscription': { ok: 200, call: () => ({}) },
  'POST /api/notifications/subscription': { ok: 200, call: () => ({ payload: { minSeverity: 'high' } }) },
  'DELETE /api/notifications/subscription': { ok: 200, call: () => ({}) },
  'GET /api/notifications/inbox': { ok: 200, call: () => ({}) },
  'POST /api/notifications/inbox/clear': { ok: 200, call: () => ({ payload: { lastId: 1 } }) },
  'GET /api/ogc': { ok: 200, call: () => ({}) },
  'GET /api/ogc/conformance': { ok: 200, call: () => ({}) },
  'GET /api/ogc/collections': { ok: 200, call: () => ({}) },
  'GET /api/ogc/collections/:collectionId': { ok: 200, call: () => ({}) },
  'GET /api/ogc/collections/:collectionId/items': { ok: 200, call: () => ({ query: { limit: '1' } }) },
  'GET /api/ogc/collections/:collectionId/items/:featureId': { ok: 200, call: () => ({}) },
  'GET /api/stream': { ok: 200, call: () => ({}), stream: true },
};

const keyOf = (r: RouteDef): string => `${r.method} ${r.url}`;
const holds = (role: Role, r: RouteDef): boolean => r.action === 'public' || ROLE_ACTIONS[role].includes(r.action);
const pathOf = (url: string, params: Record<string, string>): string => url.replace(/:(\w+)/g, (_, k: string) => {
  const v = params[k];
  if (v === undefined) throw new Error(`no value for :${k} of ${url}`);
  return encodeURIComponent(v);
});

let api: TestApi;
let base: string;

before(async () => {
  api = await buildTestApi();
  base = await api.app.listen({ port: 0, host: '127.0.0.1' });
});
after(async () => {
  await api.close();
});

/** Opens the stream, returns the status and content type, and disconnects. */
function openStream(path: string, headers: Record<string, string>): Promise<{ status: number; contentType: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}${path}`, { headers }, (res) => {
      const out = { status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? '') };
      res.destroy();
      req.destroy();
      resolve(out);
    });
    req.on('error', reject);
  });
}

function inject(method: RouteDef['method'], path: string, headers: Record<string, string>, call: Call): InjectOptions {
  const q = call.query ? `?${new URLSearchParams(call.query).toString()}` : '';
  const h: Record<string, string> = { ...headers };
  if (call.contentType !== undefined) h['content-type'] = call.contentType;
  return { method, url: `${path}${q}`, headers: h, ...(call.payload !== undefined ? { payload: call.payload as string } : {}) };
}

/** A request whose body and query are missing or invalid: if validation ran before authorization, it would be a 400. */
function invalidCall(r: RouteDef): Call {
  return r.method === 'POST' || r.method === 'PATCH' ? { payload: { unexpected: true } } : {};
}

describe('the route table', () => {
  test('every route has a rule in the matrix tables and an action from ACTIONS or public', () => {
    const missing: string[] = [];
    for (const r of ROUTES) {
      if (!(r.url in PATH_PARAMS)) missing.push(`${r.url}: no entry in PATH_PARAMS`);
      if (!(keyOf(r) in REQUESTS)) missing.push(`${keyOf(r)}: no entry in REQUESTS`);
      if (r.action !== 'public' && !(ACTIONS as readonly string[]).includes(r.action)) missing.push(`${keyOf(r)}: action "${r.action}" is not in ACTIONS`);
      if (r.url.includes(':') && PATH_PARAMS[r.url] === null) missing.push(`${r.url}: has parameters but PATH_PARAMS gives none`);
    }
    assert.deepEqual(missing, []);
  });

  test('the matrix tables name no route that is not in ROUTES (a removed route leaves no stale rule)', () => {
    const urls = new Set(ROUTES.map((r) => r.url));
    const keys = new Set(ROUTES.map(keyOf));
    assert.deepEqual(Object.keys(PATH_PARAMS).filter((u) => !urls.has(u)), []);
    assert.deepEqual(Object.keys(REQUESTS).filter((k) => !keys.has(k)), []);
  });

  test('only login, liveness, readiness (counts only, see test/ops) and the OpenAPI document are public', () => {
    assert.deepEqual(ROUTES.filter((r) => r.action === 'public').map(keyOf).sort(), ['GET /api/health', 'GET /api/health/ready', 'GET /api/openapi.json', 'POST /api/auth/login']);
  });
});

for (const route of ROUTES) {
  const key = keyOf(route);
  const pathRule = PATH_PARAMS[route.url];
  const expectation = REQUESTS[key];
  if (pathRule === undefined || expectation === undefined) continue; // reported by 'every route has a rule'
  const markings: readonly (MarkingText | undefined)[] = pathRule?.record !== undefined ? MARKINGS : [undefined];

  describe(key, () => {
    test(route.action === 'public' ? 'answers without credentials' : 'answers 401 without credentials, even to an invalid request', async () => {
      const caller = api.users.FRA.viewer;
      const m = markings[0] ?? 'COALITION';
      const path = pathOf(route.url, pathRule?.params(api, caller, m) ?? {});
      if (route.action === 'public') {
        const res = await api.app.inject(inject(route.method, path, {}, expectation.call(api, caller, m)));
        assert.equal(res.statusCode, expectation.ok, res.body);
        return;
      }
      for (const headers of [{}, { authorization: 'Bearer vgl_not-a-token' }, { authorization: 'Basic Zm9vOmJhcg==' }, { cookie: 'vigil_session=forged' }]) {
        const res = await api.app.inject(inject(route.method, path, headers, invalidCall(route)));
        assert.equal(res.statusCode, 401, `${JSON.stringify(headers)}: ${res.body}`);
        assert.equal((res.json() as { statusCode: number }).statusCode, 401);
      }
    });

    if (route.action === 'public') return;
    for (const nation of CALLER_NATIONS) {
      for (const role of ROLES) {
        for (const m of markings) {
          const allowed = holds(role, route);
          const outcome = !allowed ? '403' : m === 'ORIGINATOR ONLY' && nation !== 'FRA' ? '404 (not releasable)' : 'allowed';
          const name = `${nation} ${role}${m !== undefined ? ` on an FRA ${m} ${pathRule?.record}` : ''} → ${outcome}`;
          test(name, async () => {
            const caller = api.users[nation][role];
            const mk = m ?? 'COALITION';
            const vis = m === undefined || releasableTo(api.seed[m].marking, 'FRA', nation);
            const path = pathOf(route.url, pathRule?.params(api, caller, mk) ?? {});
            if (!allowed) {
              const res = await api.app.inject(inject(route.method, path, bearer(caller), invalidCall(route)));
              assert.equal(res.statusCode, 403, res.body);
              assert.match((res.json() as { message: string }).message, new RegExp(`may not ${route.action}`));
              return;
            }
            const call = expectation.call(api, caller, mk);
            if (expectation.stream === true) {
              const s = await openStream(path, bearer(caller));
              assert.equal(s.status, expectation.ok);
              assert.match(s.contentType, /^text\/event-stream/);
              return;
            }
            const want = expectation.status?.(caller, mk, vis) ?? (vis ? expectation.ok : 404);
            const res = await api.app.inject(inject(route.method, path, bearer(caller), call));
            assert.equal(res.statusCode, want, `${route.method} ${path}: ${res.body.slice(0, 300)}`);
            if (want === 404) assert.doesNotMatch(res.body, /seed (evidence|comment)|Seed incident/);
          });
        }
      }
    }
  });
}

describe('session credentials and token scopes', () => {
  test('a session cookie without x-csrf-token cannot POST (403), with a wrong one neither, with the right one it can', async () => {
    const s = await api.login(api.users.FRA.analyst);
    const url = `/api/incidents/${api.seed.COALITION.incidentId}/comments`;
    const none = await api.app.inject({ method: 'POST', url, headers: { cookie: s.cookie }, payload: { text: 'no csrf' } });
    assert.equal(none.statusCode, 403);
    assert.match(none.json<{ message: string }>().message, /x-csrf-token/);
    const wrong = await api.app.inject({ method: 'POST', url, headers: { cookie: s.cookie, 'x-csrf-token': `${s.csrf}x` }, payload: { text: 'wrong csrf' } });
    assert.equal(wrong.statusCode, 403);
    const right = await api.app.inject({ method: 'POST', url, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload: { text: 'right csrf' } });
    assert.equal(right.statusCode, 201, right.body);
  });

  test('a session cookie without x-csrf-token still reads (GET needs no CSRF token)', async () => {
    const s = await api.login(api.users.GBR.viewer);
    const res = await api.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json<{ nation: string; via: string }>().nation, 'GBR');
  });

  test('a CSRF token of another session is refused', async () => {
    const a = await api.login(api.users.FRA.verifier);
    const b = await api.login(api.users.FRA.analyst);
    const res = await api.app.inject({ method: 'POST', url: '/api/reports', headers: { cookie: a.cookie, 'x-csrf-token': b.csrf }, payload: { id: 'csrf-x', time: FROM, lat: 46, lon: 30, category: 'shelling' } });
    assert.equal(res.statusCode, 403);
  });

  test('a token scoped to read only is refused (403) on every report:create route, though its user is a verifier', async () => {
    const u = api.users.FRA.verifier;
    const { token } = await api.access.createToken({ system: 'cli' }, { name: 'read-only', scopes: ['read'], ttlMs: 3600_000, userId: u.id });
    const headers = { authorization: `Bearer ${token}` };
    const routes = ROUTES.filter((r) => r.action === 'report:create');
    assert.ok(routes.length >= 2);
    for (const r of routes) {
      const call = REQUESTS[keyOf(r)]!.call(api, u, 'COALITION');
      const res = await api.app.inject(inject(r.method, r.url, headers, call));
      assert.equal(res.statusCode, 403, `${keyOf(r)}: ${res.body}`);
    }
    const read = await api.app.inject({ method: 'GET', url: '/api/reports', headers });
    assert.equal(read.statusCode, 200);
  });
});
