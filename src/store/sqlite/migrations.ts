import { ACCESS_MIGRATIONS } from './migrations-access.js';
import { CASE_MIGRATIONS } from './migrations-cases.js';
import { REPORT_MIGRATIONS } from './migrations-reports.js';

/**
 * SQLite schema migrations, numbered as `NNN.do.<name>` / `NNN.undo.<name>` (STYLE rule 15).
 * They are TypeScript constants rather than `.sql` files so that the compiled `dist/` needs
 * no copy step; a migration is never edited once released — a change is a new number.
 *
 * Every record table carries the releasability columns of issue 5:
 * - `originator`: ISO 3166-1 alpha-3 nation;
 * - `marking`: `COALITION` | `REL_TO` | `ORIGINATOR_ONLY`;
 * - `releasable_to`: for `REL_TO`, the nations as `,FRA,GBR,` (so the read filter is one
 *   `instr()`), else empty.
 * Later tables (users, incidents, evidence, audit chain) come as further numbers.
 */
export interface Migration {
  version: number;
  name: string;
  /** `NNN.do.<name>` */
  up: string;
  /** `NNN.undo.<name>` */
  down: string;
}

/** The migrations, in order. `version` is the NNN of the file name. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'observations',
    // Observations are the firehose (300k rows/s in the benchmark), so a row is kept lean:
    // the entity id and the provenance (feed, receiver, originator, marking) are interned in
    // small tables and referenced by integer key. The releasability of an observation is that
    // of its source row, and every read filters on it. No FOREIGN KEY clauses: enforcing them
    // costs two lookups per inserted row; the writer only ever uses keys it just read back.
    up: `
CREATE TABLE entities (
  key  INTEGER PRIMARY KEY,
  id   TEXT    NOT NULL UNIQUE,
  kind TEXT    NOT NULL
) STRICT;

CREATE TABLE observation_sources (
  key           INTEGER PRIMARY KEY,
  feed          TEXT    NOT NULL,
  source        TEXT    NOT NULL DEFAULT '',
  originator    TEXT    NOT NULL,
  marking       TEXT    NOT NULL CHECK (marking IN ('COALITION', 'REL_TO', 'ORIGINATOR_ONLY')),
  releasable_to TEXT    NOT NULL DEFAULT '',
  UNIQUE (feed, source, originator, marking, releasable_to)
) STRICT;

CREATE TABLE observations (
  id          INTEGER PRIMARY KEY,
  entity_key  INTEGER NOT NULL,
  time_ms     INTEGER NOT NULL,
  lon         REAL    NOT NULL,
  lat         REAL    NOT NULL,
  speed_kn    REAL,
  course_deg  REAL,
  altitude_ft REAL,
  source_key  INTEGER NOT NULL
) STRICT;
CREATE INDEX observations_entity_time ON observations (entity_key, time_ms);
CREATE INDEX observations_time ON observations (time_ms);
`,
    down: `
DROP TABLE observations;
DROP TABLE observation_sources;
DROP TABLE entities;
`,
  },
  {
    version: 2,
    name: 'tracks',
    up: `
CREATE TABLE tracks (
  id            TEXT    PRIMARY KEY,
  kind          TEXT    NOT NULL,
  name          TEXT,
  callsign      TEXT,
  imo           INTEGER,
  ship_type     INTEGER,
  flag          TEXT,
  category      TEXT    NOT NULL,
  party         TEXT,
  last_ms       INTEGER NOT NULL,
  lon           REAL    NOT NULL,
  lat           REAL    NOT NULL,
  speed_kn      REAL,
  course_deg    REAL,
  altitude_ft   REAL,
  fixes         INTEGER NOT NULL,
  originator    TEXT    NOT NULL,
  marking       TEXT    NOT NULL CHECK (marking IN ('COALITION', 'REL_TO', 'ORIGINATOR_ONLY')),
  releasable_to TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX tracks_kind ON tracks (kind, id);
CREATE INDEX tracks_party ON tracks (party, id);
CREATE INDEX tracks_category ON tracks (category, id);
CREATE INDEX tracks_last ON tracks (last_ms);
CREATE INDEX tracks_position ON tracks (lat, lon);
`,
    down: `
DROP TABLE tracks;
`,
  },
  {
    version: 3,
    name: 'alerts-outbox',
    up: `
CREATE TABLE alerts (
  id                TEXT    PRIMARY KEY,
  rule              TEXT    NOT NULL,
  type              TEXT    NOT NULL,
  domain            TEXT    NOT NULL,
  severity          TEXT    NOT NULL,
  entity_id         TEXT    NOT NULL,
  entity_party      TEXT,
  zone              TEXT,
  start_ms          INTEGER NOT NULL,
  end_ms            INTEGER,
  status            TEXT    NOT NULL CHECK (status IN ('open', 'closed')),
  agreement_id      TEXT    NOT NULL,
  agreement_version INTEGER NOT NULL,
  body              TEXT    NOT NULL,
  created_ms        INTEGER NOT NULL,
  updated_ms        INTEGER NOT NULL,
  originator        TEXT    NOT NULL,
  marking           TEXT    NOT NULL CHECK (marking IN ('COALITION', 'REL_TO', 'ORIGINATOR_ONLY')),
  releasable_to     TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX alerts_start ON alerts (start_ms, id);
CREATE INDEX alerts_rule ON alerts (rule, start_ms, id);
CREATE INDEX alerts_type ON alerts (type, start_ms, id);
CREATE INDEX alerts_zone ON alerts (zone, start_ms, id);
CREATE INDEX alerts_party ON alerts (entity_party, start_ms, id);
CREATE INDEX alerts_domain ON alerts (domain, start_ms, id);
CREATE INDEX alerts_severity ON alerts (severity, start_ms, id);
CREATE INDEX alerts_status ON alerts (status, start_ms, id);
CREATE INDEX alerts_entity ON alerts (entity_id, start_ms, id);
CREATE INDEX alerts_agreement ON alerts (agreement_id, start_ms, id);
CREATE INDEX alerts_end ON alerts (end_ms);

CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  topic           TEXT    NOT NULL,
  payload         TEXT    NOT NULL,
  created_ms      INTEGER NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_ms INTEGER NOT NULL,
  originator      TEXT    NOT NULL,
  marking         TEXT    NOT NULL CHECK (marking IN ('COALITION', 'REL_TO', 'ORIGINATOR_ONLY')),
  releasable_to   TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX outbox_due ON outbox (next_attempt_ms, id);

CREATE TABLE store_counters (
  name  TEXT    PRIMARY KEY,
  value INTEGER NOT NULL
) STRICT;
`,
    down: `
DROP TABLE store_counters;
DROP TABLE outbox;
DROP TABLE alerts;
`,
  },
  {
    version: 4,
    name: 'reports',
    up: `
CREATE TABLE reports (
  id            TEXT    PRIMARY KEY,
  time_ms       INTEGER NOT NULL,
  lon           REAL    NOT NULL,
  lat           REAL    NOT NULL,
  category      TEXT    NOT NULL,
  party         TEXT,
  body          TEXT    NOT NULL,
  revision      INTEGER NOT NULL,
  created_ms    INTEGER NOT NULL,
  updated_ms    INTEGER NOT NULL,
  originator    TEXT    NOT NULL,
  marking       TEXT    NOT NULL CHECK (marking IN ('COALITION', 'REL_TO', 'ORIGINATOR_ONLY')),
  releasable_to TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX reports_time ON reports (time_ms, id);
CREATE INDEX reports_category ON reports (category, time_ms, id);
CREATE INDEX reports_party ON reports (party, time_ms, id);
CREATE INDEX reports_position ON reports (lat, lon);
`,
    down: `
DROP TABLE reports;
`,
  },
  {
    version: 5,
    name: 'quarantine',
    up: `
CREATE TABLE quarantine (
  id            INTEGER PRIMARY KEY,
  feed          TEXT    NOT NULL,
  reason        TEXT    NOT NULL,
  detail        TEXT    NOT NULL,
  line          TEXT    NOT NULL,
  received_ms   INTEGER NOT NULL,
  originator    TEXT    NOT NULL,
  marking       TEXT    NOT NULL CHECK (marking IN ('COALITION', 'REL_TO', 'ORIGINATOR_ONLY')),
  releasable_to TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX quarantine_feed ON quarantine (feed, id);
CREATE INDEX quarantine_reason ON quarantine (reason, id);

CREATE TABLE quarantine_counts (
  feed          TEXT    NOT NULL,
  reason        TEXT    NOT NULL,
  total         INTEGER NOT NULL,
  originator    TEXT    NOT NULL,
  marking       TEXT    NOT NULL CHECK (marking IN ('COALITION', 'REL_TO', 'ORIGINATOR_ONLY')),
  releasable_to TEXT    NOT NULL DEFAULT '',
  PRIMARY KEY (feed, reason)
) STRICT;
`,
    down: `
DROP TABLE quarantine_counts;
DROP TABLE quarantine;
`,
  },
  {
    version: 6,
    name: 'agreement-versions',
    up: `
CREATE TABLE agreement_versions (
  agreement_id  TEXT    NOT NULL,
  version       INTEGER NOT NULL,
  yaml          TEXT    NOT NULL,
  sha256        TEXT    NOT NULL,
  loaded_ms     INTEGER NOT NULL,
  originator    TEXT    NOT NULL,
  marking       TEXT    NOT NULL CHECK (marking IN ('COALITION', 'REL_TO', 'ORIGINATOR_ONLY')),
  releasable_to TEXT    NOT NULL DEFAULT '',
  PRIMARY KEY (agreement_id, version)
) STRICT;
`,
    down: `
DROP TABLE agreement_versions;
`,
  },
  {
    version: 7,
    name: 'feeds',
    up: `
CREATE TABLE feeds (
  name          TEXT    PRIMARY KEY,
  kind          TEXT    NOT NULL,
  state         TEXT    NOT NULL,
  counters      TEXT    NOT NULL,
  updated_ms    INTEGER NOT NULL,
  originator    TEXT    NOT NULL,
  marking       TEXT    NOT NULL CHECK (marking IN ('COALITION', 'REL_TO', 'ORIGINATOR_ONLY')),
  releasable_to TEXT    NOT NULL DEFAULT ''
) STRICT;
`,
    down: `
DROP TABLE feeds;
`,
  },
  ...ACCESS_MIGRATIONS,
  ...CASE_MIGRATIONS,
  ...REPORT_MIGRATIONS,
];
