import { signCheckpoint } from '../access/audit-checkpoint.js';
import type { AuditLog } from '../access/ports.js';
import { buildReport } from './build-report.js';
import { documentFiles, reportJson } from './document-files.js';
import { DATA_FILE, gatherInputs, type GatherOptions } from './gather-inputs.js';
import type { ReportDocumentMeta, ReportFormat } from './report-document.js';
import { manifestName, signatureName, type ReportLibrary } from './report-library.js';
import type { ReportData } from './report-schema.js';
import { renderFigures } from './render/render-figures.js';
import { parseMarking } from '../store/marking.js';
import { sha256Hex, type ReportFileBytes } from './signing/manifest.js';
import type { NodeKey } from './signing/node-key.js';
import { signReport } from './signing/sign-report.js';

export interface GenerateOptions extends GatherOptions {
  format: ReportFormat;
  key: NodeKey;
  /** Where the document is kept (and the previous report of its series is found); none for a one-off file. */
  library?: ReportLibrary;
  /** Username, or `cli`. */
  createdBy: string;
  /** The document's file name without extension (default `report`). */
  baseName?: string;
  /** The node's audit log: its head is signed into the report (`auditCheckpoint`). None over recorded inputs. */
  audit?: Pick<AuditLog, 'head'>;
}

export interface GeneratedReport {
  meta: ReportDocumentMeta;
  data: ReportData;
  /** The document first, then what it links. */
  files: ReportFileBytes[];
  manifest: Buffer;
  signature: Buffer;
}

/**
 * Makes a report document: gathers what the recipient may see, builds the data, draws the
 * maps and charts, signs the audit log's head into it (a checkpoint), renders the format,
 * signs the files with the node's key and, with a library, stores document, manifest and
 * signature (and the data, for the next change log).
 */
export async function generateReport(o: GenerateOptions): Promise<GeneratedReport> {
  const inputs = await gatherInputs(o);
  const auditCheckpoint = o.audit === undefined ? null : signCheckpoint(o.audit.head(), o.generatedAtMs, o.key);
  const data = buildReport({ ...inputs, auditCheckpoint });
  const figures = renderFigures(data, inputs);
  const files = await documentFiles(o.format, data, figures, { keyId: o.key.keyId, publicKeyPem: o.key.publicKeyPem }, o.baseName);
  const { manifest, signature } = signReport(files, {
    agreement: data.agreement, period: data.period, preparedFor: data.preparedFor, marking: data.marking, generator: data.generator, generatedAt: data.generatedAt,
  }, o.key);
  const marking = parseMarking(data.marking);
  if (!marking.ok) throw new Error(`report marking "${data.marking}": ${marking.error}`);
  const meta: ReportDocumentMeta = {
    id: data.id, series: data.series, title: data.title, period: data.period, format: o.format, preparedFor: data.preparedFor,
    agreement: { id: data.agreement.id, version: data.agreement.version },
    files: files.map((f) => ({ name: f.name, mediaType: f.mediaType ?? 'application/octet-stream', sha256: sha256Hex(f.bytes), sizeBytes: f.bytes.length })),
    createdMs: o.generatedAtMs, createdBy: o.createdBy, originator: data.originator, marking: marking.value,
  };
  if (o.library !== undefined) {
    const doc = files[0]!.name;
    await o.library.add(meta, [...files, { name: manifestName(doc), bytes: manifest }, { name: signatureName(doc), bytes: signature }, { name: DATA_FILE, bytes: reportJson(data) }]);
  }
  return { meta, data, files, manifest, signature };
}
