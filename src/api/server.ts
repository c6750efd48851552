import { existsSync } from 'node:fs';
import { packageRoot } from '../config/package-root.js';
import fastifyStatic from '@fastify/static';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { ApiContext } from './context.js';

/**
 * Boots the API and the web console on one port: the console's built files (web/dist) at `/`,
 * the API under /api/. Only this file listens; app.ts stays a testable plugin.
 */
export async function startServer(ctx: ApiContext, opts: { host: string; port: number; logger?: FastifyBaseLogger; trustProxy?: boolean }): Promise<{ app: FastifyInstance; url: string }> {
  const app = await buildApp(ctx, { ...(opts.logger !== undefined ? { loggerInstance: opts.logger } : {}), trustProxy: opts.trustProxy ?? false });
  const webDist = `${packageRoot()}web/dist`;
  if (existsSync(webDist)) {
    await app.register(fastifyStatic, { root: webDist, prefix: '/', wildcard: false, index: ['index.html'] });
  } else {
    app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.type('text/plain').send('Vigil API is up; the web console is not built (npm run build:web).'));
  }
  app.server.requestTimeout = 60_000;
  app.server.keepAliveTimeout = 65_000;
  const address = await app.listen({ host: opts.host, port: opts.port });
  return { app, url: address };
}
