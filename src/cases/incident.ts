/**
 * The incident model of verification casework (issue 5, item 3): alerts and reports grouped
 * into an incident, reviewed, decided and — separately — attributed.
 *
 * Monitoring → verification → attribution are kept apart (DOMAIN "Ceasefire monitoring"):
 * `verdict` says whether the agreement was broken, `attributedParty` who did it, and either
 * can stand without the other (a verified violation by an unknown party is a valid record).
 */
import type { Releasability } from '../store/ports.js';

/** Lifecycle states: `new → under-review → verified-violation | not-a-violation | inconclusive`. */
export const INCIDENT_STATUSES = ['new', 'under-review', 'verified-violation', 'not-a-violation', 'inconclusive'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** The decided states; the verdict of a decided incident is its status. */
export const VERDICTS = ['verified-violation', 'not-a-violation', 'inconclusive'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Analytic confidence of a verdict, as in the OSCE/NATO practice of high/medium/low. */
export const CONFIDENCE_LEVELS = ['high', 'medium', 'low'] as const;
export type ConfidenceLevel = (typeof CONFIDENCE_LEVELS)[number];

/** A confidence always carries its reason (issue 5: "confidence (high/medium/low with a reason)"). */
export interface Confidence {
  level: ConfidenceLevel;
  reason: string;
}

/** Admiralty code (STANAG 2511 / AJP-2.1): source reliability A (reliable) … F (cannot be judged). */
export const SOURCE_RELIABILITY = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type SourceReliability = (typeof SOURCE_RELIABILITY)[number];

/** Admiralty code: information credibility 1 (confirmed) … 6 (cannot be judged). */
export const INFO_CREDIBILITY = [1, 2, 3, 4, 5, 6] as const;
export type InfoCredibility = (typeof INFO_CREDIBILITY)[number];

/** An Admiralty grading; both scales are assessed independently and given together (`B2`). */
export interface AdmiraltyGrade {
  reliability: SourceReliability;
  credibility: InfoCredibility;
}

/** Who did something: the user, and the nation they acted for. */
export interface Actor {
  userId: number;
  username: string;
  /** ISO 3166-1 alpha-3. */
  nation: string;
}

/**
 * An incident as a reader sees it. Its releasability (`originator`, `marking`) is derived
 * from its inputs (never wider than any of them) unless its originating nation released it.
 */
export interface Incident extends Releasability {
  id: string;
  title: string;
  status: IncidentStatus;
  /** Equal to `status` once decided; null while `new` or `under-review`. */
  verdict: Verdict | null;
  /** Party code from the agreement (`RU`, `UA`); independent of the verdict, optional even for a violation. */
  attributedParty: string | null;
  confidence: Confidence | null;
  grading: AdmiraltyGrade | null;
  /** User id of the analyst working on it (Ushahidi users asked to see who already is). */
  assignee: number | null;
  /** Linked alerts and reports that the reader may see (a release can make the incident wider than an input). */
  alertIds: string[];
  reportIds: string[];
  createdBy: Actor;
  /** Wall clock, Unix ms. */
  createdMs: number;
  updatedMs: number;
  /** 1 at creation, +1 on every change. */
  revision: number;
}

/** A comment on an incident; it carries its own releasability, never wider than the incident's. */
export interface IncidentComment extends Releasability {
  id: number;
  incidentId: string;
  author: Actor;
  text: string;
  createdMs: number;
}

/** Evidence attached to an incident: a content-addressed file (SHA-256) with its own releasability. */
export interface EvidenceRecord extends Releasability {
  incidentId: string;
  /** SHA-256 of the content, lower-case hex: the file's address. */
  sha256: string;
  sizeBytes: number;
  mediaType: string;
  /** File name as uploaded (display only; never used as a path). */
  name: string;
  addedBy: Actor;
  addedMs: number;
}

/** What a history entry records. */
export const HISTORY_ACTIONS = ['create', 'link', 'transition', 'assign', 'comment', 'evidence', 'release'] as const;
export type HistoryAction = (typeof HISTORY_ACTIONS)[number];

/**
 * One change to an incident, with the fields it changed before and after. Entries about a
 * comment or evidence carry that record's releasability; the others the incident's.
 */
export interface HistoryEntry extends Releasability {
  incidentId: string;
  /** 1, 2, 3… per incident. */
  seq: number;
  timeMs: number;
  actor: Actor;
  action: HistoryAction;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
  reason: string | null;
}
