import type { Migration } from './migrations.js';

/**
 * Migrations of generated report documents (issue 12): their metadata and their files (the
 * document, a Markdown report's images, the signed manifest and the signature) as blobs in
 * the same database, so a document and its signature are written in one transaction.
 * Numbered from 300; appended to `MIGRATIONS` in `migrations.ts`.
 */
export const REPORT_MIGRATIONS: readonly Migration[] = [
  {
    version: 300,
    name: 'report-documents',
    up: `
CREATE TABLE report_documents (
  id            TEXT    PRIMARY KEY,
  series        TEXT    NOT NULL,
  meta          TEXT    NOT NULL,
  created_ms    INTEGER NOT NULL,
  originator    TEXT    NOT NULL,
  marking       TEXT    NOT NULL CHECK (marking IN ('COALITION', 'REL_TO', 'ORIGINATOR_ONLY')),
  releasable_to TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX report_documents_created ON report_documents (created_ms, id);
CREATE INDEX report_documents_series ON report_documents (series, created_ms);

CREATE TABLE report_document_files (
  document_id TEXT    NOT NULL,
  name        TEXT    NOT NULL,
  bytes       BLOB    NOT NULL,
  PRIMARY KEY (document_id, name)
) STRICT;
`,
    down: `
DROP TABLE report_document_files;
DROP TABLE report_documents;
`,
  },
];
