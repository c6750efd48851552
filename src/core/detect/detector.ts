import type { CompiledAgreement, CompiledRule, CompiledZone } from '../agreement/compiled-agreement.js';
import type { Alert } from '../alert/alert.js';
import type { LandMask } from '../geo/land-mask.js';
import type { PlaceAreas } from '../geo/place-gazetteer.js';
import type { Fix, ReportEvent } from '../track/observation.js';
import type { Track, ZoneStay } from '../track/track.js';

/** An alert still open, with the tracks it is about; detectors keep these and close them. */
export interface OpenAlert {
  alert: Alert;
  track: Track | undefined;
  other: Track | undefined;
  startMs: number;
}

/** Where a detector opens and closes alerts; the engine turns them into alert events. */
export interface DetectContext {
  readonly agreement: CompiledAgreement;
  readonly landMask: LandMask | undefined;
  /** Places' areas (reports located by a region's name); undefined when the run has none. */
  readonly places?: PlaceAreas | undefined;
  open(rule: CompiledRule, a: {
    track?: Track; entity?: Alert['entity']; other?: Track; zone: CompiledZone | null; startMs: number; lon: number; lat: number;
    evidence?: Alert['evidence'];
  }): OpenAlert;
  close(open: OpenAlert, endMs: number): void;
  /** Event time from `fromMs` to `toMs` less the coverage outages in it (see `Outages`). */
  silentMs(fromMs: number, toMs: number): number;
  /**
   * For `zoneScoped` detectors: the detector keeps state on `track` that its next fix must
   * see wherever it is (true), or no longer does (false).
   */
  hold(track: Track, rule: CompiledRule, held: boolean): void;
}

/** The previous fix of a track, before the current one was applied. */
export interface PrevFix {
  timeMs: number;
  lon: number;
  lat: number;
  speedKn: number | undefined;
  altitudeFt: number | undefined;
  onGround: boolean | undefined;
}

/**
 * What a detector sees of one fix: the track (already updated), its previous fix, the zones
 * it just left. The view and its `prev` are reused for the next fix: a detector that keeps
 * the previous fix copies it.
 */
export interface FixView {
  track: Track;
  prev: PrevFix | undefined;
  fix: Fix;
  /** Zones (index → stay) the track was in at the previous fix and is not in now. */
  exited: ReadonlyMap<number, ZoneStay>;
}

/**
 * A rule type's detector: a transition function over fixes of the tracks its rule matches,
 * plus event-time ticks (for silences) and track loss. It reads no clock and no database.
 */
export interface Detector {
  /**
   * Fixes matter only in the rule's zones: the engine calls `onFix` only for a fix inside one
   * of them, one that has just left one, and fixes of tracks the detector `hold`s. (Most
   * fixes are nowhere near a rule's zones; this spares each rule a look-up per fix.)
   */
  zoneScoped?: boolean;
  onFix?(v: FixView): void;
  /** Event time advanced to `nowMs` (every tick interval, and at the end of input). */
  onTick?(nowMs: number): void;
  /** No fix for the track-lost interval: `lastMs` was its last fix. */
  onTrackLost?(track: Track): void;
  onReport?(e: ReportEvent): void;
}

export type DetectorFactory<R extends CompiledRule = CompiledRule> = (rule: R, ctx: DetectContext) => Detector;

/** Zones of a rule, or null (everywhere) when it names none. */
export function ruleZones(rule: CompiledRule, agreement: CompiledAgreement): (CompiledZone | null)[] {
  return rule.zones.length === 0 ? [null] : rule.zones.map((i) => agreement.zones[i]!);
}

/** Whether a track's last fix is inside a zone (always, for "everywhere"). Allocation-free. */
export function inZone(track: Track, zone: CompiledZone | null): boolean {
  return zone === null || track.stays.has(zone.index);
}

/** The stay of a track in a zone, or a pseudo-stay for "everywhere". */
export function stayIn(track: Track, zone: CompiledZone | null): ZoneStay | undefined {
  if (zone === null) return { sinceMs: track.acquiredMs, lon: track.lon, lat: track.lat, fixes: track.fixes };
  return track.stays.get(zone.index);
}

/**
 * Indices of a rule's `excludeZones` (ids already checked by the compiler); empty when the
 * rule has none.
 */
export function excludedZones(ids: readonly string[] | undefined, agreement: CompiledAgreement): number[] {
  return (ids ?? []).map((id) => agreement.zoneById.get(id)!);
}

/**
 * Whether a track's last fix is inside any of the zones `zones` (indices). Allocation-free;
 * false at once for an empty list, so rules without `excludeZones` pay one length test.
 */
export function inAnyZone(track: Track, zones: readonly number[]): boolean {
  for (let i = 0; i < zones.length; i++) if (track.stays.has(zones[i]!)) return true;
  return false;
}
