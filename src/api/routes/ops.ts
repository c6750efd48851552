import { Type } from '@sinclair/typebox';
import { can } from '../../access/roles.js';
import { serveOps, type ServeOps } from '../../ops/serve-ops.js';
import type { ApiContext } from '../context.js';
import type { RouteDef } from '../route.js';
import { Open } from '../schemas.js';

/** Contexts built without operations (API tests): built on first use, without the alert counts from before it. */
const lazy = new WeakMap<ApiContext, ServeOps>();

function opsOf(ctx: ApiContext): ServeOps {
  if (ctx.ops !== undefined) return ctx.ops;
  let o = lazy.get(ctx);
  if (o === undefined) lazy.set(ctx, (o = serveOps({ pipeline: ctx.pipeline, records: ctx.store })));
  return o;
}

/** Readiness and Prometheus metrics (docs/operations.md). Liveness is `GET /api/health`. */
export const OPS_ROUTES: RouteDef[] = [
  {
    method: 'GET', url: '/api/health/ready', action: 'public', tags: ['system'],
    summary: 'Readiness: 200 when the store takes writes and no feed is in error, else 503. Counts only; feed names and store errors under `detail` for callers holding metrics:read',
    schema: { response: { 200: Open('Readiness'), 503: Open('Readiness') } },
    async handler(_req, reply, ctx, p) {
      const r = await opsOf(ctx).readiness();
      void reply.status(r.ready ? 200 : 503);
      return p !== undefined && can(p, 'metrics:read') ? { ...r.public, detail: r.detail } : r.public;
    },
  },
  {
    method: 'GET', url: '/metrics', action: 'metrics:read', tags: ['system'], summary: 'Prometheus metrics (text exposition format): feeds, queues, alerts, store latency, event-time lag',
    schema: { response: { 200: Type.String({ description: 'Prometheus text format 0.0.4' }) } },
    async handler(_req, reply, ctx) {
      const registry = opsOf(ctx).metrics;
      void reply.type(registry.contentType);
      return registry.metrics();
    },
  },
];
