import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where a data directory keeps the node's key pair. */
export const KEYS_DIR = 'keys';
export const PRIVATE_KEY_FILE = 'node-ed25519.pem';
export const PUBLIC_KEY_FILE = 'node-ed25519.pub.pem';

/** The signing key of this Vigil node. */
export interface NodeKey {
  privateKey: KeyObject;
  /** SPKI PEM, as published at `GET /api/keys` and embedded in every manifest. */
  publicKeyPem: string;
  /** `ed25519:` + first 16 hex characters of SHA-256 of the DER SPKI public key. */
  keyId: string;
}

/** A public key read from a file, for verification. */
export interface PublicKeyInfo {
  publicKeyPem: string;
  keyId: string;
}

/** Paths of the key files of a data directory. */
export function nodeKeyPaths(dataDir: string): { dir: string; privateKey: string; publicKey: string } {
  const dir = join(dataDir, KEYS_DIR);
  return { dir, privateKey: join(dir, PRIVATE_KEY_FILE), publicKey: join(dir, PUBLIC_KEY_FILE) };
}

/**
 * The key id of a public key. It hashes the DER SPKI rather than the PEM so that the same key
 * has the same id whatever its line endings or surrounding text.
 */
export function keyIdOf(publicKey: KeyObject | string): string {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  const der = key.export({ type: 'spki', format: 'der' });
  return `ed25519:${createHash('sha256').update(der).digest('hex').slice(0, 16)}`;
}

/**
 * Loads the node key of `dataDir`, creating the pair on first use (directory 0700, private key
 * 0600). Like ssh, it refuses a private key that group or others may access: a key that others
 * could have read proves nothing about who signed. The public file is derived from the private
 * key: rewritten when missing, and a mismatch (someone replaced one half) is an error rather
 * than a silent choice of one half.
 */
export function loadOrCreateNodeKey(dataDir: string): NodeKey {
  const paths = nodeKeyPaths(dataDir);
  if (!existsSync(paths.privateKey)) create(paths);
  const mode = statSync(paths.privateKey).mode;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new Error(`${paths.privateKey}: private key is accessible by group or others (mode ${(mode & 0o777).toString(8).padStart(4, '0')}); run "chmod 600 ${paths.privateKey}"`);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(paths.privateKey, 'utf8'));
  } catch (err) {
    throw new Error(`${paths.privateKey}: not a PEM private key: ${(err as Error).message}`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${paths.privateKey}: is a ${privateKey.asymmetricKeyType} key, not Ed25519`);
  const publicKey = createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  if (!existsSync(paths.publicKey)) {
    writeFileSync(paths.publicKey, publicKeyPem, { mode: 0o644 });
  } else if (keyIdOf(readPublicKey(paths.publicKey).publicKeyPem) !== keyIdOf(publicKey)) {
    throw new Error(`${paths.publicKey} is not the public key of ${paths.privateKey}: remove it to have it written again`);
  }
  return { privateKey, publicKeyPem, keyId: keyIdOf(publicKey) };
}

/** Generates the pair; `wx` so that two processes starting together never overwrite each other's key. */
function create(paths: ReturnType<typeof nodeKeyPaths>): void {
  if (!existsSync(paths.dir)) {
    mkdirSync(paths.dir, { recursive: true });
    chmodSync(paths.dir, 0o700);
  }
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  try {
    writeFileSync(paths.privateKey, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return; // created meanwhile by another process: load that one
    throw err;
  }
  writeFileSync(paths.publicKey, publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644 });
}

/**
 * Reads an Ed25519 public key (SPKI PEM) to trust. A private key file is refused, though the
 * public half could be derived from it: whoever passes one is about to copy a secret around.
 */
export function readPublicKey(path: string): PublicKeyInfo {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read public key ${path}: ${(err as Error).message}`);
  }
  if (text.includes('PRIVATE KEY')) throw new Error(`${path} is a private key: give the public key (${PUBLIC_KEY_FILE}, or GET /api/keys)`);
  let key: KeyObject;
  try {
    key = createPublicKey(text);
  } catch (err) {
    throw new Error(`${path}: not a PEM public key: ${(err as Error).message}`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${path}: is a ${key.asymmetricKeyType} key, not Ed25519`);
  return { publicKeyPem: key.export({ type: 'spki', format: 'pem' }).toString(), keyId: keyIdOf(key) };
}
