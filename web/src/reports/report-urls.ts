import type { ReportDocumentMeta } from '../api/types.js';

/** Base of the report document routes. */
export const REPORTS_PATH = '/api/reports/documents';

function docPath(id: string): string {
  return `${REPORTS_PATH}/${encodeURIComponent(id)}`;
}

/** A file of a document; `inline` asks for `Content-Disposition: inline` (opened in a tab). */
export function fileUrl(doc: ReportDocumentMeta, name: string, inline = false): string {
  return `${docPath(doc.id)}/files/${encodeURIComponent(name)}${inline ? '?inline=1' : ''}`;
}

/** The detached signature files: the manifest (JSON) and its Ed25519 signature (base64). */
export function manifestUrl(doc: ReportDocumentMeta): string {
  return `${docPath(doc.id)}/manifest`;
}

export function signatureUrl(doc: ReportDocumentMeta): string {
  return `${docPath(doc.id)}/signature`;
}

/**
 * Names the detached files are saved under, beside the document: what `vigil report verify
 * FILE` looks for (src/report/signing/report-files.ts `MANIFEST_SUFFIX`, `SIGNATURE_SUFFIX`;
 * not imported: that module reads files).
 */
export function manifestName(docName: string): string {
  return `${docName}.manifest.json`;
}

export function signatureName(docName: string): string {
  return `${docName}.sig`;
}
