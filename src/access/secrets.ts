import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Random secrets and their digests for sessions, CSRF and API tokens.
 *
 * 32 bytes (256 bits) from the OS CSPRNG: far beyond guessing, so a plain SHA-256 of the
 * secret is a sufficient stored form (no salt or slow hash is needed for high-entropy
 * secrets, unlike passwords).
 */
export const SECRET_BYTES = 32;

/** Prefix of API token secrets, so that leaked tokens are recognisable by secret scanners. */
export const TOKEN_PREFIX = 'vgl_';

/** `vgl_` + 43 base64url characters (32 bytes, unpadded). */
const TOKEN_PATTERN = /^vgl_[A-Za-z0-9_-]{43}$/;
const SESSION_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * 32 random bytes as unpadded base64url (43 characters).
 * @example randomSecret() // 'kq3Y…' (43 characters)
 */
export function randomSecret(): string {
  return randomBytes(SECRET_BYTES).toString('base64url');
}

/** SHA-256 of `data` as lower-case hex (64 characters). */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * A new API token secret: `vgl_` + base64url(32 random bytes).
 * @example newTokenSecret() // 'vgl_Jx0…' (47 characters)
 */
export function newTokenSecret(): string {
  return TOKEN_PREFIX + randomSecret();
}

/**
 * The stored form of a token secret: SHA-256 (hex) of its 32 random bytes, or undefined
 * when `secret` is not shaped like a token (so malformed input never reaches the database).
 */
export function tokenSecretHash(secret: string): string | undefined {
  if (!TOKEN_PATTERN.test(secret)) return undefined;
  const text = secret.slice(TOKEN_PREFIX.length);
  const bytes = Buffer.from(text, 'base64url');
  // Only the canonical encoding: the last character carries 2 spare bits, and a token with
  // them flipped must not be another spelling of the same secret.
  return bytes.length === SECRET_BYTES && bytes.toString('base64url') === text ? sha256Hex(bytes) : undefined;
}

/** The stored form of a session id: SHA-256 (hex) of the id text, or undefined when malformed. */
export function sessionIdHash(sessionId: string): string | undefined {
  return SESSION_PATTERN.test(sessionId) ? sha256Hex(sessionId) : undefined;
}

/**
 * Constant-time string comparison (for CSRF tokens and stored digests): the time taken does
 * not depend on where the strings first differ. Strings of different lengths compare
 * unequal (their lengths are not secret: all our secrets have fixed lengths).
 * @example safeEqual(session.csrfToken, request.headers['x-csrf-token'] ?? '')
 */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
