import type { Migration } from './migrations.js';

/**
 * Migrations of verification casework (issue 5, item 3): incidents, their links to alerts and
 * reports, comments, evidence, history, and alert notifications. Numbered from 200 so that
 * they never collide with the record tables (1+) or the access tables (100+); appended to
 * `MIGRATIONS` in `migrations.ts`.
 *
 * Incidents, comments, evidence and history rows carry the releasability columns of every
 * record table (`originator`, `marking`, `releasable_to`, see `migrations.ts`), and the case
 * service reads them only through `CaseReader`, which filters on them. No FOREIGN KEY to
 * `users`: user ids are kept as written (a user is disabled, never deleted).
 */
export const CASE_MIGRATIONS: readonly Migration[] = [
  {
    version: 200,
    name: 'incidents',
    up: `
CREATE TABLE incidents (
  id                 TEXT    PRIMARY KEY,
  title              TEXT    NOT NULL,
  status             TEXT    NOT NULL CHECK (status IN ('new', 'under-review', 'verified-violation', 'not-a-violation', 'inconclusive')),
  verdict            TEXT    CHECK (verdict IS NULL OR verdict IN ('verified-violation', 'not-a-violation', 'inconclusive')),
  attributed_party   TEXT,
  confidence         TEXT    CHECK (confidence IS NULL OR confidence IN ('high', 'medium', 'low')),
  confidence_reason  TEXT,
  source_reliability TEXT    CHECK (source_reliability IS NULL OR source_reliability IN ('A', 'B', 'C', 'D', 'E', 'F')),
  info_credibility   INTEGER CHECK (info_credibility IS NULL OR info_credibility BETWEEN 1 AND 6),
  assignee           INTEGER,
  created_by         TEXT    NOT NULL,
  created_ms         INTEGER NOT NULL,
  updated_ms         INTEGER NOT NULL,
  revision           INTEGER NOT NULL,
  originator         TEXT    NOT NULL,
  marking            TEXT    NOT NULL CHECK (marking IN ('COALITION', 'REL_TO', 'ORIGINATOR_ONLY')),
  releasable_to      TEXT    NOT NULL DEFAULT '',
  CHECK ((confidence IS NULL) = (confidence_reason IS NULL))
) STRICT;
CREATE INDEX incidents_created ON incidents (created_ms, id);
CREATE INDEX incidents_status ON incidents (status, created_ms, id);
CREATE INDEX incidents_assignee ON incidents (assignee, created_ms, id);
CREATE INDEX incidents_party ON incidents (attributed_party, created_ms, id);

CREATE TABLE incident_links (
  incident_id TEXT    NOT NULL REFERENCES incidents (id),
  kind        TEXT    NOT NULL CHECK (kind IN ('alert', 'report')),
  record_id   TEXT    NOT NULL,
  added_ms    INTEGER NOT NULL,
  PRIMARY KEY (incident_id, kind, record_id)
) STRICT;
CREATE INDEX incident_links_record ON incident_links (kind, record_id);

CREATE TABLE incident_comments (
  id            INTEGER PRIMARY KEY,
  incident_id   TEXT    NOT NULL REFERENCES incidents (id),
  author        TEXT    NOT NULL,
  text          TEXT    NOT NULL,
  created_ms    INTEGER NOT NULL,
  originator    TEXT    NOT NULL,
  marking       TEXT    NOT NULL CHECK (marking IN ('COALITION', 'REL_TO', 'ORIGINATOR_ONLY')),
  releasable_to TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX incident_comments_incident ON incident_comments (incident_id, id);

CREATE TABLE incident_evidence (
  id            INTEGER PRIMARY KEY,
  incident_id   TEXT    NOT NULL REFERENCES incidents (id),
  sha256        TEXT    NOT NULL CHECK (length(sha256) = 64),
  size_bytes    INTEGER NOT NULL,
  media_type    TEXT    NOT NULL,
  name          TEXT    NOT NULL,
  added_by      TEXT    NOT NULL,
  added_ms      INTEGER NOT NULL,
  originator    TEXT    NOT NULL,
  marking       TEXT    NOT NULL CHECK (marking IN ('COALITION', 'REL_TO', 'ORIGINATOR_ONLY')),
  releasable_to TEXT    NOT NULL DEFAULT '',
  UNIQUE (incident_id, sha256, originator)
) STRICT;
CREATE INDEX incident_evidence_sha ON incident_evidence (sha256);

CREATE TABLE incident_history (
  id            INTEGER PRIMARY KEY,
  incident_id   TEXT    NOT NULL REFERENCES incidents (id),
  seq           INTEGER NOT NULL,
  time_ms       INTEGER NOT NULL,
  actor         TEXT    NOT NULL,
  action        TEXT    NOT NULL,
  before        TEXT,
  after         TEXT    NOT NULL,
  reason        TEXT,
  subject       TEXT    NOT NULL,
  originator    TEXT    NOT NULL,
  marking       TEXT    NOT NULL CHECK (marking IN ('COALITION', 'REL_TO', 'ORIGINATOR_ONLY')),
  releasable_to TEXT    NOT NULL DEFAULT '',
  UNIQUE (incident_id, seq)
) STRICT;
CREATE INDEX incident_history_subject ON incident_history (incident_id, subject);
`,
    down: `
DROP TABLE incident_history;
DROP TABLE incident_evidence;
DROP TABLE incident_comments;
DROP TABLE incident_links;
DROP TABLE incidents;
`,
  },
  {
    version: 201,
    name: 'notifications',
    // `notified_alerts` makes notify() idempotent: an alert is announced once, when first seen.
    // Outbox rows carry the alert's releasability (the subscriber's nation was checked when
    // the row was written); `webhook_url` null is a message for the user's inbox/live stream.
    up: `
CREATE TABLE notification_subscribers (
  user_id      INTEGER PRIMARY KEY,
  username     TEXT    NOT NULL,
  nation       TEXT    NOT NULL,
  min_severity TEXT    NOT NULL CHECK (min_severity IN ('high', 'medium', 'low')),
  webhook_url  TEXT,
  created_ms   INTEGER NOT NULL
) STRICT;

CREATE TABLE notified_alerts (
  alert_id    TEXT    PRIMARY KEY,
  notified_ms INTEGER NOT NULL
) STRICT;

CREATE TABLE notification_outbox (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id         INTEGER NOT NULL,
  webhook_url     TEXT,
  alert_id        TEXT    NOT NULL,
  payload         TEXT    NOT NULL,
  created_ms      INTEGER NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_ms INTEGER NOT NULL,
  state           TEXT    NOT NULL CHECK (state IN ('queued', 'failed')),
  last_error      TEXT,
  originator      TEXT    NOT NULL,
  marking         TEXT    NOT NULL CHECK (marking IN ('COALITION', 'REL_TO', 'ORIGINATOR_ONLY')),
  releasable_to   TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX notification_outbox_due ON notification_outbox (state, next_attempt_ms, id);
CREATE INDEX notification_outbox_user ON notification_outbox (user_id, id);
`,
    down: `
DROP TABLE notification_outbox;
DROP TABLE notified_alerts;
DROP TABLE notification_subscribers;
`,
  },
];
