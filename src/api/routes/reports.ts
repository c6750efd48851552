import { Type, type Static } from '@sinclair/typebox';
import type { EngineEvent, ReportEvent } from '../../core/track/observation.js';
import type { InputFormat } from '../../pipeline/event-decoder.js';
import { detectFormat, formatByName } from '../../pipeline/formats.js';
import type { Marking } from '../../store/marking.js';
import type { ApiContext } from '../context.js';
import type { RouteDef } from '../route.js';
import { HttpError } from '../route.js';
import { Cursor, ErrorBody, MarkingText, MultilineText, Open, Page, Text } from '../schemas.js';
import { SYSTEM_VIEWER } from '../../store/ports.js';
import type { Principal } from '../../access/roles.js';
import { withMarkingText } from './picture.js';
import { bboxParam, defined, markingParam, principalOf, timeRangeParams, viewerOf } from './util.js';

const ReportBody = Type.Object({
  id: Text({ minLength: 1, maxLength: 128 }),
  time: Text({ maxLength: 64 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  lon: Type.Number({ minimum: -180, maximum: 180 }),
  category: Text({ maxLength: 64 }),
  party: Type.Optional(Text({ maxLength: 16 })),
  source: Type.Optional(Text({ maxLength: 200 })),
  sourceType: Type.Optional(Text({ maxLength: 64 })),
  description: Type.Optional(MultilineText({ maxLength: 5000 })),
  timePrecision: Type.Optional(Text({ maxLength: 16 })),
  geoPrecision: Type.Optional(Text({ maxLength: 16 })),
  casualties: Type.Optional(Type.Object({}, { additionalProperties: true })),
  links: Type.Optional(Type.Array(Text({ maxLength: 2000 }), { maxItems: 50 })),
  attachments: Type.Optional(Type.Array(Type.Object({ sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }), name: Type.Optional(Text({ maxLength: 200 })) }), { maxItems: 50 })),
  marking: Type.Optional(MarkingText),
}, { additionalProperties: true });

const ImportQuery = Type.Object({ format: Type.Optional(Type.String({ maxLength: 16 })), marking: Type.Optional(MarkingText) });
const ReportQuery = Type.Object({
  category: Type.Optional(Type.String({ maxLength: 32 })), party: Type.Optional(Type.String({ maxLength: 16 })), bbox: Type.Optional(Type.String()),
  from: Type.Optional(Type.String()), to: Type.Optional(Type.String()), ...Cursor,
});
const IdParam = Type.Object({ id: Type.String({ minLength: 1, maxLength: 160 }) });

/** Decodes lines with a report format; returns the report events and the rejections (line number, reason). */
function decodeReports(format: InputFormat, lines: readonly string[]): { events: ReportEvent[]; rejected: { line: number; reason: string; detail: string }[] } {
  const events: ReportEvent[] = [];
  const rejected: { line: number; reason: string; detail: string }[] = [];
  let lineNo = 0;
  const d = format.create({
    event: (e: EngineEvent) => { if (e.kind === 'report') events.push(e); },
    reject: (reason, detail) => rejected.push({ line: lineNo, reason, detail }),
  });
  for (const l of lines) {
    lineNo++;
    d.push(l);
  }
  d.flush();
  return { events, rejected };
}

/** Reports stamped further ahead of the wall clock than this are refused. */
const MAX_FUTURE_MS = 5 * 60_000;
/** Rejections listed in an import answer (the count covers all of them). */
const MAX_LISTED_REJECTIONS = 1000;

/**
 * Stores reports (and runs them through the engine when feeds run here). A report id that
 * another nation already holds is refused: a nation revises only its own reports.
 */
async function ingest(ctx: ApiContext, principal: Principal, events: readonly ReportEvent[], rel: { originator: string; marking: Marking }): Promise<{ taken: string[] }> {
  const taken: string[] = [];
  const accepted: ReportEvent[] = [];
  for (const e of events) {
    const existing = await ctx.store.reports.get(SYSTEM_VIEWER, e.report.id);
    if (existing !== undefined && existing.originator !== rel.originator) taken.push(e.report.id);
    else accepted.push(e);
  }
  for (const e of accepted) {
    if (ctx.pipeline !== undefined) await ctx.pipeline.ingestReport(e, rel);
    else await ctx.store.reports.upsert([{ report: e.report, ...rel }]);
  }
  await ctx.audit.append({
    actor: principal.via === 'token' && principal.tokenId !== undefined ? `token:${principal.tokenId}` : `user:${principal.username}`,
    nation: principal.nation, action: 'reports.ingest', target: accepted.map((e) => e.entityId).join(',').slice(0, 500), details: { count: accepted.length, refused: taken.length },
  });
  return { taken };
}

function refuseFuture(events: readonly ReportEvent[]): void {
  const late = events.find((e) => e.timeMs > Date.now() + MAX_FUTURE_MS);
  if (late !== undefined) throw new HttpError(400, `time: report ${late.report.id} is dated in the future (${late.report.time})`);
}

/** Incident reports: create one, import a file (JSON Lines, CSV or ACLED CSV), list, get. */
export const REPORT_ROUTES: RouteDef[] = [
  {
    method: 'POST', url: '/api/reports', action: 'report:create', tags: ['reports'], summary: 'Submit one incident report (SPEC "Incident report"); same id again = revision',
    schema: { body: ReportBody, response: { 201: Open('StoredReport'), 409: ErrorBody } },
    async handler(req, reply, ctx, p) {
      const principal = principalOf(p);
      const { marking: markingText, ...body } = req.body as Static<typeof ReportBody>;
      const marking = markingParam(markingText, 'body/marking') ?? { kind: 'COALITION' };
      const { events, rejected } = decodeReports(formatByName('reports')!, [JSON.stringify(body)]);
      if (events.length !== 1) throw new HttpError(400, `body: ${rejected[0]?.detail ?? 'not a valid report'}`);
      refuseFuture(events);
      const { taken } = await ingest(ctx, principal, events, { originator: principal.nation, marking });
      if (taken.length > 0) throw new HttpError(409, `id: report ${taken[0]} belongs to another nation`);
      const stored = await ctx.store.reports.get(viewerOf(p), events[0]!.report.id);
      void reply.status(201);
      return stored === undefined ? {} : withMarkingText(stored);
    },
  },
  {
    method: 'POST', url: '/api/reports/import', action: 'report:create', tags: ['reports'], summary: 'Import reports from JSON Lines, CSV or ACLED CSV (body as text); every row is imported or rejected with a reason',
    bodyLimit: 32 << 20,
    schema: { querystring: ImportQuery, response: { 200: Type.Object({ imported: Type.Integer(), rejectedCount: Type.Integer(), rejected: Type.Array(Open('rejection: line, reason, detail (the first 1,000)')) }) } },
    async handler(req, _reply, ctx, p) {
      const principal = principalOf(p);
      const q = req.query as Static<typeof ImportQuery>;
      const text = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : typeof req.body === 'string' ? req.body : '';
      if (text.trim() === '') throw new HttpError(400, 'body: empty; send the file as text/plain, text/csv or application/x-ndjson');
      const lines = text.split(/\r?\n/);
      const format = q.format !== undefined ? formatByName(q.format) : detectFormat(lines.slice(0, 50));
      if (format === undefined || !['reports', 'acled'].includes(format.name)) throw new HttpError(400, `querystring/format: ${q.format ?? 'the content'} is not a report format (reports, acled)`);
      const decoded = decodeReports(format, lines);
      const now = Date.now();
      const events = decoded.events.filter((e) => e.timeMs <= now + MAX_FUTURE_MS);
      const rejected = [...decoded.rejected, ...decoded.events.filter((e) => e.timeMs > now + MAX_FUTURE_MS).map((e) => ({ line: 0, reason: 'future-time', detail: `report ${e.report.id} is dated ${e.report.time}` }))];
      const { taken } = await ingest(ctx, principal, events, { originator: principal.nation, marking: markingParam(q.marking, 'querystring/marking') ?? { kind: 'COALITION' } });
      for (const id of taken) rejected.push({ line: 0, reason: 'id-taken', detail: `report ${id} belongs to another nation` });
      return { imported: events.length - taken.length, rejectedCount: rejected.length, rejected: rejected.slice(0, MAX_LISTED_REJECTIONS) };
    },
  },
  {
    method: 'GET', url: '/api/reports', action: 'read', tags: ['reports'], summary: 'Incident reports, newest first (filters: category, party, bbox, from, to)',
    schema: { querystring: ReportQuery, response: { 200: Page(Open('StoredReport')) } },
    async handler(req, _reply, ctx, p) {
      const q = req.query as Static<typeof ReportQuery>;
      const page = await ctx.store.reports.list(viewerOf(p), defined({ category: q.category, party: q.party, bbox: bboxParam(q.bbox), ...timeRangeParams(q), cursor: q.cursor, limit: q.limit }));
      return { items: page.items.map(withMarkingText), nextCursor: page.nextCursor };
    },
  },
  {
    method: 'GET', url: '/api/reports/:id', action: 'read', tags: ['reports'], summary: 'One report',
    schema: { params: IdParam, response: { 200: Open('StoredReport') } },
    async handler(req, _reply, ctx, p) {
      const { id } = req.params as Static<typeof IdParam>;
      const r = await ctx.store.reports.get(viewerOf(p), id);
      if (r === undefined) throw new HttpError(404, `no report ${id}`);
      return withMarkingText(r);
    },
  },
];
