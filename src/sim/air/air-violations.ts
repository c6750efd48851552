/**
 * Injected air violations with ground truth, and near-misses that must raise no alert, like
 * `../violations.ts` does for the sea:
 *
 * - `no-fly`: a Russian military aircraft (an entity the agreement's registry lists as a
 *   military aircraft of a party, e.g. the demo's `icao:155001` Il-38) flies from 250 km out
 *   into the zone and out again — truth start = its first fix inside, end = its first fix
 *   outside; a Geran-2 drone held by coalition radar (classification `uav`, military to
 *   `classify()`) flies into the zone and its track ends there — end = its last fix (track
 *   lost). Near-misses: a civil airliner straight through the zone, and a USAF RC-135
 *   (military address) flying along the zone 20 km outside it.
 * - `air-integrity`: an airliner whose one report jumps 200 km within 5 s (spoofing) —
 *   start = the jumped fix, end = the jump back to the true track;
 *   an address transmitted by two aircraft 250 km apart for 20 min — start = the duplicate's
 *   first fix, end = the first consistent fix after it falls silent. Near-miss: a fighter
 *   at 550 kt.
 *
 * Times are within 2 h of `startMs`; scripted addresses sit at the top of their States'
 * blocks, away from the background fleet's.
 *
 * @module
 */
import type { CompiledAgreement, CompiledRule, CompiledZone } from '../../core/agreement/compiled-agreement.js';
import type { RuleType } from '../../core/agreement/schema.js';
import { destinationPoint } from '../../core/geo/distance.js';
import type { GroundTruth } from '../actor.js';
import type { LonLat } from '../black-sea.js';
import { distanceM, MPS_PER_KNOT } from '../lane-path.js';
import { interiorPoint } from '../violations.js';
import { airEntityId, nextReportMs, reportIntervalOf, type AirIdentity } from './air-actor.js';
import { ScriptedAircraft, type AirWaypoint, type PositionJump } from './scripted-aircraft.js';

const MIN = 60_000;
const iso = (ms: number): string => new Date(ms).toISOString();

export interface AirInjectOptions {
  /** Rule types to inject (default: every air type the agreement has a rule for). */
  types?: readonly RuleType[];
  /** Also inject the near-misses. Default true. */
  negatives?: boolean;
}

interface Ctx {
  agreement: CompiledAgreement;
  startMs: number;
  negatives: boolean;
  actors: ScriptedAircraft[];
}

/** Report instants of a script in [fromMs, toMs], in order. */
function* reportInstants(a: ScriptedAircraft, fromMs = a.span[0], toMs = a.span[1]): Generator<number> {
  const step = reportIntervalOf(a.identity);
  for (let t = nextReportMs(a, fromMs); t <= toMs; t += step) yield t;
}

/** The first report instant from `fromMs` whose reported position passes `test`. */
function firstReport(a: ScriptedAircraft, fromMs: number, test: (p: LonLat) => boolean): number {
  for (const t of reportInstants(a, fromMs)) {
    const s = a.stateAt(t);
    if (s !== null && test(s.position)) return t;
  }
  throw new Error(`scripted event of ${airEntityId(a.identity)} never happens`);
}

/** The last report instant of a script. */
function lastReport(a: ScriptedAircraft): number {
  let last = NaN;
  for (const t of reportInstants(a)) last = t;
  return last;
}

/** Waypoints along `points` reached at the given minutes after start, at one altitude. */
function timed(ctx: Ctx, altitudeFt: number, ...legs: readonly (readonly [minutes: number, position: LonLat])[]): AirWaypoint[] {
  return legs.map(([m, position]) => ({ at: ctx.startMs + m * MIN, position, altitudeFt }));
}

function add(ctx: Ctx, identity: AirIdentity, phaseMs: number, waypoints: AirWaypoint[], truth?: (a: ScriptedAircraft) => GroundTruth[], jumps?: PositionJump[]): void {
  const base = { identity, phaseMs, waypoints, ...(jumps !== undefined ? { jumps } : {}) };
  const probe = new ScriptedAircraft(base);
  ctx.actors.push(truth === undefined ? probe : new ScriptedAircraft({ ...base, truth: truth(probe) }));
}

function polygonZone(ctx: Ctx, rule: CompiledRule): CompiledZone {
  const z = rule.zones.map((i) => ctx.agreement.zones[i]!).find((zz) => zz.geometry.type !== 'LineString');
  if (z === undefined) throw new Error(`rule ${rule.id} has no polygonal zone to fly into`);
  return z;
}

/** A point `distanceM` from `from`, outside `zone`, bearings tried from `firstBearing` clockwise. */
function outsidePoint(zone: CompiledZone, from: LonLat, distanceM: number, firstBearing: number): LonLat {
  for (let b = firstBearing; b < firstBearing + 360; b += 15) {
    const p = destinationPoint(from[0], from[1], b, distanceM);
    if (!zone.contains(p[0], p[1])) return p;
  }
  throw new Error(`no point ${distanceM} m outside zone ${zone.id}`);
}

/** A point `distanceM` from `from`, inside `zone` (or `from` itself when there is none). */
function insidePoint(zone: CompiledZone, from: LonLat, distanceM: number, firstBearing: number): LonLat {
  for (let b = firstBearing; b < firstBearing + 360; b += 15) {
    const p = destinationPoint(from[0], from[1], b, distanceM);
    if (zone.contains(p[0], p[1])) return p;
  }
  return from;
}

/** The registry's military aircraft of a party that the rule applies to, if the agreement lists one. */
function registeredMilitaryAircraft(ctx: Ctx, rule: CompiledRule): number | undefined {
  for (const e of ctx.agreement.entities.values()) {
    if (!e.id.startsWith('icao:') || e.party === undefined || e.category === undefined) continue;
    if (rule.applies.categories !== null && !rule.applies.categories.has(e.category)) continue;
    if (rule.applies.parties !== null && !rule.applies.parties.has(e.party)) continue;
    return parseInt(e.id.slice(5), 16);
  }
  return undefined;
}

function injectNoFly(ctx: Ctx, rule: CompiledRule): void {
  const zone = polygonZone(ctx, rule);
  const inside = interiorPoint(zone);
  const inZone = (p: LonLat): boolean => zone.contains(p[0], p[1]);
  const note = (what: string): string => `${what} (${rule.type} ${zone.id})`;

  const icao = registeredMilitaryAircraft(ctx, rule);
  if (icao !== undefined) {
    const far = outsidePoint(zone, inside, 250_000, 120);
    const deep = insidePoint(zone, inside, 40_000, 90);
    add(ctx, { feed: 'sbs', icao, callsign: 'RFF7701' }, 700, timed(ctx, 8_000, [20, far], [45, inside], [55, deep], [80, far]), (a) => {
      const start = firstReport(a, a.span[0], inZone);
      const end = firstReport(a, start, (p) => !inZone(p));
      return [{ rule: rule.id, type: rule.type, entity: airEntityId(a.identity), zone: zone.id, start: iso(start), end: iso(end), note: note('registered military aircraft flies in and out') }];
    });
  }
  const target = insidePoint(zone, inside, 30_000, 60);
  const launch = outsidePoint(zone, target, 150_000, 135);
  // 150 km at 100 kt (51.4 m/s): 48.6 min.
  add(ctx, { feed: 'radar', sensor: 'NATO-E3A-1', track: '4021', classification: 'uav', confidence: 0.7 }, 4_000,
    [{ at: ctx.startMs + 60 * MIN, position: launch, altitudeFt: 1_500 }, { at: ctx.startMs + 60 * MIN + Math.round((150_000 / (100 * MPS_PER_KNOT)) * 1000), position: target, altitudeFt: 1_500 }],
    (a) => {
      const start = firstReport(a, a.span[0], inZone);
      return [{ rule: rule.id, type: rule.type, entity: airEntityId(a.identity), zone: zone.id, start: iso(start), end: iso(lastReport(a)), note: note('drone track ends inside (track lost: end = last fix)') }];
    });
  if (!ctx.negatives) return;
  // A civil airliner straight through the zone: no-fly is for military aircraft.
  let bearing = 0;
  for (; bearing < 180; bearing += 15) {
    const a = destinationPoint(inside[0], inside[1], bearing, 150_000);
    const b = destinationPoint(inside[0], inside[1], bearing + 180, 150_000);
    if (!inZone(a) && !inZone(b)) break;
  }
  const entry = destinationPoint(inside[0], inside[1], bearing, 150_000);
  const exit = destinationPoint(inside[0], inside[1], bearing + 180, 150_000);
  add(ctx, { feed: 'sbs', icao: 0x504ff1, callsign: 'MLD7811' }, 2_300, timed(ctx, 34_000, [30, entry], [52, exit]));
  // A military aircraft along the zone's southern side, 20 km outside its bounding box.
  const [x0, y0, x1] = zone.bbox;
  const lat = destinationPoint(x0, y0, 180, 20_000)[1];
  const west: LonLat = [x0 - 0.3, lat];
  const east: LonLat = [x1 + 0.3, lat];
  add(ctx, { feed: 'sbs', icao: 0xae01ce, callsign: 'JAKE11' }, 3_100, timed(ctx, 33_000, [10, west], [29, east], [48, west], [67, east]));
}

function injectAirIntegrity(ctx: Ctx, rule: CompiledRule): void {
  const s = ctx.startMs;
  // Spoofing: one report 200 km north of the true position.
  const spoofPhase = 1_900;
  const jumpAt = nextReportMs({ identity: { feed: 'sbs', icao: 0, callsign: null }, phaseMs: spoofPhase }, s + 62 * MIN);
  add(ctx, { feed: 'sbs', icao: 0x4bf1a2, callsign: 'PGT3307' }, spoofPhase, timed(ctx, 35_000, [50, [31.0, 41.9]], [68, [34.0, 42.3]]), (a) => [
    { rule: rule.id, type: rule.type, entity: airEntityId(a.identity), start: iso(jumpAt), end: iso(jumpAt + reportIntervalOf(a.identity)), note: 'one position 200 km off in 5 s (spoofing); end = the jump back to the true track' },
  ], [{ from: jumpAt, to: jumpAt + 1, bearingDeg: 0, distanceM: 200_000 }]);

  // A duplicated address: an airliner along the Turkish coast, and a second transponder with
  // the same address off Constanța (2.5 s apart in phase, ≥ 250 km apart) for 20 min.
  const icao = 0x4bf012;
  const host = new ScriptedAircraft({ identity: { feed: 'sbs', icao, callsign: 'THY2563' }, phaseMs: 1_000, waypoints: timed(ctx, 37_000, [30, [29.9, 41.35]], [90, [39.8, 41.15]]) });
  ctx.actors.push(host);
  add(ctx, { feed: 'sbs', icao, callsign: null }, 3_500, timed(ctx, 20_000, [50, [28.9, 43.8]], [70, [28.5, 45.0]]), (dup) => {
    const last = lastReport(dup);
    const after = [...reportInstants(host, last + 1, last + 20_000)];
    return [{ rule: rule.id, type: rule.type, entity: airEntityId(dup.identity), start: iso(nextReportMs(dup, dup.span[0])), end: iso(after[1]!), note: 'address duplicated by a second aircraft 250+ km away; end = first consistent fix after the duplicate falls silent' }];
  });
  if (!ctx.negatives) return;
  // A fighter at 550 kt: fast, but possible (maxSpeedKt 1200).
  const from: LonLat = [33.0, 42.4];
  const to: LonLat = [36.5, 42.4];
  add(ctx, { feed: 'sbs', icao: 0x4bf0a1, callsign: 'TUAF61' }, 4_200, timed(ctx, 25_000, [40, from], [40 + distanceM(from, to) / (550 * MPS_PER_KNOT * 60), to]));
}

const AIR_INJECTORS: Partial<Record<RuleType, (ctx: Ctx, rule: CompiledRule) => void>> = {
  'no-fly': injectNoFly,
  'air-integrity': injectAirIntegrity,
};

/** Air rule types the simulator can inject (no-strike is injected as reports, `../reports/strike-violations.ts`). */
export const INJECTABLE_AIR_TYPES = Object.keys(AIR_INJECTORS) as RuleType[];

/**
 * Scripted aircraft and radar tracks that violate the agreement's air rules, each declaring
 * the alerts a correct detector must raise, plus near-misses that must raise none.
 * @example injectAirViolations(agreement, Date.parse('2026-03-25T00:00:00Z'), { types: ['no-fly'] }).length // 4
 */
export function injectAirViolations(agreement: CompiledAgreement, startMs: number, options: AirInjectOptions = {}): ScriptedAircraft[] {
  const ctx: Ctx = { agreement, startMs, negatives: options.negatives ?? true, actors: [] };
  for (const type of options.types ?? INJECTABLE_AIR_TYPES) {
    const rule = agreement.rules.find((r) => r.type === type);
    const inject = AIR_INJECTORS[type];
    if (rule !== undefined && inject !== undefined) inject(ctx, rule);
  }
  return ctx.actors;
}
