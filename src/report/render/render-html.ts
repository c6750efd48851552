import type { CoverageLineData, ReportData } from '../report-schema.js';
import { esc } from './html-escape.js';
import { checkpointSentence } from './checkpoint-sentence.js';
import type { ReportFigures, SigningKeyInfo } from './report-figures.js';

const STYLE = `
:root { --ink: #1b2430; --muted: #5b6775; --rule: #c9d1da; --band: #eef2f6; }
* { box-sizing: border-box; }
body { margin: 0; font: 10.5pt/1.45 "DejaVu Sans", "Liberation Sans", sans-serif; color: var(--ink); }
main { max-width: 190mm; margin: 0 auto; padding: 14mm 0; }
.banner { position: sticky; z-index: 2; text-align: center; font-weight: bold; letter-spacing: .08em; padding: 2px 0; background: #1b2430; color: #fff; }
.banner.top { top: 0; } .banner.bottom { bottom: 0; }
@media print { .banner { display: none; } main { padding: 0; } }
h1 { font-size: 20pt; margin: 0 0 4mm; } h2 { font-size: 14pt; border-bottom: 2px solid var(--ink); padding-bottom: 1mm; margin-top: 9mm; }
h3 { font-size: 11.5pt; margin: 6mm 0 2mm; }
section.title { min-height: 230mm; display: flex; flex-direction: column; justify-content: center; break-after: page; }
.title .marking { font-size: 16pt; font-weight: bold; border: 2px solid var(--ink); padding: 2mm 4mm; display: inline-block; margin: 6mm 0; }
dl.meta { display: grid; grid-template-columns: 42mm 1fr; gap: 1mm 4mm; } dl.meta dt { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; font-size: 9.5pt; break-inside: auto; }
th, td { border-bottom: 1px solid var(--rule); padding: 1mm 2mm; text-align: left; vertical-align: top; }
th { background: var(--band); } td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; }
figure { margin: 3mm 0 5mm; break-inside: avoid; } figure img { width: 100%; height: auto; border: 1px solid var(--rule); }
figcaption { color: var(--muted); font-size: 9pt; }
.incident { break-inside: avoid; border-left: 3px solid var(--ink); padding-left: 4mm; margin: 5mm 0; }
.hash { font-family: "DejaVu Sans Mono", monospace; font-size: 8pt; word-break: break-all; }
.summary p { font-size: 11.5pt; margin: 0 0 2mm; }
.gap { color: #9b1c1c; }
pre.key { font-size: 8pt; background: var(--band); padding: 2mm; white-space: pre-wrap; }
`;

const img = (svg: string, alt: string): string => `<img alt="${esc(alt)}" src="data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}">`;
const day = (iso: string): string => iso.replace('T', ' ').replace(/:00(\.000)?Z$/, ' UTC').replace(/\.\d{3}Z$/, ' UTC').replace(/Z$/, ' UTC');

/**
 * The report as one self-contained HTML file: styles inline, images as data URLs, nothing
 * fetched. The marking is on a banner at the top and the bottom of the screen (and, in the
 * PDF, in the header and footer of every page).
 */
export function renderHtml(r: ReportData, figures: ReportFigures, key?: SigningKeyInfo): string {
  const fig = (name: string, caption: string): string => {
    const svg = figures.files.get(name);
    return svg === undefined ? '' : `<figure>${img(svg, caption)}<figcaption>${esc(caption)}</figcaption></figure>`;
  };
  const keyed = (title: string, rows: ReportData['alertsByRule'], what: string, header: string): string =>
    `<h3>${esc(title)}</h3>` + (rows.length === 0 ? `<p>No ${esc(what)} in the period.</p>` :
      `<table><thead><tr><th>${esc(header)}</th><th class="n">Count</th></tr></thead><tbody>${rows.map((x) => `<tr><td>${esc(x.label)}</td><td class="n">${x.count}</td></tr>`).join('')}</tbody></table>`);
  const parties = [...new Set(r.alertsByDay.flatMap((d) => Object.keys(d.byParty)))].sort();
  const byDay = `<h3>Alerts by day (UTC) and party</h3><table><thead><tr><th>Day</th>${parties.map((p) => `<th class="n">${esc(p)}</th>`).join('')}<th class="n">Total</th></tr></thead><tbody>${
    r.alertsByDay.map((d) => `<tr><td>${esc(d.day)}</td>${parties.map((p) => `<td class="n">${d.byParty[p] ?? 0}</td>`).join('')}<td class="n">${d.total}</td></tr>`).join('')}</tbody></table>`;
  const coverage = (title: string, lines: CoverageLineData[], zone: boolean): string => `<h3>${esc(title)}</h3>` + (lines.length === 0 ? '<p>None.</p>' :
    `<table><thead><tr><th>${zone ? 'Zone' : 'Feed'}</th><th class="n">Hours with data</th><th>Gaps (UTC)</th>${zone ? '<th>Feeds seen</th>' : ''}</tr></thead><tbody>${lines.map((l) =>
      `<tr><td>${esc(l.label)}</td><td class="n">${l.hoursWithData} / ${l.hoursTotal}</td><td>${l.gaps.length === 0 ? 'none' : l.gaps.map((g) => `<span class="gap">${esc(day(g.from))} – ${esc(day(g.to))} (${g.hours} h)</span>`).join('<br>')}</td>${zone ? `<td>${esc((l.feeds ?? []).join(', ') || '—')}</td>` : ''}</tr>`).join('')}</tbody></table>`);
  const incidents = r.incidents.length === 0 ? '<p>No incidents in the period.</p>' : r.incidents.map((i, n) => `<div class="incident">
<h3>${n + 1}. ${esc(i.title)}</h3>
<dl class="meta"><dt>Incident</dt><dd>${esc(i.id)} (${esc(i.marking)})</dd>
<dt>Status</dt><dd>${esc(i.status)}</dd>
<dt>Attributed party</dt><dd>${esc(i.attributedParty ?? 'none attributed')}</dd>
<dt>Confidence</dt><dd>${i.confidence === null ? 'not assessed' : `${esc(i.confidence.level)}: ${esc(i.confidence.reason)}`}</dd>
<dt>Grading</dt><dd>${esc(i.grading ?? 'not graded')}</dd>
<dt>First seen</dt><dd>${esc(i.firstSeen === null ? 'unknown' : day(i.firstSeen))}${i.position ? ` at ${i.position.lat.toFixed(4)}° N, ${i.position.lon.toFixed(4)}° E` : ''}</dd>
<dt>Rules, zones</dt><dd>${esc(i.rules.join(', ') || '—')}; ${esc(i.zones.join(', ') || '—')}</dd>
<dt>Entities</dt><dd>${esc(i.entities.join(', ') || '—')}</dd>
<dt>Linked</dt><dd>${i.alertIds.length} alert(s), ${i.reportIds.length} report(s); ${i.comments} comment(s)</dd></dl>
${i.evidence.length === 0 ? '<p>No evidence attached.</p>' : `<table><thead><tr><th>Evidence</th><th>Type</th><th class="n">Bytes</th><th>SHA-256</th></tr></thead><tbody>${i.evidence.map((e) => `<tr><td>${esc(e.name)}</td><td>${esc(e.mediaType)}</td><td class="n">${e.sizeBytes}</td><td class="hash">${esc(e.sha256)}</td></tr>`).join('')}</tbody></table>`}
${i.map === null ? '' : fig(i.map, `Incident ${n + 1}: zones, the position first seen and the tracks of the entities involved.`)}
</div>`).join('\n');
  const c = r.changes;
  const changes = c.previous === null ? '<p>First report of this series: no change log.</p>' :
    `<p>Since report ${esc(c.previous.id)} (${esc(day(c.previous.period.from))} – ${esc(day(c.previous.period.to))}):</p>` +
    `<h3>New incidents</h3>${c.newIncidents.length === 0 ? '<p>None.</p>' : `<ul>${c.newIncidents.map((x) => `<li>${esc(x.title)} (${esc(x.id)}): ${esc(x.status)}</li>`).join('')}</ul>`}` +
    `<h3>Changed status or verdict</h3>${c.changedVerdicts.length === 0 ? '<p>None.</p>' : `<ul>${c.changedVerdicts.map((x) => `<li>${esc(x.title)} (${esc(x.id)}): ${esc(x.from)} → ${esc(x.to)}</li>`).join('')}</ul>`}`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(r.title)}</title><style>${STYLE}</style></head>
<body>
<div class="banner top">${esc(r.marking)}</div>
<main>
<section class="title">
<h1>${esc(r.title)}</h1>
<div class="marking">${esc(r.marking)}</div>
<dl class="meta">
<dt>Agreement</dt><dd>${esc(r.agreement.title)} (${esc(r.agreement.id)}, version ${r.agreement.version})</dd>
<dt>Period</dt><dd>${esc(day(r.period.from))} – ${esc(day(r.period.to))} (${esc(r.period.kind)})</dd>
<dt>Prepared for</dt><dd>${esc(r.preparedFor)}</dd>
<dt>Report</dt><dd>${esc(r.id)}, generated ${esc(day(r.generatedAt))} by Vigil ${esc(r.generator.version)}</dd>
${key === undefined ? '' : `<dt>Signed by</dt><dd>${esc(key.keyId)} (Ed25519; public key in the annex)</dd>`}
</dl>
</section>
<section><h2>Executive summary</h2><div class="summary">${r.summary.map((s) => `<p>${esc(s)}</p>`).join('')}</div></section>
<section><h2>Overview map</h2>${fig(r.maps.overview, 'The agreement\'s zones, the incidents of the period (numbered as below) and the tracks of the entities involved.')}</section>
<section><h2>Violations and alerts</h2>
<p>${r.totals.alerts} alerts, ${r.totals.incidents} incidents, ${r.totals.verifiedViolations} verified violations.</p>
${r.strikes.reports > 0 ? `<p>${r.strikes.reports} strike reports (unit: report); weapons in the ${r.strikes.withCounts} that count them (unit: weapon): ${r.strikes.launched} launched, ${r.strikes.destroyed} destroyed, ${r.strikes.hit} hit.</p>` : ''}
${keyed('Verified violations by attributed party', r.violationsByParty, 'verified violations', 'Party')}${fig(figures.charts.violationsByParty, 'Verified violations by attributed party')}
${byDay}${fig(figures.charts.byDay, 'Alerts by day, by party of the entity')}
${keyed('Alerts by rule', r.alertsByRule, 'alerts', 'Rule')}${fig(figures.charts.byRule, 'Alerts by rule')}
${keyed('Alerts by party of the entity', r.alertsByParty, 'alerts', 'Party')}${fig(figures.charts.byParty, 'Alerts by party')}
${keyed('Alerts by zone', r.alertsByZone, 'alerts', 'Zone')}${fig(figures.charts.byZone, 'Alerts by zone')}
</section>
<section><h2>Incidents</h2>${incidents}</section>
<section><h2>Coverage and outages</h2>
<p>Where a zone or a feed shows a gap, nothing was seen there: no alerts in a gap does not mean no violations.</p>
${coverage('By zone', r.coverage.zones, true)}${coverage('By feed', r.coverage.feeds, false)}</section>
<section><h2>Changes since the previous report</h2>${changes}</section>
<section><h2>Counting units and de-duplication</h2><ul>${r.counting.map((t) => `<li>${esc(t)}</li>`).join('')}</ul></section>
${r.auditCheckpoint === null ? '' : `<section><h2>Annex: audit log checkpoint</h2><p>${esc(checkpointSentence(r.auditCheckpoint))}</p><pre class="key">${esc(JSON.stringify(r.auditCheckpoint, null, 2))}</pre></section>`}
${key === undefined ? '' : `<section><h2>Annex: signing key</h2><p>This document is signed with the Ed25519 key ${esc(key.keyId)}; the signature and manifest are detached files (<code>vigil report verify</code>).</p><pre class="key">${esc(key.publicKeyPem)}</pre></section>`}
</main>
<div class="banner bottom">${esc(r.marking)}</div>
</body></html>
`;
}
