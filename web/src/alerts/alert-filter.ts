import type { Alert } from '../api/types.js';

/** The queue's filters; empty strings mean "any". `sinceMs`: alerts starting at or after it. */
export interface AlertFilter {
  domain: string;
  rule: string;
  zone: string;
  party: string;
  severity: string;
  status: string;
  /** Look-back, hours; 0 = no limit. */
  hours: number;
}

export const EMPTY_FILTER: AlertFilter = { domain: '', rule: '', zone: '', party: '', severity: '', status: '', hours: 0 };

/** The filter as `/api/alerts` query parameters. */
export function filterQuery(f: AlertFilter, nowMs: number): Record<string, string | undefined> {
  return {
    domain: f.domain || undefined, rule: f.rule || undefined, zone: f.zone || undefined, party: f.party || undefined,
    severity: f.severity || undefined, status: f.status || undefined,
    from: f.hours > 0 ? new Date(nowMs - f.hours * 3600_000).toISOString() : undefined,
  };
}

/**
 * Whether a live alert belongs in the list under the filter: the same field comparisons the
 * API applies to the query, so a streamed alert lands where a reload would put it.
 */
export function matchesFilter(a: Alert, status: string, f: AlertFilter, nowMs: number): boolean {
  if (f.domain && a.domain !== f.domain) return false;
  if (f.rule && a.rule !== f.rule) return false;
  if (f.zone && a.zone !== f.zone) return false;
  if (f.party && a.entity.party !== f.party) return false;
  if (f.severity && a.severity !== f.severity) return false;
  if (f.status && status !== f.status) return false;
  if (f.hours > 0 && Date.parse(a.start) < nowMs - f.hours * 3600_000) return false;
  return true;
}
