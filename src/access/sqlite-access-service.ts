import type { Database } from 'better-sqlite3';
import { actorCan, auditActor, isSystem, type Actor } from './actor.js';
import { PasswordHasher } from './password-hasher.js';
import { AccessError, type AccessService, type LoginResult, type TokenRecord, type UserRecord } from './ports.js';
import { ACTIONS, can, ROLE_ACTIONS, ROLES, type Action, type Principal, type Role } from './roles.js';
import { newTokenSecret, randomSecret, safeEqual, sessionIdHash, sha256Hex, tokenSecretHash } from './secrets.js';
import { SqliteAuditLog, type AuditAppend } from './sqlite-audit-log.js';
import {
  checkNation, checkPassword, checkRoles, checkScopes, checkTokenName, checkTokenTtl, checkUsername, MAX_PASSWORD_CHARS, USERNAME_PATTERN,
} from './user-input.js';

/** A browser session ends 12 h after login, whatever the activity (re-authenticate daily). */
export const SESSION_ABSOLUTE_MS = 12 * 3600 * 1000;
/** …and after 1 h without a request (an unattended console in an operations room). */
export const SESSION_IDLE_MS = 3600 * 1000;

/** Options of `SqliteAccessService`. */
export interface SqliteAccessServiceOptions {
  /** Wall clock (Unix ms). Default `Date.now`. */
  nowMs?: () => number;
  /** The audit log to append to. Default: a `SqliteAuditLog` over the same database and clock. */
  audit?: SqliteAuditLog;
  /** Password hashing. Default argon2id m=64 MiB, t=3, p=1 (`DEFAULT_ARGON2_PARAMS`). */
  passwords?: PasswordHasher;
  /** Absolute session lifetime, ms. Default `SESSION_ABSOLUTE_MS`. */
  sessionAbsoluteMs?: number;
  /** Idle session lifetime, ms. Default `SESSION_IDLE_MS`. */
  sessionIdleMs?: number;
}

interface UserRow {
  id: number;
  username: string;
  nation: string;
  roles: string;
  password_hash: string;
  disabled: number;
  created_ms: number;
}

interface TokenRow {
  id: number;
  user_id: number;
  name: string;
  secret_hash: string;
  scopes: string;
  created_ms: number;
  expires_ms: number;
  revoked_ms: number | null;
}

type TokenWithOwner = TokenRow & { username: string; nation: string; roles: string; disabled: number };

interface SessionRow {
  id_hash: string;
  user_id: number;
  csrf_token: string;
  created_ms: number;
  expires_ms: number;
  last_seen_ms: number;
}

/**
 * `last_seen_ms` is rewritten at most once a minute, not on every request, so that browsing
 * does not take SQLite's write lock from the ingest writer per request; the idle expiry is
 * therefore between 59 and 60 minutes after the last request.
 */
const LAST_SEEN_RESOLUTION_MS = 60_000;

/** Longest attempted username kept in a `login.failure` audit entry. */
const MAX_AUDITED_USERNAME = 64;

/**
 * Users, roles, sessions and API tokens over the access tables of the SQLite store
 * (migrations 100–103), with every change appended to the audit log in the same
 * transaction as the change itself.
 *
 * Rules (issue 5):
 * - passwords: argon2id, 12–1,024 characters; usernames `[a-z0-9._-]{3,32}`; nations three
 *   capital letters; roles from `ROLES`;
 * - `admin` manages only users of its own nation and never coalition admins (neither grants
 *   the role nor disables its holders); `coalition-admin` manages everyone; nobody disables
 *   themselves;
 * - tokens: `vgl_` + base64url(32 random bytes), stored as SHA-256, scopes a subset of the
 *   owner's actions (and of the creating token's scopes), expiry required (≤ 365 days),
 *   revocable by the owner and by the admins who manage the owner;
 * - sessions: random 32-byte id stored as SHA-256, 12 h absolute and 1 h idle expiry, one
 *   CSRF token each;
 * - disabling a user ends their sessions and revokes their tokens at once (re-enabling
 *   restores the account, not its credentials), and a disabled user never authenticates;
 * - login answers undefined for unknown users, wrong passwords and disabled users alike,
 *   spending one argon2 verification in every case; each attempt is audited.
 *
 * Methods that take `by` also accept a `SystemActor` (`{ system: 'cli' }`), which may do
 * everything and is audited under its name. Digests are compared with `safeEqual`.
 *
 * @example
 * const access = new SqliteAccessService(store.db);
 * await access.bootstrap({ username: 'root', password: 'correct horse battery', nation: 'FRA' });
 * const s = await access.login('root', 'correct horse battery'); // { sessionId, csrfToken, principal, expiresMs }
 */
export class SqliteAccessService implements AccessService {
  readonly audit: SqliteAuditLog;
  private readonly nowMs: () => number;
  private readonly passwords: PasswordHasher;
  private readonly absoluteMs: number;
  private readonly idleMs: number;

  constructor(private readonly db: Database, options: SqliteAccessServiceOptions = {}) {
    this.nowMs = options.nowMs ?? Date.now;
    this.audit = options.audit ?? new SqliteAuditLog(db, this.nowMs);
    this.passwords = options.passwords ?? new PasswordHasher();
    this.absoluteMs = options.sessionAbsoluteMs ?? SESSION_ABSOLUTE_MS;
    this.idleMs = options.sessionIdleMs ?? SESSION_IDLE_MS;
  }

  // ------------------------------------------------------------ authentication

  async authenticateToken(secret: string): Promise<Principal | undefined> {
    const hash = typeof secret === 'string' ? tokenSecretHash(secret) : undefined;
    if (hash === undefined) return undefined;
    const row = this.db.prepare(`
      SELECT t.*, u.username, u.nation, u.roles, u.disabled FROM api_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.secret_hash = ?`).get(hash) as TokenWithOwner | undefined;
    if (row === undefined || !safeEqual(row.secret_hash, hash)) return undefined;
    if (row.revoked_ms !== null || this.nowMs() >= row.expires_ms || row.disabled !== 0) return undefined;
    return {
      userId: row.user_id, username: row.username, nation: row.nation, roles: parseRoles(row.roles),
      scopes: parseScopes(row.scopes), via: 'token', tokenId: row.id,
    };
  }

  async authenticateSession(sessionId: string): Promise<{ principal: Principal; csrfToken: string } | undefined> {
    const idHash = typeof sessionId === 'string' ? sessionIdHash(sessionId) : undefined;
    if (idHash === undefined) return undefined;
    const now = this.nowMs();
    const s = this.db.prepare('SELECT * FROM sessions WHERE id_hash = ?').get(idHash) as SessionRow | undefined;
    if (s === undefined || !safeEqual(s.id_hash, idHash)) return undefined;
    if (now >= s.expires_ms || now - s.last_seen_ms >= this.idleMs) {
      this.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
      return undefined;
    }
    const u = this.userById(s.user_id);
    if (u === undefined || u.disabled !== 0) return undefined;
    if (now - s.last_seen_ms >= LAST_SEEN_RESOLUTION_MS) {
      this.db.prepare('UPDATE sessions SET last_seen_ms = ? WHERE id_hash = ?').run(now, idHash);
    }
    return { principal: sessionPrincipal(u), csrfToken: s.csrf_token };
  }

  async login(username: string, password: string): Promise<LoginResult | undefined> {
    const name = String(username);
    const row = USERNAME_PATTERN.test(name) ? this.userByName(name) : undefined;
    const target = `user:${name.slice(0, MAX_AUDITED_USERNAME)}`;
    const fail = (reason: string, nation: string | null): undefined => {
      this.audit.appendSync({ actor: target, nation, action: 'login.failure', target, details: { reason } });
      return undefined;
    };
    // Over-long passwords are refused before hashing: argon2 over megabytes is a DoS lever.
    if (typeof password !== 'string' || [...password].length > MAX_PASSWORD_CHARS) return fail('password too long', row?.nation ?? null);
    if (row === undefined) {
      await this.passwords.verifyNothing(password);
      return fail('unknown user', null);
    }
    if (!(await this.passwords.verify(row.password_hash, password))) return fail('wrong password', row.nation);
    const rehash = this.passwords.needsRehash(row.password_hash) ? await this.passwords.hash(password) : undefined;
    const sessionId = randomSecret();
    const csrfToken = randomSecret();
    const idHash = sha256Hex(sessionId);
    return this.tx(() => {
      // Re-read: the user may have been disabled while argon2 ran.
      const u = this.userById(row.id);
      if (u === undefined || u.disabled !== 0) return fail('disabled', row.nation);
      const now = this.nowMs();
      const expiresMs = now + this.absoluteMs;
      this.db.prepare('DELETE FROM sessions WHERE expires_ms <= ? OR last_seen_ms <= ?').run(now, now - this.idleMs);
      this.db.prepare('INSERT INTO sessions (id_hash, user_id, csrf_token, created_ms, expires_ms, last_seen_ms) VALUES (?, ?, ?, ?, ?, ?)')
        .run(idHash, u.id, csrfToken, now, expiresMs, now);
      if (rehash !== undefined) this.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(rehash, u.id);
      this.append({ actor: `user:${u.username}`, nation: u.nation, action: 'login.success', target: `user:${u.username}`, details: { session: sessionRef(idHash) } });
      return { sessionId, csrfToken, principal: sessionPrincipal(u), expiresMs };
    });
  }

  async logout(sessionId: string): Promise<void> {
    const idHash = typeof sessionId === 'string' ? sessionIdHash(sessionId) : undefined;
    if (idHash === undefined) return;
    this.tx(() => {
      const s = this.db.prepare('SELECT * FROM sessions WHERE id_hash = ?').get(idHash) as SessionRow | undefined;
      if (s === undefined) return;
      this.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
      const u = this.userById(s.user_id);
      const who = `user:${u?.username ?? s.user_id}`;
      this.append({ actor: who, nation: u?.nation ?? null, action: 'logout', target: who, details: { session: sessionRef(idHash) } });
    });
  }

  // ------------------------------------------------------------ users

  /**
   * The first coalition admin. Refuses (`conflict`) when any user exists, checked in the same
   * write transaction as the insert, so two concurrent `vigil init` runs cannot both win.
   * `by` names the audited actor (default the system).
   */
  async bootstrap(input: { username: string; password: string; nation: string }, by: Actor = { system: 'system' }): Promise<UserRecord> {
    const username = checkUsername(input.username);
    const nation = checkNation(input.nation);
    const hash = await this.passwords.hash(checkPassword(input.password));
    return this.tx(() => {
      const n = (this.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
      if (n > 0) throw new AccessError('conflict', `users already exist (${n}): bootstrap creates only the first coalition admin`);
      const user = this.insertUser(username, nation, ['coalition-admin'], hash);
      this.append({ actor: auditActor(by), nation, action: 'user.bootstrap', target: `user:${username}`, details: { id: user.id, nation, roles: user.roles } });
      return user;
    });
  }

  async createUser(by: Actor, input: { username: string; password: string; nation: string; roles: Role[] }): Promise<UserRecord> {
    if (!actorCan(by, 'users:manage')) throw new AccessError('forbidden', 'creating users needs the admin or coalition-admin role');
    const username = checkUsername(input.username);
    const nation = checkNation(input.nation);
    const roles = checkRoles(input.roles);
    checkPassword(input.password);
    if (!actorCan(by, 'users:manage-all')) {
      const own = (by as Principal).nation;
      if (nation !== own) throw new AccessError('forbidden', `nation: an admin of ${own} creates users of ${own} only, not ${nation}`);
      if (roles.includes('coalition-admin')) throw new AccessError('forbidden', 'roles: only a coalition admin can grant coalition-admin');
    }
    if (this.userByName(username) !== undefined) throw new AccessError('conflict', `username: "${username}" is taken`);
    const hash = await this.passwords.hash(input.password);
    return this.tx(() => {
      if (this.userByName(username) !== undefined) throw new AccessError('conflict', `username: "${username}" is taken`);
      const user = this.insertUser(username, nation, roles, hash);
      this.append({ actor: auditActor(by), nation, action: 'user.create', target: `user:${username}`, details: { id: user.id, nation, roles } });
      return user;
    });
  }

  /** Coalition admins (and the system) see every user; admins the users of their nation. */
  async listUsers(by: Actor): Promise<UserRecord[]> {
    if (actorCan(by, 'users:manage-all')) return (this.db.prepare('SELECT * FROM users ORDER BY id').all() as UserRow[]).map(toUserRecord);
    if (!actorCan(by, 'users:manage')) throw new AccessError('forbidden', 'listing users needs the admin or coalition-admin role');
    const nation = (by as Principal).nation;
    return (this.db.prepare('SELECT * FROM users WHERE nation = ? ORDER BY id').all(nation) as UserRow[]).map(toUserRecord);
  }

  /** The user called `username` (any nation), for the system's own lookups (CLI); undefined if none. */
  findUser(username: string): UserRecord | undefined {
    const row = this.userByName(username);
    return row === undefined ? undefined : toUserRecord(row);
  }

  /**
   * Disables or re-enables a user. Disabling ends their sessions and revokes their active
   * tokens in the same transaction (both listed in the audit entry). No change, no entry.
   */
  async setDisabled(by: Actor, userId: number, disabled: boolean): Promise<UserRecord> {
    if (!actorCan(by, 'users:manage')) throw new AccessError('forbidden', 'disabling users needs the admin or coalition-admin role');
    return this.tx(() => {
      const u = this.userById(userId);
      if (u === undefined) throw new AccessError('not-found', `user ${userId} does not exist`);
      this.checkManages(by, u);
      if (!isSystem(by) && by.userId === u.id && disabled) throw new AccessError('forbidden', 'a user cannot disable themselves');
      if ((u.disabled !== 0) === disabled) return toUserRecord(u);
      const now = this.nowMs();
      this.db.prepare('UPDATE users SET disabled = ? WHERE id = ?').run(disabled ? 1 : 0, u.id);
      const details: Record<string, unknown> = { id: u.id };
      if (disabled) {
        details['endedSessions'] = this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(u.id).changes;
        const ids = (this.db.prepare('SELECT id FROM api_tokens WHERE user_id = ? AND revoked_ms IS NULL AND expires_ms > ? ORDER BY id').all(u.id, now) as { id: number }[]).map((r) => r.id);
        this.db.prepare('UPDATE api_tokens SET revoked_ms = ? WHERE user_id = ? AND revoked_ms IS NULL').run(now, u.id);
        details['revokedTokens'] = ids;
      }
      this.append({ actor: auditActor(by), nation: u.nation, action: disabled ? 'user.disable' : 'user.enable', target: `user:${u.username}`, details });
      return toUserRecord({ ...u, disabled: disabled ? 1 : 0 });
    });
  }

  // ------------------------------------------------------------ tokens

  /**
   * A token for the caller (or, for the system, for `input.userId`). The secret is returned
   * once and stored only as its SHA-256. Scopes must be actions the owner's roles grant and,
   * when the caller is itself a token, within its scopes (`forbidden` otherwise).
   */
  async createToken(by: Actor, input: { name: string; scopes: Action[]; ttlMs: number; userId?: number }): Promise<{ token: string; record: TokenRecord }> {
    if (!actorCan(by, 'tokens:own')) throw new AccessError('forbidden', 'creating tokens needs the tokens:own action');
    let ownerId: number;
    if (isSystem(by)) {
      if (input.userId === undefined) throw new AccessError('invalid', 'userId: the system creates tokens for a named user');
      ownerId = input.userId;
    } else {
      if (input.userId !== undefined && input.userId !== by.userId) throw new AccessError('forbidden', 'userId: users create tokens for themselves only');
      ownerId = by.userId;
    }
    const name = checkTokenName(input.name);
    const scopes = checkScopes(input.scopes);
    const ttlMs = checkTokenTtl(input.ttlMs);
    const token = newTokenSecret();
    const secretHash = tokenSecretHash(token) as string;
    return this.tx(() => {
      const owner = this.userById(ownerId);
      if (owner === undefined) throw new AccessError('not-found', `user ${ownerId} does not exist`);
      if (owner.disabled !== 0) throw new AccessError('forbidden', `user ${owner.username} is disabled`);
      const granted = new Set(parseRoles(owner.roles).flatMap((r) => ROLE_ACTIONS[r]));
      const beyond = scopes.filter((s) => !granted.has(s) || (!isSystem(by) && by.scopes !== null && !by.scopes.includes(s)));
      if (beyond.length > 0) throw new AccessError('forbidden', `scopes: ${beyond.join(', ')} not granted to ${owner.username}`);
      const now = this.nowMs();
      const id = Number(this.db.prepare('INSERT INTO api_tokens (user_id, name, secret_hash, scopes, created_ms, expires_ms, revoked_ms) VALUES (?, ?, ?, ?, ?, ?, NULL)')
        .run(owner.id, name, secretHash, scopes.join(','), now, now + ttlMs).lastInsertRowid);
      const record: TokenRecord = { id, userId: owner.id, name, scopes, createdMs: now, expiresMs: now + ttlMs, revokedMs: null };
      this.append({ actor: auditActor(by), nation: owner.nation, action: 'token.create', target: `token:${id}`, details: { user: owner.username, name, scopes, expiresMs: record.expiresMs } });
      return { token, record };
    });
  }

  /**
   * The tokens `by` may see and revoke: its own; for an admin also those of its nation's
   * users (except coalition admins'); for a coalition admin (and the system) all. Oldest first.
   */
  async listTokens(by: Actor): Promise<TokenRecord[]> {
    const rows = this.db.prepare(`
      SELECT t.*, u.username, u.nation, u.roles, u.disabled FROM api_tokens t JOIN users u ON u.id = t.user_id ORDER BY t.id`).all() as TokenWithOwner[];
    return rows.filter((t) => this.managesToken(by, t)).map(toTokenRecord);
  }

  /** Revokes a token (owner, or an admin who manages the owner). Revoking twice changes nothing. */
  async revokeToken(by: Actor, tokenId: number): Promise<TokenRecord> {
    return this.tx(() => {
      const t = this.db.prepare(`
        SELECT t.*, u.username, u.nation, u.roles, u.disabled FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = ?`).get(tokenId) as TokenWithOwner | undefined;
      if (t === undefined) throw new AccessError('not-found', `token ${tokenId} does not exist`);
      if (!this.managesToken(by, t)) throw new AccessError('forbidden', `token ${tokenId}: only its owner or an admin of ${t.nation} may revoke it`);
      if (t.revoked_ms !== null) return toTokenRecord(t);
      const now = this.nowMs();
      this.db.prepare('UPDATE api_tokens SET revoked_ms = ? WHERE id = ?').run(now, t.id);
      this.append({ actor: auditActor(by), nation: t.nation, action: 'token.revoke', target: `token:${t.id}`, details: { user: t.username, name: t.name } });
      return toTokenRecord({ ...t, revoked_ms: now });
    });
  }

  // ------------------------------------------------------------ helpers

  /** Throws `forbidden` unless `by` manages user `u` (own nation, and coalition admins only by coalition admins). */
  private checkManages(by: Actor, u: UserRow): void {
    if (actorCan(by, 'users:manage-all')) return;
    const p = by as Principal;
    if (u.nation !== p.nation) throw new AccessError('forbidden', `an admin of ${p.nation} manages users of ${p.nation} only (${u.username} is of ${u.nation})`);
    if (parseRoles(u.roles).includes('coalition-admin')) throw new AccessError('forbidden', `${u.username} is a coalition admin: only a coalition admin manages them`);
  }

  private managesToken(by: Actor, t: TokenWithOwner): boolean {
    if (actorCan(by, 'users:manage-all')) return true;
    const p = by as Principal;
    if (t.user_id === p.userId) return can(p, 'tokens:own');
    return can(p, 'users:manage') && t.nation === p.nation && !parseRoles(t.roles).includes('coalition-admin');
  }

  private insertUser(username: string, nation: string, roles: Role[], hash: string): UserRecord {
    const now = this.nowMs();
    const id = Number(this.db.prepare('INSERT INTO users (username, nation, roles, password_hash, disabled, created_ms) VALUES (?, ?, ?, ?, 0, ?)')
      .run(username, nation, roles.join(','), hash, now).lastInsertRowid);
    return { id, username, nation, roles, disabled: false, createdMs: now };
  }

  private userById(id: number): UserRow | undefined {
    return this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  }

  private userByName(username: string): UserRow | undefined {
    return this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
  }

  private append(e: AuditAppend): void {
    this.audit.appendSync(e);
  }

  /** Runs `fn` in a write transaction (`BEGIN IMMEDIATE`, or a savepoint inside one already open). */
  private tx<T>(fn: () => T): T {
    const t = this.db.transaction(fn);
    return this.db.inTransaction ? t() : t.immediate();
  }
}

function parseRoles(s: string): Role[] {
  const parts = s.split(',');
  return ROLES.filter((r) => parts.includes(r));
}

function parseScopes(s: string): Action[] {
  const parts = s.split(',');
  return ACTIONS.filter((a) => parts.includes(a));
}

/** A short, non-secret reference to a session in audit entries (a prefix of its stored hash). */
function sessionRef(idHash: string): string {
  return idHash.slice(0, 16);
}

function sessionPrincipal(u: UserRow): Principal {
  return { userId: u.id, username: u.username, nation: u.nation, roles: parseRoles(u.roles), scopes: null, via: 'session' };
}

function toUserRecord(u: UserRow): UserRecord {
  return { id: u.id, username: u.username, nation: u.nation, roles: parseRoles(u.roles), disabled: u.disabled !== 0, createdMs: u.created_ms };
}

function toTokenRecord(t: TokenRow): TokenRecord {
  return { id: t.id, userId: t.user_id, name: t.name, scopes: parseScopes(t.scopes), createdMs: t.created_ms, expiresMs: t.expires_ms, revokedMs: t.revoked_ms };
}
