/**
 * The API test harness (issue 5): a fresh SQLite store in a temporary directory, access and
 * audit over it, the case service and the notifier, the Black Sea demo agreement, a LiveHub
 * and the Fastify app (not listening: tests use `app.inject()`, and `listen()` only for the
 * SSE stream).
 *
 * Users: one per role in each of FRA, GBR and POL, each with an API token scoped to every
 * action its roles grant (plus a spare token to revoke). Seeded records are of nation FRA,
 * one per marking: an alert, a report, a track with observations, and an incident made from
 * that alert by an FRA verifier, with a comment and an evidence file.
 *
 * Records (alerts, reports, tracks, observations, feeds, agreements) go to the same SQLite
 * file, or with `VIGIL_TEST_RECORDS=postgres` to a fresh database of a throwaway PostgreSQL
 * server, as `vigil serve --store postgres://…` puts them (users and cases stay in SQLite):
 * test/api/postgres-records.test.ts runs the releasability and matrix suites that way.
 *
 * Password hashing uses cheap argon2 parameters (1 MiB, one pass): the API is under test, not
 * the hash cost, and the whole test/api suite must stay well under a minute on two cores.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { openAccess } from '../../src/access/open-access.js';
import { PasswordHasher } from '../../src/access/password-hasher.js';
import type { SqliteAccessService } from '../../src/access/sqlite-access-service.js';
import type { SqliteAuditLog } from '../../src/access/sqlite-audit-log.js';
import { ACTIONS, ROLE_ACTIONS, ROLES, type Action, type Principal, type Role } from '../../src/access/roles.js';
import { buildApp } from '../../src/api/app.js';
import { SESSION_COOKIE } from '../../src/api/session-cookie.js';
import type { ApiContext } from '../../src/api/context.js';
import { LiveHub } from '../../src/api/live-hub.js';
import { Notifier } from '../../src/cases/notifier.js';
import { SqliteCaseService } from '../../src/cases/sqlite-case-service.js';
import { SqliteReportLibrary } from '../../src/report/sqlite-report-library.js';
import type { ReportLibrary } from '../../src/report/report-library.js';
import { loadAgreementFile } from '../../src/config/agreement-file.js';
import { loadOrCreateNodeKey } from '../../src/report/signing/node-key.js';
import type { Alert } from '../../src/core/alert/alert.js';
import type { CompiledAgreement } from '../../src/core/agreement/compiled-agreement.js';
import { openSqliteStore, parseMarking, type Marking, type TrackRecord } from '../../src/store/index.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import type { Store } from '../../src/store/ports.js';
import { startPostgresServer, type PostgresServer } from './postgres-server.js';
import { REPO_ROOT } from './shared-data.js';

/** Nations with users. */
export const NATIONS = ['FRA', 'GBR', 'POL'] as const;
export type TestNation = (typeof NATIONS)[number];

/** The markings every kind of seeded record comes in, as written in the API. */
export const MARKINGS = ['COALITION', 'REL TO GBR', 'ORIGINATOR ONLY'] as const;
export type MarkingText = (typeof MARKINGS)[number];

/** Password of every test user (12+ characters, as the access service requires). */
export const TEST_PASSWORD = 'correct horse battery staple';

/** Start of the seeded alerts, reports and observations (inside the demo agreement's validity). */
export const SEED_START_MS = Date.parse('2026-03-25T02:00:00Z');

export interface TestUser {
  id: number;
  username: string;
  nation: TestNation;
  role: Role;
  /** Bearer token scoped to every action of the role. */
  token: string;
  tokenId: number;
  /** A second token of the user, for revocation tests. */
  spareTokenId: number;
  /** The user as a session principal (for calling services directly). */
  principal: Principal;
}

/** Ids of the seeded records of one marking (all of nation FRA). */
export interface SeededMarking {
  marking: Marking;
  alertId: string;
  reportId: string;
  /** Track id = entity id of its observations. */
  trackId: string;
  incidentId: string;
  commentId: number;
  evidenceSha256: string;
  evidenceBytes: Buffer;
  /** A stored report document (a JSON file with its manifest and signature) of this marking. */
  documentId: string;
}

export interface TestApi {
  app: FastifyInstance;
  ctx: ApiContext;
  /** The record store: SQLite, or PostgreSQL with VIGIL_TEST_RECORDS=postgres. */
  store: Store;
  access: SqliteAccessService;
  audit: SqliteAuditLog;
  cases: SqliteCaseService;
  notifier: Notifier;
  hub: LiveHub;
  agreement: CompiledAgreement;
  dataDir: string;
  /** `users.FRA.verifier` … */
  users: Record<TestNation, Record<Role, TestUser>>;
  seed: Record<MarkingText, SeededMarking>;
  /** Logs in through the API; the cookie header value and the CSRF token to echo. */
  login(user: TestUser | string, password?: string): Promise<{ cookie: string; csrf: string }>;
  /** Closes the app and the store and removes the temporary directory. */
  close(): Promise<void>;
}

export interface BuildTestApiOptions {
  /** Requests per minute per client (default 1,000,000: the matrix test makes over a thousand). */
  rateLimitPerMinute?: number;
}

/** Actions granted by a role (a token's widest scope). */
export function actionsOf(role: Role): Action[] {
  return ACTIONS.filter((a) => ROLE_ACTIONS[role].includes(a));
}

/** Short slug of a marking for ids: `coalition`, `rel-gbr`, `orcon`. */
export function markingSlug(m: MarkingText): string {
  return m === 'COALITION' ? 'coalition' : m === 'REL TO GBR' ? 'rel-gbr' : 'orcon';
}

/** Parses one of the test markings. */
export function marking(text: string): Marking {
  const m = parseMarking(text);
  if (!m.ok) throw new Error(m.error);
  return m.value;
}

/** A seeded-style alert (rule R1, sea, high) of `entityId` starting at `startMs`. */
export function testAlert(id: string, entityId: string, startMs: number, extra: Partial<Alert> = {}): Alert {
  return {
    id, rule: 'R1', type: 'no-entry', domain: 'sea', severity: 'high',
    entity: { kind: 'vessel', id: entityId, party: 'RU' }, zone: 'odesa-approach',
    start: new Date(startMs).toISOString(), end: new Date(startMs + 10 * 60_000).toISOString(),
    position: { lat: 46.45, lon: 30.9 }, evidence: {}, ...extra,
  };
}

/** Builds the harness (see the module comment). */
export async function buildTestApi(options: BuildTestApiOptions = {}): Promise<TestApi> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-api-'));
  const sqlite = openSqliteStore(join(dataDir, 'vigil.sqlite'));
  const store = process.env['VIGIL_TEST_RECORDS'] === 'postgres' ? await postgresRecords() : sqlite;
  const { access, audit } = openAccess(sqlite, { passwords: new PasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }) });
  const cases = new SqliteCaseService({ store: sqlite, records: store, audit, dataDir });
  const agreementPath = join(REPO_ROOT, 'examples/black-sea/agreement.yaml');
  const loaded = loadAgreementFile(agreementPath);
  if (!loaded.ok) throw new Error(`demo agreement does not load: ${loaded.errors.map((e) => e.message).join('; ')}`);
  const agreement = loaded.value;
  await store.agreements.add({
    agreementId: agreement.id, version: agreement.version, yaml: readFileSync(agreementPath, 'utf8'), loadedMs: SEED_START_MS,
    originator: 'FRA', marking: { kind: 'COALITION' },
  });
  const notifier = new Notifier({ store: sqlite, audit });
  const hub = new LiveHub();
  const ctx: ApiContext = { store, access, audit, cases, notifier, agreement, agreementVersion: agreement.version, pipeline: undefined, hub, secureCookies: false, nodeKey: loadOrCreateNodeKey(dataDir), reportLibrary: new SqliteReportLibrary(sqlite) };
  const app = await buildApp(ctx, { rateLimitPerMinute: options.rateLimitPerMinute ?? 1_000_000 });

  const users = await createUsers(access);
  const seed = await seedRecords(store, cases, agreement, users.FRA.verifier.principal, ctx.reportLibrary);

  const login = async (user: TestUser | string, password = TEST_PASSWORD): Promise<{ cookie: string; csrf: string }> => {
    const username = typeof user === 'string' ? user : user.username;
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login of ${username} failed: ${res.statusCode} ${res.body}`);
    const c = res.cookies.find((k) => k.name === SESSION_COOKIE);
    if (c === undefined) throw new Error(`login of ${username} set no ${SESSION_COOKIE} cookie`);
    return { cookie: `${SESSION_COOKIE}=${c.value}`, csrf: (res.json() as { csrfToken: string }).csrfToken };
  };

  return {
    app, ctx, store, access, audit, cases, notifier, hub, agreement, dataDir, users, seed, login,
    async close() {
      await app.close();
      if (store !== sqlite) await store.close();
      await sqlite.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function createUsers(access: SqliteAccessService): Promise<Record<TestNation, Record<Role, TestUser>>> {
  const root = await access.bootstrap({ username: 'root', password: TEST_PASSWORD, nation: 'FRA' });
  const rootP: Principal = { userId: root.id, username: root.username, nation: root.nation, roles: root.roles, scopes: null, via: 'session' };
  const out = {} as Record<TestNation, Record<Role, TestUser>>;
  for (const nation of NATIONS) {
    const byRole = {} as Record<Role, TestUser>;
    for (const role of ROLES) {
      const username = `${nation.toLowerCase()}.${role}`;
      const u = await access.createUser(rootP, { username, password: TEST_PASSWORD, nation, roles: [role] });
      const scopes = actionsOf(role);
      const t = await access.createToken({ system: 'cli' }, { name: 'api-test', scopes, ttlMs: 86_400_000, userId: u.id });
      const spare = await access.createToken({ system: 'cli' }, { name: 'spare', scopes: ['read'], ttlMs: 86_400_000, userId: u.id });
      byRole[role] = {
        id: u.id, username, nation, role, token: t.token, tokenId: t.record.id, spareTokenId: spare.record.id,
        principal: { userId: u.id, username, nation, roles: [role], scopes: null, via: 'session' },
      };
    }
    out[nation] = byRole;
  }
  return out;
}

let postgres: Promise<PostgresServer> | undefined;
let databases = 0;

/** A fresh PostgreSQL database (one throwaway server per test process, stopped at exit) as the record store. */
async function postgresRecords(): Promise<Store> {
  postgres ??= startPostgresServer();
  const server = await postgres;
  return openPostgresStore(await server.createDatabase(`api_${process.pid}_${databases++}`));
}

async function seedRecords(store: Store, cases: SqliteCaseService, agreement: CompiledAgreement, fraVerifier: Principal, library: ReportLibrary): Promise<Record<MarkingText, SeededMarking>> {
  const out = {} as Record<MarkingText, SeededMarking>;
  let n = 0;
  for (const text of MARKINGS) {
    const m = marking(text);
    const slug = markingSlug(text);
    const rel = { originator: 'FRA', marking: m };
    const startMs = SEED_START_MS + n * 60_000;
    const trackId = `mmsi:27300000${n}`;
    const alertId = `seed-alert-${slug}`;
    const reportId = `seed-report-${slug}`;
    await store.alerts.upsert([{ alert: testAlert(alertId, trackId, startMs), agreementId: agreement.id, agreementVersion: agreement.version, ...rel }]);
    await store.reports.upsert([{ report: { id: reportId, time: new Date(startMs).toISOString(), lat: 46.48, lon: 30.73, category: 'drone-attack', party: 'RU', source: `seed ${text}` }, ...rel }]);
    const track: TrackRecord = {
      id: trackId, kind: 'vessel', name: `SEED ${slug.toUpperCase()}`, category: 'military', party: 'RU', flag: 'RUS',
      lastMs: startMs + 5 * 60_000, lon: 30.9, lat: 46.45, speedKn: 12, courseDeg: 90, fixes: 6, ...rel,
    };
    await store.tracks.upsert([track]);
    await store.observations.append(Array.from({ length: 6 }, (_, i) => ({
      entityId: trackId, kind: 'vessel' as const, timeMs: startMs + i * 60_000, lon: 30.9 + i * 0.001, lat: 46.45, speedKn: 12, courseDeg: 90, feed: 'seed', ...rel,
    })));
    const incident = await cases.create(fraVerifier, { title: `Seed incident ${text}`, alertIds: [alertId] });
    const comment = await cases.comment(fraVerifier, incident.id, `Seed comment on ${text}`);
    const evidenceBytes = Buffer.from(`seed evidence of ${text}\n`);
    const ev = await cases.attachEvidence(fraVerifier, incident.id, { bytes: evidenceBytes, mediaType: 'text/plain', name: `seed-${slug}.txt` });
    const documentId = `seed-document-${slug}`;
    const doc = Buffer.from(`{"seed":"${text}"}\n`);
    await library.add({
      id: documentId, series: `${agreement.id}/daily/FRA`, title: `Seed report ${text}`, period: { kind: 'daily', from: new Date(startMs).toISOString(), to: new Date(startMs + 86_400_000).toISOString() },
      format: 'json', preparedFor: 'FRA', agreement: { id: agreement.id, version: agreement.version },
      files: [{ name: 'seed.json', mediaType: 'application/json', sha256: createHash('sha256').update(doc).digest('hex'), sizeBytes: doc.length }],
      createdMs: startMs, createdBy: 'seed', ...rel,
    }, [{ name: 'seed.json', bytes: doc }, { name: 'seed.json.manifest.json', bytes: Buffer.from('{}\n') }, { name: 'seed.json.sig', bytes: Buffer.from('c2VlZA==\n') }]);
    out[text] = { marking: m, alertId, reportId, trackId, incidentId: incident.id, commentId: comment.id, evidenceSha256: ev.sha256, evidenceBytes, documentId };
    n++;
  }
  return out;
}

/** Authorization header of a user's token. */
export function bearer(user: TestUser): { authorization: string } {
  return { authorization: `Bearer ${user.token}` };
}
