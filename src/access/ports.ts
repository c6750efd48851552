import type { Page, PageQuery } from '../store/ports.js';
import type { Action, Principal, Role } from './roles.js';

/** A user as administrators see it (never the password hash). */
export interface UserRecord {
  id: number;
  username: string;
  nation: string;
  roles: Role[];
  disabled: boolean;
  createdMs: number;
}

/** An API token's metadata (the secret is shown once, at creation, and stored only hashed). */
export interface TokenRecord {
  id: number;
  userId: number;
  name: string;
  scopes: Action[];
  createdMs: number;
  expiresMs: number;
  revokedMs: number | null;
}

/** A refused access operation: `forbidden` (403), `not-found` (404), `invalid` (400, message names the field), `conflict` (409). */
export class AccessError extends Error {
  constructor(readonly code: 'forbidden' | 'not-found' | 'invalid' | 'conflict', message: string) {
    super(message);
  }
}

export interface LoginResult {
  /** Opaque session id for the cookie (stored hashed). */
  sessionId: string;
  /** Per-session CSRF token: state-changing browser requests must echo it in `x-csrf-token`. */
  csrfToken: string;
  principal: Principal;
  expiresMs: number;
}

/** Users, roles, sessions and tokens (issue 5). Every method that changes something is audited by the implementation. */
export interface AccessService {
  authenticateToken(secret: string): Promise<Principal | undefined>;
  authenticateSession(sessionId: string): Promise<{ principal: Principal; csrfToken: string } | undefined>;
  /** Undefined for unknown users, wrong passwords and disabled users alike (no user enumeration). */
  login(username: string, password: string): Promise<LoginResult | undefined>;
  logout(sessionId: string): Promise<void>;
  /** The first coalition admin (`vigil init`); refuses when any user exists. */
  bootstrap(input: { username: string; password: string; nation: string }): Promise<UserRecord>;
  createUser(by: Principal, input: { username: string; password: string; nation: string; roles: Role[] }): Promise<UserRecord>;
  listUsers(by: Principal): Promise<UserRecord[]>;
  setDisabled(by: Principal, userId: number, disabled: boolean): Promise<UserRecord>;
  createToken(by: Principal, input: { name: string; scopes: Action[]; ttlMs: number }): Promise<{ token: string; record: TokenRecord }>;
  listTokens(by: Principal): Promise<TokenRecord[]>;
  revokeToken(by: Principal, tokenId: number): Promise<TokenRecord>;
}

/** One audit entry; `hash` commits to the previous entry's hash and to this entry's content. */
export interface AuditEntry {
  seq: number;
  timeMs: number;
  /** `user:NAME`, `token:ID`, `system`, `cli`. */
  actor: string;
  nation: string | null;
  action: string;
  target: string;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface AuditQuery extends PageQuery {
  /** Only entries concerning this nation (what a national admin with `audit:read` may see). */
  nation?: string;
  action?: string;
  target?: string;
  fromMs?: number;
  toMs?: number;
}

/** The append-only, hash-chained audit log. */
export interface AuditLog {
  append(entry: { actor: string; nation: string | null; action: string; target: string; details?: Record<string, unknown> }): Promise<AuditEntry>;
  list(query?: AuditQuery): Promise<Page<AuditEntry>>;
  /**
   * Recomputes the chain; reports the first entry that was modified, deleted or reordered.
   * With an anchor (a checkpoint's size and head hash), entry `size` must exist and have that hash.
   */
  verify(anchor?: { size: number; head: string }): Promise<{ ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; reason: string }>;
  /** The last entry's seq and hash (seq 0 and 64 zeros when empty): what a checkpoint signs. */
  head(): { seq: number; hash: string };
}
