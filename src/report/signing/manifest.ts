import { createHash } from 'node:crypto';
import { REPORT_PERIODS, type ReportFile, type ReportPeriodKind } from '../report-document.js';

/** Version of the manifest format (docs/formats.md "Signed reports"). */
export const MANIFEST_VERSION = 1;

/** A manifest larger than this is refused unread: a report lists a handful of files. */
export const MAX_MANIFEST_BYTES = 1 << 20;

/** What a manifest says about the report besides its files and key. */
export interface ManifestMeta {
  agreement: { id: string; version: number };
  period: { kind: ReportPeriodKind; from: string; to: string };
  /** ISO 3166-1 alpha-3 of the nation the report is for. */
  preparedFor: string;
  /** Releasability marking as written (`COALITION`, `REL TO FRA, GBR`). */
  marking: string;
  generator: { name: 'vigil'; version: string };
  /** ISO 8601 time of generation. */
  generatedAt: string;
}

/** One listed file: a report file whose media type may be left out. */
export type ManifestFile = Omit<ReportFile, 'mediaType'> & { mediaType?: string };

/** The key that signed, as the manifest names it (naming only: trust comes from the verifier's keys). */
export interface ManifestKey {
  algorithm: 'Ed25519';
  id: string;
  /** SPKI PEM. */
  publicKey: string;
}

export interface Manifest extends ManifestMeta {
  manifestVersion: typeof MANIFEST_VERSION;
  files: ManifestFile[];
  key: ManifestKey;
}

/** A file to list: its name, bytes and, optionally, media type. */
export interface ReportFileBytes {
  name: string;
  bytes: Buffer;
  mediaType?: string;
}

/**
 * Why `name` is not a plain file name, or undefined if it is. Listed files are read from the
 * document's directory, so a name must not reach outside it, however it is spelled.
 */
export function fileNameProblem(name: string): string | undefined {
  if (name === '' || name === '.' || name.length > 255) return 'is not a file name';
  if (name.includes('/') || name.includes('\\')) return 'contains a directory separator';
  if (name.includes('..')) return 'contains ".."';
  if (/[\u0000-\u001f]/.test(name)) return 'contains a control character';
  return undefined;
}

/** The manifest of `files` (in their order, the document first) signed by `key`. */
export function buildManifest(files: readonly ReportFileBytes[], meta: ManifestMeta, key: { keyId: string; publicKeyPem: string }): Manifest {
  if (files.length === 0) throw new Error('a signed report needs at least one file (the document)');
  const seen = new Set<string>();
  for (const f of files) {
    const problem = fileNameProblem(f.name);
    if (problem !== undefined) throw new Error(`report file name ${JSON.stringify(f.name)} ${problem}: files sit beside the document`);
    if (seen.has(f.name)) throw new Error(`report file ${f.name} is listed twice`);
    seen.add(f.name);
  }
  return {
    manifestVersion: MANIFEST_VERSION,
    files: files.map((f) => ({ name: f.name, ...(f.mediaType !== undefined ? { mediaType: f.mediaType } : {}), sha256: sha256Hex(f.bytes), sizeBytes: f.bytes.length })),
    ...meta,
    key: { algorithm: 'Ed25519', id: key.keyId, publicKey: key.publicKeyPem },
  };
}

/**
 * The manifest's bytes: pretty JSON, keys in a fixed order (rebuilt field by field, so that the
 * order never depends on how the object was assembled), and a trailing newline. These are the
 * bytes that get signed.
 */
export function serializeManifest(m: Manifest): Buffer {
  const ordered = {
    manifestVersion: m.manifestVersion,
    files: m.files.map((f) => ({ name: f.name, ...(f.mediaType !== undefined ? { mediaType: f.mediaType } : {}), sha256: f.sha256, sizeBytes: f.sizeBytes })),
    agreement: { id: m.agreement.id, version: m.agreement.version },
    period: { kind: m.period.kind, from: m.period.from, to: m.period.to },
    preparedFor: m.preparedFor,
    marking: m.marking,
    generator: { name: m.generator.name, version: m.generator.version },
    generatedAt: m.generatedAt,
    key: { algorithm: m.key.algorithm, id: m.key.id, publicKey: m.key.publicKey },
  };
  return Buffer.from(`${JSON.stringify(ordered, null, 2)}\n`, 'utf8');
}

export type ParseManifestResult = { ok: true; value: Manifest } | { ok: false; error: string };

/**
 * Parses manifest bytes from outside (trust boundary): every field checked, file names plain
 * and unique, so that nothing after this reads a path the manifest made up.
 */
export function parseManifest(bytes: Buffer): ParseManifestResult {
  if (bytes.length > MAX_MANIFEST_BYTES) return { ok: false, error: `manifest is ${bytes.length} bytes, more than ${MAX_MANIFEST_BYTES}` };
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    return { ok: false, error: `manifest is not valid JSON: ${(err as Error).message}` };
  }
  const bad = (what: string): ParseManifestResult => ({ ok: false, error: `manifest ${what}` });
  if (!isObject(raw)) return bad('is not a JSON object');
  if (raw.manifestVersion !== MANIFEST_VERSION) return bad(`has manifestVersion ${JSON.stringify(raw.manifestVersion)}, this Vigil reads ${MANIFEST_VERSION}`);
  if (!Array.isArray(raw.files) || raw.files.length === 0) return bad('lists no files');
  const files: ManifestFile[] = [];
  const seen = new Set<string>();
  for (const [i, f] of raw.files.entries()) {
    if (!isObject(f) || typeof f.name !== 'string') return bad(`files[${i}] has no name`);
    const problem = fileNameProblem(f.name);
    if (problem !== undefined) return bad(`files[${i}] name ${JSON.stringify(f.name)} ${problem}: only plain file names beside the document are allowed`);
    if (seen.has(f.name)) return bad(`lists ${f.name} twice`);
    seen.add(f.name);
    if (typeof f.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(f.sha256)) return bad(`files[${i}] (${f.name}) sha256 is not 64 lower-case hex digits`);
    if (!Number.isSafeInteger(f.sizeBytes) || (f.sizeBytes as number) < 0) return bad(`files[${i}] (${f.name}) sizeBytes is not a byte count`);
    if (f.mediaType !== undefined && typeof f.mediaType !== 'string') return bad(`files[${i}] (${f.name}) mediaType is not a string`);
    files.push({ name: f.name, ...(f.mediaType !== undefined ? { mediaType: f.mediaType as string } : {}), sha256: f.sha256, sizeBytes: f.sizeBytes as number });
  }
  const { agreement, period, generator, key } = raw;
  if (!isObject(agreement) || typeof agreement.id !== 'string' || !Number.isSafeInteger(agreement.version)) return bad('agreement is not {id, version}');
  if (!isObject(period) || !(REPORT_PERIODS as readonly unknown[]).includes(period.kind) || typeof period.from !== 'string' || typeof period.to !== 'string') return bad(`period is not {kind: ${REPORT_PERIODS.join('|')}, from, to}`);
  if (typeof raw.preparedFor !== 'string') return bad('preparedFor is not a string');
  if (typeof raw.marking !== 'string') return bad('marking is not a string');
  if (!isObject(generator) || generator.name !== 'vigil' || typeof generator.version !== 'string') return bad('generator is not {name: "vigil", version}');
  if (typeof raw.generatedAt !== 'string') return bad('generatedAt is not a string');
  if (!isObject(key) || key.algorithm !== 'Ed25519' || typeof key.id !== 'string' || typeof key.publicKey !== 'string') return bad('key is not {algorithm: "Ed25519", id, publicKey}');
  return {
    ok: true,
    value: {
      manifestVersion: MANIFEST_VERSION, files,
      agreement: { id: agreement.id, version: agreement.version as number },
      period: { kind: period.kind as ReportPeriodKind, from: period.from, to: period.to },
      preparedFor: raw.preparedFor, marking: raw.marking,
      generator: { name: 'vigil', version: generator.version },
      generatedAt: raw.generatedAt,
      key: { algorithm: 'Ed25519', id: key.id, publicKey: key.publicKey },
    },
  };
}

/** SHA-256 of bytes, lower-case hex (as `ReportFile.sha256`). */
export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
