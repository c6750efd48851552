import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import { AccessError } from '../access/ports.js';
import { safeEqual } from '../access/secrets.js';
import { can, type Principal } from '../access/roles.js';
import { InvalidCursorError } from '../store/store-error.js';
import type { ApiContext } from './context.js';
import { echoRequestId, requestId } from './request-id.js';
import { storeUnwritable } from './store-unwritable.js';
import { HttpError, type RouteDef } from './route.js';
import { ERRORS } from './schemas.js';
import { ROUTES } from './routes/index.js';
import { SESSION_COOKIE } from './session-cookie.js';
import { httpPartValidatorCompiler } from './validators.js';
import { endStreams } from './routes/stream.js';

const UNSAFE = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | undefined;
    csrfToken: string | undefined;
  }
}

export interface AppOptions {
  logger?: boolean;
  /** A logger of one's own (pino): request lines carry `reqId`, the id echoed in `x-request-id`. */
  loggerInstance?: FastifyBaseLogger;
  /** Behind a reverse proxy: client addresses from X-Forwarded-For. */
  trustProxy?: boolean;
  /** Requests per minute per client address. */
  rateLimitPerMinute?: number;
  routes?: readonly RouteDef[];
}

/**
 * The HTTP API as a Fastify instance (not listening): authentication (API token or session
 * cookie + CSRF header), per-route authorization from the route table, one error handler,
 * rate and body limits, and the OpenAPI document at /api/openapi.json with Swagger UI at /api/docs.
 */
export async function buildApp(ctx: ApiContext, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.loggerInstance !== undefined ? { loggerInstance: options.loggerInstance } : { logger: options.logger ?? false }),
    trustProxy: options.trustProxy ?? false,
    genReqId: requestId,
    bodyLimit: 1 << 20,
  });
  // Query strings and path parameters are coerced from text, JSON bodies are not (validators.ts).
  app.setValidatorCompiler(httpPartValidatorCompiler());
  app.addHook('onSend', echoRequestId);
  app.decorateRequest('principal', undefined);
  app.decorateRequest('csrfToken', undefined);
  await app.register(cookie);
  await app.register(rateLimit, {
    max: options.rateLimitPerMinute ?? 1200,
    timeWindow: 60_000,
    keyGenerator: (req: FastifyRequest) => req.ip,
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Vigil API', version: '1', description: 'Ceasefire monitoring and verification: agreements, tracks, alerts, reports, incidents. Every route but login and health needs a session cookie (with x-csrf-token on changes) or `Authorization: Bearer vgl_…`.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ bearer: [] }, { session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  // Raw bodies (report files, evidence) arrive as Buffers; routes check what they accept.
  app.addContentTypeParser(['text/plain', 'text/csv', 'application/x-ndjson', 'application/octet-stream', 'application/pdf', 'image/png', 'image/jpeg', 'video/mp4'], { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.setErrorHandler((err: Error & { statusCode?: number; validation?: unknown; validationContext?: string }, req, reply) => {
    let status = err.statusCode ?? 500;
    let message = err.message;
    if (err instanceof AccessError) {
      status = { forbidden: 403, 'not-found': 404, invalid: 400, conflict: 409 }[err.code];
    } else if (err instanceof InvalidCursorError) {
      status = 400;
      message = `querystring/cursor: ${err.message}`;
    } else if (storeUnwritable(err)) {
      // A full or read-only disk: reads still work; the log names the database, the caller learns it may retry.
      status = 503;
    } else if (err.validation !== undefined) {
      status = 400;
      // Fastify's message already names the field (e.g. "body/title must NOT have fewer than 1 characters").
      message = err.message;
    }
    if (status >= 500) {
      req.log.error({ err, method: req.method, url: req.url, params: req.params }, status === 503 ? 'store not writable' : 'request failed');
      message = status === 503 ? 'the store does not take writes now (disk full or read-only); try again later' : 'internal error';
    }
    void reply.status(status).send({ statusCode: status, error: STATUS_TEXT[status] ?? 'Error', message });
  });
  app.setNotFoundHandler((req, reply) => {
    void reply.status(404).send({ statusCode: 404, error: 'Not Found', message: `no route ${req.method} ${req.url.split('?')[0]}` });
  });

  app.addHook('onRequest', async (req) => {
    const auth = req.headers.authorization;
    if (auth !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      if (m === null) throw new HttpError(401, 'Authorization header must be "Bearer <token>"');
      const p = await ctx.access.authenticateToken(m[1]!);
      if (p === undefined) throw new HttpError(401, 'invalid, expired or revoked token');
      req.principal = p;
      return;
    }
    const sid = req.cookies[SESSION_COOKIE];
    if (sid !== undefined && sid !== '') {
      const s = await ctx.access.authenticateSession(sid);
      if (s !== undefined) {
        req.principal = s.principal;
        req.csrfToken = s.csrfToken;
      }
    }
  });

  app.addHook('onClose', async () => endStreams());

  for (const route of options.routes ?? ROUTES) {
    app.route({
      method: route.method,
      url: route.url,
      ...(route.bodyLimit !== undefined ? { bodyLimit: route.bodyLimit } : {}),
      ...(route.rateLimitPerMinute !== undefined ? { config: { rateLimit: { max: route.rateLimitPerMinute, timeWindow: 60_000 } } } : {}),
      schema: {
        summary: route.summary, tags: route.tags,
        ...(route.schema.params ? { params: route.schema.params } : {}),
        ...(route.schema.querystring ? { querystring: route.schema.querystring } : {}),
        ...(route.schema.body ? { body: route.schema.body } : {}),
        response: { ...ERRORS, ...route.schema.response },
        ...(route.action === 'public' ? { security: [] } : {}),
      },
      // Authorization runs before body validation: a caller who may not act learns nothing about the body schema.
      onRequest: async (req) => {
        if (route.action === 'public') return;
        const p = req.principal;
        if (p === undefined) throw new HttpError(401, 'authentication required: a session cookie or a Bearer token');
        const csrf = req.headers['x-csrf-token'];
        if (p.via === 'session' && UNSAFE.has(req.method) && (typeof csrf !== 'string' || req.csrfToken === undefined || !safeEqual(csrf, req.csrfToken))) {
          throw new HttpError(403, 'missing or wrong x-csrf-token header');
        }
        if (!can(p, route.action)) throw new HttpError(403, `${p.username} (${p.roles.join(', ')}) may not ${route.action}`);
      },
      handler: async (req, reply) => route.handler(req, reply, ctx, req.principal),
    });
  }
  return app;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 413: 'Payload Too Large', 415: 'Unsupported Media Type', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};
