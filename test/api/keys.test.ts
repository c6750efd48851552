/**
 * `GET /api/keys` (issue 12 item 4): the node's report-signing public key, as the data
 * directory holds it, to any authenticated caller; a report signed with the node key verifies
 * with the key the API hands out.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { ROLES } from '../../src/access/roles.js';
import { nodeKeyPaths } from '../../src/report/signing/node-key.js';
import { signReport, verifyReport } from '../../src/report/signing/sign-report.js';
import { bearer, buildTestApi, type TestApi } from '../helpers/api.js';

let api: TestApi;
before(async () => {
  api = await buildTestApi();
});
after(async () => {
  await api.close();
});

interface KeysBody {
  keys: { id: string; algorithm: string; publicKey: string; use: string }[];
}

test('every role of every nation gets the node key: id, Ed25519, the PEM of DATA/keys/node-ed25519.pub.pem, report-signing', async () => {
  const pem = readFileSync(nodeKeyPaths(api.dataDir).publicKey, 'utf8');
  for (const nation of ['FRA', 'GBR', 'POL'] as const) {
    for (const role of ROLES) {
      const res = await api.app.inject({ method: 'GET', url: '/api/keys', headers: bearer(api.users[nation][role]) });
      assert.equal(res.statusCode, 200, `${nation} ${role}: ${res.body}`);
      assert.deepEqual(res.json<KeysBody>(), { keys: [{ id: api.ctx.nodeKey.keyId, algorithm: 'Ed25519', publicKey: pem, use: 'report-signing' }] });
    }
  }
  assert.match(api.ctx.nodeKey.keyId, /^ed25519:[0-9a-f]{16}$/);
});

test('a session login also reads it; without credentials it is 401', async () => {
  const s = await api.login(api.users.GBR.viewer);
  const res = await api.app.inject({ method: 'GET', url: '/api/keys', headers: { cookie: s.cookie } });
  assert.equal(res.statusCode, 200);
  const anon = await api.app.inject({ method: 'GET', url: '/api/keys' });
  assert.equal(anon.statusCode, 401);
  assert.equal(anon.json<{ statusCode: number }>().statusCode, 401);
});

test('a report signed by the node verifies with the key from the API', async () => {
  const res = await api.app.inject({ method: 'GET', url: '/api/keys', headers: bearer(api.users.GBR.viewer) });
  const [key] = res.json<KeysBody>().keys;
  assert.ok(key);
  const doc = Buffer.from('<h1>Daily</h1>');
  const { manifest, signature } = signReport([{ name: 'report.html', bytes: doc }], {
    agreement: { id: api.agreement.id, version: api.agreement.version }, period: { kind: 'daily', from: '2026-03-24T00:00:00Z', to: '2026-03-25T00:00:00Z' },
    preparedFor: 'GBR', marking: 'COALITION', generator: { name: 'vigil', version: '0.1.0' }, generatedAt: '2026-03-25T00:00:00Z',
  }, api.ctx.nodeKey);
  const r = verifyReport(new Map([['report.html', doc]]), manifest, signature, [key.publicKey]);
  assert.equal(r.ok, true, r.ok ? '' : r.reason);
  assert.equal(r.ok && r.keyId, key.id);
});

test('the OpenAPI document describes GET /api/keys', async () => {
  const res = await api.app.inject({ method: 'GET', url: '/api/openapi.json' });
  const doc = res.json<{ paths: Record<string, { get?: { summary?: string } }> }>();
  assert.equal(doc.paths['/api/keys']?.get?.summary, 'Public keys of this node (report signing)');
});
