/**
 * Which lifecycle steps to offer, derived from the incident's status and the user's actions
 * as `/api/auth/me` lists them. The server checks every step again (`src/cases/lifecycle.ts`
 * is the rule); this only hides buttons that would certainly be refused. When the API sends
 * `allowedTransitions` with an incident, that list wins.
 */
export interface OfferedTransition {
  to: string;
  label: string;
  /** The step records a verdict (party, confidence, reason fields shown). */
  decides: boolean;
  /** A written reason is required. */
  needsReason: boolean;
}

const VERDICT_LABELS: [string, string][] = [['verified-violation', 'Verified violation'], ['not-a-violation', 'Not a violation'], ['inconclusive', 'Inconclusive']];

/** The steps offered for an incident in `status` to a user holding `actions`. */
export function offeredTransitions(status: string, actions: readonly string[], allowed?: readonly string[]): OfferedTransition[] {
  const all: OfferedTransition[] = [];
  if (status === 'new' && actions.includes('incident:edit')) all.push({ to: 'under-review', label: 'Start review', decides: false, needsReason: false });
  if (status === 'under-review' && actions.includes('incident:verdict')) {
    for (const [to, label] of VERDICT_LABELS) all.push({ to, label, decides: true, needsReason: false });
  }
  if (VERDICT_LABELS.some(([v]) => v === status) && actions.includes('incident:verdict')) all.push({ to: 'under-review', label: 'Reopen', decides: false, needsReason: true });
  return allowed === undefined ? all : all.filter((t) => allowed.includes(t.to));
}
