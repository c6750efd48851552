/**
 * Suggested incidents (issue 5, item 3): alerts that concern the same entity, or the same
 * zone, close together in time, are probably one incident. Pure and deterministic: the same
 * alerts in any order give the same suggestions.
 *
 * Algorithm: two alerts are related when they share an entity id (`entity` or `other`) or a
 * zone, and the later one starts no more than `windowMs` after the earlier one ended (an open
 * alert has not ended). For each entity and each zone the alerts are swept in start order
 * keeping the latest end so far, so relations cost O(n log n); suggestions are the connected
 * components (union–find) with at least `minAlerts` alerts.
 */
import { type Alert, alertId } from '../core/alert/alert.js';
import { SEVERITIES, type Severity } from '../core/agreement/schema.js';

/**
 * Default grouping window: 2 h. A violation seen by several rules (entry, then loitering, then
 * AIS silence) unfolds over an hour or two; OSCE spot reports grouped impacts of one shelling
 * episode over similar spans. Longer windows start merging separate episodes in busy zones.
 */
export const DEFAULT_SUGGEST_WINDOW_MS = 2 * 60 * 60 * 1000;

/** Options of `suggestIncidents`. */
export interface SuggestOptions {
  /** Largest gap between related alerts (ms). Default `DEFAULT_SUGGEST_WINDOW_MS`. */
  windowMs?: number;
  /** Smallest group suggested. Default 2 (a single alert is already its own candidate). */
  minAlerts?: number;
}

/** A group of related alerts proposed as one incident. */
export interface SuggestedIncident {
  /** Stable id: a hash of the sorted alert ids. */
  key: string;
  /** By start, then id. */
  alertIds: string[];
  /** Entity ids involved (sorted). */
  entityIds: string[];
  /** Zones involved (sorted; alerts without a zone add none). */
  zones: string[];
  /** Rules that fired (sorted). */
  rules: string[];
  /** Highest severity among the alerts. */
  severity: Severity;
  /** Earliest start, latest end (Unix ms); `endMs` null while any alert is open. */
  startMs: number;
  endMs: number | null;
  /** A readable title proposal, e.g. `3 alerts: mmsi:273000001 in odesa-approach`. */
  title: string;
}

interface Item {
  alert: Alert;
  startMs: number;
  /** +Infinity while open. */
  endMs: number;
}

/**
 * Groups alerts into suggested incidents, ordered by start time then key.
 * @example suggestIncidents(alerts, { windowMs: 3_600_000 }) // [{ key: '…', alertIds: ['a1', 'a2'], … }]
 */
export function suggestIncidents(alerts: readonly Alert[], options: SuggestOptions = {}): SuggestedIncident[] {
  const windowMs = options.windowMs ?? DEFAULT_SUGGEST_WINDOW_MS;
  const minAlerts = options.minAlerts ?? 2;
  if (!(windowMs >= 0)) throw new RangeError(`windowMs must be ≥ 0, got ${windowMs}`);
  if (!Number.isInteger(minAlerts) || minAlerts < 1) throw new RangeError(`minAlerts must be a positive integer, got ${minAlerts}`);
  // De-duplicate by id and sort, so input order never matters.
  const byId = new Map<string, Alert>();
  for (const a of alerts) if (!byId.has(a.id)) byId.set(a.id, a);
  const items: Item[] = [...byId.values()].map((alert) => ({
    alert, startMs: Date.parse(alert.start), endMs: alert.end === null ? Infinity : Date.parse(alert.end),
  }));
  if (items.some((i) => Number.isNaN(i.startMs) || Number.isNaN(i.endMs))) {
    const bad = items.find((i) => Number.isNaN(i.startMs) || Number.isNaN(i.endMs));
    throw new TypeError(`alert ${bad?.alert.id} has an unreadable start or end time`);
  }
  items.sort((a, b) => a.startMs - b.startMs || (a.alert.id < b.alert.id ? -1 : a.alert.id > b.alert.id ? 1 : 0));

  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] as number;
    while (parent[i] !== r) { const next = parent[i] as number; parent[i] = r; i = next; }
    return r;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };

  // Keys: `e:<entity>` and `z:<zone>`; each key's list is in start order since items are.
  const lists = new Map<string, number[]>();
  const push = (key: string, i: number): void => {
    const list = lists.get(key);
    if (list === undefined) lists.set(key, [i]);
    else list.push(i);
  };
  items.forEach((it, i) => {
    push(`e:${it.alert.entity.id}`, i);
    if (it.alert.other !== undefined && it.alert.other.id !== it.alert.entity.id) push(`e:${it.alert.other.id}`, i);
    if (it.alert.zone !== null) push(`z:${it.alert.zone}`, i);
  });
  for (const list of lists.values()) {
    let reach = -Infinity;
    let prev = -1;
    for (const i of list) {
      const it = items[i] as Item;
      // The earlier alert that ended last is related to this one whenever any earlier one is.
      if (prev >= 0 && it.startMs - reach <= windowMs) union(prev, i);
      if (prev < 0 || it.endMs > reach) { reach = it.endMs; prev = i; }
    }
  }

  const groups = new Map<number, number[]>();
  items.forEach((_, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (g === undefined) groups.set(r, [i]);
    else g.push(i);
  });
  const out: SuggestedIncident[] = [];
  for (const members of groups.values()) {
    if (members.length < minAlerts) continue;
    out.push(describe(members.map((i) => items[i] as Item)));
  }
  out.sort((a, b) => a.startMs - b.startMs || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return out;
}

function describe(members: readonly Item[]): SuggestedIncident {
  const alertIds = members.map((m) => m.alert.id);
  const entityIds = new Set<string>();
  const zones = new Set<string>();
  const rules = new Set<string>();
  let severityRank: number = SEVERITIES.length - 1;
  let endMs = -Infinity;
  for (const m of members) {
    entityIds.add(m.alert.entity.id);
    if (m.alert.other !== undefined) entityIds.add(m.alert.other.id);
    if (m.alert.zone !== null) zones.add(m.alert.zone);
    rules.add(m.alert.rule);
    severityRank = Math.min(severityRank, SEVERITIES.indexOf(m.alert.severity));
    endMs = Math.max(endMs, m.endMs);
  }
  const sortedEntities = [...entityIds].sort();
  const sortedZones = [...zones].sort();
  const who = sortedEntities.length === 1 ? sortedEntities[0] : `${sortedEntities.length} entities`;
  const where = sortedZones.length === 0 ? '' : sortedZones.length === 1 ? ` in ${sortedZones[0]}` : ` in ${sortedZones.length} zones`;
  return {
    key: alertId(['suggestion', ...[...alertIds].sort()]),
    alertIds,
    entityIds: sortedEntities,
    zones: sortedZones,
    rules: [...rules].sort(),
    severity: SEVERITIES[severityRank] as Severity,
    startMs: (members[0] as Item).startMs,
    endMs: endMs === Infinity ? null : endMs,
    title: `${members.length} alerts: ${who}${where}`,
  };
}
