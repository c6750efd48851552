import type { AuditCheckpoint } from '../access/audit-checkpoint.js';
import type { CompiledAgreement } from '../core/agreement/compiled-agreement.js';
import type { EvidenceRecord, Incident } from '../cases/incident.js';
import type { CoverageCount, Releasability, StoredAlert, StoredReport } from '../store/ports.js';
import type { ReportPeriodKind } from './report-document.js';

/** An incident with what its report entry shows, all as visible to the recipient nation. */
export interface IncidentInput {
  incident: Incident;
  alerts: StoredAlert[];
  reports: StoredReport[];
  evidence: EvidenceRecord[];
  /** Comments visible to the recipient, with their releasability (they count into the marking). */
  comments: Releasability[];
}

/** A track drawn on the maps: an entity involved in an alert or incident, its positions in the period. */
export interface MapTrack extends Releasability {
  id: string;
  party?: string;
  coords: [number, number][];
}

/** What a report is built from: everything already filtered to what `preparedFor` may see. */
export interface ReportInputs {
  id: string;
  title?: string;
  generatedAtMs: number;
  generatorVersion: string;
  agreement: CompiledAgreement;
  period: { kind: ReportPeriodKind; fromMs: number; toMs: number };
  preparedFor: string;
  /** Alerts that started in the period. */
  alerts: StoredAlert[];
  incidents: IncidentInput[];
  /** Hourly observation counts from `fromMs`: per feed over everything, and per zone (inside its bounding box). */
  coverage: { feeds: CoverageCount[]; zones: { zoneId: string; counts: CoverageCount[] }[] };
  tracks: MapTrack[];
  /** The previous report of the same series, when there is one. */
  previous: PreviousReport | null;
  /** The node's signed audit checkpoint at generation (none over recorded inputs). */
  auditCheckpoint?: AuditCheckpoint | null;
}

/** What the change log needs of the previous report. */
export interface PreviousReport {
  id: string;
  generatedAt: string;
  period: { from: string; to: string };
  incidents: { id: string; title: string; status: string }[];
}
