import type { SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { PasswordHasher } from './password-hasher.js';
import { SqliteAccessService } from './sqlite-access-service.js';
import { SqliteAuditLog } from './sqlite-audit-log.js';

/** Options of `openAccess`. */
export interface OpenAccessOptions {
  /** Clock of the audit log and the sessions (Unix ms). Default `Date.now`. */
  nowMs?: () => number;
  /** Password hashing (default argon2id m=64 MiB, t=3, p=1). */
  passwords?: PasswordHasher;
}

/**
 * The access service and the audit log over an open (migrated) SQLite store, sharing its
 * database connection, so a change and its audit entry commit in one transaction.
 * @example const { access, audit } = openAccess(openSqliteStore('data/vigil.sqlite'));
 */
export function openAccess(store: SqliteStore, options: OpenAccessOptions = {}): { access: SqliteAccessService; audit: SqliteAuditLog } {
  const nowMs = options.nowMs ?? Date.now;
  const audit = new SqliteAuditLog(store.db, nowMs);
  const access = new SqliteAccessService(store.db, { nowMs, audit, ...(options.passwords ? { passwords: options.passwords } : {}) });
  return { access, audit };
}
