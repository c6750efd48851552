/**
 * Every API route (issue 5, "What it must show"): its happy path (status and the key fields of
 * the body), its bad-input errors (400 with a message naming the field), 401 without
 * credentials, 403 for a role without the route's action, 404 for unknown ids; plus sessions
 * (login, logout), token revocation, report import, evidence round trip and its audit entry,
 * the audit chain, the OpenAPI document, the login rate limit and the body size limit.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { ROLE_ACTIONS, ROLES } from '../../src/access/roles.js';
import { buildApp } from '../../src/api/app.js';
import { ROUTES } from '../../src/api/routes/index.js';
import { AlertOutboxWorker } from '../../src/pipeline/alert-outbox-worker.js';
import { bearer, buildTestApi, SEED_START_MS, TEST_PASSWORD, type TestApi, type TestUser } from '../helpers/api.js';
import { REPO_ROOT } from '../helpers/shared-data.js';

let api: TestApi;
/** An incident of FRA (COALITION) the tests of this file change. */
let incidentId: string;

before(async () => {
  api = await buildTestApi();
  const created = await api.cases.create(api.users.FRA.analyst.principal, { title: 'Routes test incident', alertIds: [api.seed.COALITION.alertId] });
  incidentId = created.id;
});
after(async () => {
  await api.close();
});

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** A request as `user` (bearer token), or without credentials when `user` is null. */
async function call(user: TestUser | null, method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  const opts: InjectOptions = { method, url, headers: { ...(user ? bearer(user) : {}), ...headers } };
  if (payload !== undefined) opts.payload = payload as string;
  return api.app.inject(opts);
}

/** Asserts a 4xx status and that the error body's message matches `field`. */
function assertError(res: LightMyRequestResponse, status: number, field: RegExp | string): void {
  assert.equal(res.statusCode, status, res.body);
  const body = res.json<{ statusCode: number; error: string; message: string }>();
  assert.equal(body.statusCode, status);
  assert.equal(typeof body.error, 'string');
  assert.match(body.message, typeof field === 'string' ? new RegExp(field.replace(/[/]/g, '\\/')) : field);
}

const FROM = new Date(SEED_START_MS - 3600_000).toISOString();
const TO = new Date(SEED_START_MS + 3600_000).toISOString();
const UNKNOWN_SHA = '0'.repeat(64);

describe('every route: 401 without credentials, 403 for a role without its action', () => {
  for (const r of ROUTES.filter((x) => x.action !== 'public')) {
    const url = r.url.replace(/:(\w+)/g, (_, k: string) => (k === 'sha256' ? UNKNOWN_SHA : k === 'version' ? '1' : '1'));
    test(`${r.method} ${r.url}`, async () => {
      assertError(await call(null, r.method, url), 401, /authentication required/);
      const lacking = ROLES.find((role) => r.action !== 'public' && !ROLE_ACTIONS[role].includes(r.action));
      if (lacking !== undefined) assertError(await call(api.users.GBR[lacking], r.method, url, r.method === 'POST' || r.method === 'PATCH' ? {} : undefined), 403, `may not ${r.action}`);
    });
  }
});

describe('system routes', () => {
  test('GET /api/health answers ok without credentials', async () => {
    const res = await call(null, 'GET', '/api/health');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok' });
  });

  test('GET /api/openapi.json lists every route of ROUTES with its method', async () => {
    const res = await call(null, 'GET', '/api/openapi.json');
    assert.equal(res.statusCode, 200);
    const doc = res.json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
    assert.match(doc.openapi, /^3\./);
    const missing = ROUTES.filter((r) => doc.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()] === undefined).map((r) => `${r.method} ${r.url}`);
    assert.deepEqual(missing, []);
  });

  test('GET /api/agreements gives the agreement in force and its stored versions', async () => {
    const res = await call(api.users.GBR.viewer, 'GET', '/api/agreements');
    assert.equal(res.statusCode, 200);
    const b = res.json<{ current: { id: string; version: number; rules: { id: string }[]; parties: unknown[] }; versions: { version: number; releasability: string; sha256: string }[] }>();
    assert.equal(b.current.id, 'black-sea-truce');
    assert.ok(b.current.rules.some((r) => r.id === 'R1'));
    assert.equal(b.versions.length, 1);
    assert.equal(b.versions[0]!.releasability, 'COALITION');
    assert.match(b.versions[0]!.sha256, /^[0-9a-f]{64}$/);
  });

  test('GET /api/agreements/:id/versions/:version gives the YAML; 404 for an unknown version; 400 for a non-integer version', async () => {
    const ok = await call(api.users.GBR.viewer, 'GET', '/api/agreements/black-sea-truce/versions/1');
    assert.equal(ok.statusCode, 200);
    assert.match(ok.json<{ yaml: string }>().yaml, /^agreement: black-sea-truce$/m);
    assertError(await call(api.users.GBR.viewer, 'GET', '/api/agreements/black-sea-truce/versions/9'), 404, /no version 9/);
    assertError(await call(api.users.GBR.viewer, 'GET', '/api/agreements/nope/versions/1'), 404, /nope/);
    assertError(await call(api.users.GBR.viewer, 'GET', '/api/agreements/black-sea-truce/versions/x'), 400, 'params/version');
  });

  test('GET /api/feeds lists stored feed states with their releasability', async () => {
    await api.store.feeds.put({ name: 'routes-feed', kind: 'file', state: 'up', counters: { lines: 3 }, updatedMs: SEED_START_MS, originator: 'FRA', marking: { kind: 'COALITION' } });
    const res = await call(api.users.POL.viewer, 'GET', '/api/feeds');
    assert.equal(res.statusCode, 200);
    const feed = res.json<{ items: { name: string; state: string; releasability: string }[] }>().items.find((f) => f.name === 'routes-feed');
    assert.deepEqual(feed && { state: feed.state, releasability: feed.releasability }, { state: 'up', releasability: 'COALITION' });
  });

  test('GET /api/quarantine lists rejected lines and counts per feed and reason; 400 for a limit of 0', async () => {
    await api.store.quarantine.add([{ feed: 'routes-feed', reason: 'bad-checksum', detail: 'checksum 1F != 2A', line: '!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0*2A', receivedMs: SEED_START_MS, originator: 'FRA', marking: { kind: 'COALITION' } }]);
    const res = await call(api.users.FRA.viewer, 'GET', '/api/quarantine?feed=routes-feed');
    assert.equal(res.statusCode, 200);
    const b = res.json<{ items: { reason: string }[]; counts: { feed: string; reason: string; total: number }[] }>();
    assert.deepEqual(b.items.map((i) => i.reason), ['bad-checksum']);
    assert.deepEqual(b.counts.map((c) => [c.feed, c.reason, c.total]), [['routes-feed', 'bad-checksum', 1]]);
    assertError(await call(api.users.FRA.viewer, 'GET', '/api/quarantine?limit=0'), 400, 'querystring/limit');
  });
});

describe('auth, users and tokens', () => {
  test('POST /api/auth/login sets an HttpOnly SameSite=Strict session cookie and returns the CSRF token and the user', async () => {
    const res = await call(null, 'POST', '/api/auth/login', { username: 'gbr.analyst', password: TEST_PASSWORD });
    assert.equal(res.statusCode, 200, res.body);
    const b = res.json<{ csrfToken: string; expiresAt: string; user: { username: string; nation: string; roles: string[]; via: string; actions: string[] } }>();
    assert.ok(b.csrfToken.length >= 32);
    assert.ok(Date.parse(b.expiresAt) > Date.now());
    assert.deepEqual({ ...b.user, actions: undefined }, { userId: api.users.GBR.analyst.id, username: 'gbr.analyst', nation: 'GBR', roles: ['analyst'], via: 'session', actions: undefined });
    assert.ok(b.user.actions.includes('incident:create') && !b.user.actions.includes('incident:verdict'));
    const cookie = res.cookies.find((c) => c.name === 'vigil_session');
    assert.ok(cookie !== undefined);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');
    assert.equal(cookie.path, '/');
  });

  test('POST /api/auth/login with a wrong password or an unknown user is 401, the same message for both', async () => {
    const wrong = await call(null, 'POST', '/api/auth/login', { username: 'gbr.analyst', password: 'not the password at all' });
    const unknown = await call(null, 'POST', '/api/auth/login', { username: 'nobody.here', password: TEST_PASSWORD });
    assertError(wrong, 401, /wrong username or password/);
    assertError(unknown, 401, /wrong username or password/);
    assert.equal(wrong.json<{ message: string }>().message, unknown.json<{ message: string }>().message);
    assert.equal(wrong.cookies.length, 0);
  });

  test('POST /api/auth/login with a missing or empty field is 400 naming it', async () => {
    assertError(await call(null, 'POST', '/api/auth/login', { username: 'gbr.analyst' }), 400, /password/);
    assertError(await call(null, 'POST', '/api/auth/login', { username: '', password: 'x' }), 400, 'body/username');
  });

  test('POST /api/auth/logout ends the session: the cookie no longer authenticates', async () => {
    const s = await api.login(api.users.POL.viewer);
    assert.equal((await call(null, 'GET', '/api/auth/me', undefined, { cookie: s.cookie })).statusCode, 200);
    const out = await call(null, 'POST', '/api/auth/logout', undefined, { cookie: s.cookie, 'x-csrf-token': s.csrf });
    assert.equal(out.statusCode, 200);
    assert.deepEqual(out.json(), { ok: true });
    assertError(await call(null, 'GET', '/api/auth/me', undefined, { cookie: s.cookie }), 401, /authentication required/);
  });

  test('GET /api/auth/me describes the caller and the actions its token allows', async () => {
    const res = await call(api.users.GBR.verifier, 'GET', '/api/auth/me');
    assert.equal(res.statusCode, 200);
    const b = res.json<{ username: string; nation: string; via: string; actions: string[] }>();
    assert.deepEqual([b.username, b.nation, b.via], ['gbr.verifier', 'GBR', 'token']);
    assert.deepEqual(new Set(b.actions), new Set(ROLE_ACTIONS.verifier));
  });

  test('GET /api/users: a national admin sees the users of their nation, a coalition admin everyone', async () => {
    const own = await call(api.users.GBR.admin, 'GET', '/api/users');
    assert.equal(own.statusCode, 200);
    const nations = new Set(own.json<{ items: { nation: string }[] }>().items.map((u) => u.nation));
    assert.deepEqual([...nations], ['GBR']);
    const all = await call(api.users.GBR['coalition-admin'], 'GET', '/api/users');
    assert.deepEqual(new Set(all.json<{ items: { nation: string }[] }>().items.map((u) => u.nation)), new Set(['FRA', 'GBR', 'POL']));
    assert.ok(!own.body.includes('password'));
  });

  test('POST /api/users creates a user (201); bad username, nation, roles or password are 400 naming the field; a taken name is 409; another nation is 403', async () => {
    const admin = api.users.POL.admin;
    const res = await call(admin, 'POST', '/api/users', { username: 'pol.newcomer', password: TEST_PASSWORD, nation: 'POL', roles: ['analyst'] });
    assert.equal(res.statusCode, 201, res.body);
    const u = res.json<{ id: number; username: string; nation: string; roles: string[]; disabled: boolean }>();
    assert.deepEqual([u.username, u.nation, u.roles, u.disabled], ['pol.newcomer', 'POL', ['analyst'], false]);
    assertError(await call(admin, 'POST', '/api/users', { username: 'No Spaces!', password: TEST_PASSWORD, nation: 'POL', roles: ['viewer'] }), 400, 'body/username');
    assertError(await call(admin, 'POST', '/api/users', { username: 'pol.x1', password: TEST_PASSWORD, nation: 'pl', roles: ['viewer'] }), 400, 'body/nation');
    assertError(await call(admin, 'POST', '/api/users', { username: 'pol.x2', password: TEST_PASSWORD, nation: 'POL', roles: ['emperor'] }), 400, 'body/roles');
    assertError(await call(admin, 'POST', '/api/users', { username: 'pol.x3', password: 'short', nation: 'POL', roles: ['viewer'] }), 400, 'body/password');
    assertError(await call(admin, 'POST', '/api/users', { username: 'pol.newcomer', password: TEST_PASSWORD, nation: 'POL', roles: ['viewer'] }), 409, /taken/);
    assertError(await call(admin, 'POST', '/api/users', { username: 'fra.x4', password: TEST_PASSWORD, nation: 'FRA', roles: ['viewer'] }), 403, /nation/);
  });

  test('PATCH /api/users/:id disables a user (their token stops working) and re-enables them; 404 unknown; 400 bad id or body', async () => {
    const admin = api.users.GBR.admin;
    const target = (await call(admin, 'POST', '/api/users', { username: 'gbr.temp', password: TEST_PASSWORD, nation: 'GBR', roles: ['viewer'] })).json<{ id: number }>();
    const { token } = await api.access.createToken({ system: 'cli' }, { name: 't', scopes: ['read'], ttlMs: 3600_000, userId: target.id });
    assert.equal((await api.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } })).statusCode, 200);
    const off = await call(admin, 'PATCH', `/api/users/${target.id}`, { disabled: true });
    assert.equal(off.statusCode, 200, off.body);
    assert.equal(off.json<{ disabled: boolean }>().disabled, true);
    assertError(await api.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } }), 401, /revoked/);
    assert.equal((await call(admin, 'PATCH', `/api/users/${target.id}`, { disabled: false })).json<{ disabled: boolean }>().disabled, false);
    assertError(await call(admin, 'PATCH', '/api/users/999999', { disabled: true }), 404, /999999/);
    assertError(await call(admin, 'PATCH', '/api/users/abc', { disabled: true }), 400, 'params/id');
    assertError(await call(admin, 'PATCH', `/api/users/${target.id}`, { disabled: 'maybe' }), 400, 'body/disabled');
    assertError(await call(admin, 'PATCH', `/api/users/${api.users.FRA.viewer.id}`, { disabled: true }), 403, /FRA/);
  });

  test('GET /api/tokens lists the caller\'s tokens without their secrets', async () => {
    const res = await call(api.users.FRA.viewer, 'GET', '/api/tokens');
    assert.equal(res.statusCode, 200);
    const items = res.json<{ items: { id: number; userId: number; name: string }[] }>().items;
    assert.deepEqual(items.map((t) => t.id).sort(), [api.users.FRA.viewer.tokenId, api.users.FRA.viewer.spareTokenId].sort());
    assert.ok(!res.body.includes(api.users.FRA.viewer.token));
  });

  test('POST /api/tokens returns a vgl_ secret once (201); bad ttlDays, scopes or name are 400; scopes beyond the role are 403', async () => {
    const u = api.users.POL.analyst;
    const res = await call(u, 'POST', '/api/tokens', { name: 'ci', scopes: ['read', 'report:create'], ttlDays: 30 });
    assert.equal(res.statusCode, 201, res.body);
    const b = res.json<{ token: string; record: { id: number; scopes: string[]; expiresMs: number; createdMs: number } }>();
    assert.match(b.token, /^vgl_[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(b.record.scopes, ['read', 'report:create']);
    assert.equal(b.record.expiresMs - b.record.createdMs, 30 * 86_400_000);
    const me = await api.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${b.token}` } });
    assert.deepEqual(me.json<{ actions: string[] }>().actions, ['read', 'report:create']);
    assertError(await call(u, 'POST', '/api/tokens', { name: 'ci', scopes: ['read'], ttlDays: 0 }), 400, 'body/ttlDays');
    assertError(await call(u, 'POST', '/api/tokens', { name: 'ci', scopes: ['rule:the-world'], ttlDays: 1 }), 400, 'body/scopes');
    assertError(await call(u, 'POST', '/api/tokens', { name: '', scopes: ['read'], ttlDays: 1 }), 400, 'body/name');
    assertError(await call(u, 'POST', '/api/tokens', { name: 'x', scopes: ['audit:read'], ttlDays: 1 }), 403, /scopes: audit:read/);
  });

  test('DELETE /api/tokens/:id revokes a token: it no longer authenticates; 404 unknown; 400 bad id; another user\'s token is 403', async () => {
    const u = api.users.POL.verifier;
    const made = (await call(u, 'POST', '/api/tokens', { name: 'short-lived', scopes: ['read'], ttlDays: 1 })).json<{ token: string; record: { id: number } }>();
    const headers = { authorization: `Bearer ${made.token}` };
    assert.equal((await api.app.inject({ method: 'GET', url: '/api/alerts', headers })).statusCode, 200);
    const del = await call(u, 'DELETE', `/api/tokens/${made.record.id}`);
    assert.equal(del.statusCode, 200, del.body);
    assert.equal(typeof del.json<{ revokedMs: number }>().revokedMs, 'number');
    assertError(await api.app.inject({ method: 'GET', url: '/api/alerts', headers }), 401, /invalid, expired or revoked/);
    assertError(await call(u, 'DELETE', '/api/tokens/999999'), 404, /999999/);
    assertError(await call(u, 'DELETE', '/api/tokens/abc'), 400, 'params/id');
    assertError(await call(u, 'DELETE', `/api/tokens/${api.users.FRA.viewer.spareTokenId}`), 403, /owner/);
  });

  test('GET /api/audit lists entries (filter by action); 400 names a bad from or to', async () => {
    const res = await call(api.users.FRA['coalition-admin'], 'GET', '/api/audit?action=user.create&limit=5');
    assert.equal(res.statusCode, 200);
    const b = res.json<{ items: { action: string; hash: string; prevHash: string }[]; nextCursor: string | null }>();
    assert.equal(b.items.length, 5);
    assert.ok(b.items.every((e) => e.action === 'user.create' && /^[0-9a-f]{64}$/.test(e.hash)));
    assert.equal(typeof b.nextCursor, 'string');
    assertError(await call(api.users.FRA.admin, 'GET', '/api/audit?from=last%20week'), 400, 'querystring/from');
    assertError(await call(api.users.FRA.admin, 'GET', '/api/audit?to=soon'), 400, 'querystring/to');
  });

  test('GET /api/audit/verify reports an intact chain', async () => {
    const res = await call(api.users.GBR.admin, 'GET', '/api/audit/verify');
    assert.equal(res.statusCode, 200);
    const b = res.json<{ ok: boolean; entries: number }>();
    assert.equal(b.ok, true);
    assert.ok(b.entries > 30, `${b.entries} entries`);
  });
});

describe('picture routes', () => {
  test('GET /api/zones is a FeatureCollection of the agreement\'s zones with their rules', async () => {
    const res = await call(api.users.FRA.viewer, 'GET', '/api/zones');
    assert.equal(res.statusCode, 200);
    const b = res.json<{ type: string; features: { id: string; geometry: { type: string }; properties: { rules: string[] } }[] }>();
    assert.equal(b.type, 'FeatureCollection');
    const odesa = b.features.find((f) => f.id === 'odesa-approach');
    assert.ok(odesa !== undefined);
    assert.equal(odesa.geometry.type, 'Polygon');
    assert.ok(odesa.properties.rules.length > 0);
  });

  test('GET /api/tracks lists tracks with filters; 400 names a bad bbox, since or kind', async () => {
    const res = await call(api.users.FRA.viewer, 'GET', '/api/tracks?kind=vessel&bbox=30,46,31,47');
    assert.equal(res.statusCode, 200);
    const ids = res.json<{ items: { id: string; releasability: string }[] }>().items.map((t) => t.id);
    assert.deepEqual(ids.sort(), [api.seed.COALITION.trackId, api.seed['REL TO GBR'].trackId, api.seed['ORIGINATOR ONLY'].trackId].sort());
    assert.deepEqual(res.json<{ items: unknown[] }>().items.length, 3);
    assert.equal((await call(api.users.FRA.viewer, 'GET', '/api/tracks?kind=aircraft')).json<{ items: unknown[] }>().items.length, 0);
    assertError(await call(api.users.FRA.viewer, 'GET', '/api/tracks?bbox=1,2'), 400, 'querystring/bbox');
    assertError(await call(api.users.FRA.viewer, 'GET', '/api/tracks?since=recently'), 400, 'querystring/since');
    assertError(await call(api.users.FRA.viewer, 'GET', '/api/tracks?kind=submarine'), 400, 'querystring/kind');
    assertError(await call(api.users.FRA.viewer, 'GET', '/api/tracks?cursor=garbage'), 400, /cursor/);
  });

  test('GET /api/tracks/:id gives the track with its recent history; 404 unknown', async () => {
    const res = await call(api.users.GBR.viewer, 'GET', `/api/tracks/${encodeURIComponent(api.seed.COALITION.trackId)}`);
    assert.equal(res.statusCode, 200);
    const b = res.json<{ id: string; name: string; releasability: string; history: { time: string; lon: number }[] }>();
    assert.deepEqual([b.id, b.name, b.releasability], [api.seed.COALITION.trackId, 'SEED COALITION', 'COALITION']);
    assert.equal(b.history.length, 6);
    assert.equal(b.history[0]!.time, new Date(SEED_START_MS).toISOString());
    assertError(await call(api.users.GBR.viewer, 'GET', '/api/tracks/mmsi:999999999'), 404, /mmsi:999999999/);
  });

  test('GET /api/observations by entity or box over a time range; 400 names a missing range, a bad time or neither entity nor bbox', async () => {
    const byEntity = await call(api.users.FRA.viewer, 'GET', `/api/observations?entity=${encodeURIComponent(api.seed.COALITION.trackId)}&from=${FROM}&to=${TO}&limit=4`);
    assert.equal(byEntity.statusCode, 200);
    const page = byEntity.json<{ items: { entityId: string; timeMs: number }[]; nextCursor: string | null }>();
    assert.equal(page.items.length, 4);
    assert.ok(page.nextCursor !== null);
    const rest = await call(api.users.FRA.viewer, 'GET', `/api/observations?entity=${encodeURIComponent(api.seed.COALITION.trackId)}&from=${FROM}&to=${TO}&limit=4&cursor=${encodeURIComponent(page.nextCursor)}`);
    assert.equal(rest.json<{ items: unknown[] }>().items.length, 2);
    const byBox = await call(api.users.FRA.viewer, 'GET', `/api/observations?bbox=30.8,46.4,31,46.5&from=${FROM}&to=${TO}&limit=1000`);
    assert.equal(byBox.json<{ items: unknown[] }>().items.length, 18);
    assertError(await call(api.users.FRA.viewer, 'GET', `/api/observations?entity=x&from=${FROM}`), 400, /'to'/);
    assertError(await call(api.users.FRA.viewer, 'GET', `/api/observations?entity=x&from=yesterday&to=${TO}`), 400, 'querystring/from');
    assertError(await call(api.users.FRA.viewer, 'GET', `/api/observations?from=${FROM}&to=${TO}`), 400, /entity or bbox/);
  });

  test('GET /api/alerts lists alerts with filters; 400 names a bad severity, domain or time', async () => {
    const res = await call(api.users.FRA.viewer, 'GET', `/api/alerts?rule=R1&zone=odesa-approach&severity=high&domain=sea&from=${FROM}&to=${TO}`);
    assert.equal(res.statusCode, 200);
    const items = res.json<{ items: { alert: { id: string; rule: string }; releasability: string; status: string }[] }>().items;
    assert.deepEqual(items.map((a) => a.alert.id).sort(), [api.seed.COALITION.alertId, api.seed['REL TO GBR'].alertId, api.seed['ORIGINATOR ONLY'].alertId].sort());
    assert.ok(items.every((a) => a.alert.rule === 'R1' && a.status === 'closed'));
    assert.equal((await call(api.users.FRA.viewer, 'GET', '/api/alerts?rule=R9')).json<{ items: unknown[] }>().items.length, 0);
    assertError(await call(api.users.FRA.viewer, 'GET', '/api/alerts?severity=extreme'), 400, 'querystring/severity');
    assertError(await call(api.users.FRA.viewer, 'GET', '/api/alerts?domain=space'), 400, 'querystring/domain');
    assertError(await call(api.users.FRA.viewer, 'GET', '/api/alerts?from=yesterday'), 400, 'querystring/from');
    assertError(await call(api.users.FRA.viewer, 'GET', '/api/alerts?limit=5000'), 400, 'querystring/limit');
  });

  test('GET /api/alerts/:id gives one alert with its releasability as text; 404 unknown', async () => {
    const res = await call(api.users.GBR.viewer, 'GET', `/api/alerts/${api.seed['REL TO GBR'].alertId}`);
    assert.equal(res.statusCode, 200);
    const b = res.json<{ alert: { id: string }; originator: string; releasability: string; agreementId: string }>();
    assert.deepEqual([b.alert.id, b.originator, b.releasability, b.agreementId], [api.seed['REL TO GBR'].alertId, 'FRA', 'REL TO GBR', 'black-sea-truce']);
    assertError(await call(api.users.GBR.viewer, 'GET', '/api/alerts/0000000000000000'), 404, /no alert/);
  });
});

describe('report routes', () => {
  const report = { id: 'routes-report-1', time: '2026-03-25T04:00:00Z', lat: 46.5, lon: 30.75, category: 'drone-attack', party: 'RU', source: 'routes test', description: 'Drone over the port' };

  test('POST /api/reports stores a report of the caller\'s nation (201), COALITION unless marked', async () => {
    const res = await call(api.users.GBR.analyst, 'POST', '/api/reports', { ...report, marking: 'REL TO POL' });
    assert.equal(res.statusCode, 201, res.body);
    const b = res.json<{ report: { id: string; category: string; description: string }; originator: string; releasability: string; revision: number }>();
    assert.deepEqual([b.report.id, b.report.category, b.originator, b.releasability, b.revision], ['routes-report-1', 'drone-attack', 'GBR', 'REL TO POL', 1]);
    const again = await call(api.users.GBR.analyst, 'POST', '/api/reports', { ...report, id: 'routes-report-2' });
    assert.equal(again.json<{ releasability: string }>().releasability, 'COALITION');
  });

  test('POST /api/reports with a bad field is 400 naming it', async () => {
    const u = api.users.GBR.analyst;
    assertError(await call(u, 'POST', '/api/reports', { ...report, lat: 100 }), 400, 'body/lat');
    assertError(await call(u, 'POST', '/api/reports', { ...report, lon: 'east' }), 400, 'body/lon');
    assertError(await call(u, 'POST', '/api/reports', { ...report, id: '' }), 400, 'body/id');
    assertError(await call(u, 'POST', '/api/reports', { ...report, time: 'yesterday' }), 400, /time/);
    assertError(await call(u, 'POST', '/api/reports', { ...report, marking: 'SECRET' }), 400, 'body/marking');
    const { category: _c, ...noCategory } = report;
    assertError(await call(u, 'POST', '/api/reports', noCategory), 400, /category/);
  });

  test('POST /api/reports/import of JSON Lines: imported + rejected = lines', async () => {
    const text = readFileSync(join(REPO_ROOT, 'test/fixtures/in/reports-sample.jsonl'), 'utf8');
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    const withBad = `${text.trimEnd()}\n{"id":"bad-1","time":"never","lat":1,"lon":2,"category":"mine"}\nnot json at all\n`;
    const res = await call(api.users.FRA.analyst, 'POST', '/api/reports/import', withBad, { 'content-type': 'application/x-ndjson' });
    assert.equal(res.statusCode, 200, res.body);
    const b = res.json<{ imported: number; rejected: { line: number; reason: string }[] }>();
    assert.equal(b.imported + b.rejected.length, lines.length + 2);
    assert.equal(b.imported, lines.length);
    assert.deepEqual(b.rejected.map((r) => r.line), [lines.length + 1, lines.length + 2]);
    const first = JSON.parse(lines[0]!) as { id: string };
    const got = await call(api.users.POL.viewer, 'GET', `/api/reports/${first.id}`);
    assert.equal(got.statusCode, 200);
    assert.equal(got.json<{ originator: string }>().originator, 'FRA');
  });

  test('POST /api/reports/import of the ACLED sample: imported + rejected = data rows, the bad rows rejected with reasons', async () => {
    const csv = readFileSync(join(REPO_ROOT, 'test/fixtures/in/acled-sample.csv'), 'utf8');
    const rows = csv.split('\n').filter((l) => /^UKRSYN/.test(l)).length;
    const res = await call(api.users.FRA.analyst, 'POST', '/api/reports/import?marking=REL%20TO%20GBR', csv, { 'content-type': 'text/csv' });
    assert.equal(res.statusCode, 200, res.body);
    const b = res.json<{ imported: number; rejected: { reason: string }[] }>();
    assert.equal(b.imported + b.rejected.length, rows);
    assert.equal(b.rejected.length, 3);
    assert.ok(b.rejected.every((r) => r.reason.length > 0));
    const one = await call(api.users.GBR.viewer, 'GET', '/api/reports?bbox=30.7,46.4,30.8,46.6&limit=1000');
    assert.ok(one.json<{ items: { releasability: string }[] }>().items.some((r) => r.releasability === 'REL TO GBR'));
  });

  test('POST /api/reports/import of an empty body or an unknown format is 400', async () => {
    assertError(await call(api.users.FRA.analyst, 'POST', '/api/reports/import', '  \n', { 'content-type': 'text/plain' }), 400, /body: empty/);
    assertError(await call(api.users.FRA.analyst, 'POST', '/api/reports/import?format=ais', 'x', { 'content-type': 'text/plain' }), 400, 'querystring/format');
    const line = JSON.stringify({ id: 'never-stored', time: '2026-03-25T00:00:00Z', lat: 46, lon: 30, category: 'mine' });
    assertError(await call(api.users.FRA.analyst, 'POST', '/api/reports/import?marking=TOP%20SECRET', line, { 'content-type': 'application/x-ndjson' }), 400, 'querystring/marking');
    assertError(await call(api.users.FRA.analyst, 'GET', '/api/reports/never-stored'), 404, /no report/);
  });

  test('GET /api/reports lists reports with filters; 400 names a bad bbox or time', async () => {
    const res = await call(api.users.POL.viewer, 'GET', '/api/reports?category=drone-attack&from=2026-03-25T03:30:00Z&to=2026-03-25T04:30:00Z');
    assert.equal(res.statusCode, 200);
    const ids = res.json<{ items: { report: { id: string } }[] }>().items.map((r) => r.report.id);
    assert.ok(ids.includes('routes-report-1') && ids.includes('routes-report-2'), ids.join());
    assertError(await call(api.users.POL.viewer, 'GET', '/api/reports?bbox=a,b,c,d'), 400, 'querystring/bbox');
    assertError(await call(api.users.POL.viewer, 'GET', '/api/reports?to=tomorrow'), 400, 'querystring/to');
  });

  test('GET /api/reports/:id gives one report; 404 unknown', async () => {
    const res = await call(api.users.FRA.viewer, 'GET', `/api/reports/${api.seed.COALITION.reportId}`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.json<{ report: { id: string } }>().report.id, api.seed.COALITION.reportId);
    assertError(await call(api.users.FRA.viewer, 'GET', '/api/reports/no-such-report'), 404, /no report/);
  });
});

describe('incident routes', () => {
  test('POST /api/incidents opens an incident (201) whose marking is derived from its inputs', async () => {
    const res = await call(api.users.FRA.analyst, 'POST', '/api/incidents', { title: 'Two alerts', alertIds: [api.seed.COALITION.alertId, api.seed['REL TO GBR'].alertId], reportIds: [api.seed.COALITION.reportId] });
    assert.equal(res.statusCode, 201, res.body);
    const b = res.json<{ id: string; title: string; status: string; originator: string; releasability: string; alertIds: string[]; reportIds: string[]; createdBy: { username: string } }>();
    assert.match(b.id, /^inc-/);
    assert.deepEqual([b.title, b.status, b.originator, b.releasability, b.createdBy.username], ['Two alerts', 'new', 'FRA', 'REL TO GBR', 'fra.analyst']);
    assert.deepEqual(b.alertIds.sort(), [api.seed.COALITION.alertId, api.seed['REL TO GBR'].alertId].sort());
    assert.deepEqual(b.reportIds, [api.seed.COALITION.reportId]);
  });

  test('POST /api/incidents with a bad body is 400 naming the field; an unknown or invisible alert is 404', async () => {
    const u = api.users.GBR.analyst;
    assertError(await call(u, 'POST', '/api/incidents', { alertIds: [api.seed.COALITION.alertId] }), 400, /title/);
    assertError(await call(u, 'POST', '/api/incidents', { title: '', alertIds: [api.seed.COALITION.alertId] }), 400, 'body/title');
    assertError(await call(u, 'POST', '/api/incidents', { title: 'x'.repeat(201), alertIds: [api.seed.COALITION.alertId] }), 400, 'body/title');
    assertError(await call(u, 'POST', '/api/incidents', { title: 'x', alertIds: { a: 1 } }), 400, 'body/alertIds');
    assertError(await call(u, 'POST', '/api/incidents', { title: 'x', alertIds: ['a'.repeat(65)] }), 400, 'body/alertIds/0');
    assertError(await call(u, 'POST', '/api/incidents', { title: 'x' }), 400, /alertIds/);
    assertError(await call(u, 'POST', '/api/incidents', { title: 'x', alertIds: [api.seed.COALITION.alertId], marking: 'NOFORN' }), 400, 'body/marking');
    assertError(await call(u, 'POST', '/api/incidents', { title: 'x', alertIds: ['nope'] }), 404, /no alert nope/);
    assertError(await call(u, 'POST', '/api/incidents', { title: 'x', alertIds: [api.seed['ORIGINATOR ONLY'].alertId] }), 404, /no alert/);
  });

  test('GET /api/incidents lists incidents newest first with filters; 400 names a bad status', async () => {
    const res = await call(api.users.FRA.viewer, 'GET', '/api/incidents?status=new&limit=1000');
    assert.equal(res.statusCode, 200);
    const items = res.json<{ items: { id: string; status: string; createdMs: number }[] }>().items;
    assert.ok(items.some((i) => i.id === incidentId));
    assert.ok(items.every((i) => i.status === 'new'));
    for (let i = 1; i < items.length; i++) assert.ok(items[i - 1]!.createdMs >= items[i]!.createdMs);
    assertError(await call(api.users.FRA.viewer, 'GET', '/api/incidents?status=closed'), 400, 'querystring/status');
    assertError(await call(api.users.FRA.viewer, 'GET', '/api/incidents?assignee=-1'), 400, 'querystring/assignee');
  });

  test('GET /api/incidents/suggestions groups visible alerts not yet in an incident; 400 names a missing or bad time', async () => {
    await api.store.alerts.upsert([0, 1].map((i) => ({
      alert: { id: `sugg-${i}`, rule: 'R1', type: 'no-entry' as const, domain: 'sea' as const, severity: 'high' as const, entity: { kind: 'vessel' as const, id: 'mmsi:275000001' }, zone: 'odesa-approach', start: new Date(SEED_START_MS + 7200_000 + i * 600_000).toISOString(), end: null, position: { lat: 46.45, lon: 30.9 }, evidence: {} },
      agreementId: 'black-sea-truce', agreementVersion: 1, originator: 'FRA', marking: { kind: 'COALITION' as const },
    })));
    const res = await call(api.users.GBR.viewer, 'GET', `/api/incidents/suggestions?from=${new Date(SEED_START_MS + 7000_000).toISOString()}&to=${new Date(SEED_START_MS + 9000_000).toISOString()}`);
    assert.equal(res.statusCode, 200, res.body);
    const items = res.json<{ items: { alertIds: string[] }[] }>().items;
    assert.ok(items.some((s) => s.alertIds.includes('sugg-0') && s.alertIds.includes('sugg-1')), res.body);
    assertError(await call(api.users.GBR.viewer, 'GET', `/api/incidents/suggestions?from=${FROM}`), 400, /'to'/);
    assertError(await call(api.users.GBR.viewer, 'GET', `/api/incidents/suggestions?from=x&to=${TO}`), 400, 'querystring/from');
    assertError(await call(api.users.GBR.viewer, 'GET', `/api/incidents/suggestions?from=${FROM}&to=${TO}&windowMinutes=0`), 400, 'querystring/windowMinutes');
  });

  test('GET /api/incidents/:id embeds alerts, reports, comments, evidence and history; 404 unknown', async () => {
    const res = await call(api.users.GBR.viewer, 'GET', `/api/incidents/${api.seed.COALITION.incidentId}`);
    assert.equal(res.statusCode, 200);
    const b = res.json<{ id: string; alerts: { alert: { id: string } }[]; comments: { text: string }[]; evidence: { sha256: string; sizeBytes: number }[]; history: { action: string }[] }>();
    assert.equal(b.id, api.seed.COALITION.incidentId);
    assert.deepEqual(b.alerts.map((a) => a.alert.id), [api.seed.COALITION.alertId]);
    assert.deepEqual(b.comments.map((c) => c.text), ['Seed comment on COALITION']);
    assert.deepEqual(b.evidence.map((e) => [e.sha256, e.sizeBytes]), [[api.seed.COALITION.evidenceSha256, api.seed.COALITION.evidenceBytes.length]]);
    assert.deepEqual(b.history.map((h) => h.action).slice(0, 3), ['create', 'comment', 'evidence']);
    assertError(await call(api.users.GBR.viewer, 'GET', '/api/incidents/inc-unknown'), 404, /no incident/);
  });

  test('POST /api/incidents/:id/links adds reports and alerts; 400 for an empty body; 404 unknown incident or record', async () => {
    const u = api.users.GBR.analyst;
    const res = await call(u, 'POST', `/api/incidents/${incidentId}/links`, { reportIds: [api.seed.COALITION.reportId] });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json<{ reportIds: string[] }>().reportIds, [api.seed.COALITION.reportId]);
    assertError(await call(u, 'POST', `/api/incidents/${incidentId}/links`, {}), 400, /alertIds and\/or reportIds/);
    assertError(await call(u, 'POST', `/api/incidents/${incidentId}/links`, { reportIds: { x: 1 } }), 400, 'body/reportIds');
    assertError(await call(u, 'POST', '/api/incidents/inc-unknown/links', { alertIds: [api.seed.COALITION.alertId] }), 404, /no incident/);
    assertError(await call(u, 'POST', `/api/incidents/${incidentId}/links`, { alertIds: ['no-such-alert'] }), 404, /no-such-alert/);
  });

  test('POST /api/incidents/:id/assign sets and clears the assignee; 400 names a bad assignee; 404 unknown', async () => {
    const u = api.users.FRA.analyst;
    const set = await call(u, 'POST', `/api/incidents/${incidentId}/assign`, { assignee: u.id });
    assert.equal(set.statusCode, 200, set.body);
    assert.equal(set.json<{ assignee: number }>().assignee, u.id);
    assert.equal((await call(u, 'POST', `/api/incidents/${incidentId}/assign`, { assignee: null })).json<{ assignee: null }>().assignee, null);
    assertError(await call(u, 'POST', `/api/incidents/${incidentId}/assign`, { assignee: 'me' }), 400, 'body/assignee');
    assertError(await call(u, 'POST', '/api/incidents/inc-unknown/assign', { assignee: null }), 404, /no incident/);
  });

  test('POST /api/incidents/:id/comments adds a comment (201), narrowed on request; 400 names empty text or a bad marking; 404 unknown', async () => {
    const u = api.users.FRA.analyst;
    const res = await call(u, 'POST', `/api/incidents/${incidentId}/comments`, { text: 'Looks like a loiter, not an entry', marking: 'REL TO GBR' });
    assert.equal(res.statusCode, 201, res.body);
    const b = res.json<{ id: number; text: string; author: { username: string }; releasability: string; incidentId: string }>();
    assert.deepEqual([b.text, b.author.username, b.releasability, b.incidentId], ['Looks like a loiter, not an entry', 'fra.analyst', 'REL TO GBR', incidentId]);
    assertError(await call(u, 'POST', `/api/incidents/${incidentId}/comments`, { text: '' }), 400, 'body/text');
    assertError(await call(u, 'POST', `/api/incidents/${incidentId}/comments`, { text: 'x', marking: 'REL TO' }), 400, 'body/marking');
    assertError(await call(u, 'POST', '/api/incidents/inc-unknown/comments', { text: 'x' }), 404, /no incident/);
  });

  test('POST /api/incidents/:id/transition: review by an analyst, a verdict by an analyst is 403, by a verifier 200; 409 from the wrong state; 400 names a bad field; 404 unknown', async () => {
    const analyst = api.users.FRA.analyst;
    const verifier = api.users.GBR.verifier;
    assertError(await call(analyst, 'POST', `/api/incidents/${incidentId}/transition`, { to: 'verified-violation' }), 409, /cannot become/);
    const review = await call(analyst, 'POST', `/api/incidents/${incidentId}/transition`, { to: 'under-review' });
    assert.equal(review.statusCode, 200, review.body);
    assert.equal(review.json<{ status: string }>().status, 'under-review');
    assertError(await call(analyst, 'POST', `/api/incidents/${incidentId}/transition`, { to: 'verified-violation' }), 403, /incident:verdict/);
    assertError(await call(verifier, 'POST', `/api/incidents/${incidentId}/transition`, { to: 'closed' }), 400, 'body/to');
    assertError(await call(verifier, 'POST', `/api/incidents/${incidentId}/transition`, { to: 'verified-violation', confidence: { level: 'certain', reason: 'x' } }), 400, 'body/confidence');
    assertError(await call(verifier, 'POST', `/api/incidents/${incidentId}/transition`, { to: 'verified-violation', grading: { reliability: 'Z', credibility: 1 } }), 400, 'body/grading');
    const decided = await call(verifier, 'POST', `/api/incidents/${incidentId}/transition`, {
      to: 'verified-violation', attributedParty: 'RU', confidence: { level: 'medium', reason: 'AIS and radar agree' }, grading: { reliability: 'B', credibility: 2 },
    });
    assert.equal(decided.statusCode, 200, decided.body);
    const d = decided.json<{ status: string; verdict: string; attributedParty: string; confidence: { level: string }; grading: { reliability: string } }>();
    assert.deepEqual([d.status, d.verdict, d.attributedParty, d.confidence.level, d.grading.reliability], ['verified-violation', 'verified-violation', 'RU', 'medium', 'B']);
    assertError(await call(analyst, 'POST', `/api/incidents/${incidentId}/links`, { alertIds: [api.seed['REL TO GBR'].alertId] }), 409, /decided/);
    assertError(await call(verifier, 'POST', `/api/incidents/${incidentId}/transition`, { to: 'under-review' }), 400, /reason/);
    const reopened = await call(verifier, 'POST', `/api/incidents/${incidentId}/transition`, { to: 'under-review', reason: 'new radar data' });
    assert.equal(reopened.json<{ status: string; verdict: null }>().verdict, null);
    assertError(await call(verifier, 'POST', '/api/incidents/inc-unknown/transition', { to: 'under-review' }), 404, /no incident/);
  });

  test('evidence: upload (201) and download round trip with equal bytes and SHA-256, the download in /api/audit; 400 names a missing name, empty body or bad digest; 404 unknown', async () => {
    const u = api.users.FRA.analyst;
    const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 37) & 0xff));
    const sha = createHash('sha256').update(bytes).digest('hex');
    const up = await call(u, 'POST', `/api/incidents/${incidentId}/evidence?name=radar%20plot.png`, bytes, { 'content-type': 'image/png' });
    assert.equal(up.statusCode, 201, up.body);
    const rec = up.json<{ sha256: string; sizeBytes: number; mediaType: string; name: string; releasability: string }>();
    assert.deepEqual([rec.sha256, rec.sizeBytes, rec.mediaType, rec.name, rec.releasability], [sha, 3000, 'image/png', 'radar plot.png', 'COALITION']);
    const down = await call(api.users.GBR.viewer, 'GET', `/api/incidents/${incidentId}/evidence/${sha}`);
    assert.equal(down.statusCode, 200);
    assert.equal(down.headers['content-type'], 'image/png');
    assert.equal(down.headers['x-content-sha256'], sha);
    assert.match(String(down.headers['content-disposition']), /attachment; filename="radar_plot.png"/);
    assert.ok(down.rawPayload.equals(bytes));
    assert.equal(createHash('sha256').update(down.rawPayload).digest('hex'), sha);
    const audit = await call(api.users.FRA['coalition-admin'], 'GET', `/api/audit?action=evidence.read&target=${encodeURIComponent(`incident:${incidentId}`)}`);
    const reads = audit.json<{ items: { actor: string; details: { sha256: string } }[] }>().items;
    assert.ok(reads.some((e) => e.details.sha256 === sha && e.actor === `token:${api.users.GBR.viewer.tokenId}`), audit.body);
    assertError(await call(u, 'POST', `/api/incidents/${incidentId}/evidence`, bytes, { 'content-type': 'image/png' }), 400, /name/);
    assertError(await call(u, 'POST', `/api/incidents/${incidentId}/evidence?name=x`, Buffer.alloc(0), { 'content-type': 'application/octet-stream' }), 400, /body/);
    assertError(await call(u, 'POST', `/api/incidents/${incidentId}/evidence?name=x&marking=EYES`, bytes, { 'content-type': 'image/png' }), 400, 'querystring/marking');
    assertError(await call(u, 'POST', '/api/incidents/inc-unknown/evidence?name=x', bytes, { 'content-type': 'image/png' }), 404, /no incident/);
    assertError(await call(u, 'GET', `/api/incidents/${incidentId}/evidence/XYZ`), 400, 'params/sha256');
    assertError(await call(u, 'GET', `/api/incidents/${incidentId}/evidence/${UNKNOWN_SHA}`), 404, /no evidence/);
    assertError(await call(u, 'GET', `/api/incidents/inc-unknown/evidence/${sha}`), 404, /no incident/);
  });

  test('POST /api/incidents/:id/release widens an incident of one\'s nation; 400 names a bad marking or a narrowing; 403 for another nation; 404 unknown', async () => {
    const v = api.users.FRA.verifier;
    const made = await api.cases.create(v.principal, { title: 'To release', alertIds: [api.seed['REL TO GBR'].alertId] });
    const res = await call(v, 'POST', `/api/incidents/${made.id}/release`, { marking: 'REL TO GBR, POL' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json<{ releasability: string }>().releasability, 'REL TO GBR, POL');
    assert.equal((await call(api.users.POL.viewer, 'GET', `/api/incidents/${made.id}`)).statusCode, 200);
    assertError(await call(v, 'POST', `/api/incidents/${made.id}/release`, { marking: 'ORIGINATOR ONLY' }), 400, /marking: a release only widens/);
    assertError(await call(v, 'POST', `/api/incidents/${made.id}/release`, { marking: 'REL TO gb' }), 400, 'body/marking');
    assertError(await call(v, 'POST', `/api/incidents/${made.id}/release`, {}), 400, /marking/);
    assertError(await call(api.users.GBR.verifier, 'POST', `/api/incidents/${made.id}/release`, { marking: 'COALITION' }), 403, /originating nation/);
    assertError(await call(v, 'POST', '/api/incidents/inc-unknown/release', { marking: 'COALITION' }), 404, /no incident/);
  });
});

describe('notification routes', () => {
  test('subscription: GET (none), POST subscribes, GET shows it, DELETE unsubscribes; 400 names a bad severity or webhook URL', async () => {
    const u = api.users.POL.viewer;
    assert.deepEqual((await call(u, 'GET', '/api/notifications/subscription')).json(), {});
    const sub = await call(u, 'POST', '/api/notifications/subscription', { minSeverity: 'medium', webhookUrl: 'https://ops.example.org/vigil' });
    assert.equal(sub.statusCode, 200, sub.body);
    const s = sub.json<{ userId: number; nation: string; minSeverity: string; webhookUrl: string }>();
    assert.deepEqual([s.userId, s.nation, s.minSeverity, s.webhookUrl], [u.id, 'POL', 'medium', 'https://ops.example.org/vigil']);
    assert.equal((await call(u, 'GET', '/api/notifications/subscription')).json<{ minSeverity: string }>().minSeverity, 'medium');
    assertError(await call(u, 'POST', '/api/notifications/subscription', { minSeverity: 'urgent' }), 400, 'body/minSeverity');
    assertError(await call(u, 'POST', '/api/notifications/subscription', { webhookUrl: 'http://ops.example.org/x' }), 400, 'webhookUrl: must be https');
    assertError(await call(u, 'POST', '/api/notifications/subscription', { webhookUrl: 'https://10.0.0.5/x' }), 400, 'webhookUrl: 10.0.0.5 is a local or private address');
    const del = await call(u, 'DELETE', '/api/notifications/subscription');
    assert.deepEqual([del.statusCode, del.json()], [200, { ok: true }]);
    assert.deepEqual((await call(u, 'GET', '/api/notifications/subscription')).json(), {});
  });

  test('inbox: an inbox subscriber gets new alerts, clears them; 400 names a bad lastId or limit', async () => {
    const u = api.users.GBR.analyst;
    const worker = new AlertOutboxWorker(api.store, api.notifier);
    while ((await worker.runOnce()) > 0); // alerts from before the subscription are not new to it
    await call(u, 'POST', '/api/notifications/subscription', { minSeverity: 'high' });
    await api.store.alerts.upsert([{ alert: { id: 'notify-1', rule: 'R1', type: 'no-entry', domain: 'sea', severity: 'high', entity: { kind: 'vessel', id: 'mmsi:276000001' }, zone: null, start: new Date(SEED_START_MS).toISOString(), end: null, position: { lat: 46, lon: 31 }, evidence: {} }, agreementId: 'black-sea-truce', agreementVersion: 1, originator: 'FRA', marking: { kind: 'COALITION' } }]);
    while ((await worker.runOnce()) > 0);
    const inbox = await call(u, 'GET', '/api/notifications/inbox');
    assert.equal(inbox.statusCode, 200);
    const items = inbox.json<{ items: { id: number; alertId: string }[] }>().items;
    assert.deepEqual(items.map((i) => i.alertId), ['notify-1']);
    const clear = await call(u, 'POST', '/api/notifications/inbox/clear', { lastId: items[0]!.id });
    assert.deepEqual([clear.statusCode, clear.json()], [200, { ok: true }]);
    assert.deepEqual((await call(u, 'GET', '/api/notifications/inbox')).json<{ items: unknown[] }>().items, []);
    assertError(await call(u, 'POST', '/api/notifications/inbox/clear', { lastId: 0 }), 400, 'body/lastId');
    assertError(await call(u, 'GET', '/api/notifications/inbox?limit=0'), 400, 'querystring/limit');
  });
});

describe('stream route', () => {
  test('GET /api/stream answers text/event-stream with a hello naming the nation; 400 names a bad bbox', async () => {
    const base = await api.app.listen({ port: 0, host: '127.0.0.1' });
    const first = await new Promise<{ status: number; type: string; text: string }>((resolve, reject) => {
      const req = http.get(`${base}/api/stream?topics=alerts`, { headers: bearer(api.users.GBR.viewer) }, (res) => {
        res.setEncoding('utf8');
        res.once('data', (chunk: string) => {
          resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), text: chunk });
          req.destroy();
        });
      });
      req.on('error', (e) => { if ((e as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(e); });
    });
    assert.equal(first.status, 200);
    assert.match(first.type, /^text\/event-stream/);
    assert.match(first.text, /^event: hello\ndata: \{"nation":"GBR","topics":\["alerts"\]\}\n\n/);
    assertError(await call(api.users.GBR.viewer, 'GET', '/api/stream?bbox=1,2,3'), 400, 'querystring/bbox');
  });
});

describe('limits and errors', () => {
  test('an unknown route is 404 with the error body', async () => {
    assertError(await call(api.users.FRA.viewer, 'GET', '/api/nothing-here'), 404, /no route GET \/api\/nothing-here/);
  });

  test('every paged route answers a cursor it did not issue with 400 naming the cursor (not 500)', async () => {
    const u = api.users.FRA['coalition-admin'];
    const urls = [
      '/api/tracks', '/api/alerts', '/api/reports', '/api/incidents', '/api/quarantine', '/api/audit', '/api/notifications/inbox',
      `/api/observations?entity=x&from=${FROM}&to=${TO}`, `/api/observations?bbox=30,46,31,47&from=${FROM}&to=${TO}`,
    ];
    for (const url of urls) assertError(await call(u, 'GET', `${url}${url.includes('?') ? '&' : '?'}cursor=garbage`), 400, /cursor/);
  });

  test('a JSON body over 1 MiB is 413', async () => {
    const res = await call(api.users.FRA.analyst, 'POST', '/api/reports', { id: 'big', time: '2026-03-25T00:00:00Z', lat: 1, lon: 1, category: 'mine', description: 'x'.repeat((1 << 20) + 10) });
    assert.equal(res.statusCode, 413, res.body.slice(0, 200));
    assert.equal(res.json<{ statusCode: number }>().statusCode, 413);
  });

  test('login is limited to 20 requests a minute per client: the 21st is 429', async () => {
    // A fresh app over the same context: its own rate-limit counters.
    const app = await buildApp(api.ctx);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 21; i++) {
        const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody.here', password: 'wrong password here' } });
        statuses.push(res.statusCode);
      }
      assert.deepEqual(statuses.slice(0, 20), Array(20).fill(401));
      assert.equal(statuses[20], 429);
      assert.equal((await app.inject({ method: 'GET', url: '/api/health' })).statusCode, 200);
    } finally {
      await app.close();
    }
  });
});
