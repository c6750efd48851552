import { Type, type Static } from '@sinclair/typebox';
import { formatMarking } from '../../store/marking.js';
import type { RouteDef } from '../route.js';
import { HttpError } from '../route.js';
import { Cursor, Open, Page } from '../schemas.js';
import { bboxParam, defined, timeParam, timeRangeParams, viewerOf } from './util.js';

const TrackQuery = Type.Object({
  kind: Type.Optional(Type.Union([Type.Literal('vessel'), Type.Literal('aircraft'), Type.Literal('radar')])),
  party: Type.Optional(Type.String({ maxLength: 16 })),
  category: Type.Optional(Type.String({ maxLength: 32 })),
  bbox: Type.Optional(Type.String({ description: 'minLon,minLat,maxLon,maxLat' })),
  since: Type.Optional(Type.String({ description: 'ISO 8601: tracks updated since' })),
  ...Cursor,
});

const ObservationQuery = Type.Object({
  entity: Type.Optional(Type.String({ maxLength: 64, description: 'entity id, e.g. mmsi:273123456' })),
  bbox: Type.Optional(Type.String()),
  from: Type.String({ description: 'ISO 8601' }),
  to: Type.String({ description: 'ISO 8601' }),
  ...Cursor,
});

const AlertQuery = Type.Object({
  rule: Type.Optional(Type.String({ maxLength: 64 })),
  type: Type.Optional(Type.String({ maxLength: 32 })),
  zone: Type.Optional(Type.String({ maxLength: 64 })),
  party: Type.Optional(Type.String({ maxLength: 16 })),
  domain: Type.Optional(Type.Union([Type.Literal('sea'), Type.Literal('air'), Type.Literal('report')])),
  severity: Type.Optional(Type.Union([Type.Literal('high'), Type.Literal('medium'), Type.Literal('low')])),
  status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
  entity: Type.Optional(Type.String({ maxLength: 64 })),
  from: Type.Optional(Type.String()),
  to: Type.Optional(Type.String()),
  ...Cursor,
});

const IdParam = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) });

/** Tracks, observations, alerts and zones: the common picture (read-only, releasability-filtered). */
export const PICTURE_ROUTES: RouteDef[] = [
  {
    method: 'GET', url: '/api/zones', action: 'read', tags: ['picture'], summary: 'The agreement\'s zones as a GeoJSON FeatureCollection',
    schema: { response: { 200: Open('GeoJSON FeatureCollection') } },
    async handler(_req, _reply, ctx) {
      return {
        type: 'FeatureCollection',
        features: ctx.agreement.zones.map((z) => ({
          type: 'Feature', id: z.id, geometry: z.geometry,
          properties: { id: z.id, name: z.name, kind: z.kind, areaKm2: Math.round(z.areaKm2), rules: ctx.agreement.rules.filter((r) => r.zoneIds.includes(z.id)).map((r) => r.id) },
        })),
      };
    },
  },
  {
    method: 'GET', url: '/api/tracks', action: 'read', tags: ['picture'], summary: 'Latest state of tracks (filters: kind, party, category, bbox, since)',
    schema: { querystring: TrackQuery, response: { 200: Page(Open('TrackRecord')) } },
    async handler(req, _reply, ctx, p) {
      const q = req.query as Static<typeof TrackQuery>;
      const page = await ctx.store.tracks.list(viewerOf(p), defined({
        kind: q.kind, party: q.party, category: q.category as never, bbox: bboxParam(q.bbox), updatedSinceMs: timeParam(q.since, 'since'), cursor: q.cursor, limit: q.limit,
      }));
      return { items: page.items.map(withMarkingText), nextCursor: page.nextCursor };
    },
  },
  {
    method: 'GET', url: '/api/tracks/:id', action: 'read', tags: ['picture'], summary: 'One track with its recent history (last 6 h of observations)',
    schema: { params: IdParam, response: { 200: Open('TrackRecord with history') } },
    async handler(req, _reply, ctx, p) {
      const { id } = req.params as Static<typeof IdParam>;
      const viewer = viewerOf(p);
      const track = await ctx.store.tracks.get(viewer, id);
      if (track === undefined) throw new HttpError(404, `no track ${id}`);
      const history = await ctx.store.observations.byEntity(viewer, { entityId: id, fromMs: track.lastMs - 6 * 3600_000, toMs: track.lastMs, limit: 1000 });
      return { ...withMarkingText(track), history: history.items.map((o) => ({ time: new Date(o.timeMs).toISOString(), lon: o.lon, lat: o.lat, speedKn: o.speedKn, courseDeg: o.courseDeg, altitudeFt: o.altitudeFt })) };
    },
  },
  {
    method: 'GET', url: '/api/observations', action: 'read', tags: ['picture'], summary: 'Observations of an entity or inside a box over a time range',
    schema: { querystring: ObservationQuery, response: { 200: Page(Open('Observation')) } },
    async handler(req, _reply, ctx, p) {
      const q = req.query as Static<typeof ObservationQuery>;
      const range = timeRangeParams(q);
      const fromMs = range.fromMs!;
      const toMs = range.toMs!;
      const viewer = viewerOf(p);
      const paging = defined({ cursor: q.cursor, limit: q.limit });
      if (q.entity !== undefined) return ctx.store.observations.byEntity(viewer, { entityId: q.entity, fromMs, toMs, ...paging });
      const bbox = bboxParam(q.bbox);
      if (bbox === undefined) throw new HttpError(400, 'querystring: give entity or bbox');
      return ctx.store.observations.inArea(viewer, { bbox, fromMs, toMs, ...paging });
    },
  },
  {
    method: 'GET', url: '/api/alerts', action: 'read', tags: ['alerts'], summary: 'Alerts, newest first (filters: rule, type, zone, party, domain, severity, status, entity, from, to)',
    schema: { querystring: AlertQuery, response: { 200: Page(Open('StoredAlert')) } },
    async handler(req, _reply, ctx, p) {
      const q = req.query as Static<typeof AlertQuery>;
      const page = await ctx.store.alerts.list(viewerOf(p), defined({
        rule: q.rule, type: q.type as never, zone: q.zone, party: q.party, domain: q.domain, severity: q.severity, status: q.status, entityId: q.entity,
        ...timeRangeParams(q), cursor: q.cursor, limit: q.limit,
      }));
      return { items: page.items.map(withMarkingText), nextCursor: page.nextCursor };
    },
  },
  {
    method: 'GET', url: '/api/alerts/:id', action: 'read', tags: ['alerts'], summary: 'One alert',
    schema: { params: IdParam, response: { 200: Open('StoredAlert') } },
    async handler(req, _reply, ctx, p) {
      const { id } = req.params as Static<typeof IdParam>;
      const a = await ctx.store.alerts.get(viewerOf(p), id);
      if (a === undefined) throw new HttpError(404, `no alert ${id}`);
      return withMarkingText(a);
    },
  },
];

/** Adds the marking as text (`REL TO FRA, GBR`) beside the structured one, for display. */
export function withMarkingText<T extends { marking: Parameters<typeof formatMarking>[0] }>(r: T): T & { releasability: string } {
  return { ...r, releasability: formatMarking(r.marking) };
}
