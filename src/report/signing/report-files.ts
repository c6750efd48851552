import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { NodeKey } from './node-key.js';
import { MAX_MANIFEST_BYTES, type ManifestMeta, type ReportFileBytes } from './manifest.js';
import { signReport, verifyReport, type VerifyReportResult } from './sign-report.js';

/** Suffixes of the files beside a document `report.html`: `report.html.manifest.json`, `report.html.sig`. */
export const MANIFEST_SUFFIX = '.manifest.json';
export const SIGNATURE_SUFFIX = '.sig';

/** Paths of the manifest and signature of a document. */
export function signaturePaths(docPath: string): { manifest: string; signature: string } {
  return { manifest: `${docPath}${MANIFEST_SUFFIX}`, signature: `${docPath}${SIGNATURE_SUFFIX}` };
}

/**
 * Writes a signed report into `dir`: every file (the document first), then its manifest, then
 * the signature last, so that a report interrupted half-way never verifies.
 */
export function writeSignedReport(dir: string, files: readonly ReportFileBytes[], meta: ManifestMeta, key: NodeKey): { files: string[]; manifest: string; signature: string } {
  const { manifest, signature } = signReport(files, meta, key); // checks the names before anything is written
  const written = files.map((f) => {
    const path = join(dir, f.name);
    writeFileSync(path, f.bytes);
    return path;
  });
  const paths = signaturePaths(join(dir, files[0]!.name));
  writeFileSync(paths.manifest, manifest);
  writeFileSync(paths.signature, signature);
  return { files: written, ...paths };
}

/**
 * Verifies the document at `docPath` with the manifest and signature beside it; listed files
 * are read from the document's directory. The document itself must be listed: otherwise a
 * genuine manifest of another report, renamed, would "verify" a document it never covered.
 */
export function verifyReportFile(docPath: string, trustedKeys: readonly string[]): VerifyReportResult {
  const paths = signaturePaths(docPath);
  const manifest = readSmall(paths.manifest, 'manifest', MAX_MANIFEST_BYTES);
  if (!manifest.ok) return manifest;
  const signature = readSmall(paths.signature, 'signature', 1024);
  if (!signature.ok) return signature;
  const dir = dirname(docPath);
  const result = verifyReport((name) => {
    try {
      return readFileSync(join(dir, name));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }, manifest.bytes, signature.bytes, trustedKeys);
  const doc = basename(docPath);
  if (result.ok && !result.manifest.files.some((f) => f.name === doc)) {
    return { ok: false, reason: `the manifest does not list ${doc} (it lists ${result.manifest.files.map((f) => f.name).join(', ')})` };
  }
  return result;
}

function readSmall(path: string, what: string, maxBytes: number): { ok: true; bytes: Buffer } | { ok: false; reason: string } {
  try {
    const size = statSync(path).size;
    if (size > maxBytes) return { ok: false, reason: `${what} ${path} is ${size} bytes, more than ${maxBytes}` };
    return { ok: true, bytes: readFileSync(path) };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? `no ${what} beside it (${path})` : `cannot read ${what} ${path}: ${(err as Error).message}` };
  }
}
