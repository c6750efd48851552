import type { Principal } from '../../access/roles.js';
import type { StoredReport } from '../../store/ports.js';
import { queryCollection, type CollectionFilter, type CollectionSources } from '../collection-query.js';
import { COLLECTIONS, COLUMNS, type CollectionName, type Feature } from '../features.js';
import { acledCsv, type AcledIncident } from './acled-csv.js';
import { featuresCsv } from './csv.js';
import { kmlDocument, type KmlLayer, type KmlTrack } from './kml.js';

export const EXPORT_FORMATS = ['geojson', 'kml', 'csv', 'acled'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_MEDIA_TYPES: Record<ExportFormat, string> = {
  geojson: 'application/geo+json', kml: 'application/vnd.google-earth.kml+xml', csv: 'text/csv; charset=utf-8', acled: 'text/csv; charset=utf-8',
};
/** File name extension of each format (`incidents.acled.csv`). */
export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = { geojson: 'geojson', kml: 'kml', csv: 'csv', acled: 'acled.csv' };

/** `alerts.geojson` → collection and format; undefined for anything else. */
export function parseExportFile(file: string): { name: CollectionName; format: ExportFormat } | undefined {
  for (const name of COLLECTIONS) {
    for (const format of EXPORT_FORMATS) {
      if (file === `${name}.${EXPORT_EXTENSIONS[format]}` && (format !== 'acled' || name === 'incidents')) return { name, format };
    }
  }
  return undefined;
}

/** Features one export holds at most; beyond, the caller narrows the filter (the count says so). */
export const MAX_EXPORT_FEATURES = 100_000;
/** Track histories a KML export draws, and how far back from each track's last fix without a time filter. */
const MAX_KML_HISTORIES = 500;
const DEFAULT_HISTORY_MS = 6 * 3_600_000;

export interface ExportResult {
  body: string;
  mediaType: string;
  count: number;
  /** True when MAX_EXPORT_FEATURES cut the export short. */
  truncated: boolean;
}

/**
 * Exports a collection in a format, filtered like the API lists and by the caller's
 * releasability (every read goes through `queryCollection` or the store's viewer filter).
 * `acled` is for incidents only: the verified ones as ACLED-style events.
 */
export async function exportRecords(src: CollectionSources, principal: Principal, name: CollectionName, format: ExportFormat, filter: CollectionFilter, nodeName = 'Vigil'): Promise<ExportResult> {
  if (format === 'acled' && name !== 'incidents') throw new RangeError('the ACLED export is of incidents (incidents.acled.csv)');
  const features: Feature[] = [];
  let cursor: string | undefined;
  let truncated = false;
  do {
    const page = await queryCollection(src, principal, name, { ...filter, limit: 1000, ...(cursor !== undefined ? { cursor } : {}) });
    features.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    if (features.length >= MAX_EXPORT_FEATURES) {
      truncated = cursor !== undefined || features.length > MAX_EXPORT_FEATURES;
      features.length = Math.min(features.length, MAX_EXPORT_FEATURES);
      break;
    }
  } while (cursor !== undefined);
  const result = (body: string, count = features.length): ExportResult => ({ body, mediaType: EXPORT_MEDIA_TYPES[format], count, truncated });
  switch (format) {
    case 'geojson':
      return result(JSON.stringify({ type: 'FeatureCollection', features }) + '\n');
    case 'csv':
      return result(featuresCsv(features, COLUMNS[name]));
    case 'acled': {
      const viewer = { nation: principal.nation };
      const rows: AcledIncident[] = [];
      for (const f of features) {
        if (f.properties['verdict'] !== 'verified-violation' || f.geometry?.type !== 'Point' || typeof f.properties['firstSeen'] !== 'string') continue;
        const incident = await src.cases.get(principal, f.id);
        const reports = (await Promise.all(incident.reportIds.map((id) => src.store.reports.get(viewer, id)))).filter((r): r is StoredReport => r !== undefined);
        rows.push({ incident, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1], time: f.properties['firstSeen'], reports });
      }
      return result(acledCsv(rows, nodeName), rows.length);
    }
    case 'kml': {
      const layers: KmlLayer[] = [layerOf(name, features)];
      if (name !== 'zones') layers.push(layerOf('zones', (await queryCollection(src, principal, 'zones', {})).items));
      const histories = name === 'tracks' ? await trackHistories(src, principal, features, filter) : [];
      return result(kmlDocument(`Vigil ${name}`, layers, histories));
    }
  }
}

function layerOf(name: CollectionName, features: Feature[]): KmlLayer {
  const party = (f: Feature): string => (f.properties['party'] === 'RU' || f.properties['party'] === 'UA' ? `party-${String(f.properties['party'])}` : 'party-none');
  const byName: Record<CollectionName, Pick<KmlLayer, 'begin' | 'end' | 'style'>> = {
    tracks: { begin: 'time', style: party },
    alerts: { begin: 'start', end: 'end', style: (f) => `severity-${String(f.properties['severity'])}` },
    incidents: { begin: 'firstSeen', style: (f) => (f.properties['verdict'] === 'verified-violation' ? 'verdict-violation' : 'verdict-other') },
    reports: { begin: 'time', style: party },
    zones: { style: () => 'zone' },
  };
  return { name, features, columns: [...COLUMNS[name]], ...byName[name] };
}

/** The positions of the exported tracks over the filter's time range (or the last hours before each track's last fix). */
async function trackHistories(src: CollectionSources, principal: Principal, tracks: readonly Feature[], filter: CollectionFilter): Promise<KmlTrack[]> {
  const out: KmlTrack[] = [];
  for (const t of tracks.slice(0, MAX_KML_HISTORIES)) {
    const lastMs = Date.parse(String(t.properties['time']));
    const fromMs = filter.fromMs ?? lastMs - DEFAULT_HISTORY_MS;
    const toMs = filter.toMs ?? lastMs;
    const page = await src.store.observations.byEntity({ nation: principal.nation }, { entityId: t.id, fromMs, toMs, limit: 10_000 });
    if (page.items.length < 2) continue;
    out.push({ id: t.id, name: String(t.properties['name'] ?? t.id), whens: page.items.map((o) => new Date(o.timeMs).toISOString()), coords: page.items.map((o) => [o.lon, o.lat]) });
  }
  return out;
}

