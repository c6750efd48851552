import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { keyIdOf, type NodeKey } from './node-key.js';
import { buildManifest, parseManifest, serializeManifest, sha256Hex, type Manifest, type ManifestMeta, type ReportFileBytes } from './manifest.js';

/** Bytes of a listed file by name; `undefined` when it does not exist. May throw on a read error. */
export type ReportFileReader = (name: string) => Buffer | undefined;

export type VerifyReportResult = { ok: true; keyId: string; manifest: Manifest } | { ok: false; reason: string };

/**
 * Signs a report: the manifest lists every file's SHA-256 and size, and the Ed25519 signature
 * is over the exact manifest bytes, so one signature covers every file. The signature file is
 * base64 with a trailing newline (text, so that it survives mail and copy-paste; `base64 -d`
 * gives the 64 raw bytes openssl wants).
 */
export function signReport(files: readonly ReportFileBytes[], meta: ManifestMeta, key: NodeKey): { manifest: Buffer; signature: Buffer } {
  const manifest = serializeManifest(buildManifest(files, meta, key));
  const signature = Buffer.from(`${sign(null, manifest, key.privateKey).toString('base64')}\n`, 'ascii');
  return { manifest, signature };
}

/**
 * Verifies a signed report against `trustedKeys` (SPKI PEMs). Trust comes only from those keys:
 * the public key the manifest embeds is used to name who signed when it is no trusted key, never
 * to accept. Order: manifest well-formed, signature by a trusted key, then every listed file
 * (present, same SHA-256 and size) — files are not looked at until the manifest is known to be
 * genuine. Reasons name the file or key at fault.
 */
export function verifyReport(files: ReadonlyMap<string, Buffer> | ReportFileReader, manifest: Buffer, signature: Buffer, trustedKeys: readonly string[]): VerifyReportResult {
  const parsed = parseManifest(manifest);
  if (!parsed.ok) return { ok: false, reason: parsed.error };
  const m = parsed.value;

  const sigText = signature.toString('ascii').trim();
  const sig = Buffer.from(sigText, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(sigText) || sig.length !== 64) return { ok: false, reason: 'signature file is not a base64 Ed25519 signature (64 bytes)' };

  const trusted = trustedKeys.map(parseTrustedKey);
  const signer = trusted.find((k) => verify(null, manifest, k.key, sig));
  if (signer === undefined) return { ok: false, reason: untrustedReason(m, manifest, sig, trusted) };
  if (m.key.id !== signer.id) return { ok: false, reason: `manifest names key ${m.key.id} but is signed by trusted key ${signer.id}` };

  const read: ReportFileReader = typeof files === 'function' ? files : (name) => files.get(name);
  for (const f of m.files) {
    let bytes: Buffer | undefined;
    try {
      bytes = read(f.name);
    } catch (err) {
      return { ok: false, reason: `cannot read ${f.name}: ${(err as Error).message}` };
    }
    if (bytes === undefined) return { ok: false, reason: `${f.name} is listed in the manifest but missing` };
    const sha256 = sha256Hex(bytes);
    if (sha256 !== f.sha256) {
      const size = bytes.length === f.sizeBytes ? '' : ` (and its size is ${bytes.length} bytes, the manifest says ${f.sizeBytes})`;
      return { ok: false, reason: `${f.name}: SHA-256 ${sha256} differs from the manifest's ${f.sha256}${size}` };
    }
    if (bytes.length !== f.sizeBytes) return { ok: false, reason: `${f.name}: size ${bytes.length} bytes differs from the manifest's ${f.sizeBytes}` };
  }
  return { ok: true, keyId: signer.id, manifest: m };
}

/** Why no trusted key verifies: signed by the embedded (untrusted) key, or by nobody's key over these bytes. */
function untrustedReason(m: Manifest, manifest: Buffer, sig: Buffer, trusted: readonly { id: string }[]): string {
  const trustedIds = trusted.length === 0 ? 'none given' : trusted.map((k) => k.id).join(', ');
  let embedded: KeyObject | undefined;
  try {
    embedded = createPublicKey(m.key.publicKey);
  } catch {
    embedded = undefined;
  }
  if (embedded?.asymmetricKeyType === 'ed25519' && verify(null, manifest, embedded, sig)) {
    return `signed by key ${keyIdOf(embedded)} which is not among the trusted keys (${trustedIds})`;
  }
  return `signature does not verify with any trusted key (${trustedIds}): the manifest or the signature was changed after signing`;
}

/** A trusted key from the operator: a bad one is a usage error, so it throws. */
export function parseTrustedKey(pem: string): { id: string; key: KeyObject } {
  if (pem.includes('PRIVATE KEY')) throw new Error('a trusted key must be a public key (SPKI PEM), not a private key');
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`trusted key is a ${key.asymmetricKeyType} key, not Ed25519`);
  return { id: keyIdOf(key), key };
}
