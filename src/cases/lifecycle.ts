/**
 * The incident lifecycle as a table (STYLE rule 3: spec tables are data), and the pure check
 * of one requested transition against it. No I/O, no clock.
 *
 * ```
 * new ──► under-review ──► verified-violation | not-a-violation | inconclusive
 *              ▲                               │
 *              └──────── reopen (reason) ──────┘
 * ```
 * An incident is reviewed before it is decided (Liveuamap: a second member checks before
 * publishing), so `new` cannot jump to a verdict; a decided incident changes its verdict only
 * by being reopened, which keeps the old decision in the history.
 */
import type { Action } from '../access/roles.js';
import {
  type AdmiraltyGrade, type Confidence, CONFIDENCE_LEVELS, INFO_CREDIBILITY, INCIDENT_STATUSES, type IncidentStatus,
  SOURCE_RELIABILITY, type Verdict, VERDICTS,
} from './incident.js';

/** One allowed transition: who may make it and whether it needs a reason. */
export interface TransitionRule {
  from: IncidentStatus;
  to: IncidentStatus;
  /** The action a principal needs (`src/access/roles.ts`). */
  action: Action;
  /** A written reason is required. */
  needsReason: boolean;
  /** Carries verdict fields (attribution, confidence, grading). */
  decides: boolean;
}

const decide = (to: Verdict): TransitionRule => ({ from: 'under-review', to, action: 'incident:verdict', needsReason: false, decides: true });
const reopen = (from: Verdict): TransitionRule => ({ from, to: 'under-review', action: 'incident:verdict', needsReason: true, decides: false });

/** Every allowed transition; anything not listed is refused. */
export const TRANSITIONS: readonly TransitionRule[] = [
  { from: 'new', to: 'under-review', action: 'incident:edit', needsReason: false, decides: false },
  ...VERDICTS.map(decide),
  ...VERDICTS.map(reopen),
];

/** Longest accepted reason or confidence reason (characters). */
export const MAX_REASON_CHARS = 4000;

/** What a caller asks for. Verdict fields are only accepted on a transition to a verdict. */
export interface TransitionRequest {
  to: IncidentStatus;
  reason?: string;
  /** Party code (`RU`); null or absent: not attributed. */
  attributedParty?: string | null;
  confidence?: Confidence | null;
  grading?: AdmiraltyGrade | null;
}

/** The decision fields of an incident after a transition. */
export interface DecisionFields {
  status: IncidentStatus;
  verdict: Verdict | null;
  attributedParty: string | null;
  confidence: Confidence | null;
  grading: AdmiraltyGrade | null;
}

/** Why a transition was refused: `forbidden` (role), `invalid` (a field), `conflict` (not from this state). */
export type TransitionRefusal = { code: 'forbidden' | 'invalid' | 'conflict'; message: string };

const PARTY = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Checks a transition of an incident in state `from` against `TRANSITIONS` and returns its
 * new decision fields. Reopening clears the verdict, attribution, confidence and grading
 * (the history keeps them). `allowed` tells whether the principal holds an action.
 * @example planTransition('new', { to: 'under-review' }, () => true) // { ok: true, value: { status: 'under-review', verdict: null, … } }
 */
export function planTransition(
  from: IncidentStatus, req: TransitionRequest, allowed: (action: Action) => boolean,
): { ok: true; value: DecisionFields; rule: TransitionRule } | { ok: false; error: TransitionRefusal } {
  if (!(INCIDENT_STATUSES as readonly string[]).includes(req.to)) {
    return refuse('invalid', `to: must be one of ${INCIDENT_STATUSES.join(', ')}`);
  }
  const rule = TRANSITIONS.find((t) => t.from === from && t.to === req.to);
  if (rule === undefined) {
    const next = TRANSITIONS.filter((t) => t.from === from).map((t) => t.to);
    return refuse('conflict', `to: an incident that is ${from} cannot become ${req.to} (allowed: ${next.join(', ') || 'none'})`);
  }
  if (!allowed(rule.action)) return refuse('forbidden', `${from} → ${req.to} needs the ${rule.action} permission`);
  const reason = req.reason?.trim();
  if (req.reason !== undefined && (reason === '' || req.reason.length > MAX_REASON_CHARS)) {
    return refuse('invalid', `reason: must be 1–${MAX_REASON_CHARS} characters`);
  }
  if (rule.needsReason && reason === undefined) return refuse('invalid', `reason: required to move a ${from} incident back to ${req.to}`);
  const hasVerdictFields = (req.attributedParty ?? null) !== null || (req.confidence ?? null) !== null || (req.grading ?? null) !== null;
  if (!rule.decides) {
    if (hasVerdictFields) return refuse('invalid', `attributedParty, confidence, grading: only accepted with a verdict (to: ${VERDICTS.join(' | ')})`);
    return { ok: true, rule, value: { status: rule.to, verdict: null, attributedParty: null, confidence: null, grading: null } };
  }
  const party = req.attributedParty ?? null;
  if (party !== null && !PARTY.test(party)) return refuse('invalid', 'attributedParty: must be a party code of 1–32 letters, digits, "_" or "-"');
  const confidence = checkConfidence(req.confidence ?? null);
  if (typeof confidence === 'string') return refuse('invalid', confidence);
  const grading = checkGrading(req.grading ?? null);
  if (typeof grading === 'string') return refuse('invalid', grading);
  return { ok: true, rule, value: { status: rule.to, verdict: rule.to as Verdict, attributedParty: party, confidence, grading } };
}

function checkConfidence(c: Confidence | null): Confidence | null | string {
  if (c === null) return null;
  if (typeof c !== 'object' || !(CONFIDENCE_LEVELS as readonly string[]).includes(c.level)) {
    return `confidence.level: must be one of ${CONFIDENCE_LEVELS.join(', ')}`;
  }
  const reason = typeof c.reason === 'string' ? c.reason.trim() : '';
  if (reason === '' || reason.length > MAX_REASON_CHARS) return `confidence.reason: required with a confidence, 1–${MAX_REASON_CHARS} characters`;
  return { level: c.level, reason };
}

function checkGrading(g: AdmiraltyGrade | null): AdmiraltyGrade | null | string {
  if (g === null) return null;
  if (typeof g !== 'object' || !(SOURCE_RELIABILITY as readonly string[]).includes(g.reliability)) {
    return 'grading.reliability: must be a source reliability A–F';
  }
  if (!(INFO_CREDIBILITY as readonly number[]).includes(g.credibility)) return 'grading.credibility: must be an information credibility 1–6';
  return { reliability: g.reliability, credibility: g.credibility };
}

function refuse(code: TransitionRefusal['code'], message: string): { ok: false; error: TransitionRefusal } {
  return { ok: false, error: { code, message } };
}
