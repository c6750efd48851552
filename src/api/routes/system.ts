import { Type, type Static } from '@sinclair/typebox';
import { formatMarking } from '../../store/marking.js';
import type { RouteDef } from '../route.js';
import { HttpError } from '../route.js';
import { Cursor, Open } from '../schemas.js';
import { defined, viewerOf } from './util.js';

const QuarantineQuery = Type.Object({ feed: Type.Optional(Type.String({ maxLength: 64 })), reason: Type.Optional(Type.String({ maxLength: 64 })), ...Cursor });
const VersionParams = Type.Object({ id: Type.String({ maxLength: 64 }), version: Type.Integer({ minimum: 1 }) });

/** Liveness, the API description, agreements, feeds and quarantine. */
export const SYSTEM_ROUTES: RouteDef[] = [
  {
    method: 'GET', url: '/api/health', action: 'public', tags: ['system'], summary: 'Liveness (no data: for load balancers)',
    schema: { response: { 200: Type.Object({ status: Type.Literal('ok') }) } },
    async handler() {
      return { status: 'ok' as const };
    },
  },
  {
    method: 'GET', url: '/api/openapi.json', action: 'public', tags: ['system'], summary: 'This OpenAPI document',
    schema: { response: { 200: Open('OpenAPI 3 document') } },
    async handler(req) {
      return req.server.swagger();
    },
  },
  {
    method: 'GET', url: '/api/agreements', action: 'read', tags: ['agreement'], summary: 'The agreement in force and its stored versions',
    schema: { response: { 200: Open('agreement summary and versions') } },
    async handler(_req, _reply, ctx, p) {
      const a = ctx.agreement;
      const versions = await ctx.store.agreements.list(viewerOf(p), a.id);
      return {
        current: {
          id: a.id, title: a.title, version: a.version, effectiveFrom: new Date(a.effectiveFromMs).toISOString(),
          effectiveUntil: a.effectiveUntilMs === null ? null : new Date(a.effectiveUntilMs).toISOString(),
          parties: [...a.parties.values()],
          rules: a.rules.map((r) => ({ id: r.id, type: r.type, zones: r.zoneIds, severity: r.severity, description: r.description ?? null,
            applies: { domains: r.applies.domains && [...r.applies.domains], categories: r.applies.categories && [...r.applies.categories], parties: r.applies.parties && [...r.applies.parties] } })),
        },
        versions: versions.map((v) => ({ agreementId: v.agreementId, version: v.version, sha256: v.sha256, loadedMs: v.loadedMs, releasability: formatMarking(v.marking) })),
      };
    },
  },
  {
    method: 'GET', url: '/api/agreements/:id/versions/:version', action: 'read', tags: ['agreement'], summary: 'One stored agreement version, with its YAML',
    schema: { params: VersionParams, response: { 200: Open('AgreementVersion') } },
    async handler(req, _reply, ctx, p) {
      const { id, version } = req.params as Static<typeof VersionParams>;
      const v = await ctx.store.agreements.get(viewerOf(p), id, version);
      if (v === undefined) throw new HttpError(404, `no version ${version} of agreement ${id}`);
      return v;
    },
  },
  {
    method: 'GET', url: '/api/feeds', action: 'read', tags: ['system'], summary: 'Feeds with their state and counters (lines, events, rejections by reason)',
    schema: { response: { 200: Type.Object({ items: Type.Array(Open('FeedStatus')) }) } },
    async handler(_req, _reply, ctx, p) {
      const viewer = viewerOf(p);
      // The live pipeline's checkpoint is kept with the feed statuses but is not a feed.
      const stored = (await ctx.store.feeds.list(viewer)).filter((f) => f.kind !== 'checkpoint');
      const live = ctx.pipeline?.feeds ?? [];
      return {
        items: stored.map((f) => {
          const rt = live.find((l) => l.config.name === f.name);
          return { ...f, releasability: formatMarking(f.marking), ...(rt ? { state: rt.state, detail: rt.detail ?? null, lastLineAt: rt.lastLineMs ? new Date(rt.lastLineMs).toISOString() : null, counters: { lines: rt.lines, events: rt.events, ...rt.rejected } } : {}) };
        }),
      };
    },
  },
  {
    method: 'GET', url: '/api/quarantine', action: 'read', tags: ['system'], summary: 'Rejected input lines with their reasons, and counts per feed and reason',
    schema: { querystring: QuarantineQuery, response: { 200: Open('quarantine page and counts') } },
    async handler(req, _reply, ctx, p) {
      const q = req.query as Static<typeof QuarantineQuery>;
      const viewer = viewerOf(p);
      const page = await ctx.store.quarantine.list(viewer, defined({ feed: q.feed, reason: q.reason, cursor: q.cursor, limit: q.limit }));
      return { ...page, counts: await ctx.store.quarantine.counts(viewer, q.feed) };
    },
  },
];
