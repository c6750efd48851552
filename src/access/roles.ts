/**
 * Roles of a coalition user (issue 5). A user belongs to one nation; `admin` administers the
 * users of that nation, `coalition-admin` all of them.
 */
export const ROLES = ['viewer', 'analyst', 'verifier', 'admin', 'coalition-admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What a request may do. Routes declare one action each; the route table and this list are
 * checked against each other by the authorization matrix test.
 */
export const ACTIONS = [
  'read',              // the common picture: zones, tracks, observations, alerts, reports, incidents (always filtered by releasability)
  'report:create',     // submit or import incident reports
  'briefing:create',   // generate a compliance report document (daily, weekly, meeting)
  'incident:create',   // open an incident from alerts/reports
  'incident:edit',     // assign, comment, attach evidence, move to "under review"
  'incident:verdict',  // record a verdict, attributed party and confidence
  'incident:release',  // widen the releasability of a derived record of one's own nation
  'evidence:read',     // download evidence (audited)
  'users:manage',      // users and tokens of one's own nation
  'users:manage-all',  // users of every nation
  'audit:read',
  'tokens:own',        // create/revoke one's own API tokens
  'metrics:read',      // Prometheus metrics and readiness detail: every feed's name and counters, whatever its releasability (node operators)
] as const;
export type Action = (typeof ACTIONS)[number];

/** Each role's actions; a user holds the union of the actions of their roles. */
export const ROLE_ACTIONS: Readonly<Record<Role, readonly Action[]>> = {
  viewer: ['read', 'evidence:read', 'tokens:own'],
  analyst: ['read', 'evidence:read', 'tokens:own', 'report:create', 'briefing:create', 'incident:create', 'incident:edit'],
  verifier: ['read', 'evidence:read', 'tokens:own', 'report:create', 'briefing:create', 'incident:create', 'incident:edit', 'incident:verdict', 'incident:release'],
  admin: ['read', 'tokens:own', 'users:manage', 'audit:read'],
  'coalition-admin': ['read', 'tokens:own', 'users:manage', 'users:manage-all', 'audit:read', 'metrics:read'],
};

/** An authenticated caller: a browser session or an API token, always on behalf of a user. */
export interface Principal {
  userId: number;
  username: string;
  /** ISO 3166-1 alpha-3. */
  nation: string;
  roles: readonly Role[];
  /** For a token: the actions it was scoped to (a subset of the user's); null for a session. */
  scopes: readonly Action[] | null;
  via: 'session' | 'token';
  /** For a token: its id (the audit log records the actor as `token:ID`). */
  tokenId?: number;
}

/** Whether the principal may perform the action (role grants it and, for tokens, the scope too). */
export function can(p: Principal, action: Action): boolean {
  const granted = p.roles.some((r) => ROLE_ACTIONS[r].includes(action));
  return granted && (p.scopes === null || p.scopes.includes(action));
}
