import type { Category } from '../../core/agreement/schema.js';
import type { Alert } from '../../core/alert/alert.js';
import type { IncidentReport } from '../../core/track/observation.js';
import type {
  AgreementVersion, AlertStatus, FeedStatus, Observation, OutboxMessage, OutboxTopic, QuarantinedLine, Releasability, StoredAlert, StoredReport, TrackRecord,
} from '../ports.js';
import { setIfPresent } from './paging-rules.js';

/*
 * The record rows both backends read, without their releasability columns (whose stored form
 * differs: a `,FRA,GBR,` string in SQLite, a `text[]` in PostgreSQL), and the row → record
 * mappers over them. A backend binds the mappers to its own releasability reader with `rowMappers`.
 */

export interface AlertColumns {
  id: string;
  start_ms: number;
  status: string;
  agreement_id: string;
  agreement_version: number;
  body: string;
  created_ms: number;
  updated_ms: number;
}

export interface TrackColumns {
  id: string;
  kind: string;
  name: string | null;
  callsign: string | null;
  imo: number | null;
  ship_type: number | null;
  flag: string | null;
  category: string;
  party: string | null;
  last_ms: number;
  lon: number;
  lat: number;
  speed_kn: number | null;
  course_deg: number | null;
  altitude_ft: number | null;
  fixes: number;
}

export interface ObservationColumns {
  id: number;
  entity_id: string;
  kind: string;
  time_ms: number;
  lon: number;
  lat: number;
  speed_kn: number | null;
  course_deg: number | null;
  altitude_ft: number | null;
  feed: string;
  source: string;
}

export interface ReportColumns {
  id: string;
  time_ms: number;
  body: string;
  revision: number;
  created_ms: number;
  updated_ms: number;
}

export interface QuarantineColumns {
  id: number;
  feed: string;
  reason: string;
  detail: string;
  line: string;
  received_ms: number;
}

export interface AgreementColumns {
  agreement_id: string;
  version: number;
  yaml: string;
  sha256: string;
  loaded_ms: number;
}

export interface OutboxColumns {
  id: number;
  topic: string;
  payload: string;
  created_ms: number;
  attempts: number;
  next_attempt_ms: number;
}

/** A feed status row; `counters` is JSON text in SQLite and `jsonb` (parsed by the driver) in PostgreSQL. */
export interface FeedColumns<Counters> {
  name: string;
  kind: string;
  state: string;
  counters: Counters;
  updated_ms: number;
}

export function feedFromRow(r: FeedColumns<unknown>, counters: Record<string, number>, rel: Releasability): FeedStatus {
  return { name: r.name, kind: r.kind, state: r.state, counters, updatedMs: r.updated_ms, ...rel };
}

export function alertFromRow(r: AlertColumns, rel: Releasability): StoredAlert {
  return {
    alert: JSON.parse(r.body) as Alert, status: r.status as AlertStatus, agreementId: r.agreement_id,
    agreementVersion: r.agreement_version, createdMs: r.created_ms, updatedMs: r.updated_ms, ...rel,
  };
}

export function trackFromRow(r: TrackColumns, rel: Releasability): TrackRecord {
  const t: TrackRecord = {
    id: r.id, kind: r.kind as TrackRecord['kind'], category: r.category as Category, lastMs: r.last_ms,
    lon: r.lon, lat: r.lat, fixes: r.fixes, ...rel,
  };
  setIfPresent(t, 'name', r.name);
  setIfPresent(t, 'callsign', r.callsign);
  setIfPresent(t, 'imo', r.imo);
  setIfPresent(t, 'shipType', r.ship_type);
  setIfPresent(t, 'flag', r.flag);
  setIfPresent(t, 'party', r.party);
  setIfPresent(t, 'speedKn', r.speed_kn);
  setIfPresent(t, 'courseDeg', r.course_deg);
  setIfPresent(t, 'altitudeFt', r.altitude_ft);
  return t;
}

export function observationFromRow(r: ObservationColumns, rel: Releasability): Observation {
  const o: Observation = {
    id: r.id, entityId: r.entity_id, kind: r.kind as Observation['kind'], timeMs: r.time_ms, lon: r.lon, lat: r.lat,
    feed: r.feed, ...rel,
  };
  setIfPresent(o, 'speedKn', r.speed_kn);
  setIfPresent(o, 'courseDeg', r.course_deg);
  setIfPresent(o, 'altitudeFt', r.altitude_ft);
  if (r.source !== '') o.source = r.source;
  return o;
}

export function reportFromRow(r: ReportColumns, rel: Releasability): StoredReport {
  return {
    report: JSON.parse(r.body) as IncidentReport, revision: r.revision, createdMs: r.created_ms, updatedMs: r.updated_ms, ...rel,
  };
}

export function quarantinedLineFromRow(r: QuarantineColumns, rel: Releasability): QuarantinedLine {
  return { id: r.id, feed: r.feed, reason: r.reason, detail: r.detail, line: r.line, receivedMs: r.received_ms, ...rel };
}

export function agreementFromRow(r: AgreementColumns, rel: Releasability): AgreementVersion {
  return { agreementId: r.agreement_id, version: r.version, yaml: r.yaml, sha256: r.sha256, loadedMs: r.loaded_ms, ...rel };
}

export function outboxMessageFromRow(r: OutboxColumns, rel: Releasability): OutboxMessage {
  return {
    id: r.id, topic: r.topic as OutboxTopic, payload: JSON.parse(r.payload) as unknown, createdMs: r.created_ms,
    attempts: r.attempts, nextAttemptMs: r.next_attempt_ms, ...rel,
  };
}

/** The row → record mappers over a backend's rows `R` (its releasability columns), bound to its releasability reader. */
export function rowMappers<R>(releasabilityOf: (row: R) => Releasability) {
  const bind = <C, T>(map: (r: C, rel: Releasability) => T) => (r: C & R): T => map(r, releasabilityOf(r));
  return {
    alert: bind(alertFromRow),
    track: bind(trackFromRow),
    observation: bind(observationFromRow),
    report: bind(reportFromRow),
    quarantinedLine: bind(quarantinedLineFromRow),
    agreement: bind(agreementFromRow),
    outboxMessage: bind(outboxMessageFromRow),
  };
}
