import { sign, verify } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import type { NodeKey } from '../report/signing/node-key.js';
import { parseTrustedKey } from '../report/signing/sign-report.js';
import { GENESIS_HASH } from './audit-hash.js';

/** Format tag of a checkpoint; it is the first line of the signed text. */
export const CHECKPOINT_FORMAT = 'vigil-audit-checkpoint/1';

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
/** 64 bytes in base64. */
const SIGNATURE = /^[A-Za-z0-9+/]{86}==$/;

/**
 * A signed checkpoint of the audit log, as Certificate Transparency signs tree heads (RFC 6962
 * §3.5): the log had `size` entries and entry `size` had hash `head`. Whoever keeps one can
 * later prove that none of those entries was removed, reordered or changed
 * (`vigil audit verify --checkpoint FILE`).
 */
export const AuditCheckpointSchema = Type.Object({
  format: Type.Literal(CHECKPOINT_FORMAT),
  size: Type.Integer({ minimum: 0, description: 'entries covered: seq 1 to size' }),
  head: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'hash of entry `size` (64 zeros when size is 0)' }),
  timestamp: Type.String({ format: 'date-time', description: 'when it was signed' }),
  key: Type.Object({ algorithm: Type.Literal('Ed25519'), id: Type.String({ description: 'the node key (GET /api/keys)' }) }),
  signature: Type.String({ pattern: SIGNATURE.source, description: 'base64 Ed25519 signature over the signed text (docs/coalition.md)' }),
}, { additionalProperties: false, description: 'signed checkpoint of the audit log (head hash and length)' });

export type AuditCheckpoint = Static<typeof AuditCheckpointSchema>;

/**
 * The exact bytes signed: the format tag, key id, size, head and timestamp, one a line. A
 * line-based text, like the checkpoints of Go's transparency logs (C2SP signed notes): no
 * serialisation choice of JSON can change what was signed.
 */
export function checkpointSignedText(c: Pick<AuditCheckpoint, 'size' | 'head' | 'timestamp'> & { keyId: string }): Buffer {
  return Buffer.from(`${CHECKPOINT_FORMAT}\n${c.keyId}\n${c.size}\n${c.head}\n${c.timestamp}\n`, 'utf8');
}

/** Signs the head of the log (`seq` entries, the last with hash `hash`) at `timeMs` with the node key. */
export function signCheckpoint(head: { seq: number; hash: string }, timeMs: number, key: NodeKey): AuditCheckpoint {
  const timestamp = new Date(timeMs).toISOString();
  const text = checkpointSignedText({ size: head.seq, head: head.hash, timestamp, keyId: key.keyId });
  return {
    format: CHECKPOINT_FORMAT, size: head.seq, head: head.hash, timestamp,
    key: { algorithm: 'Ed25519', id: key.keyId }, signature: sign(null, text, key.privateKey).toString('base64'),
  };
}

export type ParseCheckpointResult = { ok: true; value: AuditCheckpoint } | { ok: false; error: string };

/**
 * A checkpoint from outside (trust boundary): the checkpoint itself, or a report document in
 * JSON (`vigil-report/1`) that carries one as `auditCheckpoint`. Checks the shape only; the
 * signature is `verifyCheckpointSignature`'s.
 */
export function parseCheckpoint(value: unknown): ParseCheckpointResult {
  let v = value;
  if (v !== null && typeof v === 'object' && (v as { schema?: unknown }).schema === 'vigil-report/1') {
    v = (v as { auditCheckpoint?: unknown }).auditCheckpoint;
    if (v === null || v === undefined) return { ok: false, error: 'the report carries no audit checkpoint (it was made from recorded inputs, without a data directory)' };
  }
  const problem = checkpointProblem(v);
  if (problem !== undefined) return { ok: false, error: `not an audit checkpoint (${CHECKPOINT_FORMAT}): ${problem}` };
  return { ok: true, value: v as AuditCheckpoint };
}

/** What is wrong with `v` as a checkpoint, naming the field; undefined when nothing is. */
function checkpointProblem(v: unknown): string | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return 'not a JSON object';
  const c = v as Record<string, unknown>;
  const extra = Object.keys(c).find((k) => !(k in AuditCheckpointSchema.properties));
  if (extra !== undefined) return `unknown field "${extra}"`;
  if (c['format'] !== CHECKPOINT_FORMAT) return `format must be "${CHECKPOINT_FORMAT}"`;
  if (typeof c['size'] !== 'number' || !Number.isSafeInteger(c['size']) || c['size'] < 0) return 'size must be a whole number >= 0';
  if (typeof c['head'] !== 'string' || !/^[0-9a-f]{64}$/.test(c['head'])) return 'head must be 64 lower-case hex digits';
  if (c['size'] === 0 && c['head'] !== GENESIS_HASH) return 'the head of an empty log is 64 zeros';
  if (typeof c['timestamp'] !== 'string' || !ISO_UTC.test(c['timestamp']) || Number.isNaN(Date.parse(c['timestamp']))) return 'timestamp must be an ISO 8601 UTC time (2026-03-25T06:00:00.000Z)';
  const key = c['key'] as Record<string, unknown> | null | undefined;
  if (key === null || typeof key !== 'object' || key['algorithm'] !== 'Ed25519' || typeof key['id'] !== 'string' || Object.keys(key).length !== 2) return 'key must be { algorithm: "Ed25519", id }';
  if (typeof c['signature'] !== 'string' || !SIGNATURE.test(c['signature'])) return 'signature must be a base64 Ed25519 signature (64 bytes)';
  return undefined;
}

export type CheckpointSignatureResult = { ok: true; keyId: string } | { ok: false; reason: string };

/**
 * Whether a trusted key (SPKI PEMs) signed the checkpoint. Trust comes only from those keys;
 * the key id the checkpoint names only says, in the refusal, who claims to have signed.
 */
export function verifyCheckpointSignature(c: AuditCheckpoint, trustedKeys: readonly string[]): CheckpointSignatureResult {
  const trusted = trustedKeys.map(parseTrustedKey);
  const ids = trusted.length === 0 ? 'none given' : trusted.map((k) => k.id).join(', ');
  const signer = trusted.find((k) => k.id === c.key.id);
  if (signer === undefined) return { ok: false, reason: `checkpoint is signed by key ${c.key.id}, which is not among the trusted keys (${ids})` };
  const text = checkpointSignedText({ size: c.size, head: c.head, timestamp: c.timestamp, keyId: c.key.id });
  if (!verify(null, text, signer.key, Buffer.from(c.signature, 'base64'))) {
    return { ok: false, reason: `checkpoint signature does not verify with key ${signer.id}: its size, head, timestamp or signature was changed after signing` };
  }
  return { ok: true, keyId: signer.id };
}
