import argon2 from 'argon2';

/** Argon2id cost parameters. */
export interface Argon2Params {
  /** Memory, KiB. */
  memoryCost: number;
  /** Passes over memory. */
  timeCost: number;
  /** Lanes (threads). */
  parallelism: number;
}

/**
 * m = 64 MiB, t = 3, p = 1: the memory and passes of RFC 9106's second recommended option
 * (§4, for memory-constrained settings), with one lane because a server hashes logins
 * concurrently and gains nothing from splitting one hash across threads. About 0.1–0.2 s
 * per hash on a current server core; well above OWASP's minimum for argon2id
 * (m = 19 MiB, t = 2, p = 1).
 */
export const DEFAULT_ARGON2_PARAMS: Readonly<Argon2Params> = Object.freeze({ memoryCost: 64 * 1024, timeCost: 3, parallelism: 1 });

/**
 * Hashes and verifies passwords with argon2id (random 16-byte salt per hash, 32-byte
 * output, PHC string format `$argon2id$v=19$m=65536,p=1,t=3$salt$hash`). Verification is
 * constant-time in the library.
 * @example
 * const h = new PasswordHasher();
 * const stored = await h.hash('correct horse battery');
 * await h.verify(stored, 'correct horse battery'); // true
 */
export class PasswordHasher {
  private dummy: Promise<string> | undefined;

  constructor(readonly params: Readonly<Argon2Params> = DEFAULT_ARGON2_PARAMS) {}

  /** A new PHC string for `password`. */
  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id, ...this.params });
  }

  /** Whether `password` matches `stored`; false (never a throw) for a malformed stored hash. */
  async verify(stored: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(stored, password);
    } catch {
      return false;
    }
  }

  /**
   * Spends the time of one verification and returns false: used for unknown usernames so
   * that a login's duration does not tell whether the user exists.
   */
  async verifyNothing(password: string): Promise<false> {
    this.dummy ??= this.hash('vigil: no such user, dummy hash');
    await this.verify(await this.dummy, password);
    return false;
  }

  /** Whether `stored` was made with other parameters than the current ones (re-hash at next login). */
  needsRehash(stored: string): boolean {
    try {
      return argon2.needsRehash(stored, this.params);
    } catch {
      return false;
    }
  }
}
