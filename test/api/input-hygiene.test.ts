/**
 * Input hygiene through the HTTP API (issue 15, item 6), the findings of a black-box probe:
 * - one text rule for every identifier and display string (no control characters, NUL,
 *   bidirectional overrides or isolates): report ids (posted and imported), incident titles,
 *   evidence names, token names, usernames, comments (which may keep line breaks);
 * - JSON bodies are not type-coerced (`"lat":"46"` is a 400 naming the field), while query
 *   strings and path parameters still are;
 * - `from` after `to` is a 400 naming both, on every route whose query has both.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { TObject } from '@sinclair/typebox';
import { ROUTES } from '../../src/api/routes/index.js';
import { bearer, buildTestApi, SEED_START_MS, TEST_PASSWORD, type TestApi, type TestUser } from '../helpers/api.js';

let api: TestApi;
let incidentId: string;

before(async () => {
  api = await buildTestApi();
  incidentId = (await api.cases.create(api.users.FRA.analyst.principal, { title: 'Hygiene test incident', alertIds: [api.seed.COALITION.alertId] })).id;
});
after(async () => {
  await api.close();
});

async function call(user: TestUser, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  const opts: InjectOptions = { method, url, headers: { ...bearer(user), ...headers } };
  if (payload !== undefined) opts.payload = payload as string;
  return api.app.inject(opts);
}

/** Asserts a 400 whose message matches `message`. */
function assert400(res: LightMyRequestResponse, message: RegExp): void {
  assert.equal(res.statusCode, 400, res.body);
  assert.match(res.json<{ message: string }>().message, message);
}

const REPORT = { time: '2026-03-25T04:00:00Z', lat: 46.5, lon: 30.75, category: 'shelling' };
/** The probe's payload: a right-to-left override and a NUL in an id. */
const RLO_NUL = '\u202e\u0000gpj.exe';

describe('one text rule for identifiers and display strings', () => {
  test('a report id with a right-to-left override, NUL or another control is 400 naming body/id; nothing is stored', async () => {
    const u = api.users.FRA.analyst;
    assert400(await call(u, 'POST', '/api/reports', { ...REPORT, id: RLO_NUL }), /^body\/id must not contain bidirectional control characters \(U\+202E at character 1\)$/);
    assert400(await call(u, 'POST', '/api/reports', { ...REPORT, id: 'r\u0000' }), /^body\/id must not contain control characters \(U\+0000 NUL at character 2\)$/);
    for (const c of ['\u0007', '\u001b', '\u007f', '\u0085', '\u2066', '\u2069', '\u202a']) {
      assert400(await call(u, 'POST', '/api/reports', { ...REPORT, id: `hyg${c}1` }), /^body\/id must not contain (bidirectional )?control characters/);
    }
    assert.equal((await api.store.reports.list({ nation: 'FRA' }, {})).items.filter((r) => r.report.id.startsWith('hyg') || r.report.id.includes('gpj')).length, 0);
    const ok = await call(u, 'POST', '/api/reports', { ...REPORT, id: 'hyg-ok-1', source: 'Радіо Свобода', description: 'Two impacts.\nA fire at the pier.' });
    assert.equal(ok.statusCode, 201, ok.body);
  });

  test('the other text fields of a report follow the same rule; its description may keep line breaks only', async () => {
    const u = api.users.FRA.analyst;
    assert400(await call(u, 'POST', '/api/reports', { ...REPORT, id: 'hyg-2', source: 'evil\u202esource' }), /^body\/source must not contain bidirectional/);
    assert400(await call(u, 'POST', '/api/reports', { ...REPORT, id: 'hyg-2', description: 'a\tb' }), /^body\/description must not contain control characters \(U\+0009 at character 2; only line breaks are allowed\)$/);
    assert400(await call(u, 'POST', '/api/reports', { ...REPORT, id: 'hyg-2', attachments: [{ sha256: 'a'.repeat(64), name: 'x\u0000.png' }] }), /^body\/attachments\/0\/name must not contain control characters/);
  });

  test('an imported report whose id breaks the rule is rejected as bad-id, naming the character; its neighbours are imported', async () => {
    const lines = [
      { ...REPORT, id: 'hyg-import-1' },
      { ...REPORT, id: RLO_NUL },
      { ...REPORT, id: 'hyg-import-2' },
    ].map((o) => JSON.stringify(o)).join('\n');
    const res = await call(api.users.FRA.analyst, 'POST', '/api/reports/import', lines, { 'content-type': 'application/x-ndjson' });
    assert.equal(res.statusCode, 200, res.body);
    const b = res.json<{ imported: number; rejectedCount: number; rejected: { line: number; reason: string; detail: string }[] }>();
    assert.equal(b.imported, 2);
    assert.deepEqual(b.rejected.map((r) => [r.line, r.reason]), [[2, 'bad-id']]);
    assert.match(b.rejected[0]!.detail, /U\+202E at character 1/);
  });

  test('incident titles, comments, evidence names, token names and usernames follow the same rule', async () => {
    const u = api.users.FRA.analyst;
    assert400(await call(u, 'POST', '/api/incidents', { title: 'Strike \u202eat port', alertIds: [api.seed.COALITION.alertId] }), /^body\/title must not contain bidirectional/);
    assert400(await call(u, 'POST', `/api/incidents/${incidentId}/comments`, { text: 'seen\u0000' }), /^body\/text must not contain control characters \(U\+0000 NUL/);
    const comment = await call(u, 'POST', `/api/incidents/${incidentId}/comments`, { text: 'First line.\r\nSecond line.' });
    assert.equal(comment.statusCode, 201, comment.body);
    assert400(await call(u, 'POST', `/api/incidents/${incidentId}/evidence?name=${encodeURIComponent('\u202egnp.exe')}`, Buffer.from('x'), { 'content-type': 'image/png' }), /^querystring\/name must not contain bidirectional/);
    assert400(await call(u, 'POST', `/api/incidents/${incidentId}/transition`, { to: 'under-review', reason: 'why\u0007' }), /^body\/reason must not contain control characters/);
    assert400(await call(u, 'POST', '/api/tokens', { name: 'ci\u2067', scopes: ['read'], ttlDays: 1 }), /^body\/name must not contain bidirectional/);
    // A new username has a stricter pattern of its own; the login form's username has the shared rule.
    assert400(await call(api.users.FRA.admin, 'POST', '/api/users', { username: 'eve\u0000', password: TEST_PASSWORD, nation: 'FRA', roles: ['viewer'] }), /^body\/username must match pattern/);
    const login = await api.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'root\u202e', password: TEST_PASSWORD } });
    assert400(login, /^body\/username must not contain bidirectional control characters/);
  });

  test('the case service applies the same rule to callers other than the API', async () => {
    await assert.rejects(api.cases.create(api.users.FRA.analyst.principal, { title: 'x\u202e', alertIds: [api.seed.COALITION.alertId] }), /title: must not contain bidirectional control characters \(U\+202E at character 2\)/);
    await assert.rejects(api.cases.attachEvidence(api.users.FRA.analyst.principal, incidentId, { name: 'a\u0000b', mediaType: 'image/png', bytes: Buffer.from('x') }), /name: must not contain control characters/);
  });
});

describe('no type coercion of JSON bodies', () => {
  test('a string where a number, integer or boolean belongs is 400 naming the field, not coerced', async () => {
    const u = api.users.FRA.analyst;
    assert400(await call(u, 'POST', '/api/reports', { ...REPORT, id: 'hyg-coerce', lat: '46' }), /^body\/lat must be number$/);
    assert400(await call(u, 'POST', '/api/reports', { ...REPORT, id: 'hyg-coerce', lon: '30.75' }), /^body\/lon must be number$/);
    assert400(await call(u, 'POST', `/api/incidents/${incidentId}/assign`, { assignee: String(u.id) }), /^body\/assignee must be integer/);
    assert400(await call(u, 'POST', '/api/tokens', { name: 'coerce', scopes: ['read'], ttlDays: '1' }), /^body\/ttlDays must be integer$/);
    assert400(await call(api.users.FRA.admin, 'PATCH', `/api/users/${api.users.FRA.viewer.id}`, { disabled: 'false' }), /^body\/disabled must be boolean$/);
    assert400(await call(u, 'POST', '/api/tokens', { name: 'coerce', scopes: 'read', ttlDays: 1 }), /^body\/scopes must be array$/);
    assert400(await call(u, 'POST', '/api/reports', { ...REPORT, id: 7 }), /^body\/id must be string$/);
    assert.equal((await api.store.reports.list({ nation: 'FRA' }, {})).items.some((r) => r.report.id === 'hyg-coerce'), false);
  });

  test('query strings and path parameters are still read as the numbers they spell', async () => {
    const u = api.users.FRA.analyst;
    const page = await call(u, 'GET', '/api/reports?limit=1');
    assert.equal(page.statusCode, 200, page.body);
    assert.equal(page.json<{ items: unknown[] }>().items.length, 1);
    assert.equal((await call(u, 'GET', `/api/incidents?assignee=${u.id}`)).statusCode, 200);
    assert400(await call(u, 'GET', '/api/reports?limit=many'), /^querystring\/limit must be integer$/);
    const patched = await call(api.users.FRA.admin, 'PATCH', `/api/users/${api.users.FRA.viewer.id}`, { disabled: false });
    assert.equal(patched.statusCode, 200, patched.body);
  });
});

describe('from after to', () => {
  const FROM = new Date(SEED_START_MS - 3600_000).toISOString();
  const TO = new Date(SEED_START_MS + 3600_000).toISOString();
  /** Query parameters some routes need besides from and to. */
  const EXTRA: Record<string, Record<string, string>> = { '/api/observations': { entity: 'x' } };
  const concrete = (url: string): string => url.replace(':file', 'alerts.geojson');
  const withRange = ROUTES.filter((r) => {
    const props = (r.schema.querystring as TObject | undefined)?.properties ?? {};
    return r.method === 'GET' && 'from' in props && 'to' in props;
  });

  test('the routes with both are found in the route table', () => {
    const urls = withRange.map((r) => r.url).sort();
    for (const u of ['/api/alerts', '/api/audit', '/api/export/:file', '/api/incidents/suggestions', '/api/observations', '/api/reports']) assert.ok(urls.includes(u), `${u} not among ${urls.join(', ')}`);
  });

  for (const r of withRange) {
    test(`GET ${r.url}: from after to is 400 naming both; from = to is 200`, async () => {
      const user = r.action === 'audit:read' ? api.users.FRA['coalition-admin'] : api.users.FRA.analyst;
      const q = (from: string, to: string): string => new URLSearchParams({ ...EXTRA[r.url], from, to }).toString();
      assert400(await call(user, 'GET', `${concrete(r.url)}?${q(TO, FROM)}`), new RegExp(`^querystring/from, querystring/to: from \\(${TO.replace(/\./g, '\\.')}\\) is after to \\(${FROM.replace(/\./g, '\\.')}\\)$`));
      const same = await call(user, 'GET', `${concrete(r.url)}?${q(FROM, FROM)}`);
      assert.equal(same.statusCode, 200, same.body);
    });
  }

  test('a report period that ends before it starts is a 400 too', async () => {
    assert400(await call(api.users.FRA.analyst, 'POST', '/api/reports/documents', { period: 'custom', from: TO, to: FROM, format: 'json' }), /^body: from .* must be before to/);
  });
});
