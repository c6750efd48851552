import type { Category, Domain, RuleType, Severity } from '../agreement/schema.js';
import type { EntityKind } from '../track/observation.js';

/** The entity an alert is about, as SPEC "Alert" shows it. */
export interface AlertEntity {
  kind: EntityKind;
  id: string;
  name?: string;
  flag?: string;
  category?: Category;
  party?: string;
}

/** An alert as written (SPEC "Alert"): one JSON object per line, keys in this order. */
export interface Alert {
  id: string;
  rule: string;
  type: RuleType;
  domain: Domain;
  severity: Severity;
  entity: AlertEntity;
  other?: { id: string; name?: string; flag?: string; category?: Category; party?: string };
  zone: string | null;
  /** ISO 8601 UTC. */
  start: string;
  /** ISO 8601 UTC, null while open at the end of the input. */
  end: string | null;
  position: { lat: number; lon: number };
  evidence: Record<string, number | string | boolean | null>;
}

/**
 * Stable alert id: a 64-bit FNV-1a hash (two 32-bit lanes) of agreement, rule, entity,
 * other entity, zone and start time — the same inputs always give the same id, and a
 * re-run never renumbers alerts.
 */
export function alertId(parts: readonly (string | number)[]): string {
  return stableHash64(parts);
}

/** The 64-bit FNV-1a of `alertId`, for any parts (stream message ids use it too). */
export function stableHash64(parts: readonly (string | number)[]): string {
  const text = parts.join('\u001f');
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x9e3779b9;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/** Alert → its JSON line (fixed key order, so output is byte-identical across runs). */
export function alertToJson(a: Alert): string {
  return JSON.stringify({
    id: a.id, rule: a.rule, type: a.type, domain: a.domain, severity: a.severity, entity: a.entity,
    ...(a.other !== undefined ? { other: a.other } : {}),
    zone: a.zone, start: a.start, end: a.end, position: a.position, evidence: a.evidence,
  });
}
