import type { CompiledAgreement, CompiledRule, CompiledZone, Party } from './compiled-agreement.js';
import { formatDuration } from './duration.js';

/** One difference between two agreement versions, as plain data. */
export type AgreementChange =
  | { kind: 'meta'; field: 'id' | 'title' | 'version' | 'effective.from' | 'effective.until'; before: string; after: string }
  | { kind: 'party-added' | 'party-removed'; party: string; name: string }
  | { kind: 'party-changed'; party: string; field: 'name' | 'flags'; before: string; after: string }
  | { kind: 'zone-added' | 'zone-removed'; zone: string; name: string }
  | { kind: 'zone-changed'; zone: string; field: 'name' | 'kind' | 'geometry'; before: string; after: string }
  | { kind: 'rule-added' | 'rule-removed'; rule: string; type: string }
  | { kind: 'rule-changed'; rule: string; field: string; before: string; after: string }
  | { kind: 'entity-added' | 'entity-removed'; entity: string }
  | { kind: 'entity-changed'; entity: string; before: string; after: string };

const iso = (ms: number | null): string => (ms === null ? 'open-ended' : new Date(ms).toISOString().replace('.000Z', 'Z'));
const setText = (s: ReadonlySet<string> | null): string => (s === null ? 'all' : [...s].sort().join(', '));

/** A zone's geometry in words, for change lines: circles by centre and radius. */
function geometryText(z: CompiledZone): string {
  if (z.circle) return `circle ${z.circle.radiusNm} nm around [${z.circle.center.join(', ')}]`;
  const vertices = z.geometry.type === 'LineString' ? z.geometry.coordinates.length
    : z.geometry.type === 'Polygon' ? z.geometry.coordinates.reduce((n, r) => n + r.length, 0)
      : z.geometry.coordinates.reduce((n, p) => n + p.reduce((m, r) => m + r.length, 0), 0);
  const size = z.geometry.type === 'LineString' ? `${z.lengthKm.toFixed(1)} km` : `${Math.round(z.areaKm2).toLocaleString('en-GB')} km²`;
  return `${z.geometry.type} of ${vertices} positions, ${size}`;
}

/** Rule parameters flattened to comparable display strings, durations as `30m`. */
function ruleFields(r: CompiledRule): Map<string, string> {
  const f = new Map<string, string>();
  f.set('type', r.type);
  f.set('zones', r.zoneIds.length === 0 ? 'everywhere' : r.zoneIds.join(', '));
  f.set('applies.domain', setText(r.applies.domains));
  f.set('applies.category', setText(r.applies.categories));
  f.set('applies.parties', setText(r.applies.parties));
  f.set('severity', r.severity);
  for (const [k, v] of Object.entries(r.params) as [string, unknown][]) {
    const name = k.endsWith('Ms') ? k.slice(0, -2) : k;
    const text = typeof v === 'number' && k.endsWith('Ms') ? formatDuration(v)
      : v instanceof Set ? [...(v as Set<string>)].sort().join(', ')
        : Array.isArray(v) ? (v.length === 0 ? 'none' : [...(v as string[])].sort().join(', ')) : String(v);
    f.set(`params.${name}`, text);
  }
  return f;
}

function diffKeyed<T>(a: Map<string, T>, b: Map<string, T>, added: (k: string, v: T) => void, removed: (k: string, v: T) => void, both: (k: string, x: T, y: T) => void): void {
  for (const [k, v] of a) if (!b.has(k)) removed(k, v);
  for (const [k, v] of b) {
    const old = a.get(k);
    if (old === undefined) added(k, v);
    else both(k, old, v);
  }
}

/**
 * Lists what changed from agreement `a` to agreement `b`: version, title, effective
 * period, parties, zones (added, removed, renamed, re-drawn), rules (added, removed, each
 * changed field with before/after) and registry entries.
 *
 * @example
 * diffAgreements(v1, v2); // [{ kind: 'rule-changed', rule: 'R2', field: 'params.maxGap', before: '30m', after: '20m' }, …]
 */
export function diffAgreements(a: CompiledAgreement, b: CompiledAgreement): AgreementChange[] {
  const out: AgreementChange[] = [];
  const meta = (field: 'id' | 'title' | 'version' | 'effective.from' | 'effective.until', x: string, y: string): void => {
    if (x !== y) out.push({ kind: 'meta', field, before: x, after: y });
  };
  meta('id', a.id, b.id);
  meta('title', a.title, b.title);
  meta('version', String(a.version), String(b.version));
  meta('effective.from', iso(a.effectiveFromMs), iso(b.effectiveFromMs));
  meta('effective.until', iso(a.effectiveUntilMs), iso(b.effectiveUntilMs));

  diffKeyed<Party>(a.parties, b.parties,
    (k, v) => out.push({ kind: 'party-added', party: k, name: v.name }),
    (k, v) => out.push({ kind: 'party-removed', party: k, name: v.name }),
    (k, x, y) => {
      if (x.name !== y.name) out.push({ kind: 'party-changed', party: k, field: 'name', before: x.name, after: y.name });
      const fx = [...x.flags].sort().join(', ');
      const fy = [...y.flags].sort().join(', ');
      if (fx !== fy) out.push({ kind: 'party-changed', party: k, field: 'flags', before: fx, after: fy });
    });

  const zonesOf = (g: CompiledAgreement): Map<string, CompiledZone> => new Map(g.zones.map((z) => [z.id, z]));
  diffKeyed(zonesOf(a), zonesOf(b),
    (k, v) => out.push({ kind: 'zone-added', zone: k, name: v.name }),
    (k, v) => out.push({ kind: 'zone-removed', zone: k, name: v.name }),
    (k, x, y) => {
      if (x.name !== y.name) out.push({ kind: 'zone-changed', zone: k, field: 'name', before: x.name, after: y.name });
      if (x.kind !== y.kind) out.push({ kind: 'zone-changed', zone: k, field: 'kind', before: x.kind, after: y.kind });
      if (JSON.stringify(x.geometry) !== JSON.stringify(y.geometry)) {
        out.push({ kind: 'zone-changed', zone: k, field: 'geometry', before: geometryText(x), after: geometryText(y) });
      }
    });

  const rulesOf = (g: CompiledAgreement): Map<string, CompiledRule> => new Map(g.rules.map((r) => [r.id, r]));
  diffKeyed(rulesOf(a), rulesOf(b),
    (k, v) => out.push({ kind: 'rule-added', rule: k, type: v.type }),
    (k, v) => out.push({ kind: 'rule-removed', rule: k, type: v.type }),
    (k, x, y) => {
      const fx = ruleFields(x);
      const fy = ruleFields(y);
      const fields = new Set([...fx.keys(), ...fy.keys()]);
      for (const f of fields) {
        const before = fx.get(f) ?? '(none)';
        const after = fy.get(f) ?? '(none)';
        if (before !== after) out.push({ kind: 'rule-changed', rule: k, field: f, before, after });
      }
    });

  diffKeyed(a.entities, b.entities,
    (k) => out.push({ kind: 'entity-added', entity: k }),
    (k) => out.push({ kind: 'entity-removed', entity: k }),
    (k, x, y) => {
      const sx = JSON.stringify(x);
      const sy = JSON.stringify(y);
      if (sx !== sy) out.push({ kind: 'entity-changed', entity: k, before: sx, after: sy });
    });
  return out;
}

/**
 * One line of text per change, e.g. `~ rule R2 params.maxGap: 30m → 20m`
 * (`+` added, `-` removed, `~` changed).
 */
export function renderAgreementChanges(changes: readonly AgreementChange[]): string[] {
  return changes.map((c) => {
    switch (c.kind) {
      case 'meta': return `~ ${c.field}: ${c.before} → ${c.after}`;
      case 'party-added': return `+ party ${c.party} (${c.name})`;
      case 'party-removed': return `- party ${c.party} (${c.name})`;
      case 'party-changed': return `~ party ${c.party} ${c.field}: ${c.before} → ${c.after}`;
      case 'zone-added': return `+ zone ${c.zone} (${c.name})`;
      case 'zone-removed': return `- zone ${c.zone} (${c.name})`;
      case 'zone-changed': return `~ zone ${c.zone} ${c.field}: ${c.before} → ${c.after}`;
      case 'rule-added': return `+ rule ${c.rule} (${c.type})`;
      case 'rule-removed': return `- rule ${c.rule} (${c.type})`;
      case 'rule-changed': return `~ rule ${c.rule} ${c.field}: ${c.before} → ${c.after}`;
      case 'entity-added': return `+ entity ${c.entity}`;
      case 'entity-removed': return `- entity ${c.entity}`;
      case 'entity-changed': return `~ entity ${c.entity}: ${c.before} → ${c.after}`;
    }
  });
}
