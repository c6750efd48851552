import { Type, type Static } from '@sinclair/typebox';
import { exportRecords, parseExportFile } from '../../interop/export/export-records.js';
import type { RouteDef } from '../route.js';
import { HttpError } from '../route.js';
import { bboxParam, defined, principalOf, timeRangeParams } from './util.js';

const FileParam = Type.Object({ file: Type.String({ minLength: 1, maxLength: 40, description: 'COLLECTION.EXT: tracks|alerts|incidents|reports|zones . geojson|kml|csv, or incidents.acled.csv' }) });
const ExportQuery = Type.Object({
  from: Type.Optional(Type.String({ description: 'ISO 8601' })),
  to: Type.Optional(Type.String({ description: 'ISO 8601' })),
  bbox: Type.Optional(Type.String({ description: 'minLon,minLat,maxLon,maxLat' })),
  rule: Type.Optional(Type.String({ maxLength: 64 })),
  zone: Type.Optional(Type.String({ maxLength: 64 })),
  party: Type.Optional(Type.String({ maxLength: 16 })),
});

/**
 * Exports (issue 13): every collection as GeoJSON, KML or CSV, and verified incidents as
 * ACLED-style event CSV, filtered like the lists and by the caller's releasability.
 */
export const EXPORT_ROUTES: readonly RouteDef[] = [
  {
    method: 'GET', url: '/api/export/:file', action: 'read', tags: ['exports'],
    summary: 'Export tracks, alerts, incidents, reports or zones: FILE is COLLECTION.geojson|kml|csv or incidents.acled.csv (filters: from, to, bbox, rule, zone, party)',
    schema: { params: FileParam, querystring: ExportQuery, response: { 200: Type.Any() } },
    async handler(req, reply, ctx, p) {
      const { file } = req.params as Static<typeof FileParam>;
      const what = parseExportFile(file);
      if (what === undefined) throw new HttpError(404, `no export "${file}": use tracks|alerts|incidents|reports|zones with .geojson, .kml or .csv, or incidents.acled.csv`);
      const q = req.query as Static<typeof ExportQuery>;
      const r = await exportRecords(ctx, principalOf(p), what.name, what.format, defined({
        ...timeRangeParams(q), bbox: bboxParam(q.bbox), rule: q.rule, zone: q.zone, party: q.party,
      }), `Vigil (${principalOf(p).nation})`);
      void reply.header('content-type', r.mediaType).header('content-disposition', `attachment; filename="${file}"`)
        .header('x-feature-count', String(r.count)).header('x-export-truncated', String(r.truncated));
      return r.body;
    },
  },
];
