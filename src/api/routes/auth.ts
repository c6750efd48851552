import { Type, type Static } from '@sinclair/typebox';
import { AuditCheckpointSchema, parseCheckpoint, signCheckpoint, verifyCheckpointSignature } from '../../access/audit-checkpoint.js';
import { ACTIONS, can, ROLES, type Action, type Principal, type Role } from '../../access/roles.js';
import { SESSION_COOKIE } from '../session-cookie.js';
import type { RouteDef } from '../route.js';
import { HttpError } from '../route.js';
import { Cursor, Nation, Ok, Open, Page, Text } from '../schemas.js';
import { defined, principalOf, timeRangeParams } from './util.js';


const Login = Type.Object({ username: Text({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 1024 }) });
const NewUser = Type.Object({
  username: Text({ pattern: '^[a-z0-9._-]{3,32}$' }),
  password: Type.String({ minLength: 12, maxLength: 1024 }),
  nation: Nation,
  roles: Type.Array(Type.Union(ROLES.map((r) => Type.Literal(r))), { minItems: 1, maxItems: ROLES.length }),
});
const UserPatch = Type.Object({ disabled: Type.Boolean() });
const NumId = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const NewToken = Type.Object({
  name: Text({ minLength: 1, maxLength: 64 }),
  scopes: Type.Array(Type.Union(ACTIONS.map((a) => Type.Literal(a))), { minItems: 1 }),
  ttlDays: Type.Integer({ minimum: 1, maximum: 365 }),
});
const AuditQuery = Type.Object({ action: Type.Optional(Type.String({ maxLength: 64 })), target: Type.Optional(Type.String({ maxLength: 200 })), from: Type.Optional(Type.String()), to: Type.Optional(Type.String()), ...Cursor });

const PrincipalOut = Type.Object({ userId: Type.Integer(), username: Type.String(), nation: Type.String(), roles: Type.Array(Type.String()), via: Type.String(), actions: Type.Array(Type.String()) });

/** Login/logout, the current user, users and tokens administration, and the audit log. */
export const AUTH_ROUTES: RouteDef[] = [
  {
    method: 'POST', url: '/api/auth/login', action: 'public', rateLimitPerMinute: 20, tags: ['auth'], summary: 'Log in: sets an HttpOnly SameSite=Strict session cookie and returns the CSRF token to send as x-csrf-token',
    schema: { body: Login, response: { 200: Type.Object({ csrfToken: Type.String(), expiresAt: Type.String(), user: PrincipalOut }) } },
    async handler(req, reply, ctx) {
      const { username, password } = req.body as Static<typeof Login>;
      const r = await ctx.access.login(username, password);
      if (r === undefined) throw new HttpError(401, 'wrong username or password');
      void reply.setCookie(SESSION_COOKIE, r.sessionId, { httpOnly: true, sameSite: 'strict', secure: ctx.secureCookies, path: '/', expires: new Date(r.expiresMs) });
      return { csrfToken: r.csrfToken, expiresAt: new Date(r.expiresMs).toISOString(), user: principalJson(r.principal) };
    },
  },
  {
    method: 'POST', url: '/api/auth/logout', action: 'read', tags: ['auth'], summary: 'Log out (ends the session)',
    schema: { response: { 200: Ok } },
    async handler(req, reply, ctx) {
      const sid = req.cookies[SESSION_COOKIE];
      if (sid) await ctx.access.logout(sid);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  },
  {
    method: 'GET', url: '/api/auth/me', action: 'read', tags: ['auth'], summary: 'Who am I: nation, roles and the actions they allow',
    schema: { response: { 200: PrincipalOut } },
    async handler(_req, _reply, _ctx, p) {
      return principalJson(principalOf(p));
    },
  },
  {
    method: 'GET', url: '/api/users', action: 'users:manage', tags: ['users'], summary: 'Users (own nation; all for a coalition admin)',
    schema: { response: { 200: Type.Object({ items: Type.Array(Open('UserRecord')) }) } },
    async handler(_req, _reply, ctx, p) {
      return { items: await ctx.access.listUsers(principalOf(p)) };
    },
  },
  {
    method: 'POST', url: '/api/users', action: 'users:manage', tags: ['users'], summary: 'Create a user',
    schema: { body: NewUser, response: { 201: Open('UserRecord') } },
    async handler(req, reply, ctx, p) {
      const b = req.body as Static<typeof NewUser>;
      const u = await ctx.access.createUser(principalOf(p), { ...b, roles: b.roles as Role[] });
      void reply.status(201);
      return u;
    },
  },
  {
    method: 'PATCH', url: '/api/users/:id', action: 'users:manage', tags: ['users'], summary: 'Disable or re-enable a user',
    schema: { params: NumId, body: UserPatch, response: { 200: Open('UserRecord') } },
    async handler(req, _reply, ctx, p) {
      const { id } = req.params as Static<typeof NumId>;
      return ctx.access.setDisabled(principalOf(p), id, (req.body as Static<typeof UserPatch>).disabled);
    },
  },
  {
    method: 'GET', url: '/api/tokens', action: 'tokens:own', tags: ['users'], summary: 'My API tokens (admins: their nation\'s)',
    schema: { response: { 200: Type.Object({ items: Type.Array(Open('TokenRecord')) }) } },
    async handler(_req, _reply, ctx, p) {
      return { items: await ctx.access.listTokens(principalOf(p)) };
    },
  },
  {
    method: 'POST', url: '/api/tokens', action: 'tokens:own', tags: ['users'], summary: 'Create an API token (the secret is returned once)',
    schema: { body: NewToken, response: { 201: Type.Object({ token: Type.String(), record: Open('TokenRecord') }) } },
    async handler(req, reply, ctx, p) {
      const b = req.body as Static<typeof NewToken>;
      const r = await ctx.access.createToken(principalOf(p), { name: b.name, scopes: b.scopes as Action[], ttlMs: b.ttlDays * 86_400_000 });
      void reply.status(201);
      return r;
    },
  },
  {
    method: 'DELETE', url: '/api/tokens/:id', action: 'tokens:own', tags: ['users'], summary: 'Revoke an API token',
    schema: { params: NumId, response: { 200: Open('TokenRecord') } },
    async handler(req, _reply, ctx, p) {
      return ctx.access.revokeToken(principalOf(p), (req.params as Static<typeof NumId>).id);
    },
  },
  {
    method: 'GET', url: '/api/audit', action: 'audit:read', tags: ['audit'], summary: 'The audit log (append-only, hash-chained): a national admin sees the entries concerning their nation, a coalition admin all',
    schema: { querystring: AuditQuery, response: { 200: Page(Open('AuditEntry')) } },
    async handler(req, _reply, ctx, p) {
      const q = req.query as Static<typeof AuditQuery>;
      const principal = principalOf(p);
      const nation = can(principal, 'users:manage-all') ? undefined : principal.nation;
      return ctx.audit.list(defined({ nation, action: q.action, target: q.target, ...timeRangeParams(q), cursor: q.cursor, limit: q.limit }));
    },
  },
  {
    // `read`, like the public key: a checkpoint shows no entry, only the log's length and head
    // hash, and its use is to be handed to others (partners, reports) who later hold the log to it.
    method: 'GET', url: '/api/audit/checkpoint', action: 'read', tags: ['audit'],
    summary: 'A signed checkpoint of the audit log (length and head hash, Ed25519 node key): keep it, and `vigil audit verify --checkpoint` later proves no entry it covers was removed, reordered or changed',
    schema: { response: { 200: AuditCheckpointSchema } },
    async handler(_req, _reply, ctx) {
      return signCheckpoint(ctx.audit.head(), Date.now(), ctx.nodeKey);
    },
  },
  {
    method: 'GET', url: '/api/audit/verify', action: 'audit:read', rateLimitPerMinute: 6, tags: ['audit'], summary: 'Verify the audit chain (hashes it all: throttled)',
    schema: { response: { 200: Open('{ ok, entries, brokenAt?, reason? }') } },
    async handler(_req, _reply, ctx) {
      return ctx.audit.verify();
    },
  },
  {
    method: 'POST', url: '/api/audit/verify', action: 'audit:read', rateLimitPerMinute: 6, tags: ['audit'],
    summary: 'Verify the audit chain against a checkpoint this node signed (the body: a checkpoint, or a JSON report carrying one): no entry it covers may be missing, reordered or changed',
    schema: { body: Open('AuditCheckpoint, or a vigil-report/1 document'), response: { 200: Open('{ ok, entries?, brokenAt?, reason? }') } },
    async handler(req, _reply, ctx) {
      const parsed = parseCheckpoint(req.body);
      if (!parsed.ok) throw new HttpError(400, `body: ${parsed.error}`);
      const sig = verifyCheckpointSignature(parsed.value, [ctx.nodeKey.publicKeyPem]);
      if (!sig.ok) return { ok: false, reason: sig.reason };
      return ctx.audit.verify({ size: parsed.value.size, head: parsed.value.head });
    },
  },
];

function principalJson(p: Principal): Static<typeof PrincipalOut> {
  return { userId: p.userId, username: p.username, nation: p.nation, roles: [...p.roles], via: p.via, actions: ACTIONS.filter((a) => can(p, a)) };
}
