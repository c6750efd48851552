import { textProblem } from '../core/text/text-problem.js';
import { AccessError } from './ports.js';
import { ACTIONS, ROLES, type Action, type Role } from './roles.js';

/** Usernames: lower-case letters, digits, `.`, `_`, `-`; 3 to 32 characters. */
export const USERNAME_PATTERN = /^[a-z0-9._-]{3,32}$/;

/** Nations: ISO 3166-1 alpha-3 shape (three capital letters). */
export const NATION_PATTERN = /^[A-Z]{3}$/;

/**
 * At least 12 characters (NIST SP 800-63B allows 8; a coalition console that shows other
 * nations' intelligence deserves more), at most 1,024 so that a request cannot make argon2
 * hash megabytes. Characters are Unicode code points.
 */
export const MIN_PASSWORD_CHARS = 12;
export const MAX_PASSWORD_CHARS = 1024;

/** API tokens live at most 365 days: a forgotten token must die on its own. */
export const MAX_TOKEN_TTL_MS = 365 * 24 * 3600 * 1000;

/** Token names: 1 to 64 characters, a label for its owner. */
export const MAX_TOKEN_NAME_CHARS = 64;

/** Throws `AccessError('invalid')` naming `username` unless it matches `USERNAME_PATTERN`. */
export function checkUsername(username: string): string {
  if (!USERNAME_PATTERN.test(username)) {
    throw new AccessError('invalid', `username: "${username.slice(0, 40)}" must be 3 to 32 characters of a-z, 0-9, ".", "_", "-"`);
  }
  return username;
}

/** Throws `AccessError('invalid')` naming `nation` unless it is three capital letters. */
export function checkNation(nation: string): string {
  if (!NATION_PATTERN.test(nation)) {
    throw new AccessError('invalid', `nation: "${nation.slice(0, 40)}" must be an ISO 3166-1 alpha-3 code (three capital letters, e.g. FRA)`);
  }
  return nation;
}

/** Throws `AccessError('invalid')` naming `password` unless it has 12 to 1,024 characters. */
export function checkPassword(password: string): string {
  const n = [...password].length;
  if (n < MIN_PASSWORD_CHARS) throw new AccessError('invalid', `password: must be at least ${MIN_PASSWORD_CHARS} characters (got ${n})`);
  if (n > MAX_PASSWORD_CHARS) throw new AccessError('invalid', `password: must be at most ${MAX_PASSWORD_CHARS} characters`);
  return password;
}

/** The roles, deduplicated in `ROLES` order; throws `AccessError('invalid')` for none or an unknown one. */
export function checkRoles(roles: readonly string[]): Role[] {
  if (roles.length === 0) throw new AccessError('invalid', `roles: at least one of ${ROLES.join(', ')}`);
  for (const r of roles) {
    if (!(ROLES as readonly string[]).includes(r)) throw new AccessError('invalid', `roles: unknown role "${r.slice(0, 40)}" (known: ${ROLES.join(', ')})`);
  }
  return ROLES.filter((r) => roles.includes(r));
}

/** The scopes, deduplicated in `ACTIONS` order; throws `AccessError('invalid')` for none or an unknown one. */
export function checkScopes(scopes: readonly string[]): Action[] {
  if (scopes.length === 0) throw new AccessError('invalid', `scopes: at least one of ${ACTIONS.join(', ')}`);
  for (const s of scopes) {
    if (!(ACTIONS as readonly string[]).includes(s)) throw new AccessError('invalid', `scopes: unknown action "${s.slice(0, 40)}" (known: ${ACTIONS.join(', ')})`);
  }
  return ACTIONS.filter((a) => scopes.includes(a));
}

/** Throws `AccessError('invalid')` unless `ttlMs` is a whole number of ms in (0, 365 days]. */
export function checkTokenTtl(ttlMs: number): number {
  if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0 || ttlMs > MAX_TOKEN_TTL_MS) {
    throw new AccessError('invalid', `ttlMs: a token must expire, after more than 0 and at most 365 days (${MAX_TOKEN_TTL_MS} ms); got ${ttlMs}`);
  }
  return ttlMs;
}

/** Throws `AccessError('invalid')` unless the token name has 1 to 64 characters after trimming. */
export function checkTokenName(name: string): string {
  const n = name.trim();
  if (n.length === 0 || [...n].length > MAX_TOKEN_NAME_CHARS) throw new AccessError('invalid', `name: 1 to ${MAX_TOKEN_NAME_CHARS} characters`);
  const problem = textProblem(n);
  if (problem !== undefined) throw new AccessError('invalid', `name: ${problem}`);
  return n;
}
