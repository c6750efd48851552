import type { ReportDocumentRequest, ReportFormat, ReportPeriodKind } from '../api/types.js';

/** What the generate form holds: `from`/`to` as `<input type="datetime-local">` values, read as UTC. */
export interface ReportFormValues {
  period: ReportPeriodKind;
  /** `YYYY-MM-DDTHH:MM` (UTC) or empty. */
  from: string;
  to: string;
  format: ReportFormat;
  title: string;
}

/** Which time fields a period kind takes, and whether they are required. */
export const PERIOD_FIELDS: Record<ReportPeriodKind, { from: 'hidden' | 'required'; to: 'optional' | 'required'; hint: string }> = {
  daily: { from: 'hidden', to: 'optional', hint: 'The 24 hours ending at "to"; without it, ending now (rounded down to the hour).' },
  weekly: { from: 'hidden', to: 'optional', hint: 'The 7 days ending at "to"; without it, ending now (rounded down to the hour).' },
  custom: { from: 'required', to: 'required', hint: 'Any span from "from" to "to" (a meeting\'s, say).' },
};

const LOCAL_INPUT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

/**
 * The value of a `datetime-local` input read as UTC, as ISO-8601.
 * @example utcInputToIso('2026-03-22T00:00') // '2026-03-22T00:00:00.000Z'
 */
export function utcInputToIso(value: string): string | undefined {
  if (!LOCAL_INPUT.test(value)) return undefined;
  const d = new Date(`${value}Z`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/**
 * The `POST /api/reports/documents` body for the form's values. Checks only what the form
 * itself needs (a required time present and well formed); the server judges the period.
 */
export function reportRequest(v: ReportFormValues): { ok: true; value: ReportDocumentRequest } | { ok: false; error: string } {
  const fields = PERIOD_FIELDS[v.period];
  const body: ReportDocumentRequest = { period: v.period, format: v.format };
  for (const key of ['from', 'to'] as const) {
    const mode = fields[key];
    if (mode === 'hidden') continue;
    const raw = v[key].trim();
    if (raw === '') {
      if (mode === 'required') return { ok: false, error: `a ${v.period} report needs "${key}"` };
      continue;
    }
    const iso = utcInputToIso(raw);
    if (iso === undefined) return { ok: false, error: `"${key}" is not a date and time: ${raw}` };
    body[key] = iso;
  }
  const title = v.title.trim();
  if (title !== '') body.title = title;
  return { ok: true, value: body };
}
