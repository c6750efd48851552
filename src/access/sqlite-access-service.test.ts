import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { PasswordHasher } from './password-hasher.js';
import { AccessError } from './ports.js';
import { can, type Principal } from './roles.js';
import { sha256Hex } from './secrets.js';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, SqliteAccessService } from './sqlite-access-service.js';

const T0 = Date.UTC(2026, 2, 25, 6, 0, 0);
const DAY_MS = 24 * 3600 * 1000;
const PW = 'correct horse battery';

/** A fresh service over an in-memory store, a settable clock, cheap argon2 and a coalition admin `root` (FRA). */
async function setup() {
  const store = openSqliteStore(':memory:');
  const clock = { now: T0 };
  const access = new SqliteAccessService(store.db, {
    nowMs: () => clock.now,
    passwords: new PasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }),
  });
  await access.bootstrap({ username: 'root', password: PW, nation: 'FRA' }, { system: 'cli' });
  const root = (await access.login('root', PW))!.principal;
  const add = (by: Principal, username: string, nation: string, roles: Principal['roles'][number][]) =>
    access.createUser(by, { username, password: PW, nation, roles });
  const as = async (username: string) => (await access.login(username, PW))!;
  return { store, db: store.db, clock, access, root, add, as };
}

/** `fn` rejects with an AccessError of `code` whose message matches `re`. */
async function refuses(fn: () => Promise<unknown>, code: AccessError['code'], re: RegExp): Promise<void> {
  await assert.rejects(fn, (e: unknown) => {
    assert.ok(e instanceof AccessError, String(e));
    assert.equal(e.code, code, e.message);
    assert.match(e.message, re);
    return true;
  });
}

async function auditActions(access: SqliteAccessService): Promise<string[]> {
  return (await access.audit.list({ limit: 1000 })).items.map((e) => `${e.actor} ${e.action} ${e.target}`);
}

// ---------------------------------------------------------------- bootstrap and login

test('bootstrap creates the first coalition admin and refuses once a user exists', async () => {
  const { access } = await setup();
  assert.deepEqual(access.findUser('root'), { id: 1, username: 'root', nation: 'FRA', roles: ['coalition-admin'], disabled: false, createdMs: T0 });
  await refuses(() => access.bootstrap({ username: 'other', password: PW, nation: 'GBR' }), 'conflict', /users already exist \(1\)/);
});

test('the stored password is an argon2id hash, never the password', async () => {
  const { db } = await setup();
  const row = db.prepare("SELECT password_hash FROM users WHERE username = 'root'").get() as { password_hash: string };
  assert.match(row.password_hash, /^\$argon2id\$/);
  assert.ok(!row.password_hash.includes(PW));
});

test('login succeeds with the right password and gives a session principal and a CSRF token', async () => {
  const { access } = await setup();
  const s = (await access.login('root', PW))!;
  assert.match(s.sessionId, /^[A-Za-z0-9_-]{43}$/);
  assert.match(s.csrfToken, /^[A-Za-z0-9_-]{43}$/);
  assert.notEqual(s.sessionId, s.csrfToken);
  assert.equal(s.expiresMs, T0 + SESSION_ABSOLUTE_MS);
  assert.deepEqual(s.principal, { userId: 1, username: 'root', nation: 'FRA', roles: ['coalition-admin'], scopes: null, via: 'session' });
  assert.deepEqual(await access.authenticateSession(s.sessionId), { principal: s.principal, csrfToken: s.csrfToken });
});

test('login with an unknown user, a wrong password or a disabled user all give undefined, and each is audited', async () => {
  const { access, root, add } = await setup();
  const ana = await add(root, 'ana', 'FRA', ['analyst']);
  await access.setDisabled(root, ana.id, true);
  assert.equal(await access.login('ghost', PW), undefined);
  assert.equal(await access.login('root', 'correct horse batterx'), undefined);
  assert.equal(await access.login('ana', PW), undefined);
  assert.equal(await access.login('Bad Name!', PW), undefined);
  assert.equal(await access.login('root', 'x'.repeat(5000)), undefined);
  const failures = (await access.audit.list({ action: 'login.failure' })).items;
  assert.deepEqual(failures.map((e) => [e.target, e.nation, e.details['reason']]), [
    ['user:ghost', null, 'unknown user'],
    ['user:root', 'FRA', 'wrong password'],
    ['user:ana', 'FRA', 'disabled'],
    ['user:Bad Name!', null, 'unknown user'],
    ['user:root', 'FRA', 'password too long'],
  ]);
});

test('the session id is stored only as its SHA-256', async () => {
  const { db, access } = await setup();
  const s = (await access.login('root', PW))!;
  const ids = (db.prepare('SELECT id_hash FROM sessions').all() as { id_hash: string }[]).map((r) => r.id_hash);
  assert.ok(ids.includes(sha256Hex(s.sessionId)));
  assert.ok(!ids.includes(s.sessionId));
});

test('a session expires after 1 h idle, and activity keeps it alive', async () => {
  const { access, clock } = await setup();
  const s = (await access.login('root', PW))!;
  clock.now += SESSION_IDLE_MS - 1;
  assert.ok(await access.authenticateSession(s.sessionId), 'alive just before the idle limit');
  clock.now += SESSION_IDLE_MS - 1;
  assert.ok(await access.authenticateSession(s.sessionId), 'activity restarted the idle timer');
  clock.now += SESSION_IDLE_MS;
  assert.equal(await access.authenticateSession(s.sessionId), undefined);
  clock.now -= SESSION_IDLE_MS; // even back in time, an expired session is gone
  assert.equal(await access.authenticateSession(s.sessionId), undefined);
});

test('a session expires 12 h after login however active it is', async () => {
  const { access, clock } = await setup();
  const s = (await access.login('root', PW))!;
  for (let t = 0; t < SESSION_ABSOLUTE_MS - 1; t += SESSION_IDLE_MS / 2) {
    clock.now = T0 + t;
    assert.ok(await access.authenticateSession(s.sessionId), `alive at ${t} ms`);
  }
  clock.now = T0 + SESSION_ABSOLUTE_MS;
  assert.equal(await access.authenticateSession(s.sessionId), undefined);
});

test('logout ends the session and is audited; unknown or malformed ids are ignored', async () => {
  const { access } = await setup();
  const s = (await access.login('root', PW))!;
  await access.logout(s.sessionId);
  assert.equal(await access.authenticateSession(s.sessionId), undefined);
  await access.logout(s.sessionId);
  await access.logout('garbage');
  assert.equal(await access.authenticateSession('garbage'), undefined);
  assert.deepEqual((await access.audit.list({ action: 'logout' })).items.map((e) => e.actor), ['user:root']);
});

// ---------------------------------------------------------------- users

test('an admin of FRA cannot create a GBR user or a coalition admin, but creates FRA users', async () => {
  const { access, root, add, as } = await setup();
  await add(root, 'paul', 'FRA', ['admin']);
  const paul = (await as('paul')).principal;
  await refuses(() => add(paul, 'gbr.one', 'GBR', ['analyst']), 'forbidden', /admin of FRA creates users of FRA only, not GBR/);
  await refuses(() => add(paul, 'boss', 'FRA', ['coalition-admin']), 'forbidden', /only a coalition admin can grant coalition-admin/);
  const u = await add(paul, 'ana', 'FRA', ['analyst', 'verifier', 'analyst']);
  assert.deepEqual(u.roles, ['analyst', 'verifier']);
  assert.deepEqual((await access.listUsers(paul)).map((x) => x.username), ['root', 'paul', 'ana']);
  assert.equal(access.findUser('gbr.one'), undefined);
  assert.equal(access.findUser('boss'), undefined);
});

test('a coalition admin creates users of any nation and role; admins list only their nation', async () => {
  const { access, root, add, as } = await setup();
  await add(root, 'gbr.admin', 'GBR', ['admin']);
  await add(root, 'pol.boss', 'POL', ['coalition-admin']);
  await add(root, 'gbr.ana', 'GBR', ['analyst']);
  assert.deepEqual((await access.listUsers(root)).map((x) => x.username), ['root', 'gbr.admin', 'pol.boss', 'gbr.ana']);
  const gbr = (await as('gbr.admin')).principal;
  assert.deepEqual((await access.listUsers(gbr)).map((x) => x.username), ['gbr.admin', 'gbr.ana']);
  const ana = (await as('gbr.ana')).principal;
  await refuses(() => access.listUsers(ana), 'forbidden', /admin or coalition-admin/);
  await refuses(() => add(ana, 'x.y', 'GBR', ['viewer']), 'forbidden', /admin or coalition-admin/);
});

test('bad user input is refused with the field named', async () => {
  const { root, add, access } = await setup();
  await refuses(() => add(root, 'A', 'FRA', ['viewer']), 'invalid', /^username:/);
  await refuses(() => add(root, 'has space', 'FRA', ['viewer']), 'invalid', /^username:/);
  await refuses(() => add(root, 'x'.repeat(33), 'FRA', ['viewer']), 'invalid', /^username:/);
  await refuses(() => add(root, 'okname', 'fra', ['viewer']), 'invalid', /^nation:/);
  await refuses(() => add(root, 'okname', 'FR', ['viewer']), 'invalid', /^nation:/);
  await refuses(() => add(root, 'okname', 'FRA', []), 'invalid', /^roles:/);
  await refuses(() => add(root, 'okname', 'FRA', ['god' as 'admin']), 'invalid', /^roles: unknown role "god"/);
  await refuses(() => access.createUser(root, { username: 'okname', password: 'elevenchars', nation: 'FRA', roles: ['viewer'] }), 'invalid', /^password: must be at least 12 characters \(got 11\)/);
  await refuses(() => add(root, 'root', 'FRA', ['viewer']), 'conflict', /"root" is taken/);
  assert.equal((await access.listUsers(root)).length, 1);
});

test('a user cannot disable themselves; admins disable only users of their nation, and never coalition admins', async () => {
  const { access, root, add, as } = await setup();
  const paulRec = await add(root, 'paul', 'FRA', ['admin']);
  const gbr = await add(root, 'gbr.ana', 'GBR', ['analyst']);
  const paul = (await as('paul')).principal;
  await refuses(() => access.setDisabled(root, root.userId, true), 'forbidden', /cannot disable themselves/);
  await refuses(() => access.setDisabled(paul, paulRec.id, true), 'forbidden', /cannot disable themselves/);
  await refuses(() => access.setDisabled(paul, gbr.id, true), 'forbidden', /manages users of FRA only/);
  await refuses(() => access.setDisabled(paul, root.userId, true), 'forbidden', /coalition admin/);
  await refuses(() => access.setDisabled(root, 999, true), 'not-found', /user 999/);
  assert.equal((await access.setDisabled(root, gbr.id, true)).disabled, true);
  assert.equal((await access.setDisabled(root, gbr.id, false)).disabled, false);
});

test('disabling a user stops their sessions and tokens at once, and re-enabling does not revive them', async () => {
  const { access, root, add, as } = await setup();
  const ana = await add(root, 'ana', 'FRA', ['analyst']);
  const s = await as('ana');
  const { token } = await access.createToken(s.principal, { name: 'script', scopes: ['read'], ttlMs: 30 * DAY_MS });
  assert.ok(await access.authenticateToken(token));
  await access.setDisabled(root, ana.id, true);
  assert.equal(await access.authenticateSession(s.sessionId), undefined);
  assert.equal(await access.authenticateToken(token), undefined);
  await access.setDisabled(root, ana.id, false);
  assert.equal(await access.authenticateSession(s.sessionId), undefined);
  assert.equal(await access.authenticateToken(token), undefined);
  assert.ok(await access.login('ana', PW), 'the account itself works again');
  const disable = (await access.audit.list({ action: 'user.disable' })).items[0]!;
  assert.deepEqual(disable.details, { id: ana.id, endedSessions: 1, revokedTokens: [1] });
});

test('a user disabled in the database (another process) is refused on the next request', async () => {
  const { db, access, root, add, as } = await setup();
  await add(root, 'ana', 'FRA', ['analyst']);
  const s = await as('ana');
  const { token } = await access.createToken(s.principal, { name: 'script', scopes: ['read'], ttlMs: DAY_MS });
  db.prepare("UPDATE users SET disabled = 1 WHERE username = 'ana'").run();
  assert.equal(await access.authenticateSession(s.sessionId), undefined);
  assert.equal(await access.authenticateToken(token), undefined);
});

// ---------------------------------------------------------------- tokens

test('a token authenticates as its owner with its scopes, and is stored only as SHA-256 of its 32 bytes', async () => {
  const { db, access, root, add, as } = await setup();
  await add(root, 'ana', 'GBR', ['analyst']);
  const ana = (await as('ana')).principal;
  const { token, record } = await access.createToken(ana, { name: 'ingest script', scopes: ['report:create', 'read'], ttlMs: 30 * DAY_MS });
  assert.match(token, /^vgl_[A-Za-z0-9_-]{43}$/);
  assert.deepEqual(record, { id: 1, userId: ana.userId, name: 'ingest script', scopes: ['read', 'report:create'], createdMs: T0, expiresMs: T0 + 30 * DAY_MS, revokedMs: null });
  const p = (await access.authenticateToken(token))!;
  assert.deepEqual(p, { userId: ana.userId, username: 'ana', nation: 'GBR', roles: ['analyst'], scopes: ['read', 'report:create'], via: 'token', tokenId: 1 });
  assert.equal(can(p, 'report:create'), true);
  assert.equal(can(p, 'incident:create'), false, 'the role grants it, the scope does not');
  const stored = (db.prepare('SELECT secret_hash FROM api_tokens').get() as { secret_hash: string }).secret_hash;
  assert.equal(stored, sha256Hex(Buffer.from(token.slice(4), 'base64url')));
  assert.ok(!JSON.stringify(await access.audit.list()).includes(token.slice(4)), 'the secret is not in the audit log');
});

test('token scopes must be a subset of the owner\'s actions, and of the creating token\'s scopes', async () => {
  const { access, root, add, as } = await setup();
  await add(root, 'vic', 'FRA', ['viewer']);
  const vic = (await as('vic')).principal;
  await refuses(() => access.createToken(vic, { name: 't', scopes: ['read', 'incident:verdict'], ttlMs: DAY_MS }), 'forbidden', /^scopes: incident:verdict not granted to vic/);
  await refuses(() => access.createToken(vic, { name: 't', scopes: ['fly' as 'read'], ttlMs: DAY_MS }), 'invalid', /^scopes: unknown action "fly"/);
  await refuses(() => access.createToken(vic, { name: 't', scopes: [], ttlMs: DAY_MS }), 'invalid', /^scopes:/);
  const narrow = await access.createToken(vic, { name: 'narrow', scopes: ['read', 'tokens:own'], ttlMs: DAY_MS });
  const viaToken = (await access.authenticateToken(narrow.token))!;
  await refuses(() => access.createToken(viaToken, { name: 'wider', scopes: ['evidence:read'], ttlMs: DAY_MS }), 'forbidden', /evidence:read not granted/);
  const child = await access.createToken(viaToken, { name: 'child', scopes: ['read'], ttlMs: DAY_MS });
  assert.deepEqual(child.record.scopes, ['read']);
  const created = (await access.audit.list({ action: 'token.create' })).items;
  assert.deepEqual(created.map((e) => e.actor), ['user:vic', `token:${narrow.record.id}`]);
  await refuses(() => access.createToken(vic, { name: 't', scopes: ['read'], ttlMs: DAY_MS, userId: root.userId }), 'forbidden', /for themselves only/);
});

test('a token must expire within 365 days and stops working when it does', async () => {
  const { access, root, clock } = await setup();
  await refuses(() => access.createToken(root, { name: 't', scopes: ['read'], ttlMs: 366 * DAY_MS }), 'invalid', /^ttlMs:/);
  await refuses(() => access.createToken(root, { name: 't', scopes: ['read'], ttlMs: 0 }), 'invalid', /^ttlMs:/);
  await refuses(() => access.createToken(root, { name: 't', scopes: ['read'], ttlMs: Number.POSITIVE_INFINITY }), 'invalid', /^ttlMs:/);
  await refuses(() => access.createToken(root, { name: '  ', scopes: ['read'], ttlMs: DAY_MS }), 'invalid', /^name:/);
  const { token } = await access.createToken(root, { name: 'a year', scopes: ['read'], ttlMs: 365 * DAY_MS });
  clock.now = T0 + 365 * DAY_MS - 1;
  assert.ok(await access.authenticateToken(token));
  clock.now = T0 + 365 * DAY_MS;
  assert.equal(await access.authenticateToken(token), undefined);
});

test('a revoked token stops working; the owner and admins of its nation may revoke, others may not', async () => {
  const { access, root, add, as } = await setup();
  await add(root, 'ana', 'FRA', ['analyst']);
  await add(root, 'bob', 'FRA', ['analyst']);
  await add(root, 'paul', 'FRA', ['admin']);
  await add(root, 'gbr.admin', 'GBR', ['admin']);
  const ana = (await as('ana')).principal;
  const t1 = await access.createToken(ana, { name: 'one', scopes: ['read'], ttlMs: DAY_MS });
  const t2 = await access.createToken(ana, { name: 'two', scopes: ['read'], ttlMs: DAY_MS });
  const t3 = await access.createToken(ana, { name: 'three', scopes: ['read'], ttlMs: DAY_MS });
  const bob = (await as('bob')).principal;
  const gbrAdmin = (await as('gbr.admin')).principal;
  await refuses(() => access.revokeToken(bob, t1.record.id), 'forbidden', /only its owner or an admin of FRA/);
  await refuses(() => access.revokeToken(gbrAdmin, t1.record.id), 'forbidden', /only its owner or an admin of FRA/);
  await refuses(() => access.revokeToken(ana, 99), 'not-found', /token 99/);
  assert.equal((await access.revokeToken(ana, t1.record.id)).revokedMs, T0);
  assert.equal((await access.revokeToken((await as('paul')).principal, t2.record.id)).revokedMs, T0);
  assert.equal((await access.revokeToken(root, t3.record.id)).revokedMs, T0);
  for (const t of [t1, t2, t3]) assert.equal(await access.authenticateToken(t.token), undefined);
  await access.revokeToken(ana, t1.record.id); // twice: no change, no second entry
  assert.deepEqual((await access.audit.list({ action: 'token.revoke' })).items.map((e) => `${e.actor} ${e.target}`), [
    `user:ana token:${t1.record.id}`, `user:paul token:${t2.record.id}`, `user:root token:${t3.record.id}`,
  ]);
  assert.deepEqual((await access.listTokens(ana)).map((t) => t.name), ['one', 'two', 'three']);
  assert.deepEqual(await access.listTokens(bob), []);
  assert.deepEqual(await access.listTokens(gbrAdmin), []);
});

test('malformed, unknown and tampered token secrets do not authenticate', async () => {
  const { access, root } = await setup();
  const { token } = await access.createToken(root, { name: 't', scopes: ['read'], ttlMs: DAY_MS });
  // Every other spelling of the last character, including those that differ only in its 2 spare bits.
  const respelt = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('').filter((c) => c !== token.at(-1)).map((c) => token.slice(0, -1) + c);
  for (const bad of ['', 'vgl_', token.slice(4), token + 'x', ...respelt, 'vgl_' + 'A'.repeat(43)]) {
    assert.equal(await access.authenticateToken(bad), undefined, bad);
  }
});

test('the system (CLI) creates tokens for a named user and is audited as cli', async () => {
  const { access, root, add } = await setup();
  const ana = await add(root, 'ana', 'FRA', ['analyst']);
  const { token } = await access.createToken({ system: 'cli' }, { name: 'cli', scopes: ['read'], ttlMs: DAY_MS, userId: ana.id });
  assert.equal((await access.authenticateToken(token))!.username, 'ana');
  await refuses(() => access.createToken({ system: 'cli' }, { name: 'cli', scopes: ['users:manage'], ttlMs: DAY_MS, userId: ana.id }), 'forbidden', /users:manage not granted to ana/);
  await refuses(() => access.createToken({ system: 'cli' }, { name: 'cli', scopes: ['read'], ttlMs: DAY_MS }), 'invalid', /^userId:/);
});

test('every change is in the audit log, in order, and the chain verifies', async () => {
  const { access, root, add, as } = await setup();
  const ana = await add(root, 'ana', 'FRA', ['analyst']);
  const s = await as('ana');
  const t = await access.createToken(s.principal, { name: 't', scopes: ['read'], ttlMs: DAY_MS });
  await access.revokeToken(s.principal, t.record.id);
  await access.logout(s.sessionId);
  await access.login('ana', 'wrong password!');
  await access.setDisabled(root, ana.id, true);
  assert.deepEqual(await auditActions(access), [
    'cli user.bootstrap user:root',
    'user:root login.success user:root',
    'user:root user.create user:ana',
    'user:ana login.success user:ana',
    'user:ana token.create token:1',
    'user:ana token.revoke token:1',
    'user:ana logout user:ana',
    'user:ana login.failure user:ana',
    'user:root user.disable user:ana',
  ]);
  assert.deepEqual(await access.audit.verify(), { ok: true, entries: 9 });
});
