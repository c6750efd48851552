import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { AccessError, type AuditLog } from '../access/ports.js';
import { type Action, can, type Principal } from '../access/roles.js';
import { textProblem } from '../core/text/text-problem.js';
import type { Alert } from '../core/alert/alert.js';
import { decodeCursor } from '../store/cursor.js';
import { formatMarking, isNationCode, type Marking } from '../store/marking.js';
import type { Page, PageQuery, Releasability, Store, Viewer } from '../store/ports.js';
import { toPage } from '../store/sqlite/paging.js';
import { markingColumns, pageLimit, type ReleasabilityRow, releasabilityOf, SqlReader, SqlWriter } from '../store/sqlite/sql-reader.js';
import type { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { InvalidCursorError } from '../store/store-error.js';
import { CaseReader, inJsonArray } from './case-reader.js';
import { deriveMarking, isWithin, narrowTo, normalizeMarking, sameMarking } from './case-marking.js';
import { EvidenceStore, isSha256Hex } from './evidence-store.js';
import {
  type Actor, type EvidenceRecord, type HistoryAction, type HistoryEntry, type Incident, type IncidentComment,
  INCIDENT_STATUSES, type IncidentStatus, type InfoCredibility, type SourceReliability, type Verdict, VERDICTS,
} from './incident.js';
import { type DecisionFields, planTransition, type TransitionRequest } from './lifecycle.js';
import type { CaseService, CreateIncidentInput, EvidenceContent, EvidenceInput, IncidentQuery } from './ports.js';
import { suggestIncidents, type SuggestedIncident } from './suggest-incidents.js';

/** Bounds on inputs (characters, items, bytes). */
export const MAX_TITLE_CHARS = 200;
export const MAX_COMMENT_CHARS = 10_000;
export const MAX_LINKS_PER_CALL = 1_000;
/** Largest evidence file accepted: 100 MiB (a few minutes of drone video; larger goes by reference). */
export const DEFAULT_MAX_EVIDENCE_BYTES = 100 * 1024 * 1024;
/** Alerts examined by one `suggestions` call (newest first); a month of a busy truce is a few thousand. */
export const MAX_SUGGEST_ALERTS = 10_000;

/** Options of `SqliteCaseService`. */
export interface SqliteCaseServiceOptions {
  /** The store whose database holds the case tables (migrations 200+). */
  store: SqliteStore;
  /** Where the alerts and reports that cases cite live, when not in `store` (`vigil serve --store postgres://…`). */
  records?: Store;
  /** Where every change and every evidence read is recorded. */
  audit: AuditLog;
  /** DATA_DIR; evidence files go under `<dataDir>/evidence/aa/bb/<sha256>`. */
  dataDir: string;
  /** Wall clock (Unix ms). Default `Date.now`. */
  nowMs?: () => number;
  /** New incident ids. Default: `inc-` and a random UUID (ids reveal no count of other nations' incidents). */
  newId?: () => string;
  maxEvidenceBytes?: number;
}

interface IncidentRow extends ReleasabilityRow {
  id: string;
  title: string;
  status: string;
  verdict: string | null;
  attributed_party: string | null;
  confidence: string | null;
  confidence_reason: string | null;
  source_reliability: string | null;
  info_credibility: number | null;
  assignee: number | null;
  created_by: string;
  created_ms: number;
  updated_ms: number;
  revision: number;
}

interface CommentRow extends ReleasabilityRow {
  id: number;
  incident_id: string;
  author: string;
  text: string;
  created_ms: number;
}

interface EvidenceRow extends ReleasabilityRow {
  id: number;
  incident_id: string;
  sha256: string;
  size_bytes: number;
  media_type: string;
  name: string;
  added_by: string;
  added_ms: number;
}

interface HistoryRow extends ReleasabilityRow {
  incident_id: string;
  seq: number;
  time_ms: number;
  actor: string;
  action: string;
  before: string | null;
  after: string;
  reason: string | null;
}

type LinkKind = 'alert' | 'report';

const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}(?:\s*;.{0,200})?$/i;

/**
 * The case service over the embedded SQLite store (see `CaseService` for the contract).
 *
 * Reads go only through `CaseReader` (releasability filter in SQL on the incident and on the
 * comment, evidence or history row); each change runs in one SQLite transaction that also
 * appends the incident's history, and is then appended to the audit log (the audit log is
 * a separate interface; were its append to fail after the commit, the caller gets the error
 * and the history still holds the change).
 *
 * Releasability: an incident's originator is its creator's nation; its marking is the
 * intersection of its inputs' (`deriveMarking`), narrowed by each later link, and widened
 * only by `release`. Comments and evidence are narrowed with their incident. A linked record
 * must be releasable to the incident's originator, so that no nation derives what it may not see.
 */
export class SqliteCaseService implements CaseService {
  private readonly reader: CaseReader;
  private readonly writer: SqlWriter;
  private readonly evidenceFiles: EvidenceStore;
  private readonly nowMs: () => number;
  private readonly newId: () => string;
  private readonly maxEvidenceBytes: number;

  private readonly records: Store;

  constructor(private readonly options: SqliteCaseServiceOptions) {
    this.records = options.records ?? options.store;
    this.reader = new CaseReader(new SqlReader(options.store.db));
    this.writer = new SqlWriter(options.store.db);
    this.evidenceFiles = new EvidenceStore(join(options.dataDir, 'evidence'));
    this.nowMs = options.nowMs ?? Date.now;
    this.newId = options.newId ?? (() => `inc-${randomUUID()}`);
    this.maxEvidenceBytes = options.maxEvidenceBytes ?? DEFAULT_MAX_EVIDENCE_BYTES;
  }

  // ------------------------------------------------------------------ incidents

  async create(p: Principal, input: CreateIncidentInput): Promise<Incident> {
    requireAction(p, 'incident:create');
    if (typeof input !== 'object' || input === null) throw invalid('body: expected an object');
    const title = checkText(input.title, 'title', MAX_TITLE_CHARS);
    const alertIds = checkIds(input.alertIds ?? [], 'alertIds');
    const reportIds = checkIds(input.reportIds ?? [], 'reportIds');
    if (alertIds.length + reportIds.length === 0) throw invalid('alertIds: an incident needs at least one alert or report');
    const requested = input.marking === undefined ? undefined : checkMarking(input.marking, 'marking');
    const viewer = viewerOf(p);
    const inputs = [
      ...await this.fetchLinked(viewer, 'alert', alertIds),
      ...await this.fetchLinked(viewer, 'report', reportIds),
    ];
    const marking = deriveMarking(p.nation, requested, inputs);
    const id = this.newId();
    const now = this.nowMs();
    const actor = actorOf(p);
    this.tx(() => {
      const m = markingColumns({ originator: p.nation, marking });
      this.writer.statement(`INSERT INTO incidents (id, title, status, verdict, attributed_party, confidence, confidence_reason,
          source_reliability, info_credibility, assignee, created_by, created_ms, updated_ms, revision, originator, marking, releasable_to)
        VALUES (?, ?, 'new', NULL, NULL, NULL, NULL, NULL, NULL, NULL, ?, ?, ?, 1, ?, ?, ?)`)
        .run(id, title, JSON.stringify(actor), now, now, m.originator, m.marking, m.releasableTo);
      this.insertLinks(id, 'alert', alertIds, now);
      this.insertLinks(id, 'report', reportIds, now);
      this.appendHistory(id, actor, now, 'create', null, {
        title, status: 'new', alertIds, reportIds, marking: formatMarking(marking),
      }, null, 'incident', { originator: p.nation, marking });
    });
    await this.audit(p, 'incident.create', id, p.nation, { alerts: alertIds.length, reports: reportIds.length, marking: formatMarking(marking) });
    return this.get(p, id);
  }

  async get(p: Principal, id: string): Promise<Incident> {
    requireAction(p, 'read');
    const viewer = viewerOf(p);
    const row = this.load(viewer, id);
    return (await this.toIncidents(viewer, [row]))[0] as Incident;
  }

  async list(p: Principal, q: IncidentQuery = {}): Promise<Page<Incident>> {
    requireAction(p, 'read');
    const limit = checkLimit(q.limit);
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (q.status !== undefined) {
      if (!(INCIDENT_STATUSES as readonly string[]).includes(q.status)) throw invalid(`status: must be one of ${INCIDENT_STATUSES.join(', ')}`);
      where.push('i.status = @status');
      params['status'] = q.status;
    }
    if (q.assignee === null) where.push('i.assignee IS NULL');
    else if (q.assignee !== undefined) {
      params['assignee'] = checkUserId(q.assignee, 'assignee');
      where.push('i.assignee = @assignee');
    }
    if (q.party !== undefined) {
      if (typeof q.party !== 'string' || q.party.length === 0) throw invalid('party: must be a party code');
      where.push('i.attributed_party = @party');
      params['party'] = q.party;
    }
    if (q.cursor !== undefined) {
      const [createdMs, id] = cursorKey(q.cursor, ['number', 'string']);
      where.push('(i.created_ms, i.id) < (@beforeCreated, @beforeId)');
      params['beforeCreated'] = createdMs;
      params['beforeId'] = id;
    }
    const viewer = viewerOf(p);
    const rows = this.reader.select<IncidentRow>(viewer, {
      source: 'incidents', columns: 'i.*', where, orderBy: 'i.created_ms DESC, i.id DESC', limit: limit + 1,
    }, params);
    const page = toPage(rows, limit, (r) => r, (r) => [r.created_ms, r.id]);
    return { items: await this.toIncidents(viewer, page.items), nextCursor: page.nextCursor };
  }

  async addAlerts(p: Principal, id: string, alertIds: readonly string[]): Promise<Incident> {
    return this.addLinks(p, id, 'alert', alertIds);
  }

  async addReports(p: Principal, id: string, reportIds: readonly string[]): Promise<Incident> {
    return this.addLinks(p, id, 'report', reportIds);
  }

  async transition(p: Principal, id: string, request: TransitionRequest): Promise<Incident> {
    if (!can(p, 'incident:edit') && !can(p, 'incident:verdict')) throw forbidden(p, 'incident:edit');
    if (typeof request !== 'object' || request === null || typeof request.to !== 'string') {
      throw invalid(`to: must be one of ${INCIDENT_STATUSES.join(', ')}`);
    }
    const viewer = viewerOf(p);
    const actor = actorOf(p);
    const now = this.nowMs();
    const done = this.tx(() => {
      const row = this.load(viewer, id);
      const from = row.status as IncidentStatus;
      const plan = planTransition(from, request, (a) => can(p, a));
      if (!plan.ok) throw new AccessError(plan.error.code, plan.error.message);
      const before = decisionOf(row);
      const after = plan.value;
      this.writer.statement(`UPDATE incidents SET status = ?, verdict = ?, attributed_party = ?, confidence = ?, confidence_reason = ?,
          source_reliability = ?, info_credibility = ?, updated_ms = ?, revision = revision + 1 WHERE id = ?`)
        .run(after.status, after.verdict, after.attributedParty, after.confidence?.level ?? null, after.confidence?.reason ?? null,
          after.grading?.reliability ?? null, after.grading?.credibility ?? null, now, id);
      this.appendHistory(id, actor, now, 'transition', { ...before }, { ...after }, request.reason?.trim() ?? null, 'incident', releasabilityOf(row));
      return { from, to: after.status, originator: row.originator };
    });
    await this.audit(p, 'incident.transition', id, done.originator, { from: done.from, to: done.to });
    return this.get(p, id);
  }

  async assign(p: Principal, id: string, assignee: number | null): Promise<Incident> {
    requireAction(p, 'incident:edit');
    const next = assignee === null ? null : checkUserId(assignee, 'assignee');
    const viewer = viewerOf(p);
    const now = this.nowMs();
    const done = this.tx(() => {
      const row = this.load(viewer, id);
      if (row.assignee === next) return undefined;
      this.writer.statement('UPDATE incidents SET assignee = ?, updated_ms = ?, revision = revision + 1 WHERE id = ?').run(next, now, id);
      this.appendHistory(id, actorOf(p), now, 'assign', { assignee: row.assignee }, { assignee: next }, null, 'incident', releasabilityOf(row));
      return { from: row.assignee, originator: row.originator };
    });
    if (done !== undefined) await this.audit(p, 'incident.assign', id, done.originator, { from: done.from, to: next });
    return this.get(p, id);
  }

  async release(p: Principal, id: string, marking: Marking): Promise<Incident> {
    requireAction(p, 'incident:release');
    const wanted = checkMarking(marking, 'marking');
    const viewer = viewerOf(p);
    const now = this.nowMs();
    const done = this.tx(() => {
      const row = this.load(viewer, id);
      if (row.originator !== p.nation) {
        throw new AccessError('forbidden', `only a verifier of ${row.originator}, the incident's originating nation, may release it`);
      }
      const current = releasabilityOf(row);
      const next: Releasability = { originator: row.originator, marking: normalizeMarking(wanted, row.originator) };
      if (sameMarking(current.marking, next.marking, row.originator)) return undefined;
      if (!isWithin(current, next)) {
        throw invalid(`marking: a release only widens; ${formatMarking(next.marking)} would withdraw the incident from nations of ${formatMarking(current.marking)}`);
      }
      this.setMarking(id, next, now);
      this.appendHistory(id, actorOf(p), now, 'release', { marking: formatMarking(current.marking) }, { marking: formatMarking(next.marking) },
        null, 'incident', next);
      return { from: formatMarking(current.marking), to: formatMarking(next.marking) };
    });
    if (done !== undefined) await this.audit(p, 'incident.release', id, p.nation, done);
    return this.get(p, id);
  }

  // ------------------------------------------------------------------ comments

  async comment(p: Principal, id: string, text: string, marking?: Marking): Promise<IncidentComment> {
    requireAction(p, 'incident:edit');
    const body = checkText(text, 'text', MAX_COMMENT_CHARS, true);
    const requested = marking === undefined ? undefined : checkMarking(marking, 'marking');
    const viewer = viewerOf(p);
    const actor = actorOf(p);
    const now = this.nowMs();
    const done = this.tx(() => {
      const row = this.load(viewer, id);
      const rel: Releasability = { originator: p.nation, marking: narrowTo(p.nation, requested ?? { kind: 'COALITION' }, releasabilityOf(row)) };
      const m = markingColumns(rel);
      const info = this.writer.statement(`INSERT INTO incident_comments (incident_id, author, text, created_ms, originator, marking, releasable_to)
        VALUES (?, ?, ?, ?, ?, ?, ?)`).run(id, JSON.stringify(actor), body, now, m.originator, m.marking, m.releasableTo);
      const commentId = Number(info.lastInsertRowid);
      this.touch(id, now);
      this.appendHistory(id, actor, now, 'comment', null, { commentId, marking: formatMarking(rel.marking) }, null, `comment:${commentId}`, rel);
      return { commentId, rel, originator: row.originator };
    });
    await this.audit(p, 'incident.comment', id, done.originator, { commentId: done.commentId, marking: formatMarking(done.rel.marking) });
    return { id: done.commentId, incidentId: id, author: actor, text: body, createdMs: now, ...done.rel };
  }

  async comments(p: Principal, id: string, q: PageQuery = {}): Promise<Page<IncidentComment>> {
    requireAction(p, 'read');
    const limit = checkLimit(q.limit);
    const viewer = viewerOf(p);
    this.load(viewer, id);
    const where = ['c.incident_id = @id'];
    const params: Record<string, unknown> = { id };
    if (q.cursor !== undefined) {
      const [after] = cursorKey(q.cursor, ['number']);
      where.push('c.id > @after');
      params['after'] = after;
    }
    const rows = this.reader.select<CommentRow>(viewer, { source: 'comments', columns: 'c.*', where, orderBy: 'c.id', limit: limit + 1 }, params);
    return toPage(rows, limit, toComment, (r) => [r.id]);
  }

  // ------------------------------------------------------------------ evidence

  async attachEvidence(p: Principal, id: string, input: EvidenceInput): Promise<EvidenceRecord> {
    requireAction(p, 'incident:edit');
    if (typeof input !== 'object' || input === null) throw invalid('body: expected an object');
    if (!Buffer.isBuffer(input.bytes)) throw invalid('bytes: expected the file content');
    if (input.bytes.length === 0) throw invalid('bytes: the file is empty');
    if (input.bytes.length > this.maxEvidenceBytes) throw invalid(`bytes: larger than the ${this.maxEvidenceBytes}-byte limit`);
    if (typeof input.mediaType !== 'string' || !MEDIA_TYPE.test(input.mediaType)) throw invalid('mediaType: expected a media type such as image/jpeg');
    const name = checkText(input.name, 'name', 255);
    const requested = input.marking === undefined ? undefined : checkMarking(input.marking, 'marking');
    const viewer = viewerOf(p);
    this.load(viewer, id); // not-found before anything is written
    const { sha256, sizeBytes } = await this.evidenceFiles.put(input.bytes);
    const actor = actorOf(p);
    const now = this.nowMs();
    const done = this.tx(() => {
      const row = this.load(viewer, id);
      const existing = this.writer.statement(`SELECT /* write path */ * FROM incident_evidence
        WHERE incident_id = ? AND sha256 = ? AND originator = ?`).get(id, sha256, p.nation) as EvidenceRow | undefined;
      if (existing !== undefined) return { record: toEvidence(existing), created: false, originator: row.originator };
      const rel: Releasability = { originator: p.nation, marking: narrowTo(p.nation, requested ?? { kind: 'COALITION' }, releasabilityOf(row)) };
      const m = markingColumns(rel);
      const info = this.writer.statement(`INSERT INTO incident_evidence (incident_id, sha256, size_bytes, media_type, name, added_by, added_ms,
          originator, marking, releasable_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(id, sha256, sizeBytes, input.mediaType, name, JSON.stringify(actor), now, m.originator, m.marking, m.releasableTo);
      const evidenceId = Number(info.lastInsertRowid);
      this.touch(id, now);
      this.appendHistory(id, actor, now, 'evidence', null, { sha256, sizeBytes, mediaType: input.mediaType, name, marking: formatMarking(rel.marking) },
        null, `evidence:${evidenceId}`, rel);
      const record: EvidenceRecord = {
        incidentId: id, sha256, sizeBytes, mediaType: input.mediaType, name, addedBy: actor, addedMs: now, ...rel,
      };
      return { record, created: true, originator: row.originator };
    });
    if (done.created) {
      await this.audit(p, 'incident.evidence.attach', id, done.originator, { sha256, sizeBytes, mediaType: input.mediaType });
    }
    return done.record;
  }

  async evidence(p: Principal, id: string): Promise<EvidenceRecord[]> {
    requireAction(p, 'read');
    const viewer = viewerOf(p);
    this.load(viewer, id);
    return this.reader.select<EvidenceRow>(viewer, { source: 'evidence', columns: 'c.*', where: ['c.incident_id = @id'], orderBy: 'c.id' }, { id })
      .map(toEvidence);
  }

  async readEvidence(p: Principal, incidentId: string, sha256: string): Promise<EvidenceContent> {
    requireAction(p, 'evidence:read');
    if (typeof sha256 !== 'string' || !isSha256Hex(sha256)) throw invalid('sha256: expected 64 lower-case hex digits');
    const viewer = viewerOf(p);
    const incident = this.load(viewer, incidentId);
    const rows = this.reader.select<EvidenceRow>(viewer, {
      source: 'evidence', columns: 'c.*', where: ['c.incident_id = @id', 'c.sha256 = @sha256'], orderBy: 'c.id', limit: 1,
    }, { id: incidentId, sha256 });
    if (rows[0] === undefined) throw new AccessError('not-found', `incident ${incidentId} has no evidence ${sha256}`);
    const bytes = await this.evidenceFiles.get(sha256);
    // Audited before the content leaves the service: no entry, no bytes.
    await this.audit(p, 'evidence.read', incidentId, incident.originator, { sha256, sizeBytes: bytes.length });
    return { record: toEvidence(rows[0]), bytes };
  }

  // ------------------------------------------------------------------ history and suggestions

  async history(p: Principal, id: string): Promise<HistoryEntry[]> {
    requireAction(p, 'read');
    const viewer = viewerOf(p);
    this.load(viewer, id);
    const entries = this.reader.select<HistoryRow>(viewer, { source: 'history', columns: 'c.*', where: ['c.incident_id = @id'], orderBy: 'c.seq' }, { id })
      .map(toHistory);
    // A released incident can be wider than some of its inputs: ids of alerts and reports the
    // reader may not see are left out of the history, as they are of `alertIds`/`reportIds`.
    const visible = new Map<string, boolean>();
    const canSee = async (kind: 'alertIds' | 'reportIds', recordId: string): Promise<boolean> => {
      const key = `${kind}:${recordId}`;
      let v = visible.get(key);
      if (v === undefined) {
        v = (kind === 'alertIds' ? await this.records.alerts.get(viewer, recordId) : await this.records.reports.get(viewer, recordId)) !== undefined;
        visible.set(key, v);
      }
      return v;
    };
    for (const e of entries) {
      for (const side of [e.before, e.after]) {
        if (side === null) continue;
        for (const kind of ['alertIds', 'reportIds'] as const) {
          const ids = side[kind];
          if (!Array.isArray(ids)) continue;
          const kept: unknown[] = [];
          for (const rid of ids) if (typeof rid === 'string' && await canSee(kind, rid)) kept.push(rid);
          side[kind] = kept;
        }
      }
    }
    return entries;
  }

  async suggestions(p: Principal, q: { fromMs: number; toMs: number; windowMs?: number }): Promise<SuggestedIncident[]> {
    requireAction(p, 'read');
    if (typeof q !== 'object' || q === null || !Number.isFinite(q.fromMs)) throw invalid('fromMs: expected a time (Unix ms)');
    if (!Number.isFinite(q.toMs) || q.toMs < q.fromMs) throw invalid('toMs: expected a time (Unix ms) not before fromMs');
    if (q.windowMs !== undefined && (!Number.isFinite(q.windowMs) || q.windowMs < 0 || q.windowMs > 7 * 86_400_000)) {
      throw invalid('windowMs: expected 0 to 7 days in ms');
    }
    const viewer = viewerOf(p);
    const alerts: Alert[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.records.alerts.list(viewer, {
        fromMs: q.fromMs, toMs: q.toMs, limit: Math.min(1_000, MAX_SUGGEST_ALERTS - alerts.length), ...(cursor !== undefined ? { cursor } : {}),
      });
      for (const a of page.items) alerts.push(a.alert);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined && alerts.length < MAX_SUGGEST_ALERTS);
    if (alerts.length === 0) return [];
    const linked = new Set(this.reader.select<{ record_id: string }>(viewer, {
      source: 'links', columns: 'DISTINCT l.record_id', where: ["l.kind = 'alert'", inJsonArray('l.record_id', 'ids')],
    }, { ids: JSON.stringify(alerts.map((a) => a.id)) }).map((r) => r.record_id));
    const free = alerts.filter((a) => !linked.has(a.id));
    return suggestIncidents(free, q.windowMs !== undefined ? { windowMs: q.windowMs } : {});
  }

  // ------------------------------------------------------------------ internals

  private async addLinks(p: Principal, id: string, kind: LinkKind, ids: readonly string[]): Promise<Incident> {
    requireAction(p, 'incident:edit');
    const field = kind === 'alert' ? 'alertIds' : 'reportIds';
    const wanted = checkIds(ids, field);
    if (wanted.length === 0) throw invalid(`${field}: name at least one ${kind}`);
    const viewer = viewerOf(p);
    this.load(viewer, id);
    const inputs = await this.fetchLinked(viewer, kind, wanted);
    const now = this.nowMs();
    const done = this.tx(() => {
      const row = this.load(viewer, id);
      if ((VERDICTS as readonly string[]).includes(row.status)) {
        throw new AccessError('conflict', `${field}: incident ${id} is decided (${row.status}); reopen it before linking more`);
      }
      const refused = inputs.find((r) => !isWithin({ originator: row.originator, marking: { kind: 'ORIGINATOR_ONLY' } }, r));
      if (refused !== undefined) {
        throw new AccessError('forbidden', `${field}: ${kind} ${refused.id} is not releasable to ${row.originator}, the incident's originating nation`);
      }
      const already = new Set(this.reader.select<{ record_id: string }>(viewer, {
        source: 'links', columns: 'l.record_id', where: ['l.incident_id = @id', 'l.kind = @kind'],
      }, { id, kind }).map((r) => r.record_id));
      const added = inputs.filter((r) => !already.has(r.id));
      if (added.length === 0) return undefined;
      const current = releasabilityOf(row);
      const next: Releasability = { originator: row.originator, marking: deriveMarking(row.originator, current.marking, added) };
      this.insertLinks(id, kind, added.map((r) => r.id), now);
      const narrowed = !sameMarking(current.marking, next.marking, row.originator);
      if (narrowed) this.setMarking(id, next, now);
      else this.touch(id, now);
      this.appendHistory(id, actorOf(p), now, 'link',
        narrowed ? { marking: formatMarking(current.marking) } : null,
        { [field]: added.map((r) => r.id), ...(narrowed ? { marking: formatMarking(next.marking) } : {}) }, null, 'incident', next);
      return { added: added.length, originator: row.originator, marking: formatMarking(next.marking) };
    });
    if (done !== undefined) await this.audit(p, 'incident.link', id, done.originator, { kind, added: done.added, marking: done.marking });
    return this.get(p, id);
  }

  /** The linked records, each visible to the viewer, or not-found naming the first that is not. */
  private async fetchLinked(viewer: Viewer, kind: LinkKind, ids: readonly string[]): Promise<(Releasability & { id: string })[]> {
    const out: (Releasability & { id: string })[] = [];
    for (const rid of ids) {
      const rec = kind === 'alert' ? await this.records.alerts.get(viewer, rid) : await this.records.reports.get(viewer, rid);
      if (rec === undefined) throw new AccessError('not-found', `${kind}Ids: no ${kind} ${rid}`);
      out.push({ id: rid, originator: rec.originator, marking: rec.marking });
    }
    return out;
  }

  /** The incident row if visible to the viewer; not-found otherwise (existence is never revealed). */
  private load(viewer: Viewer, id: string): IncidentRow {
    if (typeof id !== 'string' || id.length === 0 || id.length > 200) throw new AccessError('not-found', `no incident ${String(id).slice(0, 200)}`);
    const row = this.reader.select<IncidentRow>(viewer, { source: 'incidents', columns: 'i.*', where: ['i.id = @id'] }, { id })[0];
    if (row === undefined) throw new AccessError('not-found', `no incident ${id}`);
    return row;
  }

  /**
   * The linked alerts and reports of visible incidents that the viewer may see: joined in SQL
   * when the records share the case database, else each looked up in the record store (as
   * that store's own releasability rules decide).
   */
  private async visibleLinks(viewer: Viewer, kind: 'alert' | 'report', ids: string): Promise<{ incident_id: string; record_id: string }[]> {
    const columns = 'l.incident_id, l.record_id';
    const orderBy = 'l.added_ms, l.record_id';
    if (this.records === this.options.store) {
      return this.reader.select(viewer, { source: kind === 'alert' ? 'linkedAlerts' : 'linkedReports', columns, where: [inJsonArray('l.incident_id', 'ids')], orderBy }, { ids });
    }
    const links = this.reader.select<{ incident_id: string; record_id: string }>(viewer, {
      source: 'links', columns, where: [inJsonArray('l.incident_id', 'ids'), 'l.kind = @kind'], orderBy,
    }, { ids, kind });
    const seen = new Map<string, boolean>();
    for (const l of links) {
      if (seen.has(l.record_id)) continue;
      const rec = kind === 'alert' ? await this.records.alerts.get(viewer, l.record_id) : await this.records.reports.get(viewer, l.record_id);
      seen.set(l.record_id, rec !== undefined);
    }
    return links.filter((l) => seen.get(l.record_id) === true);
  }

  private async toIncidents(viewer: Viewer, rows: readonly IncidentRow[]): Promise<Incident[]> {
    if (rows.length === 0) return [];
    const ids = JSON.stringify(rows.map((r) => r.id));
    const alerts = await this.visibleLinks(viewer, 'alert', ids);
    const reports = await this.visibleLinks(viewer, 'report', ids);
    const group = (links: { incident_id: string; record_id: string }[]): Map<string, string[]> => {
      const m = new Map<string, string[]>();
      for (const l of links) {
        const list = m.get(l.incident_id);
        if (list === undefined) m.set(l.incident_id, [l.record_id]);
        else list.push(l.record_id);
      }
      return m;
    };
    const byAlert = group(alerts);
    const byReport = group(reports);
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      ...decisionOf(r),
      assignee: r.assignee,
      alertIds: byAlert.get(r.id) ?? [],
      reportIds: byReport.get(r.id) ?? [],
      createdBy: JSON.parse(r.created_by) as Actor,
      createdMs: r.created_ms,
      updatedMs: r.updated_ms,
      revision: r.revision,
      ...releasabilityOf(r),
    }));
  }

  private insertLinks(id: string, kind: LinkKind, recordIds: readonly string[], now: number): void {
    const stmt = this.writer.statement('INSERT OR IGNORE INTO incident_links (incident_id, kind, record_id, added_ms) VALUES (?, ?, ?, ?)');
    for (const rid of recordIds) stmt.run(id, kind, rid, now);
  }

  private touch(id: string, now: number): void {
    this.writer.statement('UPDATE incidents SET updated_ms = ?, revision = revision + 1 WHERE id = ?').run(now, id);
  }

  /**
   * Sets the incident's marking and brings what hangs off it along: its own history entries
   * take the same marking, and comments and evidence (and their entries) are narrowed so they
   * never reach a nation the incident does not.
   */
  private setMarking(id: string, rel: Releasability, now: number): void {
    const m = markingColumns(rel);
    this.writer.statement('UPDATE incidents SET marking = ?, releasable_to = ?, updated_ms = ?, revision = revision + 1 WHERE id = ?')
      .run(m.marking, m.releasableTo, now, id);
    this.writer.statement(`UPDATE incident_history SET originator = ?, marking = ?, releasable_to = ? WHERE incident_id = ? AND subject = 'incident'`)
      .run(m.originator, m.marking, m.releasableTo, id);
    for (const [table, prefix] of [['incident_comments', 'comment'], ['incident_evidence', 'evidence']] as const) {
      const rows = this.writer.statement(`SELECT /* write path */ id, originator, marking, releasable_to FROM ${table} WHERE incident_id = ?`)
        .all(id) as (ReleasabilityRow & { id: number })[];
      for (const row of rows) {
        const own = releasabilityOf(row);
        const narrowed: Releasability = { originator: own.originator, marking: narrowTo(own.originator, own.marking, rel) };
        if (sameMarking(own.marking, narrowed.marking, own.originator)) continue;
        const c = markingColumns(narrowed);
        this.writer.statement(`UPDATE ${table} SET marking = ?, releasable_to = ? WHERE id = ?`).run(c.marking, c.releasableTo, row.id);
        this.writer.statement('UPDATE incident_history SET marking = ?, releasable_to = ? WHERE incident_id = ? AND subject = ?')
          .run(c.marking, c.releasableTo, id, `${prefix}:${row.id}`);
      }
    }
  }

  private appendHistory(
    id: string, actor: Actor, now: number, action: HistoryAction, before: Record<string, unknown> | null, after: Record<string, unknown>,
    reason: string | null, subject: string, rel: Releasability,
  ): void {
    const { seq } = this.writer.statement('SELECT /* write path */ coalesce(max(seq), 0) + 1 AS seq FROM incident_history WHERE incident_id = ?')
      .get(id) as { seq: number };
    const m = markingColumns(rel);
    this.writer.statement(`INSERT INTO incident_history (incident_id, seq, time_ms, actor, action, before, after, reason, subject,
        originator, marking, releasable_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(id, seq, now, JSON.stringify(actor), action, before === null ? null : JSON.stringify(before), JSON.stringify(after), reason,
        subject, m.originator, m.marking, m.releasableTo);
  }

  private tx<T>(fn: () => T): T {
    return this.options.store.db.transaction(fn).immediate();
  }

  private async audit(p: Principal, action: string, incidentId: string, nation: string, details: Record<string, unknown>): Promise<void> {
    await this.options.audit.append({
      actor: p.via === 'token' && p.tokenId !== undefined ? `token:${p.tokenId}` : `user:${p.username}`,
      nation, action, target: `incident:${incidentId}`, details: { ...details, by: p.nation },
    });
  }
}

// ------------------------------------------------------------------ helpers

function requireAction(p: Principal, action: Action): void {
  if (!can(p, action)) throw forbidden(p, action);
}

function forbidden(p: Principal, action: Action): AccessError {
  return new AccessError('forbidden', `${p.username} may not ${action}${p.scopes !== null ? ' (not in the token\'s scopes)' : ''}`);
}

function invalid(message: string): AccessError {
  return new AccessError('invalid', message);
}

function viewerOf(p: Principal): Viewer {
  if (typeof p !== 'object' || p === null || !isNationCode(p.nation)) throw new TypeError('a case service call needs an authenticated principal with a nation');
  return { nation: p.nation };
}

function actorOf(p: Principal): Actor {
  return { userId: p.userId, username: p.username, nation: p.nation };
}

function checkText(value: unknown, field: string, max: number, multiline = false): string {
  if (typeof value !== 'string') throw invalid(`${field}: expected text`);
  const t = value.trim();
  if (t.length === 0 || t.length > max) throw invalid(`${field}: must be 1–${max} characters`);
  const problem = textProblem(t, { multiline });
  if (problem !== undefined) throw invalid(`${field}: ${problem}`);
  return t;
}

function checkIds(ids: unknown, field: string): string[] {
  if (!Array.isArray(ids)) throw invalid(`${field}: expected a list of ids`);
  if (ids.length > MAX_LINKS_PER_CALL) throw invalid(`${field}: at most ${MAX_LINKS_PER_CALL} per call`);
  for (const id of ids) if (typeof id !== 'string' || id.length === 0 || id.length > 200) throw invalid(`${field}: ids are 1–200 characters`);
  return [...new Set(ids as string[])];
}

function checkMarking(m: unknown, field: string): Marking {
  if (typeof m !== 'object' || m === null) throw invalid(`${field}: expected COALITION, REL_TO or ORIGINATOR_ONLY`);
  const kind = (m as { kind?: unknown }).kind;
  if (kind === 'COALITION' || kind === 'ORIGINATOR_ONLY') return { kind };
  if (kind !== 'REL_TO') throw invalid(`${field}: kind must be COALITION, REL_TO or ORIGINATOR_ONLY`);
  const nations = (m as { nations?: unknown }).nations;
  if (!Array.isArray(nations) || !nations.every((n) => typeof n === 'string' && isNationCode(n))) {
    throw invalid(`${field}: REL_TO needs nations as ISO 3166-1 alpha-3 codes (FRA)`);
  }
  return { kind: 'REL_TO', nations: [...new Set(nations as string[])].sort() };
}

function checkUserId(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) throw invalid(`${field}: expected a user id (positive integer)`);
  return v;
}

function checkLimit(limit: number | undefined): number {
  try {
    return pageLimit(limit);
  } catch {
    throw invalid('limit: must be a positive integer');
  }
}

function cursorKey(cursor: string, types: readonly ('string' | 'number')[]): (string | number)[] {
  try {
    return decodeCursor(cursor, types);
  } catch (err) {
    if (err instanceof InvalidCursorError) throw invalid('cursor: not one this service issued');
    throw err;
  }
}

function decisionOf(r: IncidentRow): DecisionFields {
  return {
    status: r.status as IncidentStatus,
    verdict: r.verdict as Verdict | null,
    attributedParty: r.attributed_party,
    confidence: r.confidence === null ? null : { level: r.confidence as 'high' | 'medium' | 'low', reason: r.confidence_reason ?? '' },
    grading: r.source_reliability === null || r.info_credibility === null ? null
      : { reliability: r.source_reliability as SourceReliability, credibility: r.info_credibility as InfoCredibility },
  };
}

function toComment(r: CommentRow): IncidentComment {
  return { id: r.id, incidentId: r.incident_id, author: JSON.parse(r.author) as Actor, text: r.text, createdMs: r.created_ms, ...releasabilityOf(r) };
}

function toEvidence(r: EvidenceRow): EvidenceRecord {
  return {
    incidentId: r.incident_id, sha256: r.sha256, sizeBytes: r.size_bytes, mediaType: r.media_type, name: r.name,
    addedBy: JSON.parse(r.added_by) as Actor, addedMs: r.added_ms, ...releasabilityOf(r),
  };
}

function toHistory(r: HistoryRow): HistoryEntry {
  return {
    incidentId: r.incident_id, seq: r.seq, timeMs: r.time_ms, actor: JSON.parse(r.actor) as Actor, action: r.action as HistoryAction,
    before: r.before === null ? null : JSON.parse(r.before) as Record<string, unknown>, after: JSON.parse(r.after) as Record<string, unknown>,
    reason: r.reason, ...releasabilityOf(r),
  };
}
