/**
 * OGC API – Features – Part 1: Core (OGC 17-069r4), GeoJSON encoding, over the exportable
 * collections (issue 13 item 3): tracks, alerts, incidents, reports and zones, each feature
 * as `src/interop/features.ts` maps it and every read made through `queryCollection` (or the
 * store's `get`) for the caller, so releasability holds here as in every other route.
 *
 * Conformance classes: core, oas30 (the OpenAPI document at /api/openapi.json), geojson.
 * Paging is opaque: `next` links carry the store's keyset cursor as `cursor`; `numberMatched`
 * is not given (it would need a count over everything releasable to the caller), so clients
 * such as GDAL count by following `next` to the end.
 * https://docs.ogc.org/is/17-069r4/17-069r4.html
 */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../access/roles.js';
import { queryCollection, type CollectionFilter } from '../../interop/collection-query.js';
import { alertFeature, COLLECTIONS, type CollectionName, type Feature, incidentFeature, reportFeature, trackFeature, zoneFeature } from '../../interop/features.js';
import type { BBox, StoredAlert, StoredReport } from '../../store/ports.js';
import type { ApiContext } from '../context.js';
import type { RouteDef } from '../route.js';
import { HttpError } from '../route.js';
import { Open } from '../schemas.js';
import { bboxParam, principalOf, viewerOf } from './util.js';

/** Where the OGC API is mounted. */
export const OGC_BASE = '/api/ogc';

const CONF = 'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf';
export const CONFORMANCE_CLASSES = [`${CONF}/core`, `${CONF}/oas30`, `${CONF}/geojson`] as const;
const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

const GEOJSON = 'application/geo+json';
const JSON_TYPE = 'application/json';
const OPENAPI_TYPE = 'application/vnd.oai.openapi+json;version=3.0';

/** Page size when the request gives no `limit`, and the largest one allowed (OGC 17-069r4 §7.15.3). */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 10_000;
/**
 * Store pages read for one response at most. Filters the store cannot apply (a box on
 * alerts, a time on incidents) can leave a page short or empty; the handler reads on to fill
 * it — GDAL stops at the first empty page even when it has a `next` link — but only this often.
 */
const MAX_STORE_PAGES = 1000;

const TITLES: Record<CollectionName, { title: string; description: string }> = {
  tracks: { title: 'Tracks', description: 'Latest state of each vessel, aircraft and radar track: its last position, identity, category and party.' },
  alerts: { title: 'Alerts', description: 'Possible violations raised by the agreement\'s rules, at the position that triggered them.' },
  incidents: { title: 'Incidents', description: 'Cases opened from alerts and reports, at the position of their first linked alert (or report); no geometry when none is visible.' },
  reports: { title: 'Incident reports', description: 'Reports from observers, media and partner organisations, at their reported position.' },
  zones: { title: 'Zones', description: 'The agreement\'s zones (exclusion areas, corridors, lines) with the rules that apply in each.' },
};

/** The query parameters of `/items`; any other parameter is a 400 (OGC 17-069r4 /req/core/query-param-unknown). */
const ItemsQuery = Type.Object({
  bbox: Type.Optional(Type.String({ description: 'minLon,minLat,maxLon,maxLat (or with heights: minLon,minLat,minH,maxLon,maxLat,maxH), CRS84' })),
  datetime: Type.Optional(Type.String({ description: 'RFC 3339 instant, or interval a/b with ".." (or empty) for an open end' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT })),
  cursor: Type.Optional(Type.String({ maxLength: 1000, description: 'opaque: from a next link' })),
  rule: Type.Optional(Type.String({ maxLength: 64, description: 'alerts and incidents of this rule' })),
  zone: Type.Optional(Type.String({ maxLength: 64, description: 'alerts and incidents in this zone; the zone itself' })),
  party: Type.Optional(Type.String({ maxLength: 16, description: 'records of this party' })),
  f: Type.Optional(Type.String({ maxLength: 16, description: 'accepted and ignored: the only encoding is GeoJSON' })),
});
type ItemsQuery = Static<typeof ItemsQuery>;
const ITEMS_PARAMS = new Set(Object.keys(ItemsQuery.properties));

const FormatQuery = Type.Object({ f: Type.Optional(Type.String({ maxLength: 16, description: 'accepted and ignored: the only encoding is JSON' })) });

const CollectionParams = Type.Object({ collectionId: Type.String({ minLength: 1, maxLength: 64 }) });
const FeatureParams = Type.Object({ collectionId: Type.String({ minLength: 1, maxLength: 64 }), featureId: Type.String({ minLength: 1, maxLength: 160 }) });

const Link = Type.Object({ href: Type.String(), rel: Type.String(), type: Type.Optional(Type.String()), title: Type.Optional(Type.String()) });
const Links = Type.Array(Link);
type Link = Static<typeof Link>;

const Collection = Type.Object({
  id: Type.String(), title: Type.String(), description: Type.String(), itemType: Type.Literal('feature'), crs: Type.Array(Type.String()),
  extent: Type.Object({
    spatial: Type.Object({ bbox: Type.Array(Type.Array(Type.Number())), crs: Type.String() }),
    temporal: Type.Object({ interval: Type.Array(Type.Array(Type.Union([Type.String(), Type.Null()]))), trs: Type.String() }),
  }),
  links: Links,
});
type Collection = Static<typeof Collection>;

const LandingPage = Type.Object({ title: Type.String(), description: Type.String(), links: Links });
const Conformance = Type.Object({ conformsTo: Type.Array(Type.String()) });
const Collections = Type.Object({ links: Links, collections: Type.Array(Collection) });

/** `http(s)://host[:port]/api/ogc` as the client addressed it (Fastify: protocol and host honour X-Forwarded-* only with trustProxy). */
function baseUrl(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}${OGC_BASE}`;
}

function collectionName(id: string): CollectionName {
  if (!(COLLECTIONS as readonly string[]).includes(id)) throw new HttpError(404, `no collection "${id}"; collections: ${COLLECTIONS.join(', ')}`);
  return id as CollectionName;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function instant(text: string, whole: string): number {
  const ms = RFC3339.test(text) ? Date.parse(text.replace(' ', 'T')) : Number.NaN;
  if (Number.isNaN(ms)) throw new HttpError(400, `querystring/datetime: "${whole}" is not an RFC 3339 date-time (2026-03-25T02:00:00Z) or interval (a/b, ../b, a/..)`);
  return ms;
}

/**
 * The `datetime` parameter (OGC 17-069r4 §7.15.4): an instant, or an interval whose ends are
 * instants or open (`..` or empty). An instant selects records whose time meets it.
 * @example datetimeParam('2026-03-25T00:00:00Z/..') // { fromMs: 1774396800000 }
 */
export function datetimeParam(value: string | undefined): { fromMs?: number; toMs?: number } {
  if (value === undefined) return {};
  const parts = value.split('/');
  if (parts.length === 1) {
    const ms = instant(value, value);
    return { fromMs: ms, toMs: ms };
  }
  if (parts.length !== 2) throw new HttpError(400, `querystring/datetime: "${value}" is not an RFC 3339 date-time or interval`);
  const [a, b] = parts as [string, string];
  const open = (s: string): boolean => s === '' || s === '..';
  if (open(a) && open(b)) return {};
  const out: { fromMs?: number; toMs?: number } = {};
  if (!open(a)) out.fromMs = instant(a, value);
  if (!open(b)) out.toMs = instant(b, value);
  if (out.fromMs !== undefined && out.toMs !== undefined && out.fromMs > out.toMs) throw new HttpError(400, `querystring/datetime: "${value}" ends before it starts`);
  return out;
}

/**
 * The `bbox` parameter (OGC 17-069r4 §7.15.3): four numbers, or six with heights (ignored).
 * A box across the antimeridian (minLon > maxLon) is refused: the store has no such query.
 */
export function ogcBboxParam(value: string | undefined): BBox | undefined {
  if (value === undefined) return undefined;
  const n = value.split(',');
  const flat = n.length === 6 ? [n[0], n[1], n[3], n[4]].join(',') : value;
  return bboxParam(flat, 'bbox');
}

function collectionOf(ctx: ApiContext, base: string, name: CollectionName): Collection {
  const a = ctx.agreement;
  // Zones: their real extent. Records: anywhere, any time (an extent of the records visible
  // to each caller would need a scan of all of them).
  const zones = a.zones;
  const bbox = name === 'zones' && zones.length > 0
    ? [Math.min(...zones.map((z) => z.bbox[0])), Math.min(...zones.map((z) => z.bbox[1])), Math.max(...zones.map((z) => z.bbox[2])), Math.max(...zones.map((z) => z.bbox[3]))]
    : [-180, -90, 180, 90];
  const interval = name === 'zones'
    ? [new Date(a.effectiveFromMs).toISOString(), a.effectiveUntilMs === null ? null : new Date(a.effectiveUntilMs).toISOString()]
    : [null, null];
  const href = `${base}/collections/${name}`;
  return {
    id: name, ...TITLES[name], itemType: 'feature', crs: [CRS84],
    extent: { spatial: { bbox: [bbox], crs: CRS84 }, temporal: { interval: [interval], trs: 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian' } },
    links: [
      { href, rel: 'self', type: JSON_TYPE, title: 'This collection' },
      { href: `${href}/items`, rel: 'items', type: GEOJSON, title: `${TITLES[name].title} as GeoJSON` },
    ],
  };
}

/** One page of features, filled up to `limit` across store pages (see MAX_STORE_PAGES); zones page by offset. */
async function itemsPage(ctx: ApiContext, p: Principal, name: CollectionName, filter: CollectionFilter, limit: number, cursor: string | undefined): Promise<{ items: Feature[]; next: string | null }> {
  if (name === 'zones') {
    const all = (await queryCollection(ctx, p, 'zones', filter)).items;
    const offset = cursor === undefined ? 0 : /^\d{1,6}$/.test(cursor) ? Number(cursor) : Number.NaN;
    if (Number.isNaN(offset)) throw new HttpError(400, `querystring/cursor: invalid cursor "${cursor!.slice(0, 40)}": not one this API issued`);
    const items = all.slice(offset, offset + limit);
    return { items, next: offset + limit < all.length ? String(offset + limit) : null };
  }
  const items: Feature[] = [];
  let next: string | null = cursor ?? null;
  for (let reads = 0; reads < MAX_STORE_PAGES; reads++) {
    const page = await queryCollection(ctx, p, name, { ...filter, limit: limit - items.length, ...(next !== null ? { cursor: next } : {}) });
    items.push(...page.items);
    next = page.nextCursor;
    if (next === null || items.length >= limit) break;
  }
  return { items, next };
}

function sendGeoJson(reply: FastifyReply, body: unknown): unknown {
  void reply.header('content-type', `${GEOJSON}; charset=utf-8`);
  return body;
}

/** One feature by id, read through the store's releasability filter (as `queryCollection` maps it). */
async function featureById(ctx: ApiContext, p: Principal, name: CollectionName, id: string): Promise<Feature | undefined> {
  const viewer = viewerOf(p);
  switch (name) {
    case 'tracks': {
      const t = await ctx.store.tracks.get(viewer, id);
      return t && trackFeature(t);
    }
    case 'alerts': {
      const a = await ctx.store.alerts.get(viewer, id);
      return a && alertFeature(a);
    }
    case 'reports': {
      const r = await ctx.store.reports.get(viewer, id);
      return r && reportFeature(r);
    }
    case 'zones': {
      const z = ctx.agreement.zones.find((x) => x.id === id);
      return z && zoneFeature(z, ctx.agreement.rules.filter((r) => r.zoneIds.includes(z.id)).map((r) => r.id));
    }
    case 'incidents': {
      // cases.get answers 404 itself for an incident the caller may not see.
      const i = await ctx.cases.get(p, id);
      // Position and first-seen time as queryCollection gives them (a test compares the two).
      const alerts = (await Promise.all(i.alertIds.map((x) => ctx.store.alerts.get(viewer, x)))).filter((a): a is StoredAlert => a !== undefined);
      const reports = (await Promise.all(i.reportIds.map((x) => ctx.store.reports.get(viewer, x)))).filter((r): r is StoredReport => r !== undefined);
      const first = [...alerts].sort((a, b) => (a.alert.start < b.alert.start ? -1 : 1))[0]?.alert;
      const report = [...reports].sort((a, b) => (a.report.time < b.report.time ? -1 : 1))[0]?.report;
      const position = first?.position ?? (report ? { lat: report.lat, lon: report.lon } : null);
      const seen = first?.start ?? (report ? new Date(report.time).toISOString() : null);
      return incidentFeature(i, position, seen);
    }
  }
}

/** The OGC API – Features endpoints under /api/ogc (read-only; `read` action). */
export const OGC_ROUTES: RouteDef[] = [
  {
    method: 'GET', url: OGC_BASE, action: 'read', tags: ['ogc'], summary: 'OGC API – Features landing page',
    schema: { querystring: FormatQuery, response: { 200: LandingPage } },
    async handler(req) {
      const base = baseUrl(req);
      const root = `${req.protocol}://${req.host}`;
      return {
        title: 'Vigil OGC API – Features',
        description: 'Tracks, alerts, incidents, incident reports and zones of the ceasefire monitoring picture as GeoJSON features, releasability-filtered for the caller (OGC API – Features – Part 1: Core).',
        links: [
          { href: base, rel: 'self', type: JSON_TYPE, title: 'This document' },
          { href: `${root}/api/openapi.json`, rel: 'service-desc', type: OPENAPI_TYPE, title: 'The API definition (OpenAPI 3.0)' },
          { href: `${root}/api/docs`, rel: 'service-doc', type: 'text/html', title: 'The API documentation' },
          { href: `${base}/conformance`, rel: 'conformance', type: JSON_TYPE, title: 'Conformance classes implemented' },
          { href: `${base}/collections`, rel: 'data', type: JSON_TYPE, title: 'The feature collections' },
        ],
      };
    },
  },
  {
    method: 'GET', url: `${OGC_BASE}/conformance`, action: 'read', tags: ['ogc'], summary: 'OGC API – Features conformance classes implemented',
    schema: { querystring: FormatQuery, response: { 200: Conformance } },
    async handler() {
      return { conformsTo: [...CONFORMANCE_CLASSES] };
    },
  },
  {
    method: 'GET', url: `${OGC_BASE}/collections`, action: 'read', tags: ['ogc'], summary: 'The feature collections: tracks, alerts, incidents, reports, zones',
    schema: { querystring: FormatQuery, response: { 200: Collections } },
    async handler(req, _reply, ctx) {
      const base = baseUrl(req);
      return {
        links: [{ href: `${base}/collections`, rel: 'self', type: JSON_TYPE, title: 'This document' }],
        collections: COLLECTIONS.map((c) => collectionOf(ctx, base, c)),
      };
    },
  },
  {
    method: 'GET', url: `${OGC_BASE}/collections/:collectionId`, action: 'read', tags: ['ogc'], summary: 'One feature collection',
    schema: { params: CollectionParams, querystring: FormatQuery, response: { 200: Collection } },
    async handler(req, _reply, ctx) {
      const { collectionId } = req.params as Static<typeof CollectionParams>;
      return collectionOf(ctx, baseUrl(req), collectionName(collectionId));
    },
  },
  {
    method: 'GET', url: `${OGC_BASE}/collections/:collectionId/items`, action: 'read', tags: ['ogc'],
    summary: 'Features of a collection as GeoJSON (bbox, datetime, limit, rule, zone, party; paged by next links)',
    schema: { params: CollectionParams, querystring: ItemsQuery, response: { 200: Open('GeoJSON FeatureCollection with links, timeStamp and numberReturned') } },
    async handler(req, reply, ctx, p) {
      const principal = principalOf(p);
      const { collectionId } = req.params as Static<typeof CollectionParams>;
      const name = collectionName(collectionId);
      const q = req.query as ItemsQuery & Record<string, unknown>;
      const unknown = Object.keys(q).filter((k) => !ITEMS_PARAMS.has(k));
      if (unknown.length > 0) throw new HttpError(400, `querystring/${unknown[0]}: unknown parameter; known: ${[...ITEMS_PARAMS].join(', ')}`);
      const bbox = ogcBboxParam(q.bbox);
      const filter: CollectionFilter = {
        ...(bbox ? { bbox } : {}), ...datetimeParam(q.datetime),
        ...(q.rule !== undefined ? { rule: q.rule } : {}), ...(q.zone !== undefined ? { zone: q.zone } : {}), ...(q.party !== undefined ? { party: q.party } : {}),
      };
      const limit = q.limit ?? DEFAULT_LIMIT;
      const page = await itemsPage(ctx, principal, name, filter, limit, q.cursor);

      const base = baseUrl(req);
      const itemsUrl = `${base}/collections/${name}/items`;
      const params = new URLSearchParams();
      for (const k of ['bbox', 'datetime', 'limit', 'rule', 'zone', 'party', 'cursor'] as const) if (q[k] !== undefined) params.set(k, String(q[k]));
      const self = params.size > 0 ? `${itemsUrl}?${params.toString()}` : itemsUrl;
      const links: Link[] = [
        { href: self, rel: 'self', type: GEOJSON, title: 'This page' },
        { href: `${base}/collections/${name}`, rel: 'collection', type: JSON_TYPE, title: TITLES[name].title },
      ];
      if (page.next !== null) {
        params.set('cursor', page.next);
        params.set('limit', String(limit));
        links.push({ href: `${itemsUrl}?${params.toString()}`, rel: 'next', type: GEOJSON, title: 'Next page' });
      }
      return sendGeoJson(reply, {
        type: 'FeatureCollection', features: page.items, links,
        timeStamp: new Date().toISOString(), numberReturned: page.items.length,
      });
    },
  },
  {
    method: 'GET', url: `${OGC_BASE}/collections/:collectionId/items/:featureId`, action: 'read', tags: ['ogc'], summary: 'One feature as GeoJSON',
    schema: { params: FeatureParams, querystring: FormatQuery, response: { 200: Open('GeoJSON Feature with links') } },
    async handler(req, reply, ctx, p) {
      const principal = principalOf(p);
      const { collectionId, featureId } = req.params as Static<typeof FeatureParams>;
      const name = collectionName(collectionId);
      const feature = await featureById(ctx, principal, name, featureId);
      if (feature === undefined) throw new HttpError(404, `no feature "${featureId}" in ${name}`);
      const base = baseUrl(req);
      return sendGeoJson(reply, {
        ...feature,
        links: [
          { href: `${base}/collections/${name}/items/${encodeURIComponent(featureId)}`, rel: 'self', type: GEOJSON, title: 'This feature' },
          { href: `${base}/collections/${name}`, rel: 'collection', type: JSON_TYPE, title: TITLES[name].title },
        ],
      });
    },
  },
];
