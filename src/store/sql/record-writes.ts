import { createHash } from 'node:crypto';
import { alertToJson } from '../../core/alert/alert.js';
import type { AgreementVersionInput, AlertInput, AlertStatus, ReportInput, StoredAlert } from '../ports.js';
import { StoreConflictError } from '../store-error.js';
import { isoMs } from './paging-rules.js';

/*
 * The backend-neutral half of the alert, report and agreement writes: the values an input is stored as,
 * the "nothing changed, skip it" test, and what an alert change queues. Each backend adds its
 * releasability columns and compares their stored form itself.
 */

/** The upsert of one alert, with named parameters; the same statement in SQLite and PostgreSQL. */
export const ALERT_UPSERT = `INSERT INTO alerts (id, rule, type, domain, severity, entity_id, entity_party, zone, start_ms, end_ms, status,
    agreement_id, agreement_version, body, created_ms, updated_ms, originator, marking, releasable_to)
  VALUES (@id, @rule, @type, @domain, @severity, @entityId, @entityParty, @zone, @startMs, @endMs, @status,
    @agreementId, @agreementVersion, @body, @nowMs, @nowMs, @originator, @marking, @releasableTo)
  ON CONFLICT (id) DO UPDATE SET rule = excluded.rule, type = excluded.type, domain = excluded.domain,
    severity = excluded.severity, entity_id = excluded.entity_id, entity_party = excluded.entity_party,
    zone = excluded.zone, start_ms = excluded.start_ms, end_ms = excluded.end_ms, status = excluded.status,
    agreement_id = excluded.agreement_id, agreement_version = excluded.agreement_version, body = excluded.body,
    updated_ms = excluded.updated_ms, originator = excluded.originator, marking = excluded.marking,
    releasable_to = excluded.releasable_to`;

/** An alert as written: its status, its JSON body and the upsert's parameters (less `nowMs` and the releasability). */
export interface AlertWrite {
  status: AlertStatus;
  body: string;
  params: Record<string, unknown>;
}

/** The stored values of an alert input; throws on an unreadable start or end time. */
export function alertWriteOf(r: AlertInput): AlertWrite {
  const a = r.alert;
  const startMs = isoMs(a.start, `alert ${a.id} start`);
  const endMs = a.end === null ? null : isoMs(a.end, `alert ${a.id} end`);
  const status: AlertStatus = r.status ?? (a.end === null ? 'open' : 'closed');
  const body = alertToJson(a);
  return {
    status, body,
    params: {
      id: a.id, rule: a.rule, type: a.type, domain: a.domain, severity: a.severity, entityId: a.entity.id,
      entityParty: a.entity.party ?? null, zone: a.zone, startMs, endMs, status, agreementId: r.agreementId,
      agreementVersion: r.agreementVersion, body,
    },
  };
}

/** The stored alert columns an upsert compares against (releasability aside). */
export interface StoredAlertState {
  status: string;
  agreement_id: string;
  agreement_version: number;
  body: string;
  created_ms: number;
}

/** Whether the stored alert already says what `w` would write (its releasability compared by the caller). */
export function alertUnchanged(prev: StoredAlertState, r: AlertInput, w: AlertWrite): boolean {
  return prev.body === w.body && prev.status === w.status && prev.agreement_id === r.agreementId &&
    prev.agreement_version === r.agreementVersion;
}

/** The record an alert change queues in the outbox. */
export function storedAlertOf(r: AlertInput, w: AlertWrite, prev: StoredAlertState | undefined, nowMs: number): StoredAlert {
  return {
    alert: r.alert, status: w.status, agreementId: r.agreementId, agreementVersion: r.agreementVersion,
    createdMs: prev?.created_ms ?? nowMs, updatedMs: nowMs, originator: r.originator, marking: r.marking,
  };
}

/** A report as written: its JSON body and the upsert's parameters (less `nowMs` and the releasability). */
export interface ReportWrite {
  body: string;
  params: Record<string, unknown>;
}

/** The stored values of a report input; throws on an unreadable time. */
export function reportWriteOf(r: ReportInput): ReportWrite {
  const rep = r.report;
  const timeMs = isoMs(rep.time, `report ${rep.id} time`);
  const body = JSON.stringify(rep);
  return { body, params: { id: rep.id, timeMs, lon: rep.lon, lat: rep.lat, category: rep.category, party: rep.party ?? null, body } };
}

/** The SHA-256 (hex) of an agreement version's text; throws on a version that is not a positive integer. */
export function agreementSha256(row: AgreementVersionInput): string {
  if (!Number.isInteger(row.version) || row.version < 1) {
    throw new RangeError(`agreement ${row.agreementId} version must be a positive integer, got ${row.version}`);
  }
  return createHash('sha256').update(row.yaml, 'utf8').digest('hex');
}

/** Throws `StoreConflictError` when a stored agreement version has another text than the one being added. */
export function assertSameAgreementText(row: AgreementVersionInput, storedSha256: string, sha256: string): void {
  if (storedSha256 !== sha256) {
    throw new StoreConflictError(`agreement ${row.agreementId} version ${row.version} is already stored with another text ` +
      `(sha256 ${storedSha256.slice(0, 12)}…, new ${sha256.slice(0, 12)}…): an amendment needs a new version number`);
  }
}
