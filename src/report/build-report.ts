import { deriveReleasability, formatMarking } from '../store/marking.js';
import type { Releasability, StoredAlert } from '../store/ports.js';
import { byFeed, coverageLine, HOUR_MS } from './coverage-summary.js';
import type { IncidentInput, ReportInputs } from './report-inputs.js';
import type { ReportData, ReportIncidentData } from './report-schema.js';
import { summarySentences } from './summary-sentences.js';

/** Maps drawn for incidents, at most (the first ones, in report order). */
export const MAX_INCIDENT_MAPS = 20;
export const OVERVIEW_MAP = 'overview-map.svg';

const DAY_MS = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString();
const UNATTRIBUTED = 'unattributed';
const NO_PARTY = 'none';

/**
 * The report as data (pure): counts, incident entries, coverage, change log and summary from
 * inputs already filtered to the recipient nation. Every table row is counted here once;
 * the renderers only format these numbers.
 */
export function buildReport(inp: ReportInputs): ReportData {
  const { agreement, period } = inp;
  const alerts = [...inp.alerts].sort((a, b) => compareAlerts(a, b));
  const partyLabel = (code: string): string => code === NO_PARTY ? 'no party' : code === UNATTRIBUTED ? 'unattributed' : agreement.parties.get(code)?.name ?? code;
  const zoneLabel = (id: string): string => id === 'none' ? 'outside any zone' : agreement.zones[agreement.zoneById.get(id) ?? -1]?.name ?? id;
  const ruleLabel = (id: string): string => {
    const r = agreement.rules.find((x) => x.id === id);
    return r === undefined ? id : `${id} ${r.type}`;
  };
  const incidents = [...inp.incidents].sort((a, b) => a.incident.createdMs - b.incident.createdMs || (a.incident.id < b.incident.id ? -1 : 1));
  const entries = incidents.map((i, n) => incidentEntry(i, n < MAX_INCIDENT_MAPS ? `incident-${n + 1}-map.svg` : null));
  const decided = (v: string): number => entries.filter((e) => e.verdict === v).length;
  const violations = entries.filter((e) => e.verdict === 'verified-violation');
  const hours = Math.max(0, Math.ceil((period.toMs - period.fromMs) / HOUR_MS));
  const days: string[] = [];
  for (let d = Math.floor(period.fromMs / DAY_MS) * DAY_MS; d < period.toMs; d += DAY_MS) days.push(iso(d).slice(0, 10));
  const byDay = new Map(days.map((d) => [d, { day: d, total: 0, byParty: {} as Record<string, number> }]));
  for (const a of alerts) {
    const row = byDay.get(a.alert.start.slice(0, 10));
    if (row === undefined) continue;
    row.total++;
    const p = a.alert.entity.party ?? NO_PARTY;
    row.byParty[p] = (row.byParty[p] ?? 0) + 1;
  }
  const marked: Releasability[] = [
    ...alerts, ...inp.tracks,
    ...incidents.flatMap((i) => [i.incident, ...i.alerts, ...i.reports, ...i.evidence, ...i.comments]),
  ];
  const rel = deriveReleasability(marked, inp.preparedFor);
  const feeds = [...byFeed(inp.coverage.feeds)].map(([feed, counts]) => coverageLine(feed, feed, counts, period.fromMs, hours));
  const zones = inp.coverage.zones.map((z) => coverageLine(z.zoneId, zoneLabel(z.zoneId), z.counts, period.fromMs, hours, [...new Set(z.counts.map((c) => c.feed))].sort()));
  const previousStatus = new Map((inp.previous?.incidents ?? []).map((i) => [i.id, i.status]));
  const totals = {
    alerts: alerts.length,
    openAlerts: alerts.filter((a) => a.alert.end === null).length,
    incidents: entries.length,
    verifiedViolations: violations.length,
    notViolations: decided('not-a-violation'),
    inconclusive: decided('inconclusive'),
    undecided: entries.filter((e) => e.verdict === null).length,
  };
  const data: ReportData = {
    schema: 'vigil-report/1',
    id: inp.id,
    series: reportSeries(agreement.id, period.kind, inp.preparedFor),
    title: inp.title ?? defaultTitle(agreement.title, period.kind, period.fromMs, period.toMs),
    generatedAt: iso(inp.generatedAtMs),
    generator: { name: 'vigil', version: inp.generatorVersion },
    agreement: { id: agreement.id, title: agreement.title, version: agreement.version },
    period: { kind: period.kind, from: iso(period.fromMs), to: iso(period.toMs) },
    preparedFor: inp.preparedFor,
    // The originator is always in a REL TO set; naming it lets a reader see the whole set.
    marking: formatMarking(rel.marking.kind === 'REL_TO' ? { kind: 'REL_TO', nations: [...rel.marking.nations, rel.originator] } : rel.marking),
    originator: rel.originator,
    summary: [],
    counting: countingRules(inp.preparedFor),
    totals,
    alertsByRule: tally(alerts, (a) => a.alert.rule, ruleLabel),
    alertsByParty: tally(alerts, (a) => a.alert.entity.party ?? NO_PARTY, partyLabel),
    alertsByZone: tally(alerts, (a) => a.alert.zone ?? 'none', zoneLabel),
    alertsByDay: [...byDay.values()],
    violationsByParty: tally(violations, (e) => e.attributedParty ?? UNATTRIBUTED, partyLabel),
    strikes: strikeCounts(alerts),
    incidents: entries,
    coverage: { bucket: 'hour', feeds, zones },
    changes: {
      previous: inp.previous === null ? null : { id: inp.previous.id, generatedAt: inp.previous.generatedAt, period: inp.previous.period },
      newIncidents: inp.previous === null ? [] : entries.filter((e) => !previousStatus.has(e.id)).map((e) => ({ id: e.id, title: e.title, status: e.status })),
      changedVerdicts: entries.flatMap((e) => {
        const before = previousStatus.get(e.id);
        return before !== undefined && before !== e.status ? [{ id: e.id, title: e.title, from: before, to: e.status }] : [];
      }),
    },
    maps: { overview: OVERVIEW_MAP },
    auditCheckpoint: inp.auditCheckpoint ?? null,
  };
  data.summary = summarySentences(data);
  return data;
}

/** Reports of one series follow each other in the change log. */
export function reportSeries(agreementId: string, kind: string, nation: string): string {
  return `${agreementId}/${kind}/${nation}`;
}

function defaultTitle(agreementTitle: string, kind: string, fromMs: number, toMs: number): string {
  const day = (ms: number): string => iso(ms).slice(0, 10);
  const last = day(toMs - 1);
  const span = day(fromMs) === last ? day(fromMs) : `${day(fromMs)} – ${last}`;
  const name = kind === 'daily' ? 'Daily report' : kind === 'weekly' ? 'Weekly report' : 'Report';
  return `${name} ${span}: ${agreementTitle}`;
}

function compareAlerts(a: StoredAlert, b: StoredAlert): number {
  return a.alert.start < b.alert.start ? -1 : a.alert.start > b.alert.start ? 1 : a.alert.id < b.alert.id ? -1 : a.alert.id > b.alert.id ? 1 : 0;
}

/** Counts by key, most first, then by key. */
function tally<T>(items: readonly T[], keyOf: (t: T) => string, label: (key: string) => string): ReportData['alertsByRule'] {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(keyOf(i), (counts.get(keyOf(i)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([key, count]) => ({ key, label: label(key), count }));
}

function incidentEntry(i: IncidentInput, map: string | null): ReportIncidentData {
  const inc = i.incident;
  const alerts = [...i.alerts].sort(compareAlerts);
  const first = alerts[0]?.alert;
  const firstReport = [...i.reports].sort((a, b) => (a.report.time < b.report.time ? -1 : 1))[0]?.report;
  const firstSeen = first?.start ?? (firstReport !== undefined ? new Date(firstReport.time).toISOString() : null);
  const position = first !== undefined ? first.position : firstReport !== undefined ? { lat: firstReport.lat, lon: firstReport.lon } : null;
  return {
    id: inc.id,
    title: inc.title,
    status: inc.status,
    verdict: inc.verdict,
    attributedParty: inc.attributedParty,
    confidence: inc.confidence,
    grading: inc.grading === null ? null : `${inc.grading.reliability}${inc.grading.credibility}`,
    rules: [...new Set(alerts.map((a) => a.alert.rule))].sort(),
    zones: [...new Set(alerts.flatMap((a) => (a.alert.zone === null ? [] : [a.alert.zone])))].sort(),
    entities: [...new Set([...alerts.flatMap((a) => [a.alert.entity.id, ...(a.alert.other ? [a.alert.other.id] : [])]), ...i.reports.map((r) => `report:${r.report.id}`)])].sort(),
    firstSeen,
    position,
    alertIds: [...inc.alertIds].sort(),
    reportIds: [...inc.reportIds].sort(),
    evidence: [...i.evidence].sort((a, b) => a.addedMs - b.addedMs || (a.sha256 < b.sha256 ? -1 : 1)).map((e) => ({ name: e.name, mediaType: e.mediaType, sha256: e.sha256, sizeBytes: e.sizeBytes })),
    comments: i.comments.length,
    marking: formatMarking(inc.marking),
    map: position === null ? null : map,
  };
}

/** Strike reports (no-strike alerts, one per report however many zones) and the weapons their evidence counts. */
export function strikeCounts(alerts: readonly StoredAlert[]): ReportData['strikes'] {
  const seen = new Set<string>();
  const out = { reports: 0, launched: 0, destroyed: 0, hit: 0, withCounts: 0 };
  for (const { alert } of alerts) {
    if (alert.type !== 'no-strike' || seen.has(alert.entity.id)) continue;
    seen.add(alert.entity.id);
    out.reports++;
    let any = false;
    for (const k of ['launched', 'destroyed', 'hit'] as const) {
      const n = alert.evidence[k];
      if (typeof n === 'number' && Number.isInteger(n) && n >= 0) {
        out[k] += n;
        any = true;
      }
    }
    if (any) out.withCounts++;
  }
  return out;
}

/** The counting units and de-duplication rules, stated in every report (SMM's counts were disputed for want of them). */
function countingRules(nation: string): string[] {
  return [
    'Alert: one episode of one entity (or one pair, for rendezvous) breaking one rule in one zone, from its first offending observation to its last. Counted once, on the UTC day it started; an alert that started before the period is not counted, even if still open.',
    'De-duplication: the same position heard by several receivers is merged before detection, and a re-sent line never raises a second alert (alert ids are stable hashes of agreement, rule, entity, zone and start).',
    'Strike reports and weapons: "strike reports" counts incident reports with a no-strike alert of the period (unit: report; a report touching two zones counts once); "launched", "destroyed" and "hit" sum the numbers of weapons those reports give (unit: weapon; reports without numbers add none, so the sums are at least, not exactly, what happened).',
    'Incident: alerts and reports grouped by an analyst for verification; counted once however many alerts it links. Listed: incidents linking an alert or report of the period, or opened in it.',
    'Verified violations: incidents with the verdict "verified-violation", counted by attributed party ("unattributed" when no party was attributed). Verification and attribution are separate judgements.',
    'Coverage: an hour counts as covered for a feed when the feed delivered at least one observation in it, and for a zone when at least one observation of any feed lay inside the zone\'s bounding box. Gaps are whole UTC hours. Where there is no coverage, no alerts does not mean no violations.',
    `Releasability: only records releasable to ${nation} are counted. A report for another nation may count more or fewer.`,
  ];
}
