import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';

/** Header that carries a request's id in and out (a proxy's or client's id is kept if well-formed). */
export const REQUEST_ID_HEADER = 'x-request-id';

/** A well-formed incoming id: 1–128 printable characters of a conservative set (nothing a log or a header could misread). */
const WELL_FORMED = /^[A-Za-z0-9._:@=+/-]{1,128}$/;

/** Fastify's `genReqId`: the incoming `x-request-id` if well-formed, else a fresh UUID. */
export function requestId(req: IncomingMessage): string {
  const h = req.headers[REQUEST_ID_HEADER];
  return typeof h === 'string' && WELL_FORMED.test(h) ? h : randomUUID();
}

/** `onSend` hook: every response names its request id. */
export async function echoRequestId(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  void reply.header(REQUEST_ID_HEADER, req.id);
}
