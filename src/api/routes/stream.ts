import { Type, type Static } from '@sinclair/typebox';
import { releasableTo } from '../../store/marking.js';
import type { TrackRecord } from '../../store/ports.js';
import type { HubEvents } from '../live-hub.js';
import type { RouteDef } from '../route.js';
import { Open } from '../schemas.js';
import { withMarkingText } from './picture.js';
import { bboxParam, principalOf } from './util.js';

const StreamQuery = Type.Object({
  topics: Type.Optional(Type.String({ description: 'comma-separated: alerts, tracks, incidents (default all)' })),
  bbox: Type.Optional(Type.String({ description: 'minLon,minLat,maxLon,maxLat: tracks and alerts inside it only' })),
  rules: Type.Optional(Type.String({ description: 'comma-separated rule ids: alerts of these rules only' })),
});

/** Heartbeat comment so proxies keep the connection and clients notice a dead one. */
const HEARTBEAT_MS = 15_000;

/**
 * Server-sent events: `alert` (opened/closed), `tracks` (a MapLibre GeoJSONSourceDiff keyed
 * by track id: `add` whole features the subscriber has not had yet, `update` as
 * `{id, newGeometry, addOrUpdateProperties}`, `remove` ids of tracks lost) and `incident`
 * changes — only records releasable to the subscriber's nation, inside the requested area and rules.
 */
export const STREAM_ROUTES: RouteDef[] = [
  {
    method: 'GET', url: '/api/stream', action: 'read', tags: ['stream'], summary: 'Live stream (text/event-stream) of alerts, track updates and incident changes, filtered by releasability, area and rules',
    schema: { querystring: StreamQuery, response: { 200: Open('text/event-stream') } },
    async handler(req, reply, ctx, p) {
      const principal = principalOf(p);
      const q = req.query as Static<typeof StreamQuery>;
      const topics = new Set((q.topics ?? 'alerts,tracks,incidents').split(','));
      const bbox = bboxParam(q.bbox);
      const rules = q.rules ? new Set(q.rules.split(',')) : null;
      const visible = (r: { originator: string; marking: Parameters<typeof releasableTo>[0] }): boolean => releasableTo(r.marking, r.originator, principal.nation);
      const inside = (lon: number, lat: number): boolean => bbox === undefined || (lon >= bbox[0] && lon <= bbox[2] && lat >= bbox[1] && lat <= bbox[3]);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      const send = (event: string, data: unknown): void => {
        res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      };
      send('hello', { nation: principal.nation, topics: [...topics] });
      const sent = new Set<string>();
      const onAlert = (e: HubEvents['alert'][0]): void => {
        if (!visible(e) || (rules !== null && !rules.has(e.alert.rule)) || !inside(e.alert.position.lon, e.alert.position.lat)) return;
        send('alert', withMarkingText({ alert: e.alert, status: e.status, originator: e.originator, marking: e.marking }));
      };
      const onTracks = (list: TrackRecord[]): void => {
        const add: unknown[] = [];
        const update: unknown[] = [];
        for (const t of list) {
          if (!visible(t) || !inside(t.lon, t.lat)) continue;
          if (sent.has(t.id)) update.push(trackUpdate(t));
          else {
            sent.add(t.id);
            add.push(trackFeature(t));
          }
        }
        if (add.length + update.length > 0) send('tracks', { add, update, remove: [] });
      };
      const onLost = (ids: string[]): void => {
        const remove = ids.filter((id) => sent.delete(id));
        if (remove.length > 0) send('tracks', { add: [], update: [], remove });
      };
      const onIncident = (e: HubEvents['incident'][0]): void => {
        if (visible(e)) send('incident', { id: e.id, status: e.status, title: e.title, change: e.change });
      };
      if (topics.has('alerts')) ctx.hub.on('alert', onAlert);
      if (topics.has('tracks')) {
        ctx.hub.on('tracks', onTracks);
        ctx.hub.on('tracksLost', onLost);
      }
      if (topics.has('incidents')) ctx.hub.on('incident', onIncident);
      const beat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
      await new Promise<void>((resolve) => req.raw.on('close', () => resolve()));
      clearInterval(beat);
      ctx.hub.off('alert', onAlert);
      ctx.hub.off('tracks', onTracks);
      ctx.hub.off('tracksLost', onLost);
      ctx.hub.off('incident', onIncident);
      return undefined;
    },
  },
];

function trackProperties(t: TrackRecord): Record<string, string | number | null> {
  return {
    id: t.id, kind: t.kind, name: t.name ?? null, flag: t.flag ?? null, category: t.category, party: t.party ?? null,
    speedKn: t.speedKn ?? null, courseDeg: t.courseDeg ?? null, altitudeFt: t.altitudeFt ?? null, shipType: t.shipType ?? null, lastMs: t.lastMs,
  };
}

/** A track as a GeoJSON Feature for the map (properties the console styles by). */
export function trackFeature(t: TrackRecord): unknown {
  return { type: 'Feature', id: t.id, geometry: { type: 'Point', coordinates: [t.lon, t.lat] }, properties: trackProperties(t) };
}

/** A MapLibre GeoJSONFeatureDiff for a track the subscriber already has. */
export function trackUpdate(t: TrackRecord): unknown {
  return {
    id: t.id, newGeometry: { type: 'Point', coordinates: [t.lon, t.lat] },
    addOrUpdateProperties: Object.entries(trackProperties(t)).map(([key, value]) => ({ key, value })),
  };
}
