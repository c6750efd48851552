import { Type, type Static } from '@sinclair/typebox';
import type { Incident } from '../../cases/incident.js';
import type { TransitionRequest } from '../../cases/ports.js';
import { formatMarking } from '../../store/marking.js';
import type { ApiContext } from '../context.js';
import type { RouteDef } from '../route.js';
import { HttpError } from '../route.js';
import { Cursor, MarkingText, MultilineText, Open, Page, Text } from '../schemas.js';
import { withMarkingText } from './picture.js';
import { defined, markingParam, principalOf, timeRangeParams, viewerOf } from './util.js';

const Id = Type.Object({ id: Type.String({ minLength: 1, maxLength: 80 }) });
const Evidence = Type.Object({ id: Type.String({ minLength: 1, maxLength: 80 }), sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }) });
const Status = Type.Union(['new', 'under-review', 'verified-violation', 'not-a-violation', 'inconclusive'].map((s) => Type.Literal(s)));
const ListQuery = Type.Object({ status: Type.Optional(Status), assignee: Type.Optional(Type.Integer({ minimum: 1 })), party: Type.Optional(Type.String({ maxLength: 16 })), ...Cursor });
const Create = Type.Object({
  title: Text({ minLength: 1, maxLength: 200 }),
  alertIds: Type.Optional(Type.Array(Text({ maxLength: 64 }), { maxItems: 500 })),
  reportIds: Type.Optional(Type.Array(Text({ maxLength: 160 }), { maxItems: 500 })),
  marking: Type.Optional(MarkingText),
});
const Link = Type.Object({ alertIds: Type.Optional(Type.Array(Text({ maxLength: 64 }), { maxItems: 500 })), reportIds: Type.Optional(Type.Array(Text({ maxLength: 160 }), { maxItems: 500 })) });
const Transition = Type.Object({
  to: Status,
  reason: Type.Optional(MultilineText({ maxLength: 5000 })),
  attributedParty: Type.Optional(Type.Union([Text({ maxLength: 16 }), Type.Null()])),
  confidence: Type.Optional(Type.Union([Type.Object({ level: Type.Union([Type.Literal('high'), Type.Literal('medium'), Type.Literal('low')]), reason: MultilineText({ minLength: 1, maxLength: 2000 }) }), Type.Null()])),
  grading: Type.Optional(Type.Union([Type.Object({ reliability: Type.String({ pattern: '^[A-F]$' }), credibility: Type.Integer({ minimum: 1, maximum: 6 }) }), Type.Null()])),
});
const Assign = Type.Object({ assignee: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]) });
const Comment = Type.Object({ text: MultilineText({ minLength: 1, maxLength: 10_000 }), marking: Type.Optional(MarkingText) });
const Release = Type.Object({ marking: MarkingText });
const EvidenceQuery = Type.Object({ name: Text({ minLength: 1, maxLength: 255 }), marking: Type.Optional(MarkingText) });
const SuggestQuery = Type.Object({ from: Type.String(), to: Type.String(), windowMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_080 })) });

const out = (i: Incident): unknown => withMarkingText(i);

function announce(ctx: ApiContext, i: Incident, change: string): void {
  ctx.hub.emit('incident', { id: i.id, status: i.status, title: i.title, change, originator: i.originator, marking: i.marking });
}

/** Verification casework: incidents from alerts and reports, lifecycle, comments, evidence, history. */
export const INCIDENT_ROUTES: RouteDef[] = [
  {
    method: 'GET', url: '/api/incidents', action: 'read', tags: ['incidents'], summary: 'Incidents, newest first (filters: status, assignee, party)',
    schema: { querystring: ListQuery, response: { 200: Page(Open('Incident')) } },
    async handler(req, _reply, ctx, p) {
      const q = req.query as Static<typeof ListQuery>;
      const page = await ctx.cases.list(principalOf(p), defined({ status: q.status as Incident['status'] | undefined, assignee: q.assignee, party: q.party, cursor: q.cursor, limit: q.limit }));
      return { items: page.items.map(out), nextCursor: page.nextCursor };
    },
  },
  {
    method: 'POST', url: '/api/incidents', action: 'incident:create', tags: ['incidents'], summary: 'Open an incident from alerts and/or reports (its marking is the most restrictive of its inputs)',
    schema: { body: Create, response: { 201: Open('Incident') } },
    async handler(req, reply, ctx, p) {
      const b = req.body as Static<typeof Create>;
      const marking = markingParam(b.marking, 'body/marking');
      const i = await ctx.cases.create(principalOf(p), defined({ title: b.title, alertIds: b.alertIds, reportIds: b.reportIds, marking }));
      announce(ctx, i, 'created');
      void reply.status(201);
      return out(i);
    },
  },
  {
    method: 'GET', url: '/api/incidents/suggestions', action: 'read', tags: ['incidents'], summary: 'Suggested incidents: visible alerts of the same entity or zone within a time window, not yet in an incident',
    schema: { querystring: SuggestQuery, response: { 200: Type.Object({ items: Type.Array(Open('SuggestedIncident')) }) } },
    async handler(req, _reply, ctx, p) {
      const q = req.query as Static<typeof SuggestQuery>;
      const { fromMs, toMs } = timeRangeParams(q);
      const items = await ctx.cases.suggestions(principalOf(p), defined({ fromMs: fromMs!, toMs: toMs!, windowMs: q.windowMinutes === undefined ? undefined : q.windowMinutes * 60_000 }));
      return { items };
    },
  },
  {
    method: 'GET', url: '/api/incidents/:id', action: 'read', tags: ['incidents'], summary: 'One incident with its alerts, reports, comments, evidence and history',
    schema: { params: Id, response: { 200: Open('Incident with details') } },
    async handler(req, _reply, ctx, p) {
      const principal = principalOf(p);
      const { id } = req.params as Static<typeof Id>;
      const i = await ctx.cases.get(principal, id);
      const viewer = viewerOf(p);
      const [alerts, reports, comments, evidence, history] = await Promise.all([
        Promise.all(i.alertIds.map((a) => ctx.store.alerts.get(viewer, a))),
        Promise.all(i.reportIds.map((r) => ctx.store.reports.get(viewer, r))),
        ctx.cases.comments(principal, id, { limit: 1000 }),
        ctx.cases.evidence(principal, id),
        ctx.cases.history(principal, id),
      ]);
      return {
        ...(out(i) as object),
        alerts: alerts.filter((a) => a !== undefined).map(withMarkingText),
        reports: reports.filter((r) => r !== undefined).map(withMarkingText),
        comments: comments.items.map(withMarkingText),
        evidence: evidence.map(withMarkingText),
        history: history.map((h) => ({ ...h, ...('marking' in h && h.marking ? { releasability: formatMarking(h.marking as never) } : {}) })),
      };
    },
  },
  {
    method: 'POST', url: '/api/incidents/:id/links', action: 'incident:edit', tags: ['incidents'], summary: 'Add alerts and/or reports to an incident (its marking can only narrow)',
    schema: { params: Id, body: Link, response: { 200: Open('Incident') } },
    async handler(req, _reply, ctx, p) {
      const principal = principalOf(p);
      const { id } = req.params as Static<typeof Id>;
      const b = req.body as Static<typeof Link>;
      if (!b.alertIds?.length && !b.reportIds?.length) throw new HttpError(400, 'body: give alertIds and/or reportIds');
      let i = b.alertIds?.length ? await ctx.cases.addAlerts(principal, id, b.alertIds) : await ctx.cases.get(principal, id);
      if (b.reportIds?.length) i = await ctx.cases.addReports(principal, id, b.reportIds);
      announce(ctx, i, 'linked');
      return out(i);
    },
  },
  {
    method: 'POST', url: '/api/incidents/:id/transition', action: 'incident:edit', tags: ['incidents'], summary: 'Move an incident along its lifecycle; a verdict needs the verifier role (checked by the case service)',
    schema: { params: Id, body: Transition, response: { 200: Open('Incident') } },
    async handler(req, _reply, ctx, p) {
      const { id } = req.params as Static<typeof Id>;
      const i = await ctx.cases.transition(principalOf(p), id, req.body as TransitionRequest);
      announce(ctx, i, `status ${i.status}`);
      return out(i);
    },
  },
  {
    method: 'POST', url: '/api/incidents/:id/assign', action: 'incident:edit', tags: ['incidents'], summary: 'Assign (user id) or unassign (null)',
    schema: { params: Id, body: Assign, response: { 200: Open('Incident') } },
    async handler(req, _reply, ctx, p) {
      const { id } = req.params as Static<typeof Id>;
      const i = await ctx.cases.assign(principalOf(p), id, (req.body as Static<typeof Assign>).assignee);
      announce(ctx, i, 'assigned');
      return out(i);
    },
  },
  {
    method: 'POST', url: '/api/incidents/:id/comments', action: 'incident:edit', tags: ['incidents'], summary: 'Comment (releasable as the incident unless narrowed)',
    schema: { params: Id, body: Comment, response: { 201: Open('IncidentComment') } },
    async handler(req, reply, ctx, p) {
      const { id } = req.params as Static<typeof Id>;
      const b = req.body as Static<typeof Comment>;
      const marking = markingParam(b.marking, 'body/marking');
      const c = await ctx.cases.comment(principalOf(p), id, b.text, marking);
      void reply.status(201);
      return withMarkingText(c);
    },
  },
  {
    method: 'POST', url: '/api/incidents/:id/evidence', action: 'incident:edit', tags: ['incidents'], summary: 'Attach evidence: the raw file as the body with its media type; stored by SHA-256',
    bodyLimit: 25 << 20,
    schema: { params: Id, querystring: EvidenceQuery, response: { 201: Open('EvidenceRecord') } },
    async handler(req, reply, ctx, p) {
      const { id } = req.params as Static<typeof Id>;
      const q = req.query as Static<typeof EvidenceQuery>;
      if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw new HttpError(400, 'body: send the file as the request body');
      const mediaType = (req.headers['content-type'] ?? 'application/octet-stream').split(';')[0]!.trim();
      const marking = markingParam(q.marking, 'querystring/marking');
      const e = await ctx.cases.attachEvidence(principalOf(p), id, defined({ bytes: req.body, mediaType, name: q.name, marking }));
      void reply.status(201);
      return withMarkingText(e);
    },
  },
  {
    method: 'GET', url: '/api/incidents/:id/evidence/:sha256', action: 'evidence:read', tags: ['incidents'], summary: 'Download evidence (every access is audited)',
    schema: { params: Evidence, response: { 200: Type.Any() } },
    async handler(req, reply, ctx, p) {
      const { id, sha256 } = req.params as Static<typeof Evidence>;
      const { record, bytes } = await ctx.cases.readEvidence(principalOf(p), id, sha256);
      void reply.header('content-type', record.mediaType).header('content-disposition', `attachment; filename="${record.name.replace(/[^\w.-]/g, '_')}"`).header('x-content-sha256', record.sha256);
      return bytes;
    },
  },
  {
    method: 'POST', url: '/api/incidents/:id/release', action: 'incident:release', tags: ['incidents'], summary: 'Widen the releasability of an incident of one\'s own nation',
    schema: { params: Id, body: Release, response: { 200: Open('Incident') } },
    async handler(req, _reply, ctx, p) {
      const { id } = req.params as Static<typeof Id>;
      const i = await ctx.cases.release(principalOf(p), id, markingParam((req.body as Static<typeof Release>).marking, 'body/marking')!);
      announce(ctx, i, `released ${formatMarking(i.marking)}`);
      return out(i);
    },
  },
];
