/**
 * Records as GeoJSON features (RFC 7946) with flat properties: one mapping shared by the
 * GeoJSON, KML and CSV exports and the OGC API – Features collections, so a record has the
 * same attribute names everywhere (docs/formats.md "Exports"). Properties are strings,
 * numbers, booleans or null — no nested objects — so GIS clients (GDAL/OGR, QGIS) read them
 * as typed columns; times are ISO 8601 UTC strings.
 */
import type { Incident } from '../cases/incident.js';
import type { CompiledZone } from '../core/agreement/compiled-agreement.js';
import { formatMarking } from '../store/marking.js';
import type { Releasability, StoredAlert, StoredReport, TrackRecord } from '../store/ports.js';

export type Property = string | number | boolean | null;
export type Geometry =
  | { type: 'Point'; coordinates: [number, number] }
  | { type: 'LineString'; coordinates: number[][] }
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };

export interface Feature {
  type: 'Feature';
  id: string;
  geometry: Geometry | null;
  properties: Record<string, Property>;
}

export interface FeatureCollection {
  type: 'FeatureCollection';
  features: Feature[];
}

/** The collections every export and the OGC API offer. */
export const COLLECTIONS = ['tracks', 'alerts', 'incidents', 'reports', 'zones'] as const;
export type CollectionName = (typeof COLLECTIONS)[number];

/** Attribute names of each collection, in column order (docs/formats.md "Exports"); a test keeps the feature mappings to them. */
export const COLUMNS: Readonly<Record<CollectionName, readonly string[]>> = {
  tracks: ['id', 'kind', 'name', 'callsign', 'imo', 'shipType', 'flag', 'category', 'party', 'time', 'speedKn', 'courseDeg', 'altitudeFt', 'fixes', 'originator', 'releasability'],
  alerts: ['id', 'rule', 'type', 'domain', 'severity', 'status', 'entityId', 'entityKind', 'entityName', 'entityFlag', 'entityCategory', 'party', 'otherId', 'zone', 'start', 'end', 'evidence', 'agreementId', 'agreementVersion', 'originator', 'releasability'],
  incidents: ['id', 'title', 'status', 'verdict', 'attributedParty', 'confidence', 'confidenceReason', 'grading', 'alertIds', 'reportIds', 'firstSeen', 'created', 'updated', 'originator', 'releasability'],
  reports: ['id', 'time', 'category', 'party', 'source', 'sourceType', 'description', 'timePrecision', 'geoPrecision', 'casualties', 'revision', 'originator', 'releasability'],
  zones: ['id', 'name', 'kind', 'areaKm2', 'lengthKm', 'rules'],
};

const iso = (ms: number): string => new Date(ms).toISOString();
const point = (lon: number, lat: number): Geometry => ({ type: 'Point', coordinates: [lon, lat] });
const rel = (r: Releasability): Record<string, Property> => ({ originator: r.originator, releasability: formatMarking(r.marking) });
const opt = <T extends Property>(v: T | undefined): T | null => (v === undefined ? null : v);

export function trackFeature(t: TrackRecord): Feature {
  return {
    type: 'Feature', id: t.id, geometry: point(t.lon, t.lat),
    properties: {
      id: t.id, kind: t.kind, name: opt(t.name), callsign: opt(t.callsign), imo: opt(t.imo), shipType: opt(t.shipType), flag: opt(t.flag),
      category: t.category, party: opt(t.party), time: iso(t.lastMs), speedKn: opt(t.speedKn), courseDeg: opt(t.courseDeg),
      altitudeFt: opt(t.altitudeFt), fixes: t.fixes, ...rel(t),
    },
  };
}

export function alertFeature(s: StoredAlert): Feature {
  const a = s.alert;
  return {
    type: 'Feature', id: a.id, geometry: point(a.position.lon, a.position.lat),
    properties: {
      id: a.id, rule: a.rule, type: a.type, domain: a.domain, severity: a.severity, status: s.status,
      entityId: a.entity.id, entityKind: a.entity.kind, entityName: opt(a.entity.name), entityFlag: opt(a.entity.flag),
      entityCategory: opt(a.entity.category), party: opt(a.entity.party), otherId: a.other?.id ?? null, zone: a.zone,
      start: a.start, end: a.end, evidence: JSON.stringify(a.evidence), agreementId: s.agreementId, agreementVersion: s.agreementVersion, ...rel(s),
    },
  };
}

/** An incident at the position of its first linked alert (or report), when it has one. */
export function incidentFeature(i: Incident, position: { lon: number; lat: number } | null, firstSeen: string | null): Feature {
  return {
    type: 'Feature', id: i.id, geometry: position === null ? null : point(position.lon, position.lat),
    properties: {
      id: i.id, title: i.title, status: i.status, verdict: i.verdict, attributedParty: i.attributedParty,
      confidence: i.confidence?.level ?? null, confidenceReason: i.confidence?.reason ?? null,
      grading: i.grading === null ? null : `${i.grading.reliability}${i.grading.credibility}`,
      alertIds: i.alertIds.join(','), reportIds: i.reportIds.join(','), firstSeen, created: iso(i.createdMs), updated: iso(i.updatedMs), ...rel(i),
    },
  };
}

export function reportFeature(s: StoredReport): Feature {
  const r = s.report;
  return {
    type: 'Feature', id: r.id, geometry: point(r.lon, r.lat),
    properties: {
      id: r.id, time: new Date(r.time).toISOString(), category: r.category, party: opt(r.party), source: opt(r.source), sourceType: opt(r.sourceType),
      description: opt(r.description), timePrecision: opt(r.timePrecision), geoPrecision: opt(r.geoPrecision),
      casualties: r.casualties === undefined ? null : JSON.stringify(r.casualties), revision: s.revision, ...rel(s),
    },
  };
}

export function zoneFeature(z: CompiledZone, ruleIds: readonly string[]): Feature {
  return {
    type: 'Feature', id: z.id, geometry: z.geometry as Geometry,
    properties: { id: z.id, name: z.name, kind: z.kind, areaKm2: Math.round(z.areaKm2), lengthKm: Math.round(z.lengthKm), rules: ruleIds.join(',') },
  };
}
