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
      const body = req.body as Static<typeof Subscribe>;
      if (typeof body.webhookUrl === 'string') checkWebhookUrl(body.webhookUrl);
      return ctx.notifier.subscribe(principalOf(p), defined(body));
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

/**
 * Webhooks leave the coalition network, so the server must not be turned against its own
 * neighbours (SSRF): https only, and no IP literal in the unspecified, loopback, private,
 * carrier-grade NAT, link-local or unique-local ranges, IPv4-mapped IPv6 included. (A name
 * resolving to such an address is not caught here; run deliveries through an egress proxy
 * where that matters.)
 */
export function checkWebhookUrl(text: string): void {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new HttpError(400, 'body/webhookUrl: not a URL');
  }
  if (url.protocol !== 'https:') throw new HttpError(400, 'body/webhookUrl: must be https');
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || isLocalAddress(host)) {
    throw new HttpError(400, `body/webhookUrl: ${host} is a local or private address`);
  }
}

function isLocalAddress(host: string): boolean {
  if (host.includes(':')) {
    if (host === '::' || host === '::1' || /^(fc|fd|fe[89ab])/.test(host)) return true;
    const mapped = /^::ffff:(.+)$/.exec(host);
    if (mapped === null) return false;
    const rest = mapped[1]!;
    if (rest.includes('.')) return isLocalAddress(rest);
    const [hi, lo] = rest.split(':').map((h) => parseInt(h, 16));
    if (hi === undefined || lo === undefined || Number.isNaN(hi) || Number.isNaN(lo)) return true;
    return isLocalAddress(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (m === null) return false;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}
