import { Type, type Static } from '@sinclair/typebox';
import type { RouteDef } from '../route.js';
import { HttpError } from '../route.js';
import { Cursor, Ok, Open, Page } from '../schemas.js';
import { defined, principalOf } from './util.js';

const Subscribe = Type.Object({
  minSeverity: Type.Optional(Type.Union([Type.Literal('high'), Type.Literal('medium'), Type.Literal('low')])),
  webhookUrl: Type.Optional(Type.Union([Type.String({ format: 'uri', maxLength: 2000 }), Type.Null()])),
});
const Clear = Type.Object({ lastId: Type.Integer({ minimum: 1 }) });

/** Subscriptions to new alerts (inbox or webhook), releasability-filtered by the notifier. */
export const NOTIFICATION_ROUTES: RouteDef[] = [
  {
    method: 'GET', url: '/api/notifications/subscription', action: 'read', tags: ['notifications'], summary: 'My subscription to new alerts',
    schema: { response: { 200: Open('Subscription, or {} when not subscribed') } },
    async handler(_req, _reply, ctx, p) {
      return (await ctx.notifier.subscription(principalOf(p))) ?? {};
    },
  },
  {
    method: 'POST', url: '/api/notifications/subscription', action: 'read', tags: ['notifications'], summary: 'Subscribe to new alerts of at least a severity (default high), to my inbox or a webhook',
    schema: { body: Subscribe, response: { 200: Open('Subscription') } },
    async handler(req, _reply, ctx, p) {
      return ctx.notifier.subscribe(principalOf(p), defined(req.body as Static<typeof Subscribe>));
    },
  },
  {
    method: 'DELETE', url: '/api/notifications/subscription', action: 'read', tags: ['notifications'], summary: 'Unsubscribe',
    schema: { response: { 200: Ok } },
    async handler(_req, _reply, ctx, p) {
      await ctx.notifier.unsubscribe(principalOf(p));
      return { ok: true };
    },
  },
  {
    method: 'GET', url: '/api/notifications/inbox', action: 'read', tags: ['notifications'], summary: 'My notifications (subscribers without a webhook), oldest first',
    schema: { querystring: Type.Object({ ...Cursor }), response: { 200: Page(Open('NotificationMessage')) } },
    async handler(req, _reply, ctx, p) {
      return ctx.notifier.inbox(principalOf(p), defined(req.query as { cursor?: string; limit?: number }));
    },
  },
  {
    method: 'POST', url: '/api/notifications/inbox/clear', action: 'read', tags: ['notifications'], summary: 'Clear my inbox up to a message id',
    schema: { body: Clear, response: { 200: Ok } },
    async handler(req, _reply, ctx, p) {
      const { lastId } = req.body as Static<typeof Clear>;
      if (!(lastId > 0)) throw new HttpError(400, 'body/lastId: must be a positive integer');
      await ctx.notifier.clearInbox(principalOf(p), lastId);
      return { ok: true };
    },
  },
];
