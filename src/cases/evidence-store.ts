import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Whether `text` is a SHA-256 digest as evidence is addressed by: 64 lower-case hex digits. */
export function isSha256Hex(text: string): boolean {
  return SHA256_HEX.test(text);
}

/** SHA-256 of `bytes`, lower-case hex. */
export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Stored evidence whose content no longer matches its address (disk corruption or tampering). */
export class EvidenceIntegrityError extends Error {
  override name = 'EvidenceIntegrityError';
}

/**
 * Content-addressed evidence files: `<dir>/aa/bb/<sha256>`, where `aa` and `bb` are the first
 * two byte pairs of the digest (two levels of 256 directories keep each directory small at a
 * million files). The same content is stored once however often it is attached; a file is
 * written to a temporary name and renamed, so a reader never sees half a file. The content is
 * checked against its address on every read, and a damaged copy is replaced when the same
 * content is attached again.
 * @example const ev = new EvidenceStore('data/evidence'); const { sha256 } = await ev.put(Buffer.from('…'));
 */
export class EvidenceStore {
  /** `dir`: the evidence root, normally `DATA_DIR/evidence`. */
  constructor(readonly dir: string) {}

  /** Where the content with this digest lives. Throws on anything but a SHA-256 hex digest (no path tricks). */
  pathOf(sha256: string): string {
    if (!isSha256Hex(sha256)) throw new TypeError(`"${sha256.slice(0, 80)}" is not a SHA-256 digest (64 lower-case hex digits)`);
    return join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** Stores `bytes` unless the same content is already there; `created` tells which. */
  async put(bytes: Uint8Array): Promise<{ sha256: string; sizeBytes: number; created: boolean }> {
    const sha256 = sha256Of(bytes);
    const path = this.pathOf(sha256);
    const existing = await stat(path).catch(() => undefined);
    // A damaged copy (wrong size or content) is replaced by the good bytes just received.
    if (existing !== undefined && existing.size === bytes.length && sha256Of(await readFile(path)) === sha256) {
      return { sha256, sizeBytes: bytes.length, created: false };
    }
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(tmp, bytes, { mode: 0o640 });
      await rename(tmp, path);
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
    return { sha256, sizeBytes: bytes.length, created: true };
  }

  /** The content with this digest, checked. Throws `EvidenceIntegrityError` if it does not hash to `sha256`. */
  async get(sha256: string): Promise<Buffer> {
    const bytes = await readFile(this.pathOf(sha256));
    const actual = sha256Of(bytes);
    if (actual !== sha256) {
      throw new EvidenceIntegrityError(`evidence ${sha256} is corrupt: its content hashes to ${actual}`);
    }
    return bytes;
  }
}
