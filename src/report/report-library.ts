import type { Page, PageQuery, Viewer } from '../store/ports.js';
import type { ReportDocumentMeta } from './report-document.js';
import { MANIFEST_SUFFIX, SIGNATURE_SUFFIX } from './signing/report-files.js';

/** A stored file of a document: one listed in `meta.files`, or the manifest or the signature. */
export interface StoredReportFile {
  name: string;
  bytes: Buffer;
}

/**
 * Generated report documents (issue 12): metadata and files, stored together. Reads take a
 * viewer and return only documents releasable to it, filtered by the query (as every store
 * read); a document another nation may not see and one that does not exist look the same.
 */
export interface ReportLibrary {
  /** Stores a document with its files, manifest and signature in one transaction. */
  add(meta: ReportDocumentMeta, files: readonly StoredReportFile[]): Promise<void>;
  get(viewer: Viewer, id: string): Promise<ReportDocumentMeta | undefined>;
  /** Newest first. */
  list(viewer: Viewer, query?: PageQuery & { series?: string }): Promise<Page<ReportDocumentMeta>>;
  /** The newest document of a series created before `beforeMs` (the previous report, for the change log). */
  previous(viewer: Viewer, series: string, beforeMs: number): Promise<ReportDocumentMeta | undefined>;
  /** A file of a visible document, or undefined. */
  file(viewer: Viewer, id: string, name: string): Promise<Buffer | undefined>;
}

/** Names of the detached signature files of a document named `doc` (as `vigil report verify` finds them beside it). */
export function manifestName(doc: string): string {
  return doc + MANIFEST_SUFFIX;
}
export function signatureName(doc: string): string {
  return doc + SIGNATURE_SUFFIX;
}
