import type { CompiledAgreement, CompiledRule, CompiledZone } from '../core/agreement/compiled-agreement.js';
import type { RuleType } from '../core/agreement/schema.js';
import { destinationPoint } from '../core/geo/distance.js';
import { segmentCrossing } from '../core/geo/segment-cross.js';
import type { GroundTruth, VesselIdentity } from './actor.js';
import type { LonLat } from './black-sea.js';
import { ScriptedActor, type ScriptedActorOptions } from './scripted-actor.js';

/** Tells whether a point is at sea (the land mask), so injected paths never cross land. */
export type SeaTest = (lon: number, lat: number) => boolean;

export interface InjectOptions {
  /** Rule types to inject (default: every maritime type the agreement has a rule for). */
  types?: readonly RuleType[];
  /** Also inject near-misses that must NOT raise an alert (wrong party, below threshold…). Default true. */
  negatives?: boolean;
  isSea?: SeaTest;
}

const MIN = 60_000;
const iso = (ms: number): string => new Date(ms).toISOString();

/** Simferopol airport, where ~50 vessels were spoofed on 4 June 2024 (DOMAIN.md). */
const SIMFEROPOL_AIRPORT: LonLat = [34.1186, 45.0522];

function identity(mmsi: number, name: string, shipType: number, flag: string): VesselIdentity {
  return {
    mmsi, aisClass: 'A', name, callsign: `V${mmsi % 100000}`, imo: 9_000_000 + (mmsi % 999_999), shipType, flag,
    dimensions: { toBowM: 90, toSternM: 30, toPortM: 10, toStarboardM: 10 },
  };
}

/** A deterministic interior point of a polygonal zone: the grid point nearest its bbox centre that it contains (and is at sea). */
export function interiorPoint(zone: CompiledZone, isSea: SeaTest = () => true): LonLat {
  const [x0, y0, x1, y1] = zone.bbox;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  let best: LonLat | undefined;
  let bestD = Infinity;
  for (let i = 0; i <= 40; i++) {
    for (let j = 0; j <= 40; j++) {
      const x = x0 + ((x1 - x0) * i) / 40;
      const y = y0 + ((y1 - y0) * j) / 40;
      if (!zone.contains(x, y) || !isSea(x, y)) continue;
      const d = (x - cx) ** 2 + (y - cy) ** 2;
      if (d < bestD) {
        bestD = d;
        best = [x, y];
      }
    }
  }
  if (best === undefined) throw new Error(`zone ${zone.id} has no interior point at sea`);
  return best;
}

/**
 * Injections that share a zone sail in different parts of it: slot k is ~25·k km from the
 * zone's interior point (still inside it and at sea), so their ships never meet.
 */
function spot(zone: CompiledZone, slot: number, isSea: SeaTest): LonLat {
  const a = interiorPoint(zone, isSea);
  if (slot === 0) return a;
  for (let d = 25_000 * slot; d >= 5_000; d -= 5_000) {
    for (let bearing = 0; bearing < 360; bearing += 10) {
      const p = destinationPoint(a[0], a[1], bearing, d);
      if (zone.contains(p[0], p[1]) && isSea(p[0], p[1])) return p;
    }
  }
  return a;
}

/** A point `distanceM` from `from`, outside `zone`, with the whole straight path at sea and in no other zone (bearings tried in order). */
function approachPoint(zone: CompiledZone, from: LonLat, distanceM: number, isSea: SeaTest, others: readonly CompiledZone[]): LonLat {
  for (let b = 0; b < 360; b += 15) {
    const p = destinationPoint(from[0], from[1], b, distanceM);
    if (zone.contains(p[0], p[1])) continue;
    let ok = true;
    for (let k = 0; k <= 40 && ok; k++) {
      const x = from[0] + ((p[0] - from[0]) * k) / 40;
      const y = from[1] + ((p[1] - from[1]) * k) / 40;
      ok = isSea(x, y) && !others.some((o) => o !== zone && o.contains(x, y));
    }
    if (ok) return p;
  }
  throw new Error(`no sea approach to zone ${zone.id}`);
}

/** First second in [fromMs, toMs] at which the actor's true position is inside (or outside) the zone. */
function firstTime(actor: ScriptedActor, fromMs: number, toMs: number, test: (p: LonLat) => boolean): number {
  for (let t = fromMs; t <= toMs; t += 1000) {
    const f = actor.positionAt(t);
    if (f !== null && test(f.position)) return t;
  }
  throw new Error('scripted event never happens');
}

interface Ctx {
  agreement: CompiledAgreement;
  /** Polygonal zones watched by sea rules (air-only zones such as no-fly areas do not matter to ships). */
  seaZones: CompiledZone[];
  startMs: number;
  isSea: SeaTest;
  negatives: boolean;
  actors: ScriptedActor[];
  nextMmsi: (mid: number) => number;
}

function ruleOf(agreement: CompiledAgreement, type: RuleType): CompiledRule | undefined {
  return agreement.rules.find((r) => r.type === type);
}

function zoneOf(ctx: Ctx, rule: CompiledRule, want: 'polygon' | 'line' = 'polygon'): CompiledZone {
  const z = rule.zones.map((i) => ctx.agreement.zones[i]!).find((zz) => (zz.geometry.type === 'LineString') === (want === 'line'));
  if (z === undefined) throw new Error(`rule ${rule.id} has no ${want} zone to inject into`);
  return z;
}

function add(ctx: Ctx, options: ScriptedActorOptions, truth: (a: ScriptedActor) => GroundTruth[]): void {
  const full = { ...options, waypoints: withExit(ctx, options.waypoints) };
  ctx.actors.push(new ScriptedActor({ ...full, truth: truth(new ScriptedActor(full)) }));
}

/**
 * Every script ends by sailing out of all zones (15 km in 40 min), so that a ship whose
 * script is over is not mistaken for one that went dark inside a zone.
 */
function withExit(ctx: Ctx, waypoints: ScriptedActorOptions['waypoints']): ScriptedActorOptions['waypoints'] {
  const last = waypoints[waypoints.length - 1]!;
  const lastMs = typeof last.at === 'number' ? last.at : Date.parse(last.at);
  const inZone = (p: LonLat): boolean => ctx.seaZones.some((z) => z.contains(p[0], p[1]));
  if (!inZone(last.position)) return waypoints;
  for (const d of [15_000, 30_000, 60_000]) {
    for (let bearing = 0; bearing < 360; bearing += 15) {
      const p = destinationPoint(last.position[0], last.position[1], bearing, d);
      if (inZone(p)) continue;
      let ok = true;
      for (let k = 0; k <= 30 && ok; k++) ok = ctx.isSea(last.position[0] + ((p[0] - last.position[0]) * k) / 30, last.position[1] + ((p[1] - last.position[1]) * k) / 30);
      if (ok) return [...waypoints, { at: lastMs + (40 * MIN * d) / 15_000, position: p }];
    }
  }
  return waypoints;
}

/** Enter a zone, stay 40 min, leave (`no-entry`). */
function injectNoEntry(ctx: Ctx, rule: CompiledRule): void {
  const zone = zoneOf(ctx, rule);
  const inside = interiorPoint(zone, ctx.isSea);
  const outside = approachPoint(zone, inside, 18_000, ctx.isSea, ctx.seaZones);
  const s = ctx.startMs;
  const path = (offsetMin: number) => [
    { at: s + (10 + offsetMin) * MIN, position: outside },
    { at: s + (40 + offsetMin) * MIN, position: inside },
    { at: s + (80 + offsetMin) * MIN, position: inside },
    { at: s + (110 + offsetMin) * MIN, position: outside },
  ];
  add(ctx, { identity: identity(ctx.nextMmsi(273), 'VASILY BYKOV', 35, 'RUS'), waypoints: path(0) }, (a) => {
    const entity = `mmsi:${a.identity.mmsi}`;
    const start = firstTime(a, s, s + 120 * MIN, (p) => zone.contains(p[0], p[1]));
    const end = firstTime(a, start, s + 120 * MIN, (p) => !zone.contains(p[0], p[1]));
    return [{ rule: rule.id, type: rule.type, entity, zone: zone.id, start: iso(start), end: iso(end), note: 'RU warship enters a port approach' }];
  });
  if (!ctx.negatives) return;
  add(ctx, { identity: identity(ctx.nextMmsi(271), 'TCG KINALIADA', 35, 'TUR'), waypoints: path(5) }, () => []);
  add(ctx, { identity: identity(ctx.nextMmsi(273), 'VOLGO-BALT 214', 70, 'RUS'), waypoints: path(15) }, () => []);
}

/** A civil ship in the zone goes silent for 50 min (`must-transmit`); near-misses: 20 min, and a warship (other category). */
function injectMustTransmit(ctx: Ctx, rule: Extract<CompiledRule, { type: 'must-transmit' }>): void {
  const zone = zoneOf(ctx, rule);
  const a = spot(zone, 0, ctx.isSea);
  const b = inward(zone, a, ctx.isSea);
  const s = ctx.startMs;
  const gap = rule.params.maxGapMs;
  // Same track, 25 min apart (≈ 2 km at 2.9 kn), so the three ships never rendezvous.
  const waypoints = (k: number): ScriptedActorOptions['waypoints'] => [{ at: s + (5 + 25 * k) * MIN, position: a }, { at: s + (155 + 25 * k) * MIN, position: b }];
  const silentFrom = s + 60 * MIN;
  const silentTo = silentFrom + gap + 20 * MIN;
  add(ctx, { identity: identity(ctx.nextMmsi(272), 'ZHYTOMYR', 70, 'UKR'), waypoints: waypoints(0), silences: [{ from: silentFrom, to: silentTo }] }, (act) => [
    { rule: rule.id, type: rule.type, entity: `mmsi:${act.identity.mmsi}`, zone: zone.id, start: iso(silentFrom), end: iso(silentTo), note: 'AIS off in the corridor (start = last fix before the gap)' },
  ]);
  if (!ctx.negatives) return;
  const shift = (k: number): number => 25 * k * MIN;
  add(ctx, { identity: identity(ctx.nextMmsi(272), 'KHERSONES', 70, 'UKR'), waypoints: waypoints(1), silences: [{ from: silentFrom + shift(1), to: silentFrom + shift(1) + gap - 10 * MIN }] }, () => []);
  add(ctx, { identity: identity(ctx.nextMmsi(264), 'RNS SMARDAN', 35, 'ROU'), waypoints: waypoints(2), silences: [{ from: silentFrom + shift(2), to: silentTo + shift(2) }] }, () => []);
}

/** A point ~15 km from `a` that is still inside the zone and at sea. */
function inward(zone: CompiledZone, a: LonLat, isSea: SeaTest): LonLat {
  for (let bearing = 0; bearing < 360; bearing += 10) {
    const p = destinationPoint(a[0], a[1], bearing, 15_000);
    if (zone.contains(p[0], p[1]) && isSea(p[0], p[1])) return p;
  }
  return a;
}

/**
 * The sea test, also false inside a rule's `excludeZones` (ports, anchorages): a scripted
 * violation must happen where the rule applies.
 */
function awayFrom(ctx: Ctx, ids: readonly string[] | undefined): SeaTest {
  const excluded = (ids ?? []).map((id) => ctx.agreement.zones[ctx.agreement.zoneById.get(id)!]!);
  if (excluded.length === 0) return ctx.isSea;
  return (lon, lat) => ctx.isSea(lon, lat) && !excluded.some((z) => z.contains(lon, lat));
}

/** A ship stops 70 min in the zone (`no-loiter`), away from its exclude zones; near-miss: a 30 min stop. */
function injectNoLoiter(ctx: Ctx, rule: Extract<CompiledRule, { type: 'no-loiter' }>): void {
  const zone = zoneOf(ctx, rule);
  const isSea = awayFrom(ctx, rule.params.excludeZones);
  const a = spot(zone, 1, isSea);
  const b = inward(zone, a, isSea);
  const s = ctx.startMs;
  const stop = (fromMin: number, minutes: number): ScriptedActorOptions['waypoints'] => [
    { at: s + (fromMin - 20) * MIN, position: b },
    { at: s + fromMin * MIN, position: a },
    { at: s + (fromMin + minutes) * MIN, position: a, navStatus: 1 },
    { at: s + (fromMin + minutes + 20) * MIN, position: b },
  ];
  const from = s + 40 * MIN;
  add(ctx, { identity: identity(ctx.nextMmsi(518), 'SEA LION', 80, 'COK'), waypoints: stop(40, 70) }, (act) => [
    { rule: rule.id, type: rule.type, entity: `mmsi:${act.identity.mmsi}`, zone: zone.id, start: iso(from), end: iso(from + 70 * MIN), note: 'unannounced stop' },
  ]);
  if (!ctx.negatives) return;
  const c = spot(zone, 4, isSea);
  const d = inward(zone, c, isSea);
  const short = Math.round(rule.params.minDurationMs / MIN) - 15;
  add(ctx, { identity: identity(ctx.nextMmsi(518), 'SEA OTTER', 80, 'COK'), waypoints: [
    { at: s + 30 * MIN, position: d }, { at: s + 50 * MIN, position: c }, { at: s + (50 + short) * MIN, position: c, navStatus: 1 }, { at: s + (70 + short) * MIN, position: d },
  ] }, () => []);
}

/**
 * Two ships sail side by side 150 m apart for 60 min at 3 kn (`no-rendezvous`), away from the
 * rule's exclude zones; near-miss: they pass 2 km apart. When the rule sets `maxSpeedKn`, they
 * sail together below it — midway between it and the agreement's loitering speed, 3 kn at most
 * — and close in and part at about that speed too, so that they are slow whenever they are near.
 */
function injectNoRendezvous(ctx: Ctx, rule: Extract<CompiledRule, { type: 'no-rendezvous' }>): void {
  const zone = zoneOf(ctx, rule);
  const isSea = awayFrom(ctx, rule.params.excludeZones);
  const a = spot(zone, 2, isSea);
  const s = ctx.startMs;
  const { maxSpeedKn } = rule.params;
  // At or above the agreement's loitering speed (when it can be below maxSpeedKn), the pair
  // commits a rendezvous only, not a loiter as well.
  const loiterKn = Math.max(0, ...ctx.agreement.rules.map((r) => (r.type === 'no-loiter' ? r.params.maxSpeedKn : 0)));
  const kn = maxSpeedKn === undefined ? 3 : loiterKn < maxSpeedKn ? Math.min(3, (loiterKn + maxSpeedKn) / 2) : maxSpeedKn / 2;
  const legM = kn * 1852; // for 60 min
  // Closing in and parting take 30 min each over this distance along the track (and 1,050 m across it for the second ship).
  const apartM = maxSpeedKn === undefined ? 6000 : legM / 2;
  let bearing = 0;
  for (; bearing < 360; bearing += 10) {
    const e = destinationPoint(a[0], a[1], bearing, legM);
    if (zone.contains(e[0], e[1]) && isSea(e[0], e[1])) break;
  }
  const end = destinationPoint(a[0], a[1], bearing, legM);
  const side = (p: LonLat, m: number): LonLat => destinationPoint(p[0], p[1], bearing + 90, m);
  const apart = (p: LonLat): LonLat => destinationPoint(p[0], p[1], bearing + 180, apartM);
  const meetFrom = s + 50 * MIN;
  const meetTo = meetFrom + 60 * MIN;
  const plan = (offsetM: number): ScriptedActorOptions['waypoints'] => [
    { at: meetFrom - 30 * MIN, position: side(apart(a), offsetM * 8) },
    { at: meetFrom, position: side(a, offsetM) },
    { at: meetTo, position: side(end, offsetM) },
    { at: meetTo + 30 * MIN, position: side(apart(end), offsetM * 8) },
  ];
  const m1 = ctx.nextMmsi(352);
  const m2 = ctx.nextMmsi(636);
  const options1 = { identity: identity(m1, 'OCEAN GRACE', 80, 'PAN'), waypoints: withExit(ctx, plan(0)) };
  const options2 = { identity: identity(m2, 'NORDIC STAR', 80, 'LBR'), waypoints: withExit(ctx, plan(150)) };
  const p1 = new ScriptedActor(options1);
  const p2 = new ScriptedActor(options2);
  // Together: within distanceM, and both below maxSpeedKn when the rule sets it.
  const near = (t: number): boolean => {
    const f1 = p1.positionAt(t)!;
    const f2 = p2.positionAt(t)!;
    if (maxSpeedKn !== undefined && !(f1.sogKn < maxSpeedKn && f2.sogKn < maxSpeedKn)) return false;
    return Math.hypot((f1.position[0] - f2.position[0]) * Math.cos((f1.position[1] * Math.PI) / 180), f1.position[1] - f2.position[1]) * 111_320 <= rule.params.distanceM;
  };
  let start = meetFrom - 30 * MIN;
  while (!near(start)) start += 1000;
  let stop = start;
  while (near(stop)) stop += 1000;
  const [low, high] = m1 < m2 ? [m1, m2] : [m2, m1];
  ctx.actors.push(new ScriptedActor({ ...options1, truth: [{ rule: rule.id, type: rule.type, entity: `mmsi:${low}`, zone: zone.id, start: iso(start), end: iso(stop), note: `ship-to-ship with mmsi:${high}` }] }));
  ctx.actors.push(p2);
  if (!ctx.negatives) return;
  add(ctx, { identity: identity(ctx.nextMmsi(229), 'MALTA PRIDE', 70, 'MLT'), waypoints: plan(2000) }, () => []);
}

/** GNSS spoofing: 20 min of positions at Simferopol airport (`position-integrity`). */
function injectPositionIntegrity(ctx: Ctx, rule: CompiledRule): void {
  const zone = ctx.agreement.zones.find((z) => z.kind === 'corridor') ?? ctx.agreement.zones.find((z) => z.geometry.type !== 'LineString');
  if (zone === undefined) throw new Error('no zone to sail in');
  const a = spot(zone, 3, ctx.isSea);
  const b = inward(zone, a, ctx.isSea);
  const s = ctx.startMs;
  const from = s + 70 * MIN;
  const to = from + 20 * MIN;
  add(ctx, { identity: identity(ctx.nextMmsi(215), 'AEGEAN BREEZE', 70, 'MLT'), waypoints: [{ at: s + 20 * MIN, position: a }, { at: s + 150 * MIN, position: b }], spoofs: [{ from, to, position: SIMFEROPOL_AIRPORT }] }, (act) => [
    { rule: rule.id, type: rule.type, entity: `mmsi:${act.identity.mmsi}`, start: iso(from), end: iso(to), note: 'GNSS spoofing to Simferopol airport (end = first true fix after it)' },
  ]);
}

/** A warship of a party crosses a Straits line (`transit`); near-miss: a Turkish warship crossing. */
function injectTransit(ctx: Ctx, rule: CompiledRule): void {
  const line = zoneOf(ctx, rule, 'line');
  const coords = (line.geometry as { coordinates: number[][] }).coordinates;
  const p0 = coords[0]!;
  const p1 = coords[coords.length - 1]!;
  const mid: LonLat = [(p0[0]! + p1[0]!) / 2, (p0[1]! + p1[1]!) / 2];
  const bearing = Math.atan2(p1[0]! - p0[0]!, p1[1]! - p0[1]!) * 180 / Math.PI;
  const north = destinationPoint(mid[0], mid[1], bearing - 90, 6000);
  const south = destinationPoint(mid[0], mid[1], bearing + 90, 1500);
  const s = ctx.startMs;
  const waypoints = (offsetMin: number): ScriptedActorOptions['waypoints'] => [{ at: s + (100 + offsetMin) * MIN, position: north }, { at: s + (130 + offsetMin) * MIN, position: south }];
  add(ctx, { identity: identity(ctx.nextMmsi(273), 'ADMIRAL ESSEN', 35, 'RUS'), waypoints: waypoints(0) }, (act) => {
    let t = s + 100 * MIN;
    let prev = act.positionAt(t)!.position;
    for (; t < s + 130 * MIN; t += 1000) {
      const p = act.positionAt(t + 1000)!.position;
      if (segmentCrossing(prev[0], prev[1], p[0], p[1], coords) !== 0) break;
      prev = p;
    }
    return [{ rule: rule.id, type: rule.type, entity: `mmsi:${act.identity.mmsi}`, zone: line.id, start: iso(t), end: iso(t), note: 'belligerent warship passes the Straits' }];
  });
  if (ctx.negatives) add(ctx, { identity: identity(ctx.nextMmsi(271), 'TCG GOKOVA', 35, 'TUR'), waypoints: waypoints(20) }, () => []);
}

const INJECTORS: Partial<Record<RuleType, (ctx: Ctx, rule: never) => void>> = {
  'no-entry': injectNoEntry,
  'must-transmit': injectMustTransmit,
  'no-loiter': injectNoLoiter,
  'no-rendezvous': injectNoRendezvous,
  'position-integrity': injectPositionIntegrity,
  'transit': injectTransit,
};

/** Rule types the simulator can inject. */
export const INJECTABLE_TYPES = Object.keys(INJECTORS) as RuleType[];

/**
 * Scripted actors that violate the agreement's maritime rules, each declaring the alert a
 * correct detector must raise (ground truth), plus near-misses that must raise none. Every
 * script runs within 3 h of `startMs`; injections of different types use different ships
 * and, where they share a zone, do not meet.
 */
export function injectViolations(agreement: CompiledAgreement, startMs: number, options: InjectOptions = {}): ScriptedActor[] {
  let serial = 0;
  const seaZones = [...new Set(agreement.rules.filter((r) => r.applies.domains === null || r.applies.domains.has('sea')).flatMap((r) => r.zones))]
    .map((i) => agreement.zones[i]!).filter((z) => z.geometry.type !== 'LineString');
  const ctx: Ctx = {
    agreement, seaZones, startMs, isSea: options.isSea ?? (() => true), negatives: options.negatives ?? true, actors: [],
    nextMmsi: (mid) => mid * 1_000_000 + 990_000 + ++serial,
  };
  const types = options.types ?? INJECTABLE_TYPES;
  for (const type of types) {
    const rule = ruleOf(agreement, type);
    const inject = INJECTORS[type];
    if (rule === undefined || inject === undefined) continue;
    inject(ctx, rule as never);
  }
  return ctx.actors;
}
