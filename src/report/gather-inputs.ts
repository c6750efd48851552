import type { Principal } from '../access/roles.js';
import type { CompiledAgreement } from '../core/agreement/compiled-agreement.js';
import type { CaseService } from '../cases/ports.js';
import { deriveReleasability, formatMarking } from '../store/marking.js';
import type { Page, PageQuery, Store, StoredAlert, StoredReport, Viewer } from '../store/ports.js';
import { HOUR_MS } from './coverage-summary.js';
import type { ReportPeriodKind } from './report-document.js';
import type { IncidentInput, MapTrack, PreviousReport, ReportInputs } from './report-inputs.js';
import type { ReportLibrary } from './report-library.js';
import type { ReportData } from './report-schema.js';

/** Entities whose tracks the maps draw, at most; and positions kept per track. */
const MAX_MAP_TRACKS = 60;
const MAX_TRACK_POINTS = 400;
/** The internal copy of a document's data, kept for the next report's change log. */
export const DATA_FILE = 'data.json';

export interface GatherOptions {
  store: Store;
  cases: CaseService;
  library?: ReportLibrary;
  agreement: CompiledAgreement;
  /** Whose eyes: every read is made as this principal's nation. */
  principal: Principal;
  period: { kind: ReportPeriodKind; fromMs: number; toMs: number };
  id: string;
  title?: string;
  generatedAtMs: number;
  generatorVersion: string;
}

/**
 * Reads what a report needs from the store and the case service, as the recipient sees it:
 * every read goes through the releasability filter of the data layer, with the recipient's
 * nation as viewer, so nothing a nation may not see can reach its report.
 */
export async function gatherInputs(o: GatherOptions): Promise<ReportInputs> {
  const viewer: Viewer = { nation: o.principal.nation };
  const { fromMs, toMs } = o.period;
  const overlapping = await all((page) => o.store.alerts.list(viewer, { fromMs, toMs: toMs - 1, limit: 10_000, ...page }));
  const alerts = overlapping.filter((a) => inPeriod(Date.parse(a.alert.start), fromMs, toMs));
  const periodAlertIds = new Set(alerts.map((a) => a.alert.id));
  const incidents: IncidentInput[] = [];
  for (const inc of await all((page) => o.cases.list(o.principal, { limit: 1000, ...page }))) {
    const linkedAlerts = (await Promise.all(inc.alertIds.map((id) => o.store.alerts.get(viewer, id)))).filter((a): a is StoredAlert => a !== undefined);
    const linkedReports = (await Promise.all(inc.reportIds.map((id) => o.store.reports.get(viewer, id)))).filter((r): r is StoredReport => r !== undefined);
    const relevant = inPeriod(inc.createdMs, fromMs, toMs) || inc.alertIds.some((id) => periodAlertIds.has(id)) ||
      linkedReports.some((r) => inPeriod(Date.parse(r.report.time), fromMs, toMs));
    if (!relevant) continue;
    const comments = await all((page) => o.cases.comments(o.principal, inc.id, { limit: 1000, ...page }));
    incidents.push({ incident: inc, alerts: linkedAlerts, reports: linkedReports, evidence: await o.cases.evidence(o.principal, inc.id), comments });
  }
  const bucket = { fromMs, toMs, bucketMs: HOUR_MS };
  const coverage = {
    feeds: await o.store.observations.coverage(viewer, bucket),
    zones: await Promise.all(o.agreement.zones.filter((z) => z.areaKm2 > 0).map(async (z) => ({ zoneId: z.id, counts: await o.store.observations.coverage(viewer, { ...bucket, bbox: z.bbox }) }))),
  };
  const entityIds = [...new Set([...incidents.flatMap((i) => i.alerts), ...alerts].flatMap((a) => [a.alert.entity.id, ...(a.alert.other ? [a.alert.other.id] : [])]))].sort().slice(0, MAX_MAP_TRACKS);
  const partyOf = new Map([...alerts, ...incidents.flatMap((i) => i.alerts)].flatMap((a) => [[a.alert.entity.id, a.alert.entity.party], ...(a.alert.other ? [[a.alert.other.id, a.alert.other.party]] : [])] as [string, string | undefined][]));
  const tracks: MapTrack[] = [];
  for (const id of entityIds) {
    const obs = await all((page) => o.store.observations.byEntity(viewer, { entityId: id, fromMs, toMs, limit: 10_000, ...page }), 50_000);
    if (obs.length === 0) continue;
    const step = Math.max(1, Math.ceil(obs.length / MAX_TRACK_POINTS));
    const party = partyOf.get(id);
    const kept = obs.filter((_, k) => k % step === 0 || k === obs.length - 1);
    // A track is as releasable as the narrowest of the positions drawn (all of one feed, usually).
    const rel = deriveReleasability([...new Map(kept.map((p) => [`${p.originator} ${formatMarking(p.marking)}`, p])).values()], o.principal.nation);
    tracks.push({ id, ...(party !== undefined ? { party } : {}), coords: kept.map((p) => [p.lon, p.lat]), ...rel });
  }
  return {
    id: o.id, ...(o.title !== undefined ? { title: o.title } : {}), generatedAtMs: o.generatedAtMs, generatorVersion: o.generatorVersion,
    agreement: o.agreement, period: o.period, preparedFor: o.principal.nation,
    alerts, incidents, coverage, tracks: tracks, previous: await previousReport(o, viewer),
  };
}

async function previousReport(o: GatherOptions, viewer: Viewer): Promise<PreviousReport | null> {
  if (o.library === undefined) return null;
  const series = `${o.agreement.id}/${o.period.kind}/${o.principal.nation}`;
  const prev = await o.library.previous(viewer, series, o.generatedAtMs);
  const bytes = prev === undefined ? undefined : await o.library.file(viewer, prev.id, DATA_FILE);
  if (prev === undefined || bytes === undefined) return null;
  const data = JSON.parse(bytes.toString('utf8')) as ReportData;
  return { id: data.id, generatedAt: data.generatedAt, period: { from: data.period.from, to: data.period.to }, incidents: data.incidents.map((i) => ({ id: i.id, title: i.title, status: i.status })) };
}

function inPeriod(ms: number, fromMs: number, toMs: number): boolean {
  return ms >= fromMs && ms < toMs;
}

/** Every item of a paged list (up to `max`). */
async function all<T>(list: (page: PageQuery) => Promise<Page<T>>, max = Infinity): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await list(cursor === undefined ? {} : { cursor });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && out.length < max);
  return out;
}
