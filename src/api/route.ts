import type { TSchema } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Action, Principal } from '../access/roles.js';
import type { ApiContext } from './context.js';

/**
 * One API route: the table of these is the single source of the HTTP surface — Fastify
 * registration, the OpenAPI document and the authorization matrix test all read it, so a
 * route cannot exist without an authorization rule.
 */
export interface RouteDef {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  /** The action the caller must hold; `public` only for login and liveness. */
  action: Action | 'public';
  summary: string;
  tags: string[];
  schema: {
    params?: TSchema;
    querystring?: TSchema;
    body?: TSchema;
    response: Record<number, TSchema>;
  };
  /** Requests per minute per caller for this route (login is throttled harder). */
  rateLimitPerMinute?: number;
  /** Larger body limit for this route, bytes. */
  bodyLimit?: number;
  handler(req: FastifyRequest, reply: FastifyReply, ctx: ApiContext, principal: Principal | undefined): Promise<unknown>;
}

/** HTTP error with a status and a message safe to show (4xx keep their message). */
export class HttpError extends Error {
  constructor(readonly statusCode: number, message: string) {
    super(message);
  }
}
