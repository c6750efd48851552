import type { CoverageLineData, ReportData } from '../report-schema.js';
import { checkpointSentence } from './checkpoint-sentence.js';
import type { ReportFigures, SigningKeyInfo } from './report-figures.js';

/** Text for a Markdown table cell or line: pipes and Markdown's active characters escaped. */
function md(text: string | number): string {
  return String(text).replace(/([\\`*_[\]<>|#])/g, '\\$1').replace(/\r?\n/g, ' ');
}
const table = (head: string[], rows: (string | number)[][]): string =>
  [`| ${head.map(md).join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(md).join(' | ')} |`)].join('\n');

/**
 * The report as Markdown; its images are SVG files beside it (the names in `figures.files`),
 * linked relatively. The marking opens and closes the document.
 */
export function renderMarkdown(r: ReportData, figures: ReportFigures, key?: SigningKeyInfo): string {
  const image = (name: string, alt: string): string => (figures.files.has(name) ? `![${md(alt)}](${name})\n` : '');
  const keyed = (title: string, rows: ReportData['alertsByRule'], header: string): string =>
    `### ${md(title)}\n\n${rows.length === 0 ? 'None in the period.' : table([header, 'Count'], rows.map((x) => [x.label, x.count]))}\n`;
  const parties = [...new Set(r.alertsByDay.flatMap((d) => Object.keys(d.byParty)))].sort();
  const coverage = (lines: CoverageLineData[], zone: boolean): string => lines.length === 0 ? 'None.' : table(
    [zone ? 'Zone' : 'Feed', 'Hours with data', 'Gaps (UTC)', ...(zone ? ['Feeds seen'] : [])],
    lines.map((l) => [l.label, `${l.hoursWithData} / ${l.hoursTotal}`, l.gaps.length === 0 ? 'none' : l.gaps.map((g) => `${g.from} – ${g.to} (${g.hours} h)`).join('; '), ...(zone ? [(l.feeds ?? []).join(', ') || '—'] : [])]),
  );
  const out: string[] = [
    `**${md(r.marking)}**`, '',
    `# ${md(r.title)}`, '',
    `- Agreement: ${md(r.agreement.title)} (${md(r.agreement.id)}, version ${r.agreement.version})`,
    `- Period: ${r.period.from} – ${r.period.to} (${r.period.kind})`,
    `- Prepared for: ${r.preparedFor}`,
    `- Report: ${md(r.id)}, generated ${r.generatedAt} by Vigil ${md(r.generator.version)}`,
    ...(key === undefined ? [] : [`- Signed by: ${md(key.keyId)} (Ed25519; public key at the end)`]),
    `- Marking: ${md(r.marking)}`, '',
    '## Executive summary', '', ...r.summary.map((s) => `${md(s)}\n`),
    '## Overview map', '', image(r.maps.overview, 'Overview map of the period'),
    '## Violations and alerts', '',
    keyed('Verified violations by attributed party', r.violationsByParty, 'Party'), image(figures.charts.violationsByParty, 'Verified violations by party'),
    '### Alerts by day (UTC) and party', '', table(['Day', ...parties, 'Total'], r.alertsByDay.map((d) => [d.day, ...parties.map((p) => d.byParty[p] ?? 0), d.total])), '',
    image(figures.charts.byDay, 'Alerts by day'),
    keyed('Alerts by rule', r.alertsByRule, 'Rule'), image(figures.charts.byRule, 'Alerts by rule'),
    keyed('Alerts by party of the entity', r.alertsByParty, 'Party'), image(figures.charts.byParty, 'Alerts by party'),
    keyed('Alerts by zone', r.alertsByZone, 'Zone'), image(figures.charts.byZone, 'Alerts by zone'),
    ...(r.strikes.reports > 0 ? [`${r.strikes.reports} strike reports (unit: report); weapons in the ${r.strikes.withCounts} that count them (unit: weapon): ${r.strikes.launched} launched, ${r.strikes.destroyed} destroyed, ${r.strikes.hit} hit.`, ''] : []),
    '## Incidents', '',
  ];
  if (r.incidents.length === 0) out.push('No incidents in the period.', '');
  r.incidents.forEach((i, n) => {
    out.push(`### ${n + 1}. ${md(i.title)}`, '',
      `- Incident: ${md(i.id)} (${md(i.marking)})`,
      `- Status: ${i.status}; attributed party: ${md(i.attributedParty ?? 'none attributed')}`,
      `- Confidence: ${i.confidence === null ? 'not assessed' : `${i.confidence.level}: ${md(i.confidence.reason)}`}; grading: ${i.grading ?? 'not graded'}`,
      `- First seen: ${i.firstSeen ?? 'unknown'}${i.position ? ` at ${i.position.lat.toFixed(4)}° N, ${i.position.lon.toFixed(4)}° E` : ''}`,
      `- Rules: ${md(i.rules.join(', ') || '—')}; zones: ${md(i.zones.join(', ') || '—')}; entities: ${md(i.entities.join(', ') || '—')}`,
      `- Linked: ${i.alertIds.length} alert(s), ${i.reportIds.length} report(s); ${i.comments} comment(s)`, '',
      i.evidence.length === 0 ? 'No evidence attached.' : table(['Evidence', 'Type', 'Bytes', 'SHA-256'], i.evidence.map((e) => [e.name, e.mediaType, e.sizeBytes, e.sha256])), '',
      i.map === null ? '' : image(i.map, `Map of incident ${n + 1}`));
  });
  const c = r.changes;
  out.push('## Coverage and outages', '', 'Where a zone or a feed shows a gap, nothing was seen there: no alerts in a gap does not mean no violations.', '',
    '### By zone', '', coverage(r.coverage.zones, true), '', '### By feed', '', coverage(r.coverage.feeds, false), '',
    '## Changes since the previous report', '',
    c.previous === null ? 'First report of this series: no change log.' : [
      `Since report ${md(c.previous.id)} (${c.previous.period.from} – ${c.previous.period.to}):`, '',
      `New incidents: ${c.newIncidents.length === 0 ? 'none' : c.newIncidents.map((x) => `${md(x.title)} (${md(x.id)}, ${x.status})`).join('; ')}.`, '',
      `Changed status or verdict: ${c.changedVerdicts.length === 0 ? 'none' : c.changedVerdicts.map((x) => `${md(x.title)} (${md(x.id)}): ${x.from} → ${x.to}`).join('; ')}.`,
    ].join('\n'), '',
    '## Counting units and de-duplication', '', ...r.counting.map((t) => `- ${md(t)}`), '');
  if (r.auditCheckpoint !== null) out.push('## Audit log checkpoint', '', md(checkpointSentence(r.auditCheckpoint)), '', '```json', JSON.stringify(r.auditCheckpoint, null, 2), '```', '');
  if (key !== undefined) out.push('## Signing key', '', `Ed25519 key ${md(key.keyId)}:`, '', '```', key.publicKeyPem.trimEnd(), '```', '');
  out.push(`**${md(r.marking)}**`, '');
  return out.join('\n');
}
