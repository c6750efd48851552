import type { Migration } from './migrations.js';

/**
 * Migrations of the access layer (issue 5): users, API tokens, browser sessions and the
 * hash-chained audit log. Numbered from 100 so that they never collide with the record
 * tables of `migrations.ts`; appended to `MIGRATIONS` there.
 *
 * Secrets are never stored: `password_hash` is an argon2id PHC string, `secret_hash` the
 * SHA-256 (hex) of a token's 32 random bytes, `id_hash` the SHA-256 (hex) of a session id.
 * These tables carry no releasability columns: they are not records of the common picture,
 * and the access service scopes every read by the caller's nation and roles itself.
 */
export const ACCESS_MIGRATIONS: readonly Migration[] = [
  {
    version: 100,
    name: 'users',
    // `roles` is a comma-separated list of `ROLES` (small, read with the row, never queried).
    up: `
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT    NOT NULL UNIQUE,
  nation        TEXT    NOT NULL CHECK (length(nation) = 3 AND nation = upper(nation)),
  roles         TEXT    NOT NULL,
  password_hash TEXT    NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_ms    INTEGER NOT NULL
) STRICT;
CREATE INDEX users_nation ON users (nation, id);
`,
    down: `
DROP TABLE users;
`,
  },
  {
    version: 101,
    name: 'api-tokens',
    up: `
CREATE TABLE api_tokens (
  id          INTEGER PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users (id),
  name        TEXT    NOT NULL,
  secret_hash TEXT    NOT NULL UNIQUE,
  scopes      TEXT    NOT NULL,
  created_ms  INTEGER NOT NULL,
  expires_ms  INTEGER NOT NULL,
  revoked_ms  INTEGER
) STRICT;
CREATE INDEX api_tokens_user ON api_tokens (user_id, id);
`,
    down: `
DROP TABLE api_tokens;
`,
  },
  {
    version: 102,
    name: 'sessions',
    up: `
CREATE TABLE sessions (
  id_hash      TEXT    PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users (id),
  csrf_token   TEXT    NOT NULL,
  created_ms   INTEGER NOT NULL,
  expires_ms   INTEGER NOT NULL,
  last_seen_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_ms);
`,
    down: `
DROP TABLE sessions;
`,
  },
  {
    version: 103,
    name: 'audit-log',
    // Append-only in the database itself: the triggers refuse UPDATE and DELETE from any
    // connection (the service, the API, a sqlite3 shell). Someone with raw access to the file
    // can still drop them or edit pages; that is what the hash chain and `vigil audit verify`
    // catch. AUTOINCREMENT keeps the highest seq ever written in `sqlite_sequence`, so a
    // truncated tail shows as well. `details` holds the canonical JSON (sorted keys) that
    // the hash covers, byte for byte.
    up: `
CREATE TABLE audit_log (
  seq       INTEGER PRIMARY KEY AUTOINCREMENT,
  time_ms   INTEGER NOT NULL,
  actor     TEXT    NOT NULL,
  nation    TEXT,
  action    TEXT    NOT NULL,
  target    TEXT    NOT NULL,
  details   TEXT    NOT NULL,
  prev_hash TEXT    NOT NULL,
  hash      TEXT    NOT NULL
) STRICT;
CREATE INDEX audit_log_action ON audit_log (action, seq);
CREATE INDEX audit_log_target ON audit_log (target, seq);
CREATE INDEX audit_log_time ON audit_log (time_ms, seq);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused');
END;
`,
    down: `
DROP TRIGGER audit_log_no_delete;
DROP TRIGGER audit_log_no_update;
DROP TABLE audit_log;
`,
  },
];
