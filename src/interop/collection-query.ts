/**
 * One query over the exportable collections, used by the exports and the OGC API – Features:
 * the same filters as the API lists (time, area, rule, zone, party), every read made through
 * the store's releasability filter for the caller (the case service for incidents), so no
 * export path can skip it.
 */
import type { Principal } from '../access/roles.js';
import type { CaseService } from '../cases/ports.js';
import type { CompiledAgreement } from '../core/agreement/compiled-agreement.js';
import type { BBox, Page, Store, StoredAlert, StoredReport } from '../store/ports.js';
import { alertFeature, type CollectionName, type Feature, incidentFeature, reportFeature, trackFeature, zoneFeature } from './features.js';

export interface CollectionFilter {
  bbox?: BBox;
  /** Records whose time (track: last fix; alert: [start, end]; incident: first seen; report: time) meets [fromMs, toMs]. */
  fromMs?: number;
  toMs?: number;
  rule?: string;
  zone?: string;
  party?: string;
  limit?: number;
  cursor?: string;
}

export interface CollectionSources {
  store: Store;
  cases: CaseService;
  agreement: CompiledAgreement;
}

const inBox = (b: BBox | undefined, lon: number, lat: number): boolean => b === undefined || (lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3]);
const inTime = (f: CollectionFilter, ms: number): boolean => (f.fromMs === undefined || ms >= f.fromMs) && (f.toMs === undefined || ms <= f.toMs);
const paging = (f: CollectionFilter): { limit?: number; cursor?: string } => ({ ...(f.limit !== undefined ? { limit: f.limit } : {}), ...(f.cursor !== undefined ? { cursor: f.cursor } : {}) });

/**
 * One page of a collection as features, for `principal`. Filters the store cannot apply
 * (a box on alerts, a time on incidents) are applied to the page it returned, so a page may
 * hold fewer than `limit` features while `nextCursor` still leads on.
 */
export async function queryCollection(src: CollectionSources, principal: Principal, name: CollectionName, f: CollectionFilter): Promise<Page<Feature>> {
  const viewer = { nation: principal.nation };
  switch (name) {
    case 'tracks': {
      const page = await src.store.tracks.list(viewer, { ...paging(f), ...(f.bbox ? { bbox: f.bbox } : {}), ...(f.party ? { party: f.party } : {}), ...(f.fromMs !== undefined ? { updatedSinceMs: f.fromMs } : {}) });
      return { items: page.items.filter((t) => inTime(f, t.lastMs)).map(trackFeature), nextCursor: page.nextCursor };
    }
    case 'alerts': {
      const page = await src.store.alerts.list(viewer, { ...paging(f), ...(f.rule ? { rule: f.rule } : {}), ...(f.zone ? { zone: f.zone } : {}), ...(f.party ? { party: f.party } : {}), ...(f.fromMs !== undefined ? { fromMs: f.fromMs } : {}), ...(f.toMs !== undefined ? { toMs: f.toMs } : {}) });
      return { items: page.items.filter((a) => inBox(f.bbox, a.alert.position.lon, a.alert.position.lat)).map(alertFeature), nextCursor: page.nextCursor };
    }
    case 'reports': {
      if (f.rule !== undefined || f.zone !== undefined) return { items: [], nextCursor: null };
      const page = await src.store.reports.list(viewer, { ...paging(f), ...(f.bbox ? { bbox: f.bbox } : {}), ...(f.party ? { party: f.party } : {}), ...(f.fromMs !== undefined ? { fromMs: f.fromMs } : {}), ...(f.toMs !== undefined ? { toMs: f.toMs } : {}) });
      return { items: page.items.map(reportFeature), nextCursor: page.nextCursor };
    }
    case 'incidents': {
      const page = await src.cases.list(principal, { ...paging(f), ...(f.party ? { party: f.party } : {}) });
      const items: Feature[] = [];
      for (const i of page.items) {
        const alerts = (await Promise.all(i.alertIds.map((id) => src.store.alerts.get(viewer, id)))).filter((a): a is StoredAlert => a !== undefined);
        const reports = (await Promise.all(i.reportIds.map((id) => src.store.reports.get(viewer, id)))).filter((r): r is StoredReport => r !== undefined);
        if (f.rule !== undefined && !alerts.some((a) => a.alert.rule === f.rule)) continue;
        if (f.zone !== undefined && !alerts.some((a) => a.alert.zone === f.zone)) continue;
        const first = [...alerts].sort((a, b) => (a.alert.start < b.alert.start ? -1 : 1))[0]?.alert;
        const report = [...reports].sort((a, b) => (a.report.time < b.report.time ? -1 : 1))[0]?.report;
        const position = first?.position ?? (report ? { lat: report.lat, lon: report.lon } : null);
        const seen = first?.start ?? (report ? new Date(report.time).toISOString() : null);
        if (f.bbox !== undefined && (position === null || !inBox(f.bbox, position.lon, position.lat))) continue;
        if ((f.fromMs !== undefined || f.toMs !== undefined) && (seen === null || !inTime(f, Date.parse(seen)))) continue;
        items.push(incidentFeature(i, position, seen));
      }
      return { items, nextCursor: page.nextCursor };
    }
    case 'zones': {
      // The agreement is common to the coalition; zones have no releasability of their own.
      const zones = src.agreement.zones.filter((z) => (f.zone === undefined || z.id === f.zone) && (f.bbox === undefined || (z.bbox[0] <= f.bbox[2] && z.bbox[2] >= f.bbox[0] && z.bbox[1] <= f.bbox[3] && z.bbox[3] >= f.bbox[1])));
      return { items: zones.map((z) => zoneFeature(z, src.agreement.rules.filter((r) => r.zoneIds.includes(z.id)).map((r) => r.id))), nextCursor: null };
    }
  }
}
