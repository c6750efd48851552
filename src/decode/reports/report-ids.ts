import { canonicalJson as contentKey } from '../../core/track/canonical-json.js';
import type { IncidentReport } from '../../core/track/observation.js';
import type { ReportReject } from './incident-report-schema.js';

/**
 * Report ids already read in one input, to settle duplicates (docs/formats.md, "Duplicate
 * report ids"): the same id with the same content is one report read twice — the later line
 * is merged (counted, no second event); the same id with different content is a conflict —
 * the later line is rejected `conflicting-id`, naming the line that holds the id and the
 * fields that differ. The first line read wins: a revision must come with a new id.
 */
export class ReportIds {
  private readonly seen = new Map<string, { line: number; key: string; report: IncidentReport }>();

  /** `'new'`, `'duplicate'`, or why the report conflicts with the one read before. */
  check(report: IncidentReport, line: number): 'new' | 'duplicate' | ReportReject {
    const key = contentKey(report);
    const before = this.seen.get(report.id);
    if (before === undefined) {
      this.seen.set(report.id, { line, key, report });
      return 'new';
    }
    if (before.key === key) return 'duplicate';
    const fields = [...new Set([...Object.keys(before.report), ...Object.keys(report)])].filter((k) => contentKey(before.report[k]) !== contentKey(report[k])).sort();
    const shown = fields.slice(0, 3).map((k) => `${k} ${short(before.report[k])} vs ${short(report[k])}`).join('; ');
    return { reason: 'conflicting-id', detail: `id "${report.id}" was read on line ${before.line} with different content (${shown}${fields.length > 3 ? `; ${fields.length - 3} more` : ''}); the first is kept` };
  }
}

function short(v: unknown): string {
  const s = v === undefined ? '(none)' : JSON.stringify(v);
  return s.length > 40 ? s.slice(0, 40) + '…' : s;
}
