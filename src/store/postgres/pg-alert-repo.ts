import type { Alert } from '../../core/alert/alert.js';
import { alertToJson } from '../../core/alert/alert.js';
import { decodeCursor } from '../cursor.js';
import type { AlertInput, AlertQuery, AlertStatus, AlertRepository, Page, StoredAlert, Viewer } from '../ports.js';
import { isoMs } from '../sqlite/alert-repo.js';
import { toPage } from '../sqlite/paging.js';
import { pageLimit } from '../sqlite/sql-reader.js';
import type { PgOutboxRepository } from './pg-outbox-repo.js';
import { type PgQuery, type PgReader, type PgReleasabilityRow, pgMarkingColumns, pgReleasabilityOf, type PgWriter } from './pg-reader.js';

interface AlertRow extends PgReleasabilityRow {
  id: string;
  start_ms: number;
  status: string;
  agreement_id: string;
  agreement_version: number;
  body: string;
  created_ms: number;
  updated_ms: number;
}

const COLUMNS = 'a.id, a.start_ms, a.status, a.agreement_id, a.agreement_version, a.body, a.created_ms, a.updated_ms, a.originator, a.marking, a.releasable_to';

const UPSERT = `INSERT INTO alerts (id, rule, type, domain, severity, entity_id, entity_party, zone, start_ms, end_ms, status,
    agreement_id, agreement_version, body, created_ms, updated_ms, originator, marking, releasable_to)
  VALUES (@id, @rule, @type, @domain, @severity, @entityId, @entityParty, @zone, @startMs, @endMs, @status,
    @agreementId, @agreementVersion, @body, @nowMs, @nowMs, @originator, @marking, @releasableTo)
  ON CONFLICT (id) DO UPDATE SET rule = EXCLUDED.rule, type = EXCLUDED.type, domain = EXCLUDED.domain,
    severity = EXCLUDED.severity, entity_id = EXCLUDED.entity_id, entity_party = EXCLUDED.entity_party,
    zone = EXCLUDED.zone, start_ms = EXCLUDED.start_ms, end_ms = EXCLUDED.end_ms, status = EXCLUDED.status,
    agreement_id = EXCLUDED.agreement_id, agreement_version = EXCLUDED.agreement_version, body = EXCLUDED.body,
    updated_ms = EXCLUDED.updated_ms, originator = EXCLUDED.originator, marking = EXCLUDED.marking,
    releasable_to = EXCLUDED.releasable_to`;

const sameNations = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** Alerts in PostgreSQL, newest start first; each change queues an outbox message in its transaction. */
export class PgAlertRepository implements AlertRepository {
  constructor(
    private readonly reader: PgReader, private readonly writer: PgWriter,
    private readonly outbox: PgOutboxRepository, private readonly nowMs: () => number,
  ) {}

  /**
   * Upserts alerts and queues their outbox messages, in the caller's transaction. The stored
   * row is locked (`FOR UPDATE`) while it is compared, so two workers writing one alert
   * queue one message per actual change.
   */
  async upsertAll(q: PgQuery, rows: readonly AlertInput[]): Promise<void> {
    if (rows.length === 0) return;
    const now = this.nowMs();
    for (const r of rows) {
      const a = r.alert;
      const startMs = isoMs(a.start, `alert ${a.id} start`);
      const endMs = a.end === null ? null : isoMs(a.end, `alert ${a.id} end`);
      const status: AlertStatus = r.status ?? (a.end === null ? 'open' : 'closed');
      const m = pgMarkingColumns(r);
      const body = alertToJson(a);
      const [prev] = await q<Omit<AlertRow, 'id' | 'start_ms' | 'updated_ms'>>(`SELECT status, agreement_id, agreement_version, body, created_ms,
        originator, marking, releasable_to FROM alerts WHERE id = @id FOR UPDATE`, { id: a.id });
      if (prev !== undefined && prev.body === body && prev.status === status && prev.agreement_id === r.agreementId &&
          prev.agreement_version === r.agreementVersion && prev.originator === m.originator &&
          prev.marking === m.marking && sameNations(prev.releasable_to, m.releasableTo)) continue;
      await q(UPSERT, {
        id: a.id, rule: a.rule, type: a.type, domain: a.domain, severity: a.severity, entityId: a.entity.id,
        entityParty: a.entity.party ?? null, zone: a.zone, startMs, endMs, status, agreementId: r.agreementId,
        agreementVersion: r.agreementVersion, body, nowMs: now, ...m,
      });
      const stored: StoredAlert = {
        alert: a, status, agreementId: r.agreementId, agreementVersion: r.agreementVersion,
        createdMs: prev?.created_ms ?? now, updatedMs: now, originator: r.originator, marking: r.marking,
      };
      await this.outbox.enqueue(q, 'alert', stored, r, now);
    }
    await this.outbox.enforceBound(q);
  }

  async upsert(rows: readonly AlertInput[]): Promise<void> {
    await this.writer.transaction((q) => this.upsertAll(q, rows));
  }

  async get(viewer: Viewer, id: string): Promise<StoredAlert | undefined> {
    const rows = await this.reader.select<AlertRow>(viewer, { columns: COLUMNS, from: 'alerts a', alias: 'a', where: ['a.id = @id'] }, { id });
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
      where.push('(a.start_ms, a.id) < (@beforeStart::bigint, @beforeId::text)');
      params['beforeStart'] = startMs;
      params['beforeId'] = id;
    }
    const rows = await this.reader.select<AlertRow>(viewer, {
      columns: COLUMNS, from: 'alerts a', alias: 'a', where, orderBy: 'a.start_ms DESC, a.id DESC', limit: limit + 1,
    }, params);
    return toPage(rows, limit, toStoredAlert, (r) => [r.start_ms, r.id]);
  }
}

function toStoredAlert(r: AlertRow): StoredAlert {
  return {
    alert: JSON.parse(r.body) as Alert, status: r.status as AlertStatus, agreementId: r.agreement_id,
    agreementVersion: r.agreement_version, createdMs: r.created_ms, updatedMs: r.updated_ms, ...pgReleasabilityOf(r),
  };
}
