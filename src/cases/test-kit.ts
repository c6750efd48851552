/**
 * Test support for casework: an in-memory audit log, principals, and alert/report builders.
 * Used by the `*.test.ts` files of `src/cases/` (and usable by the API tests).
 */
import type { AuditEntry, AuditLog, AuditQuery } from '../access/ports.js';
import type { Principal, Role } from '../access/roles.js';
import type { Alert } from '../core/alert/alert.js';
import type { Marking, Page } from '../store/ports.js';
import type { AlertInput, ReportInput } from '../store/ports.js';

/** An AuditLog that keeps entries in an array (no hash chain: `verify` always passes). */
export class MemoryAuditLog implements AuditLog {
  readonly entries: AuditEntry[] = [];

  async append(e: { actor: string; nation: string | null; action: string; target: string; details?: Record<string, unknown> }): Promise<AuditEntry> {
    const entry: AuditEntry = {
      seq: this.entries.length + 1, timeMs: 0, actor: e.actor, nation: e.nation, action: e.action, target: e.target,
      details: e.details ?? {}, prevHash: '', hash: '',
    };
    this.entries.push(entry);
    return entry;
  }

  async list(query: AuditQuery = {}): Promise<Page<AuditEntry>> {
    return {
      items: this.entries.filter((e) => (query.action === undefined || e.action === query.action) && (query.target === undefined || e.target === query.target)),
      nextCursor: null,
    };
  }

  async verify(): Promise<{ ok: true; entries: number }> {
    return { ok: true, entries: this.entries.length };
  }

  head(): { seq: number; hash: string } {
    return { seq: this.entries.length, hash: '0'.repeat(64) };
  }
}

let nextUserId = 1;

/** A session principal of `nation` with `roles`. */
export function principal(nation: string, ...roles: Role[]): Principal {
  const id = nextUserId++;
  return { userId: id, username: `${nation.toLowerCase()}-${roles.join('-') || 'none'}-${id}`, nation, roles, scopes: null, via: 'session' };
}

/** An alert of `entityId` in `zone` starting at `startIso`, lasting `minutes` (null: open). */
export function makeAlert(id: string, entityId: string, zone: string | null, startIso: string, minutes: number | null = 10, extra: Partial<Alert> = {}): Alert {
  const startMs = Date.parse(startIso);
  return {
    id, rule: 'R1', type: 'no-entry', domain: 'sea', severity: 'high',
    entity: { kind: 'vessel', id: entityId, party: 'RU' }, zone,
    start: new Date(startMs).toISOString(), end: minutes === null ? null : new Date(startMs + minutes * 60_000).toISOString(),
    position: { lat: 46.3, lon: 30.9 }, evidence: {}, ...extra,
  };
}

/** A stored-alert input of `originator` with `marking`. */
export function alertInput(alert: Alert, originator: string, marking: Marking): AlertInput {
  return { alert, originator, marking, agreementId: 'black-sea-truce', agreementVersion: 1 };
}

/** A report input of `originator` with `marking`. */
export function reportInput(id: string, originator: string, marking: Marking, time = '2026-03-25T02:10:00Z'): ReportInput {
  return { report: { id, time, lat: 46.48, lon: 30.73, category: 'drone-attack', party: 'RU' }, originator, marking };
}
