import type { Alert } from '../../core/alert/alert.js';
import { alertToJson } from '../../core/alert/alert.js';
import { decodeCursor } from '../cursor.js';
import type { AlertInput, AlertQuery, AlertStatus, AlertRepository, Page, StoredAlert, Viewer } from '../ports.js';
import type { SqliteOutboxRepository } from './outbox-repo.js';
import { toPage } from './paging.js';
import { markingColumns, pageLimit, type ReleasabilityRow, releasabilityOf, type SqlReader, type SqlWriter } from './sql-reader.js';

interface AlertRow extends ReleasabilityRow {
  id: string;
  start_ms: number;
  status: string;
  agreement_id: string;
  agreement_version: number;
  body: string;
  created_ms: number;
  updated_ms: number;
}

const UPSERT = `INSERT INTO alerts (id, rule, type, domain, severity, entity_id, entity_party, zone, start_ms, end_ms, status,
    agreement_id, agreement_version, body, created_ms, updated_ms, originator, marking, releasable_to)
  VALUES (@id, @rule, @type, @domain, @severity, @entityId, @entityParty, @zone, @startMs, @endMs, @status,
    @agreementId, @agreementVersion, @body, @nowMs, @nowMs, @originator, @marking, @releasableTo)
  ON CONFLICT (id) DO UPDATE SET rule = excluded.rule, type = excluded.type, domain = excluded.domain,
    severity = excluded.severity, entity_id = excluded.entity_id, entity_party = excluded.entity_party,
    zone = excluded.zone, start_ms = excluded.start_ms, end_ms = excluded.end_ms, status = excluded.status,
    agreement_id = excluded.agreement_id, agreement_version = excluded.agreement_version, body = excluded.body,
    updated_ms = excluded.updated_ms, originator = excluded.originator, marking = excluded.marking,
    releasable_to = excluded.releasable_to`;

/** Alerts in SQLite, newest start first; each change queues an outbox message in its transaction. */
export class SqliteAlertRepository implements AlertRepository {
  constructor(
    private readonly reader: SqlReader, private readonly writer: SqlWriter,
    private readonly outbox: SqliteOutboxRepository, private readonly nowMs: () => number,
  ) {}

  /** Upserts alerts and queues their outbox messages; the caller holds the transaction. */
  upsertAll(rows: readonly AlertInput[]): void {
    if (rows.length === 0) return;
    const now = this.nowMs();
    const prevStmt = this.writer.statement(`SELECT /* write path */ status, agreement_id, agreement_version, body, created_ms,
      originator, marking, releasable_to FROM alerts WHERE id = ?`);
    const upsert = this.writer.statement(UPSERT);
    for (const r of rows) {
      const a = r.alert;
      const startMs = isoMs(a.start, `alert ${a.id} start`);
      const endMs = a.end === null ? null : isoMs(a.end, `alert ${a.id} end`);
      const status: AlertStatus = r.status ?? (a.end === null ? 'open' : 'closed');
      const m = markingColumns(r);
      const body = alertToJson(a);
      const prev = prevStmt.get(a.id) as Omit<AlertRow, 'id' | 'start_ms' | 'updated_ms'> | undefined;
      if (prev !== undefined && prev.body === body && prev.status === status && prev.agreement_id === r.agreementId &&
          prev.agreement_version === r.agreementVersion && prev.originator === m.originator &&
          prev.marking === m.marking && prev.releasable_to === m.releasableTo) continue;
      upsert.run({
        id: a.id, rule: a.rule, type: a.type, domain: a.domain, severity: a.severity, entityId: a.entity.id,
        entityParty: a.entity.party ?? null, zone: a.zone, startMs, endMs, status, agreementId: r.agreementId,
        agreementVersion: r.agreementVersion, body, nowMs: now, ...m,
      });
      const stored: StoredAlert = {
        alert: a, status, agreementId: r.agreementId, agreementVersion: r.agreementVersion,
        createdMs: prev?.created_ms ?? now, updatedMs: now, originator: r.originator, marking: r.marking,
      };
      this.outbox.enqueue('alert', stored, r, now);
    }
    this.outbox.enforceBound();
  }

  async upsert(rows: readonly AlertInput[]): Promise<void> {
    this.writer.db.transaction(() => this.upsertAll(rows)).immediate();
  }

  async get(viewer: Viewer, id: string): Promise<StoredAlert | undefined> {
    const rows = this.reader.select<AlertRow>(viewer, { columns: 'a.*', from: 'alerts a', alias: 'a', where: ['a.id = @id'] }, { id });
    return rows[0] === undefined ? undefined : toStoredAlert(rows[0]);
  }

  async list(viewer: Viewer, q: AlertQuery = {}): Promise<Page<StoredAlert>> {
    const limit = pageLimit(q.limit);
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    const eq = (column: string, name: string, value: string | undefined): void => {
      if (value === undefined) return;
      where.push(`a.${column} = @${name}`);
      params[name] = value;
    };
    eq('rule', 'rule', q.rule);
    eq('type', 'type', q.type);
    eq('zone', 'zone', q.zone);
    eq('entity_party', 'party', q.party);
    eq('domain', 'domain', q.domain);
    eq('severity', 'severity', q.severity);
    eq('status', 'status', q.status);
    eq('entity_id', 'entityId', q.entityId);
    eq('agreement_id', 'agreementId', q.agreementId);
    if (q.toMs !== undefined) { where.push('a.start_ms <= @toMs'); params['toMs'] = q.toMs; }
    if (q.fromMs !== undefined) { where.push('(a.end_ms IS NULL OR a.end_ms >= @fromMs)'); params['fromMs'] = q.fromMs; }
    if (q.cursor !== undefined) {
      const [startMs, id] = decodeCursor(q.cursor, ['number', 'string']);
      where.push('(a.start_ms, a.id) < (@beforeStart, @beforeId)');
      params['beforeStart'] = startMs;
      params['beforeId'] = id;
    }
    const rows = this.reader.select<AlertRow>(viewer, {
      columns: 'a.*', from: 'alerts a', alias: 'a', where, orderBy: 'a.start_ms DESC, a.id DESC', limit: limit + 1,
    }, params);
    return toPage(rows, limit, toStoredAlert, (r) => [r.start_ms, r.id]);
  }
}

function toStoredAlert(r: AlertRow): StoredAlert {
  return {
    alert: JSON.parse(r.body) as Alert, status: r.status as AlertStatus, agreementId: r.agreement_id,
    agreementVersion: r.agreement_version, createdMs: r.created_ms, updatedMs: r.updated_ms, ...releasabilityOf(r),
  };
}

/** ISO 8601 → Unix ms; throws with `what` on an unreadable time. */
export function isoMs(iso: string, what: string): number {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new TypeError(`${what} "${iso}" is not an ISO 8601 time`);
  return ms;
}
