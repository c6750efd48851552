import type { CompiledAgreement, CompiledRule } from './compiled-agreement.js';
import { formatDuration } from './duration.js';

const km2 = (v: number): string => `${Math.round(v).toLocaleString('en-GB')} km²`;
const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
const list = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] as string}`;

/** "military vessels of RU", "civil vessels", "aircraft", "reports". */
function subject(r: CompiledRule): string {
  const d = r.applies.domains;
  const sea = d === null || d.has('sea');
  const air = d === null || d.has('air');
  const rep = d !== null && d.has('report');
  const nouns = [sea ? 'vessels' : '', air ? 'aircraft' : '', rep ? 'reports' : ''].filter(Boolean);
  const cats = r.applies.categories ? `${list([...r.applies.categories])} ` : '';
  const parties = r.applies.parties ? ` of ${list([...r.applies.parties])}` : '';
  return `${cats}${list(nouns)}${parties}`;
}

/** A zone by id, with its name when it has one: "odesa-approach (Odesa port approaches)". */
function zoneText(g: CompiledAgreement, i: number | undefined): string {
  const z = i === undefined ? undefined : g.zones[i];
  return z && z.name !== z.id ? `${z.id} (${z.name})` : (z?.id ?? '?');
}

function where(r: CompiledRule, g: CompiledAgreement): string {
  if (r.zones.length === 0) return 'anywhere';
  return list(r.zones.map((i) => zoneText(g, i)));
}

/** ", outside zones a (…) and b (…)" for a rule's `excludeZones`; empty when it has none. */
function outside(ids: readonly string[] | undefined, g: CompiledAgreement): string {
  if (ids === undefined || ids.length === 0) return '';
  return `, outside ${ids.length === 1 ? 'zone' : 'zones'} ${list(ids.map((id) => zoneText(g, g.zoneById.get(id))))}`;
}

/** ", harbours included" when a rule counts ships at berth too; they are left out by default. */
function harbours(includeBerths: boolean): string {
  return includeBerths ? ', harbours included' : ', outside harbours';
}

/**
 * A rule as one sentence.
 *
 * @example
 * describeRule(rule, agreement);
 * // 'R1 no-entry: military vessels of RU must not enter odesa-approach (Odesa port approaches) [high]'
 */
export function describeRule(r: CompiledRule, g: CompiledAgreement): string {
  const who = subject(r);
  const at = where(r, g);
  let s: string;
  switch (r.type) {
    case 'no-entry': s = `${who} must not enter ${at}`; break;
    case 'must-transmit': s = `${who} in ${at} must not go silent for more than ${formatDuration(r.params.maxGapMs)}`; break;
    case 'no-loiter':
      s = `${who} must not stay below ${r.params.maxSpeedKn} kn for ${formatDuration(r.params.minDurationMs)} or more in ${at}${outside(r.params.excludeZones, g)}${harbours(r.params.includeBerths)}`;
      break;
    case 'no-rendezvous': {
      const slow = r.params.maxSpeedKn === undefined ? '' : `, both below ${r.params.maxSpeedKn} kn,`;
      s = `${who} must not stay within ${r.params.distanceM} m of each other${slow} for ${formatDuration(r.params.minDurationMs)} or more in ${at}${outside(r.params.excludeZones, g)}${harbours(r.params.includeBerths)}`;
      break;
    }
    case 'position-integrity': s = `${who} must not report positions implying more than ${r.params.maxSpeedKn} kn or lying more than ${r.params.landMarginM} m inland, ${at}`; break;
    case 'transit': s = `${who} crossing ${at} are reported (direction: ${r.params.direction})`; break;
    case 'no-fly': s = `${who} must not fly in ${at}`; break;
    case 'no-strike': s = `reported ${list([...r.params.categories])} in ${at} are violations`; break;
    case 'air-integrity': s = `${who} must not report tracks implying more than ${r.params.maxSpeedKt} kt or climbing faster than ${r.params.maxClimbFpm} ft/min, ${at}`; break;
  }
  return `${r.id} ${r.type}: ${s} [${r.severity}]`;
}

/**
 * A summary of the agreement in words: header, parties, zones with areas, rules as
 * sentences. One string per line.
 */
export function describeAgreement(g: CompiledAgreement): string[] {
  const lines: string[] = [];
  lines.push(`${g.id} v${g.version}: ${g.title}`);
  lines.push(`effective from ${iso(g.effectiveFromMs)}${g.effectiveUntilMs === null ? ' (open-ended)' : ` until ${iso(g.effectiveUntilMs)}`}`);
  lines.push(`parties: ${[...g.parties.values()].map((p) => `${p.code} ${p.name} (${p.flags.join(', ') || 'no flags'})`).join('; ')}`);
  lines.push(`zones (${g.zones.length}):`);
  for (const z of g.zones) {
    const size = z.geometry.type === 'LineString' ? `line ${z.lengthKm.toFixed(1)} km` : km2(z.areaKm2);
    lines.push(`  ${z.id} — ${z.name} [${z.kind}], ${size}`);
  }
  if (g.entities.size > 0) lines.push(`registry: ${g.entities.size} entities`);
  lines.push(`rules (${g.rules.length}):`);
  for (const r of g.rules) lines.push(`  ${describeRule(r, g)}`);
  return lines;
}
