import { decodeCursor } from '../store/cursor.js';
import type { Page, PageQuery, Viewer } from '../store/ports.js';
import { toPage } from '../store/sqlite/paging.js';
import { markingColumns, pageLimit, type ReleasabilityRow, SqlReader, SqlWriter } from '../store/sqlite/sql-reader.js';
import type { SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { ReportDocumentMeta } from './report-document.js';
import type { ReportLibrary, StoredReportFile } from './report-library.js';

interface DocumentRow extends ReleasabilityRow {
  id: string;
  meta: string;
  created_ms: number;
}

const DOCS = 'report_documents d';

/** Report documents in the embedded store's database (migration 300). */
export class SqliteReportLibrary implements ReportLibrary {
  private readonly reader: SqlReader;
  private readonly writer: SqlWriter;

  constructor(store: SqliteStore) {
    this.reader = new SqlReader(store.db);
    this.writer = new SqlWriter(store.db);
  }

  async add(meta: ReportDocumentMeta, files: readonly StoredReportFile[]): Promise<void> {
    const m = markingColumns(meta);
    const insertDoc = this.writer.statement(`INSERT INTO report_documents (id, series, meta, created_ms, originator, marking, releasable_to)
      VALUES (?, ?, ?, ?, ?, ?, ?)`);
    const insertFile = this.writer.statement('INSERT INTO report_document_files (document_id, name, bytes) VALUES (?, ?, ?)');
    this.writer.db.transaction(() => {
      insertDoc.run(meta.id, meta.series, JSON.stringify(meta), meta.createdMs, m.originator, m.marking, m.releasableTo);
      for (const f of files) insertFile.run(meta.id, f.name, f.bytes);
    }).immediate();
  }

  async get(viewer: Viewer, id: string): Promise<ReportDocumentMeta | undefined> {
    const rows = this.reader.select<DocumentRow>(viewer, { columns: 'd.*', from: DOCS, alias: 'd', where: ['d.id = @id'] }, { id });
    return rows[0] === undefined ? undefined : JSON.parse(rows[0].meta) as ReportDocumentMeta;
  }

  async list(viewer: Viewer, query: PageQuery & { series?: string } = {}): Promise<Page<ReportDocumentMeta>> {
    const limit = pageLimit(query.limit);
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (query.series !== undefined) {
      where.push('d.series = @series');
      params['series'] = query.series;
    }
    if (query.cursor !== undefined) {
      const [createdMs, id] = decodeCursor(query.cursor, ['number', 'string']);
      where.push('(d.created_ms, d.id) < (@afterMs, @afterId)');
      params['afterMs'] = createdMs;
      params['afterId'] = id;
    }
    const rows = this.reader.select<DocumentRow>(viewer, { columns: 'd.*', from: DOCS, alias: 'd', where, orderBy: 'd.created_ms DESC, d.id DESC', limit: limit + 1 }, params);
    return toPage(rows, limit, (r) => JSON.parse(r.meta) as ReportDocumentMeta, (r) => [r.created_ms, r.id]);
  }

  async previous(viewer: Viewer, series: string, beforeMs: number): Promise<ReportDocumentMeta | undefined> {
    const rows = this.reader.select<DocumentRow>(viewer, {
      columns: 'd.*', from: DOCS, alias: 'd', where: ['d.series = @series', 'd.created_ms < @beforeMs'], orderBy: 'd.created_ms DESC, d.id DESC', limit: 1,
    }, { series, beforeMs });
    return rows[0] === undefined ? undefined : JSON.parse(rows[0].meta) as ReportDocumentMeta;
  }

  async file(viewer: Viewer, id: string, name: string): Promise<Buffer | undefined> {
    const rows = this.reader.select<{ bytes: Buffer }>(viewer, {
      columns: 'f.bytes', from: `${DOCS} JOIN report_document_files f ON f.document_id = d.id`, alias: 'd', where: ['d.id = @id', 'f.name = @name'],
    }, { id, name });
    return rows[0]?.bytes;
  }
}
