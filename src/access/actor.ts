import { can, type Action, type Principal } from './roles.js';

/**
 * The platform acting on its own behalf under a name: `cli` for `vigil init|user|token`
 * commands run by whoever holds the data directory, `system` for internal jobs. It may do
 * everything; the audit log records it by that name.
 */
export interface SystemActor {
  system: string;
}

/** Who performs an access operation: an authenticated user, or the system. */
export type Actor = Principal | SystemActor;

/** Whether `by` is the system rather than a user. */
export function isSystem(by: Actor): by is SystemActor {
  return 'system' in by;
}

/** `can(by, action)`, with the system allowed everything. */
export function actorCan(by: Actor, action: Action): boolean {
  return isSystem(by) || can(by, action);
}

/**
 * The audit log's `actor`: the system's name, `token:ID` for a token principal, `user:NAME`
 * for a session.
 * @example auditActor({ system: 'cli' }) // 'cli'
 */
export function auditActor(by: Actor): string {
  if (isSystem(by)) return by.system;
  return by.via === 'token' && by.tokenId !== undefined ? `token:${by.tokenId}` : `user:${by.username}`;
}
