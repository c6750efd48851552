/**
 * Shapes of what the API sends, as the console reads them. Record types come from the
 * server's own modules (types only: nothing of the server is bundled); the extra fields the
 * routes add (`releasability` text, ISO times) are declared here.
 */
import type { Alert } from '../../../src/core/alert/alert.js';
import type { FeedStatus, Observation, StoredAlert, TrackRecord } from '../../../src/store/ports.js';
import type { EvidenceRecord, HistoryEntry, Incident, IncidentComment } from '../../../src/cases/incident.js';
import type { ReportDocumentMeta, ReportFile, ReportFormat, ReportPeriodKind } from '../../../src/report/report-document.js';

export type { Alert, Observation };
export type { ReportDocumentMeta, ReportFile, ReportFormat, ReportPeriodKind };

/** `COALITION`, `REL TO FRA, GBR` or `ORIGINATOR ONLY`, as the API formats it. */
export interface MarkingText {
  releasability: string;
}

/** `GET /api/auth/me` and the `user` of a login. */
export interface Me {
  userId: number;
  username: string;
  /** ISO 3166-1 alpha-3. */
  nation: string;
  roles: string[];
  via: string;
  /** Actions the user's roles allow (`incident:create`, `incident:verdict`, …): the UI offers only these. */
  actions: string[];
}

export interface LoginResponse {
  csrfToken: string;
  expiresAt: string;
  user: Me;
}

/** One page of a list; pass `nextCursor` back as `cursor`. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type Track = TrackRecord & MarkingText;

/** `GET /api/tracks/:id`: the track and up to 6 h of its positions. */
export interface TrackWithHistory extends Track {
  history: { time: string; lon: number; lat: number; speedKn?: number; courseDeg?: number; altitudeFt?: number }[];
}

export type AlertRow = StoredAlert & MarkingText;

/** SSE `alert` event. */
export interface AlertEvent extends MarkingText {
  alert: Alert;
  status: 'open' | 'closed';
  originator: string;
}

/** A track as the stream and the map carry it (GeoJSON point, `id` = track id). */
export interface TrackFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: {
    id: string; kind: string; name: string | null; flag: string | null; category: string; party: string | null;
    speedKn: number | null; courseDeg: number | null; altitudeFt: number | null; shipType?: number | null; lastMs: number;
  };
}

/** A MapLibre GeoJSONFeatureDiff for a track already on the map. */
export interface TrackUpdate {
  id: string;
  newGeometry: { type: 'Point'; coordinates: [number, number] };
  addOrUpdateProperties: { key: string; value: unknown }[];
}

/** SSE `tracks` event: a MapLibre GeoJSONSourceDiff keyed by track id. */
export interface TracksEvent {
  add: TrackFeature[];
  update: TrackUpdate[];
  remove: string[];
}

/** SSE `incident` event. */
export interface IncidentEvent {
  id: string;
  status: string;
  title: string;
  change: string;
}

export type IncidentRow = Incident & MarkingText;
export type CommentRow = IncidentComment & Partial<MarkingText>;
export type EvidenceRow = EvidenceRecord & Partial<MarkingText>;
export type HistoryRow = HistoryEntry & Partial<MarkingText>;

/** Report as linked to an incident (SPEC "Incident report" plus its id and releasability). */
export interface ReportRow extends Partial<MarkingText> {
  id: string;
  [key: string]: unknown;
}

/** `GET /api/incidents/:id`: the incident with everything linked to it that the reader may see. */
export interface IncidentDetail extends IncidentRow {
  alerts?: AlertRow[];
  reports?: ReportRow[];
  comments?: CommentRow[];
  evidence?: EvidenceRow[];
  history?: HistoryRow[];
}

export type Feed = FeedStatus & MarkingText & { detail?: string | null; lastLineAt?: string | null };

/** `GET /api/agreements` (the parts the console uses). */
export interface AgreementSummary {
  current: {
    id: string; title: string; version: number;
    parties: { code: string; name: string; flags: string[] }[];
    rules: { id: string; type: string; zones: string[]; severity: string; description: string | null }[];
  };
}

/** Zone feature properties from `GET /api/zones`. */
export interface ZoneProps {
  id: string;
  name: string;
  kind: string;
  areaKm2: number;
  rules: string[];
}

/** `POST /api/reports/documents`: `from`/`to` are ISO-8601 UTC; `custom` needs both. */
export interface ReportDocumentRequest {
  period: ReportPeriodKind;
  from?: string;
  to?: string;
  format: ReportFormat;
  title?: string;
}

/** A stored report document as listed; `releasability` when the route adds it (else formatted from `marking`). */
export type ReportDocumentRow = ReportDocumentMeta & Partial<MarkingText>;

/** One of the node's public keys (`GET /api/keys`). */
export interface NodeKey {
  id: string;
  algorithm: 'Ed25519';
  publicKey: string;
  use: string;
}

/** `GET /api/keys`. */
export interface NodeKeys {
  keys: NodeKey[];
}
