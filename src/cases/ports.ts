/**
 * The case service (issue 5, item 3): the one interface the HTTP API and the CLI use for
 * verification casework. Every method takes the calling `Principal` first and
 * - checks its permission with `can()` → `AccessError('forbidden', …)`;
 * - validates input → `AccessError('invalid', 'field: problem')`;
 * - resolves ids only among records releasable to the principal's nation, so an incident
 *   it may not see and one that does not exist both give `AccessError('not-found', …)`;
 * - refuses a change the incident's state does not allow → `AccessError('conflict', …)`.
 * Every change is appended to the audit log and to the incident's own history.
 * Times are Unix milliseconds (wall clock).
 */
import type { Principal } from '../access/roles.js';
import type { Marking, Page, PageQuery } from '../store/ports.js';
import type { EvidenceRecord, HistoryEntry, Incident, IncidentComment, IncidentStatus } from './incident.js';
import type { TransitionRequest } from './lifecycle.js';
import type { SuggestedIncident } from './suggest-incidents.js';

export type { TransitionRequest } from './lifecycle.js';

/** `create` input. At least one alert or report; all must be visible to the principal. */
export interface CreateIncidentInput {
  /** 1–200 characters. */
  title: string;
  alertIds?: readonly string[];
  reportIds?: readonly string[];
  /** A further restriction; the incident is never wider than its inputs either way. */
  marking?: Marking;
}

/** `list` filters; they combine with AND. Ordered by creation, newest first. */
export interface IncidentQuery extends PageQuery {
  status?: IncidentStatus;
  /** User id; `null` lists unassigned incidents. */
  assignee?: number | null;
  /** Attributed party code. */
  party?: string;
}

/** `attachEvidence` input. */
export interface EvidenceInput {
  bytes: Buffer;
  /** IANA media type, e.g. `image/jpeg`. */
  mediaType: string;
  /** Display name (1–255 characters). */
  name: string;
  /** Default: the incident's releasability; never wider than it. */
  marking?: Marking;
}

/** Evidence content with its metadata; `bytes` has been checked against `sha256`. */
export interface EvidenceContent {
  record: EvidenceRecord;
  bytes: Buffer;
}

export interface CaseService {
  /** Opens an incident (`incident:create`); its originator is the principal's nation. */
  create(p: Principal, input: CreateIncidentInput): Promise<Incident>;
  /** One incident (`read`). */
  get(p: Principal, id: string): Promise<Incident>;
  /** Incidents visible to the principal (`read`). */
  list(p: Principal, query?: IncidentQuery): Promise<Page<Incident>>;
  /** Links more alerts (`incident:edit`); the marking is re-derived and can only narrow. Refused once decided. */
  addAlerts(p: Principal, id: string, alertIds: readonly string[]): Promise<Incident>;
  /** Links more reports; as `addAlerts`. */
  addReports(p: Principal, id: string, reportIds: readonly string[]): Promise<Incident>;
  /** Moves along the lifecycle (`TRANSITIONS`; the action needed depends on the step). */
  transition(p: Principal, id: string, request: TransitionRequest): Promise<Incident>;
  /** Sets or clears (null) the assignee, a user id (`incident:edit`). */
  assign(p: Principal, id: string, assignee: number | null): Promise<Incident>;
  /** Adds a comment (`incident:edit`), releasable as the incident unless narrowed by `marking`. */
  comment(p: Principal, id: string, text: string, marking?: Marking): Promise<IncidentComment>;
  /** Comments visible to the principal, oldest first (`read`). */
  comments(p: Principal, id: string, query?: PageQuery): Promise<Page<IncidentComment>>;
  /** Stores content by SHA-256 and attaches it (`incident:edit`); the same content again returns the existing record. */
  attachEvidence(p: Principal, id: string, input: EvidenceInput): Promise<EvidenceRecord>;
  /** Evidence metadata visible to the principal (`read`). */
  evidence(p: Principal, id: string): Promise<EvidenceRecord[]>;
  /** Evidence content (`evidence:read`); every read is audited. */
  readEvidence(p: Principal, incidentId: string, sha256: string): Promise<EvidenceContent>;
  /** Every change, oldest first, as far as visible to the principal (`read`). */
  history(p: Principal, id: string): Promise<HistoryEntry[]>;
  /** Widens the marking (`incident:release`, principal of the originating nation only). */
  release(p: Principal, id: string, marking: Marking): Promise<Incident>;
  /** Groups of visible alerts in [fromMs, toMs] not yet linked to a visible incident (`read`). */
  suggestions(p: Principal, query: { fromMs: number; toMs: number; windowMs?: number }): Promise<SuggestedIncident[]>;
}
