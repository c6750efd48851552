import { randomUUID } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import { vigilVersion } from '../../config/vigil-version.js';
import { generateReport } from '../../report/generate-report.js';
import { REPORT_FORMATS, REPORT_PERIODS, type ReportFormat } from '../../report/report-document.js';
import { manifestName, signatureName } from '../../report/report-library.js';
import { resolvePeriod } from '../../report/report-period.js';
import type { RouteDef } from '../route.js';
import { HttpError } from '../route.js';
import { Cursor, Open, Page, Text } from '../schemas.js';
import { withMarkingText } from './picture.js';
import { defined, principalOf, viewerOf } from './util.js';

const Generate = Type.Object({
  period: Type.Union(REPORT_PERIODS.map((p) => Type.Literal(p))),
  from: Type.Optional(Type.String({ maxLength: 40 })),
  to: Type.Optional(Type.String({ maxLength: 40 })),
  format: Type.Union(REPORT_FORMATS.map((f) => Type.Literal(f))),
  title: Type.Optional(Text({ minLength: 1, maxLength: 200 })),
}, { additionalProperties: false });
const Id = Type.Object({ id: Type.String({ minLength: 1, maxLength: 80 }) });
const FileParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 80 }), name: Type.String({ minLength: 1, maxLength: 255 }) });
const Inline = Type.Object({ inline: Type.Optional(Type.String({ maxLength: 5 })) });
const Meta = Open('ReportDocument');
const ListQuery = Type.Object(Cursor);

/** A file name safe inside a Content-Disposition header. */
const dispositionName = (name: string): string => name.replace(/[^\w.-]/g, '_');

/**
 * Compliance report documents (issue 12): generated for the caller's nation (a report holds
 * only what that nation may see), signed with the node's key, stored, listed and downloaded
 * under the document's releasability.
 */
export const REPORT_DOCUMENT_ROUTES: readonly RouteDef[] = [
  {
    method: 'POST', url: '/api/reports/documents', action: 'briefing:create', tags: ['report documents'],
    summary: 'Generate a signed compliance report (daily, weekly or custom period) for the caller\'s nation; stored',
    schema: { body: Generate, response: { 201: Meta } },
    async handler(req, reply, ctx, p) {
      const b = req.body as Static<typeof Generate>;
      const period = resolvePeriod(b.period, b.from, b.to, Date.now());
      if (!period.ok) throw new HttpError(400, `body: ${period.error}`);
      const principal = principalOf(p);
      const day = new Date(period.value.fromMs).toISOString().slice(0, 10).replaceAll('-', '');
      const report = await generateReport(defined({
        store: ctx.store, cases: ctx.cases, audit: ctx.audit, library: ctx.reportLibrary, agreement: ctx.agreement, principal, period: period.value,
        format: b.format as ReportFormat, key: ctx.nodeKey, createdBy: principal.username, id: `rpt-${randomUUID()}`,
        generatedAtMs: Date.now(), generatorVersion: vigilVersion(), baseName: `vigil-${b.period}-${day}`, title: b.title,
      }));
      await ctx.audit.append({ actor: `user:${principal.username}`, nation: principal.nation, action: 'report-documents.create', target: report.meta.id, details: { format: b.format, period: report.meta.period.kind, marking: report.data.marking } });
      void reply.status(201);
      return withMarkingText(report.meta);
    },
  },
  {
    method: 'GET', url: '/api/reports/documents', action: 'read', tags: ['report documents'], summary: 'Report documents releasable to the caller, newest first',
    schema: { querystring: ListQuery, response: { 200: Page(Meta) } },
    async handler(req, _reply, ctx, p) {
      const page = await ctx.reportLibrary.list(viewerOf(p), defined(req.query as Static<typeof ListQuery>));
      return { items: page.items.map(withMarkingText), nextCursor: page.nextCursor };
    },
  },
  {
    method: 'GET', url: '/api/reports/documents/:id', action: 'read', tags: ['report documents'], summary: 'One report document\'s metadata',
    schema: { params: Id, response: { 200: Meta } },
    async handler(req, _reply, ctx, p) {
      const meta = await ctx.reportLibrary.get(viewerOf(p), (req.params as Static<typeof Id>).id);
      if (meta === undefined) throw new HttpError(404, 'no such report document');
      return withMarkingText(meta);
    },
  },
  {
    method: 'GET', url: '/api/reports/documents/:id/files/:name', action: 'read', tags: ['report documents'], summary: 'A file of a report document (the document first, a Markdown report\'s images); ?inline=1 to display',
    schema: { params: FileParams, querystring: Inline, response: { 200: Type.Any() } },
    async handler(req, reply, ctx, p) {
      const { id, name } = req.params as Static<typeof FileParams>;
      const viewer = viewerOf(p);
      const meta = await ctx.reportLibrary.get(viewer, id);
      const listed = meta?.files.find((f) => f.name === name);
      const bytes = listed === undefined ? undefined : await ctx.reportLibrary.file(viewer, id, name);
      if (listed === undefined || bytes === undefined) throw new HttpError(404, 'no such file of a report document');
      const inline = (req.query as Static<typeof Inline>).inline === '1';
      void reply.header('content-type', listed.mediaType).header('x-content-sha256', listed.sha256)
        .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${dispositionName(name)}"`)
        // A stored report is shown as written: no scripts, nothing fetched.
        .header('content-security-policy', "default-src 'none'; img-src data:; style-src 'unsafe-inline'");
      return bytes;
    },
  },
  ...(['manifest', 'signature'] as const).map((which): RouteDef => ({
    method: 'GET', url: `/api/reports/documents/:id/${which}`, action: 'read', tags: ['report documents'],
    summary: which === 'manifest' ? 'The signed manifest of a report document (SHA-256 of every file)' : 'The detached Ed25519 signature of the manifest (base64)',
    schema: { params: Id, response: { 200: Type.Any() } },
    async handler(req, reply, ctx, p) {
      const viewer = viewerOf(p);
      const meta = await ctx.reportLibrary.get(viewer, (req.params as Static<typeof Id>).id);
      const doc = meta?.files[0]?.name;
      const name = doc === undefined ? undefined : which === 'manifest' ? manifestName(doc) : signatureName(doc);
      const bytes = meta === undefined || name === undefined ? undefined : await ctx.reportLibrary.file(viewer, meta.id, name);
      if (bytes === undefined || name === undefined) throw new HttpError(404, 'no such report document');
      void reply.header('content-type', which === 'manifest' ? 'application/json' : 'text/plain; charset=utf-8').header('content-disposition', `attachment; filename="${dispositionName(name)}"`);
      return bytes;
    },
  })),
];
