import type { ReportData } from './report-schema.js';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** The executive summary: what happened, what was verified, and where nobody could see. */
export function summarySentences(r: ReportData): string[] {
  const t = r.totals;
  const out: string[] = [];
  const byParty = r.violationsByParty.map((p, i) => (i === 0 ? `${p.count} attributed to ${p.key}` : `${p.count} to ${p.key}`));
  let verdicts = `${plural(t.verifiedViolations, 'verified violation')}${byParty.length > 0 ? ` (${byParty.join(', ')})` : ''}`;
  verdicts += `; ${t.inconclusive} inconclusive; ${plural(t.notViolations, 'incident')} found not to be a violation; ${t.undecided} under review`;
  out.push(`${plural(t.alerts, 'alert')} in the period (${t.openAlerts} still open); ${plural(t.incidents, 'incident')}: ${verdicts}.`);
  const topRule = r.alertsByRule[0];
  const topZone = r.alertsByZone[0];
  if (topRule !== undefined && topZone !== undefined) out.push(`Most alerts came from rule ${topRule.label} (${topRule.count}); the zone with most alerts was ${topZone.label} (${topZone.count}).`);
  const blind = r.coverage.zones.filter((z) => z.gaps.length > 0);
  if (r.coverage.feeds.length === 0) out.push('No feed delivered any observation in the period: no alerts does not mean no violations.');
  else if (blind.length === 0) out.push(`Every zone had sensor data in every hour of the period (${plural(r.coverage.feeds.length, 'feed')}).`);
  else {
    const worst = [...blind].sort((a, b) => a.hoursWithData - b.hoursWithData || (a.key < b.key ? -1 : 1)).slice(0, 3)
      .map((z) => `${z.label} for ${plural(z.hoursTotal - z.hoursWithData, 'hour')}`);
    out.push(`No observations inside ${plural(blind.length, 'zone')} for part of the period (${worst.join(', ')}): no alerts there does not mean no violations.`);
  }
  const feedGaps = r.coverage.feeds.filter((f) => f.gaps.length > 0);
  if (feedGaps.length > 0) out.push(`${plural(feedGaps.length, 'feed')} had outages: ${feedGaps.slice(0, 3).map((f) => `${f.label} (${plural(f.hoursTotal - f.hoursWithData, 'hour')} without data)`).join(', ')}.`);
  if (r.changes.previous !== null) {
    out.push(`Since the previous report: ${plural(r.changes.newIncidents.length, 'new incident')}, ${plural(r.changes.changedVerdicts.length, 'changed status', 'changed statuses')}.`);
  }
  return out;
}
