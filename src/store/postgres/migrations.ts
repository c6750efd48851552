/**
 * PostgreSQL/PostGIS schema migrations, numbered like the SQLite ones (`NNN.do.<name>` /
 * `NNN.undo.<name>`, STYLE rule 15), as TypeScript constants so `dist/` needs no copy step;
 * never edited once released — a change is a new number. They mirror the meaning of the
 * SQLite record tables (src/store/sqlite/migrations.ts 001–007); the access, case and report
 * library tables stay in SQLite (see docs/scale-out-store.md).
 *
 * Differences from SQLite, on purpose:
 * - observations are one wide row (no interning): PostgreSQL compresses nothing by it and
 *   the joins would cost more than the bytes; positions are also a `geography(Point, 4326)`
 *   with a GiST index (and one on its geometry for boxes), besides exact `lon`/`lat`;
 * - `releasable_to` is a sorted `text[]` with a GIN index, not a `,FRA,GBR,` string;
 * - sort keys that are text are `COLLATE "C"`, so pages are in byte order as in SQLite
 *   whatever the database's locale;
 * - migration 2 adds row-level security (FORCE, so the owning role is filtered too).
 */
export interface PgMigration {
  version: number;
  name: string;
  up: string;
  down: string;
}

const REL = `
  originator    text   NOT NULL,
  marking       text   NOT NULL CHECK (marking IN ('COALITION', 'REL_TO', 'ORIGINATOR_ONLY')),
  releasable_to text[] NOT NULL DEFAULT '{}'`;

/** Tables whose rows carry releasability (RLS applies to each). */
export const RECORD_TABLES = ['observations', 'tracks', 'alerts', 'outbox', 'reports', 'quarantine', 'quarantine_counts', 'agreement_versions', 'feeds'] as const;

/** As `pgVisibleTo`, over the session settings; no nation set (and not the system): nothing. */
const VISIBLE = `current_setting('vigil.viewer_system', true) = 'on'
    OR (coalesce(current_setting('vigil.viewer_nation', true), '') <> ''
      AND (originator = current_setting('vigil.viewer_nation', true)
        OR marking = 'COALITION'
        OR releasable_to @> ARRAY[current_setting('vigil.viewer_nation', true)]))`;

export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    name: 'records',
    up: `
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE observations (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  entity_id   text COLLATE "C" NOT NULL,
  kind        text   NOT NULL,
  time_ms     bigint NOT NULL,
  lon         double precision NOT NULL,
  lat         double precision NOT NULL,
  position    geography(Point, 4326) NOT NULL,
  speed_kn    double precision,
  course_deg  double precision,
  altitude_ft double precision,
  feed        text COLLATE "C" NOT NULL,
  source      text   NOT NULL DEFAULT '',${REL}
);
CREATE INDEX observations_entity_time ON observations (entity_id, time_ms, id);
CREATE INDEX observations_time ON observations (time_ms, id);
CREATE INDEX observations_position ON observations USING gist (position);
CREATE INDEX observations_box ON observations USING gist ((position::geometry));
CREATE INDEX observations_releasable ON observations USING gin (releasable_to);

CREATE TABLE tracks (
  id          text COLLATE "C" PRIMARY KEY,
  kind        text   NOT NULL,
  name        text,
  callsign    text,
  imo         bigint,
  ship_type   integer,
  flag        text,
  category    text   NOT NULL,
  party       text,
  last_ms     bigint NOT NULL,
  lon         double precision NOT NULL,
  lat         double precision NOT NULL,
  position    geography(Point, 4326) NOT NULL,
  speed_kn    double precision,
  course_deg  double precision,
  altitude_ft double precision,
  fixes       bigint NOT NULL,${REL}
);
CREATE INDEX tracks_kind ON tracks (kind, id);
CREATE INDEX tracks_party ON tracks (party, id);
CREATE INDEX tracks_category ON tracks (category, id);
CREATE INDEX tracks_last ON tracks (last_ms);
CREATE INDEX tracks_position ON tracks USING gist (position);
CREATE INDEX tracks_box ON tracks USING gist ((position::geometry));
CREATE INDEX tracks_releasable ON tracks USING gin (releasable_to);

CREATE TABLE alerts (
  id                text COLLATE "C" PRIMARY KEY,
  rule              text   NOT NULL,
  type              text   NOT NULL,
  domain            text   NOT NULL,
  severity          text   NOT NULL,
  entity_id         text   NOT NULL,
  entity_party      text,
  zone              text,
  start_ms          bigint NOT NULL,
  end_ms            bigint,
  status            text   NOT NULL CHECK (status IN ('open', 'closed')),
  agreement_id      text   NOT NULL,
  agreement_version integer NOT NULL,
  body              text   NOT NULL,
  created_ms        bigint NOT NULL,
  updated_ms        bigint NOT NULL,${REL}
);
CREATE INDEX alerts_start ON alerts (start_ms, id);
CREATE INDEX alerts_rule ON alerts (rule, start_ms, id);
CREATE INDEX alerts_type ON alerts (type, start_ms, id);
CREATE INDEX alerts_zone ON alerts (zone, start_ms, id);
CREATE INDEX alerts_party ON alerts (entity_party, start_ms, id);
CREATE INDEX alerts_status ON alerts (status, start_ms, id);
CREATE INDEX alerts_entity ON alerts (entity_id, start_ms, id);
CREATE INDEX alerts_agreement ON alerts (agreement_id, start_ms, id);
CREATE INDEX alerts_end ON alerts (end_ms);
CREATE INDEX alerts_releasable ON alerts USING gin (releasable_to);

CREATE TABLE outbox (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  topic           text   NOT NULL,
  payload         text   NOT NULL,
  created_ms      bigint NOT NULL,
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_ms bigint NOT NULL,${REL}
);
CREATE INDEX outbox_due ON outbox (next_attempt_ms, id);

CREATE TABLE store_counters (
  name  text   PRIMARY KEY,
  value bigint NOT NULL
);

CREATE TABLE reports (
  id          text COLLATE "C" PRIMARY KEY,
  time_ms     bigint NOT NULL,
  lon         double precision NOT NULL,
  lat         double precision NOT NULL,
  position    geography(Point, 4326) NOT NULL,
  category    text   NOT NULL,
  party       text,
  body        text   NOT NULL,
  revision    integer NOT NULL,
  created_ms  bigint NOT NULL,
  updated_ms  bigint NOT NULL,${REL}
);
CREATE INDEX reports_time ON reports (time_ms, id);
CREATE INDEX reports_category ON reports (category, time_ms, id);
CREATE INDEX reports_party ON reports (party, time_ms, id);
CREATE INDEX reports_box ON reports USING gist ((position::geometry));
CREATE INDEX reports_releasable ON reports USING gin (releasable_to);

CREATE TABLE quarantine (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  feed        text COLLATE "C" NOT NULL,
  reason      text COLLATE "C" NOT NULL,
  detail      text   NOT NULL,
  line        text   NOT NULL,
  received_ms bigint NOT NULL,${REL}
);
CREATE INDEX quarantine_feed ON quarantine (feed, id);
CREATE INDEX quarantine_reason ON quarantine (reason, id);

CREATE TABLE quarantine_counts (
  feed   text COLLATE "C" NOT NULL,
  reason text COLLATE "C" NOT NULL,
  total  bigint NOT NULL,${REL},
  PRIMARY KEY (feed, reason)
);

CREATE TABLE agreement_versions (
  agreement_id text COLLATE "C" NOT NULL,
  version      integer NOT NULL,
  yaml         text   NOT NULL,
  sha256       text   NOT NULL,
  loaded_ms    bigint NOT NULL,${REL},
  PRIMARY KEY (agreement_id, version)
);

CREATE TABLE feeds (
  name       text COLLATE "C" PRIMARY KEY,
  kind       text   NOT NULL,
  state      text   NOT NULL,
  counters   jsonb  NOT NULL,
  updated_ms bigint NOT NULL,${REL}
);
`,
    down: `
DROP TABLE feeds;
DROP TABLE agreement_versions;
DROP TABLE quarantine_counts;
DROP TABLE quarantine;
DROP TABLE reports;
DROP TABLE store_counters;
DROP TABLE outbox;
DROP TABLE alerts;
DROP TABLE tracks;
DROP TABLE observations;
`,
  },
  {
    version: 2,
    name: 'row-level-security',
    // The second wall: every read already filters in its WHERE (PgReader); these policies
    // filter again on the settings each transaction sets with SET LOCAL semantics
    // (set_config(…, true)). Unset settings see nothing (fail closed). Only the system viewer
    // may write. FORCE makes the policies bind the owning role too; a superuser or a role
    // with BYPASSRLS still bypasses them, so deployments connect as an ordinary role.
    up: RECORD_TABLES.map((t) => `
ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY;
ALTER TABLE ${t} FORCE ROW LEVEL SECURITY;
CREATE POLICY ${t}_releasable ON ${t} FOR SELECT USING (${VISIBLE});
CREATE POLICY ${t}_system_writes ON ${t} FOR ALL
  USING (current_setting('vigil.viewer_system', true) = 'on')
  WITH CHECK (current_setting('vigil.viewer_system', true) = 'on');`).join('\n'),
    down: RECORD_TABLES.map((t) => `
DROP POLICY ${t}_system_writes ON ${t};
DROP POLICY ${t}_releasable ON ${t};
ALTER TABLE ${t} NO FORCE ROW LEVEL SECURITY;
ALTER TABLE ${t} DISABLE ROW LEVEL SECURITY;`).join('\n'),
  },
];
