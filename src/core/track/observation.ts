/** What kind of thing an entity is; fixes its id prefix and its domain. */
export type EntityKind = 'vessel' | 'aircraft' | 'radar' | 'report';

/** The domain each entity kind is watched in (SPEC rule `applies.domain`). */
export const DOMAIN_OF_KIND = { vessel: 'sea', aircraft: 'air', radar: 'air', report: 'report' } as const;

/** A position of an entity at a time, normalised from any feed. */
export interface Fix {
  kind: 'fix';
  /** Event time, Unix ms. */
  timeMs: number;
  /** `mmsi:…`, `icao:…`, `track:SENSOR:ID`. */
  entityId: string;
  entityKind: Exclude<EntityKind, 'report'>;
  lon: number;
  lat: number;
  speedKn?: number | undefined;
  courseDeg?: number | undefined;
  /** AIS navigational status (0–14: 1 at anchor, 5 moored), when the report gives one. */
  navStatus?: number | undefined;
  altitudeFt?: number;
  onGround?: boolean;
  verticalRateFpm?: number;
  squawk?: string;
  /** Radar classification (fixed-wing, rotary, uav, missile, unknown). */
  classification?: string;
  /** Receiver or sensor that reported it. */
  source?: string | undefined;
  /** `entityRank(entityId)`, when the producer keeps it with its interned id (saves the reorder buffer a look-up). */
  rank?: number;
}

/** Identity data of an entity (AIS types 5/19/24, ADS-B callsign, radar classification). */
export interface StaticInfo {
  kind: 'static';
  timeMs: number;
  entityId: string;
  entityKind: Exclude<EntityKind, 'report'>;
  name?: string | undefined;
  shipType?: number | undefined;
  callsign?: string | undefined;
  imo?: number | undefined;
  /** As `Fix.rank`. */
  rank?: number;
}

/** An incident report (SPEC "Incident report"), as an engine event. */
export interface ReportEvent {
  kind: 'report';
  timeMs: number;
  entityId: string;
  report: IncidentReport;
  /** As `Fix.rank`. */
  rank?: number;
}

/** SPEC "Incident report"; unknown keys are kept in `extra`. */
export interface IncidentReport {
  id: string;
  time: string;
  lat: number;
  lon: number;
  category: string;
  party?: string;
  source?: string;
  sourceType?: string;
  description?: string;
  timePrecision?: string;
  geoPrecision?: string;
  [key: string]: unknown;
}

export type EngineEvent = Fix | StaticInfo | ReportEvent;

/** Entity ranks by id: computed once per entity (ids are a handful of strings repeated millions of times). */
const RANKS = new Map<string, number>();
/** Bound on the cache: garbage ids must not grow it without limit (clearing only costs recomputation). */
const MAX_CACHED_RANKS = 200_000;

/**
 * The second key of the total event order, after time: the top 31 bits of the 32-bit FNV-1a
 * hash of the entity id. It depends only on the id, so the order stays independent of
 * arrival; being a number, it lets the reorder buffer sort an instant's events by numbers
 * instead of comparing strings (see `ReorderBuffer`); and 31 bits keep it a small integer to
 * V8, stored in an event without a heap number of its own.
 */
export function entityRank(entityId: string): number {
  let r = RANKS.get(entityId);
  if (r === undefined) {
    let h = 0x811c9dc5;
    for (let i = 0; i < entityId.length; i++) h = Math.imul(h ^ entityId.charCodeAt(i), 0x01000193);
    r = h >>> 1;
    if (RANKS.size >= MAX_CACHED_RANKS) RANKS.clear();
    RANKS.set(entityId, r);
  }
  return r;
}

/** `entityRank` of an event's entity (carried by the event when its producer knows it): the reorder buffer's rank. */
export const eventRank = (e: EngineEvent): number => e.rank ?? entityRank(e.entityId);

/**
 * Total order of events used everywhere an order must not depend on arrival: by time, then
 * entity (its rank, then its id), then kind and content. Two runs over the same lines in any
 * order within the out-of-order allowance therefore process identical sequences.
 */
export function compareEvents(a: EngineEvent, b: EngineEvent): number {
  if (a.timeMs !== b.timeMs) return a.timeMs - b.timeMs;
  if (a.entityId !== b.entityId) {
    const ra = entityRank(a.entityId);
    const rb = entityRank(b.entityId);
    if (ra !== rb) return ra - rb;
    return a.entityId < b.entityId ? -1 : 1;
  }
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
  if (a.kind === 'fix' && b.kind === 'fix') {
    if (a.lat !== b.lat) return a.lat - b.lat;
    if (a.lon !== b.lon) return a.lon - b.lon;
    const d = (a.speedKn ?? -1) - (b.speedKn ?? -1) || (a.courseDeg ?? -1) - (b.courseDeg ?? -1) || (a.altitudeFt ?? -1e9) - (b.altitudeFt ?? -1e9);
    if (d !== 0) return d;
    // The same fix from two receivers: the receiver decides.
    if (a.source !== b.source) return (a.source ?? '') < (b.source ?? '') ? -1 : 1;
  }
  const sa = JSON.stringify(a);
  const sb = JSON.stringify(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}
