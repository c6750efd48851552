import type { CompiledAgreement, CompiledRule, CompiledZone } from '../agreement/compiled-agreement.js';
import { RULE_DOMAINS } from '../agreement/compile.js';
import type { Domain } from '../agreement/schema.js';
import { alertId, type Alert, type AlertEntity } from '../alert/alert.js';
import type { LandMask } from '../geo/land-mask.js';
import { classify } from '../track/classify.js';
import { DOMAIN_OF_KIND, type EngineEvent, type Fix, type StaticInfo } from '../track/observation.js';
import type { Track, ZoneStay } from '../track/track.js';
import type { DetectContext, Detector, FixView, OpenAlert, PrevFix } from './detector.js';
import type { PlaceAreas } from '../geo/place-gazetteer.js';
import { canonicalJson } from '../track/canonical-json.js';
import { DETECTORS } from './detectors.js';
import { Outages } from './outages.js';

/** Receives alert transitions as they happen (live store, stream, outbox). */
export interface AlertSink {
  opened(alert: Alert): void;
  closed(alert: Alert): void;
  /** A track went without a fix for the track-lost interval (the map drops it). */
  trackLost?(track: Track): void;
  /** A lost track without open alerts was forgotten (state keyed by it can go). */
  trackExpired?(track: Track): void;
}

export interface EngineOptions {
  landMask?: LandMask;
  /** Places' areas, for reports located by a region's name (`no-strike` overlap); without it such reports are not tested against zones. */
  places?: PlaceAreas;
  /** A vessel track is lost after this long without a fix: 1 h is twenty missed class A reports at anchor. */
  seaTrackLostMs?: number;
  /** An aircraft or radar track is lost after 5 min (ADS-B reports every second or so). */
  airTrackLostMs?: number;
  /** A lost track without open alerts is forgotten after this long, to bound memory. */
  expireMs?: number;
  /** Event-time tick for silences and track loss. */
  tickMs?: number;
}

export interface EngineCounters {
  events: number;
  fixes: number;
  duplicateFixes: number;
  staleFixes: number;
  outsidePeriod: number;
  tracks: number;
  expiredTracks: number;
  alertsOpened: number;
  alertsClosed: number;
  /** Incident reports applied (after de-duplication). */
  reports: number;
  /** Reports whose id was seen before with the same content (another input): merged. */
  duplicateReports: number;
  /** Reports whose id was seen before with different content (another input): ignored, the first kept. */
  conflictingReports: number;
  /** Reports outside the agreement's effective period: not checked. */
  reportsOutsidePeriod: number;
}

/** Rules past this index (bits of a 32-bit mask) see every fix of the tracks they match. */
const MAX_SCOPED_RULES = 31;

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/**
 * The truce engine: applies events in event-time order to per-entity tracks and runs each
 * rule's detector. Pure: no clock (time comes from the events), no I/O; the same agreement
 * and the same event sequence always give the same alerts, with the same ids.
 */
export class TruceEngine implements DetectContext {
  readonly tracks = new Map<string, Track>();
  readonly counters: EngineCounters = {
    events: 0, fixes: 0, duplicateFixes: 0, staleFixes: 0, outsidePeriod: 0, tracks: 0, expiredTracks: 0, alertsOpened: 0, alertsClosed: 0,
    reports: 0, duplicateReports: 0, conflictingReports: 0, reportsOutsidePeriod: 0,
  };
  /** Report entity → its content (canonical JSON): a report id read again (in another input) is applied once. */
  private readonly reportContent = new Map<string, string>();
  readonly landMask: LandMask | undefined;
  readonly places: PlaceAreas | undefined;
  private readonly detectors: Detector[];
  private readonly ruleDomains: ReadonlySet<Domain>[];
  private readonly zoneScratch: number[] = [];
  private readonly seaLostMs: number;
  private readonly airLostMs: number;
  private readonly expireMs: number;
  private readonly tickMs: number;
  private nextTickMs = -Infinity;
  private nowMs = -Infinity;
  /** Reused for every fix (detectors copy what they keep): no allocation per fix. */
  private readonly prevFix: PrevFix = { timeMs: 0, lon: 0, lat: 0, speedKn: undefined, altitudeFt: undefined, onGround: undefined };
  private readonly view: FixView = { track: undefined as unknown as Track, prev: undefined, fix: undefined as unknown as Fix, exited: new Map() };
  private readonly ruleIndex: Map<CompiledRule, number>;
  /** Per zone: bit i set when rule i is zone-scoped and names the zone. */
  private readonly zoneRules: number[];
  /** Set by `updateStays` for the fix being applied. */
  private nearRules = 0;
  /** Per rule: its detector sees only fixes in, or just out of, its zones (and held tracks). */
  private readonly scoped: boolean[];
  /** Open alerts, so that the end of the effective period can close them. */
  private readonly openSet = new Set<OpenAlert>();
  /** Coverage outages seen so far: silences and track loss do not count them. */
  readonly outages = new Outages();
  private readonly activeSince = (ms: number): number => {
    let n = 0;
    for (const t of this.tracks.values()) if (t.lastMs >= ms) n++;
    return n;
  };

  constructor(readonly agreement: CompiledAgreement, private readonly sink: AlertSink, options: EngineOptions = {}) {
    this.landMask = options.landMask;
    this.places = options.places;
    this.seaLostMs = options.seaTrackLostMs ?? 60 * 60_000;
    this.airLostMs = options.airTrackLostMs ?? 5 * 60_000;
    this.expireMs = options.expireMs ?? 6 * 60 * 60_000;
    this.tickMs = options.tickMs ?? 60_000;
    this.ruleDomains = agreement.rules.map((r) => new Set(r.applies.domains ?? RULE_DOMAINS[r.type]));
    this.detectors = agreement.rules.map((rule) => DETECTORS[rule.type](rule, this));
    this.ruleIndex = new Map(agreement.rules.map((r, i) => [r, i]));
    this.zoneRules = agreement.zones.map(() => 0);
    this.scoped = agreement.rules.map((r, i) => {
      const polygonal = r.zones.length > 0 && r.zones.every((z) => agreement.zones[z]!.geometry.type !== 'LineString');
      if (this.detectors[i]!.zoneScoped !== true || !polygonal || i >= MAX_SCOPED_RULES) return false;
      for (const z of r.zones) this.zoneRules[z]! |= 1 << i;
      return true;
    });
  }

  /** Applies one event; events must come in event-time order (see ReorderBuffer). */
  push(e: EngineEvent): void {
    this.counters.events++;
    // Reports do not move the clock: they come from people, late or early, and a report time
    // must never declare the fleet lost or silent.
    if (e.kind !== 'report') {
      this.outages.observe(e.timeMs, this.activeSince);
      this.advance(e.timeMs);
    }
    if (e.kind === 'fix') this.fix(e);
    else if (e.kind === 'static') this.staticInfo(e);
    else {
      const content = canonicalJson(e.report);
      const before = this.reportContent.get(e.entityId);
      if (before !== undefined) {
        if (before === content) this.counters.duplicateReports++;
        else this.counters.conflictingReports++;
        return;
      }
      this.reportContent.set(e.entityId, content);
      // A span counts when any of it lies in the period.
      const endMs = typeof e.report['timeEnd'] === 'string' ? Date.parse(e.report['timeEnd']) : e.timeMs;
      if (!this.inPeriod(e.timeMs) && !(e.timeMs < this.agreement.effectiveFromMs && endMs >= this.agreement.effectiveFromMs)) {
        this.counters.reportsOutsidePeriod++;
        return;
      }
      this.counters.reports++;
      for (let i = 0; i < this.detectors.length; i++) {
        if (this.ruleDomains[i]!.has('report')) this.detectors[i]!.onReport?.(e);
      }
    }
  }

  /** Moves the event-time clock (also used by live feeds when quiet). */
  advance(nowMs: number): void {
    if (nowMs <= this.nowMs) return;
    this.nowMs = nowMs;
    if (nowMs < this.nextTickMs) return;
    this.nextTickMs = (Math.floor(nowMs / this.tickMs) + 1) * this.tickMs;
    this.tick(nowMs);
  }

  silentMs(fromMs: number, toMs: number): number {
    return this.outages.silentMs(fromMs, toMs);
  }

  /** End of input at `endMs` (default: the last event time): silences up to then are judged. */
  finish(endMs = this.nowMs): void {
    if (Number.isFinite(endMs)) this.tick(endMs);
  }

  private tick(nowMs: number): void {
    if (this.inPeriod(nowMs)) for (const d of this.detectors) d.onTick?.(nowMs);
    const until = this.agreement.effectiveUntilMs;
    if (until !== null && nowMs >= until && this.openSet.size > 0) {
      // The truce ended: what was open ends with it.
      for (const o of [...this.openSet]) this.close(o, until);
    }
    for (const t of this.tracks.values()) {
      if (t.fixes === 0) {
        // Static data only, no position yet: nothing to lose; forget it after the expiry.
        if (nowMs - t.firstSeenMs > this.expireMs) this.tracks.delete(t.id);
        continue;
      }
      const lostAfter = t.kind === 'vessel' ? this.seaLostMs : this.airLostMs;
      if (nowMs - t.lastMs <= lostAfter || this.outages.silentMs(t.lastMs, nowMs) <= lostAfter) continue;
      if (!t.lost) {
        t.lost = true;
        for (const d of this.detectors) d.onTrackLost?.(t);
        t.stays.clear();
        this.sink.trackLost?.(t);
      }
      if (t.openAlerts === 0 && nowMs - t.lastMs > this.expireMs) {
        this.tracks.delete(t.id);
        this.counters.expiredTracks++;
        this.sink.trackExpired?.(t);
      }
    }
  }

  private track(id: string, kind: Track['kind'], timeMs: number): Track {
    let t = this.tracks.get(id);
    if (t === undefined) {
      t = {
        id, kind, name: undefined, callsign: undefined, imo: undefined, shipType: undefined, radarClass: undefined,
        identity: classify(this.agreement, id, kind, undefined, undefined), identityVersion: 0, matchedRules: [], matchVersion: -1,
        firstSeenMs: timeMs, acquiredMs: timeMs, lastMs: -Infinity, lon: 0, lat: 0, speedKn: undefined, courseDeg: undefined, altitudeFt: undefined, onGround: undefined,
        fixes: 0, lost: false, stays: new Map(), openAlerts: 0, held: 0,
      };
      this.tracks.set(id, t);
      this.counters.tracks++;
    }
    return t;
  }

  private staticInfo(s: StaticInfo): void {
    const t = this.track(s.entityId, s.entityKind, s.timeMs);
    if (s.name !== undefined) t.name = s.name;
    if (s.callsign !== undefined) t.callsign = s.callsign;
    if (s.imo !== undefined) t.imo = s.imo;
    if (s.shipType !== undefined && s.shipType !== t.shipType) {
      t.shipType = s.shipType;
      this.reclassify(t);
    }
  }

  private reclassify(t: Track): void {
    const next = classify(this.agreement, t.id, t.kind, t.shipType, t.radarClass);
    const cur = t.identity;
    if (next.flag === cur.flag && next.category === cur.category && next.party === cur.party) return;
    t.identity = next;
    t.identityVersion++;
  }

  private matches(t: Track): boolean[] {
    if (t.matchVersion === t.identityVersion) return t.matchedRules;
    const domain = DOMAIN_OF_KIND[t.kind];
    const { category, party } = t.identity;
    const before = t.matchedRules;
    t.matchedRules = this.agreement.rules.map((r, i) =>
      this.ruleDomains[i]!.has(domain) &&
      (r.applies.categories === null || r.applies.categories.has(category)) &&
      (r.applies.parties === null || (party !== undefined && r.applies.parties.has(party))));
    // A rule that no longer matches (the entity was reclassified) ends what it had open on it.
    for (let i = 0; i < before.length; i++) if (before[i] && !t.matchedRules[i]) this.detectors[i]!.onTrackLost?.(t);
    t.matchVersion = t.identityVersion;
    return t.matchedRules;
  }

  private fix(f: Fix): void {
    const t = this.track(f.entityId, f.entityKind, f.timeMs);
    if (f.timeMs < t.lastMs) {
      this.counters.staleFixes++;
      return;
    }
    if (f.timeMs === t.lastMs && f.lon === t.lon && f.lat === t.lat) {
      this.counters.duplicateFixes++;
      return;
    }
    this.counters.fixes++;
    if (f.classification !== undefined && f.classification !== t.radarClass) {
      t.radarClass = f.classification;
      this.reclassify(t);
    }
    const reacquired = t.fixes === 0 || t.lost;
    let prev: PrevFix | undefined;
    if (!reacquired) {
      prev = this.prevFix;
      prev.timeMs = t.lastMs;
      prev.lon = t.lon;
      prev.lat = t.lat;
      prev.speedKn = t.speedKn;
      prev.altitudeFt = t.altitudeFt;
      prev.onGround = t.onGround;
    } else t.acquiredMs = f.timeMs;
    t.lost = false;
    t.lastMs = f.timeMs;
    t.lon = f.lon;
    t.lat = f.lat;
    t.speedKn = f.speedKn;
    t.courseDeg = f.courseDeg;
    t.altitudeFt = f.altitudeFt;
    t.onGround = f.onGround;
    t.fixes++;
    const exited = this.updateStays(t, f);
    if (!this.inPeriod(f.timeMs)) {
      this.counters.outsidePeriod++;
      return;
    }
    const matched = this.matches(t);
    const view = this.view;
    view.track = t;
    view.prev = prev;
    view.fix = f;
    view.exited = exited;
    const near = t.held | this.nearRules;
    for (let i = 0; i < this.detectors.length; i++) {
      if (matched[i] && (!this.scoped[i] || (near & (1 << i)) !== 0)) this.detectors[i]!.onFix?.(view);
    }
  }

  /**
   * Updates the track's zone stays from its new fix; returns the zones it left, and sets
   * `nearRules` to the zone-scoped rules whose zones it is in or just left.
   */
  private updateStays(t: Track, f: Fix): ReadonlyMap<number, ZoneStay> {
    const out = this.zoneScratch;
    const n = this.agreement.zoneIndex.zonesAt(f.lon, f.lat, out);
    this.nearRules = 0;
    const before = t.stays.size;
    if (n === 0 && before === 0) return EMPTY; // most fixes: open sea, no zone before or now
    let stayed = 0;
    let near = 0;
    for (let i = 0; i < n; i++) {
      const zone = out[i]!;
      near |= this.zoneRules[zone]!;
      const stay = t.stays.get(zone);
      if (stay === undefined) t.stays.set(zone, { sinceMs: f.timeMs, lon: f.lon, lat: f.lat, fixes: 1 });
      else {
        stay.fixes++;
        stayed++;
      }
    }
    let exited: Map<number, ZoneStay> | undefined;
    if (stayed < before) {
      // Some zone of the last fix is not among this fix's zones.
      for (const [zone, stay] of t.stays) {
        let still = false;
        for (let i = 0; i < n; i++) if (out[i] === zone) still = true;
        if (!still) {
          (exited ??= new Map()).set(zone, stay);
          t.stays.delete(zone);
          near |= this.zoneRules[zone]!;
        }
      }
    }
    this.nearRules = near;
    return exited ?? EMPTY;
  }

  private inPeriod(ms: number): boolean {
    return ms >= this.agreement.effectiveFromMs && (this.agreement.effectiveUntilMs === null || ms < this.agreement.effectiveUntilMs);
  }

  private entityOf(t: Track): AlertEntity {
    const id = t.identity;
    const e: AlertEntity = { kind: t.kind, id: t.id };
    const name = id.registryName ?? t.name;
    if (name !== undefined) e.name = name;
    if (id.flag !== undefined) e.flag = id.flag;
    e.category = id.category;
    if (id.party !== undefined) e.party = id.party;
    return e;
  }

  open(rule: CompiledRule, a: Parameters<DetectContext['open']>[1]): OpenAlert {
    const entity = a.entity ?? (a.track !== undefined ? this.entityOf(a.track) : undefined);
    if (entity === undefined) throw new Error('an alert needs a track or an entity');
    const zone: CompiledZone | null = a.zone;
    // Nothing is a violation before the truce took effect.
    const startMs = Math.max(a.startMs, this.agreement.effectiveFromMs);
    const alert: Alert = {
      id: alertId([this.agreement.id, rule.id, entity.id, a.other?.id ?? '', zone?.id ?? '', startMs]),
      rule: rule.id, type: rule.type, domain: DOMAIN_OF_KIND[entity.kind], severity: rule.severity, entity,
      ...(a.other !== undefined ? { other: stripKind(this.entityOf(a.other)) } : {}),
      zone: zone?.id ?? null, start: new Date(startMs).toISOString(), end: null,
      position: { lat: round6(a.lat), lon: round6(a.lon) }, evidence: a.evidence ?? {},
    };
    if (a.track !== undefined) a.track.openAlerts++;
    if (a.other !== undefined) a.other.openAlerts++;
    this.counters.alertsOpened++;
    this.sink.opened(alert);
    const open: OpenAlert = { alert, track: a.track, other: a.other, startMs };
    this.openSet.add(open);
    return open;
  }

  hold(track: Track, rule: CompiledRule, held: boolean): void {
    const i = this.ruleIndex.get(rule);
    if (i === undefined || i >= MAX_SCOPED_RULES) return;
    if (held) track.held |= 1 << i;
    else track.held &= ~(1 << i);
  }

  close(o: OpenAlert, endMs: number): void {
    if (!this.openSet.delete(o)) return; // already closed (e.g. by the end of the period)
    if (o.track !== undefined) {
      o.track.openAlerts--;
      o.alert.entity = this.entityOf(o.track);
    }
    if (o.other !== undefined) {
      o.other.openAlerts--;
      o.alert.other = stripKind(this.entityOf(o.other));
    }
    o.alert.end = new Date(Math.max(endMs, o.startMs)).toISOString();
    this.counters.alertsClosed++;
    this.sink.closed(o.alert);
  }
}

const EMPTY: ReadonlyMap<number, ZoneStay> = new Map();

function stripKind(e: AlertEntity): NonNullable<Alert['other']> {
  const { kind: _kind, ...rest } = e;
  return rest;
}
