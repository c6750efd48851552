import type { ServerResponse } from 'node:http';
import { Type, type Static } from '@sinclair/typebox';
import { releasableTo } from '../../store/marking.js';
import type { TrackRecord } from '../../store/ports.js';
import type { HubEvents } from '../live-hub.js';
import type { RouteDef } from '../route.js';
import { HttpError } from '../route.js';
import { SESSION_COOKIE } from '../session-cookie.js';
import { Open } from '../schemas.js';
import { withMarkingText } from './picture.js';
import { bboxParam, principalOf } from './util.js';

const StreamQuery = Type.Object({
  topics: Type.Optional(Type.String({ description: 'comma-separated: alerts, tracks, incidents (default all)' })),
  bbox: Type.Optional(Type.String({ description: 'minLon,minLat,maxLon,maxLat: tracks and alerts inside it only' })),
  rules: Type.Optional(Type.String({ description: 'comma-separated rule ids: alerts of these rules only' })),
});

/** Heartbeat comment so proxies keep the connection and clients notice a dead one; credentials are re-checked then too. */
const HEARTBEAT_MS = 15_000;
/** A subscriber that lets this much pile up unread is dropped (it reconnects and resyncs). */
const MAX_BUFFERED_BYTES = 8 << 20;
/** Concurrent streams per user, and in all. */
const MAX_STREAMS_PER_USER = 8;
const MAX_STREAMS = 1000;
const streamsPerUser = new Map<number, number>();
let streamsTotal = 0;
const openStreams = new Set<ServerResponse>();

/** Ends every live stream (server shutdown: hijacked sockets would otherwise keep it open). */
export function endStreams(): void {
  for (const res of openStreams) res.end();
}

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
      if (streamsTotal >= MAX_STREAMS || (streamsPerUser.get(principal.userId) ?? 0) >= MAX_STREAMS_PER_USER) {
        throw new HttpError(429, `too many live streams (at most ${MAX_STREAMS_PER_USER} per user)`);
      }
      const visible = (r: { originator: string; marking: Parameters<typeof releasableTo>[0] }): boolean => releasableTo(r.marking, r.originator, principal.nation);
      const inside = (lon: number, lat: number): boolean => bbox === undefined || (lon >= bbox[0] && lon <= bbox[2] && lat >= bbox[1] && lat <= bbox[3]);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      const send = (event: string, data: unknown): void => {
        if (res.writableLength > MAX_BUFFERED_BYTES) {
          res.destroy();
          return;
        }
        res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      };
      streamsTotal++;
      streamsPerUser.set(principal.userId, (streamsPerUser.get(principal.userId) ?? 0) + 1);
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
      // A logout, a disabled user or a revoked token ends the stream at the next heartbeat.
      const stillValid = async (): Promise<boolean> => {
        const auth = req.headers.authorization;
        const m = auth === undefined ? null : /^Bearer\s+(\S+)$/i.exec(auth);
        if (m !== null) return (await ctx.access.authenticateToken(m[1]!)) !== undefined;
        const sid = req.cookies[SESSION_COOKIE];
        return sid !== undefined && (await ctx.access.authenticateSession(sid)) !== undefined;
      };
      const beat = setInterval(() => {
        void stillValid().then((ok) => (ok ? res.write(': keep-alive\n\n') : res.end()), () => res.end());
      }, HEARTBEAT_MS);
      openStreams.add(res);
      await new Promise<void>((resolve) => req.raw.on('close', () => resolve()));
      openStreams.delete(res);
      clearInterval(beat);
      streamsTotal--;
      streamsPerUser.set(principal.userId, (streamsPerUser.get(principal.userId) ?? 1) - 1);
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
