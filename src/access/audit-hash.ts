import { sha256Hex } from './secrets.js';

/** The `prevHash` of the first entry: 64 zeros (SHA-256 width, hex). */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Format tag hashed in front of every entry, so that a future change of the serialisation
 * is a new tag rather than a silent reinterpretation of old hashes.
 */
const AUDIT_HASH_VERSION = 'vigil-audit/1';

/**
 * JSON with object keys sorted (recursively; arrays keep their order) and no whitespace,
 * so that equal details always give equal bytes. `undefined` members are dropped and
 * non-finite numbers become null, as `JSON.stringify` does.
 * @example canonicalJson({ b: 1, a: [2, { d: 0, c: 1 }] }) // '{"a":[2,{"c":1,"d":0}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const src = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(src).sort()) out[k] = sortKeys(src[k]);
    return out;
  }
  return value;
}

/** The columns of an audit entry that its hash covers (`details` as its stored canonical JSON text). */
export interface AuditHashInput {
  seq: number;
  timeMs: number;
  actor: string;
  nation: string | null;
  action: string;
  target: string;
  detailsJson: string;
  prevHash: string;
}

/**
 * The hash of an audit entry: SHA-256 (hex) of the JSON array
 * `["vigil-audit/1", seq, timeMs, actor, nation, action, target, detailsJson, prevHash]`.
 * A JSON array of strings and numbers is an unambiguous encoding (every field is delimited
 * and escaped), and `detailsJson` is hashed as the exact stored text, so changing any byte
 * of any column changes the hash.
 * @example auditEntryHash({ seq: 1, timeMs: 0, actor: 'cli', nation: null, action: 'user.create', target: 'user:ana', detailsJson: '{}', prevHash: GENESIS_HASH })
 */
export function auditEntryHash(e: AuditHashInput): string {
  return sha256Hex(JSON.stringify([AUDIT_HASH_VERSION, e.seq, e.timeMs, e.actor, e.nation, e.action, e.target, e.detailsJson, e.prevHash]));
}
