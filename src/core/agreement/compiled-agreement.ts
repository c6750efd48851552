import type { ZoneIndex } from '../geo/zone-index.js';
import type { ZoneGeometry } from '../geo/polygon-geometry.js';
import type { Category, Domain, ReportCategory, RuleType, Severity, ZoneKind } from './schema.js';

/** A zone ready for detection. */
export interface CompiledZone {
  id: string;
  /** Display name (the id when the file gives none). */
  name: string;
  kind: ZoneKind;
  /** Index in {@link CompiledAgreement.zones}. */
  index: number;
  /** GeoJSON geometry; a circle is a 64-vertex polygon. */
  geometry: ZoneGeometry;
  /** `[minLon, minLat, maxLon, maxLat]`, degrees. */
  bbox: [number, number, number, number];
  /** Area in km² (0 for lines). */
  areaKm2: number;
  /** Length in km of a line zone (0 for polygons). */
  lengthKm: number;
  /** The circle as written, for circle zones. */
  circle?: { center: [number, number]; radiusNm: number };
  /** The GeoJSON file as written, for file zones. */
  file?: string;
  /** Exact containment test (false for lines). */
  contains(lon: number, lat: number): boolean;
}

/** An entry of the analyst registry: overrides flag, category and party of an entity. */
export interface RegistryEntry {
  /** `mmsi:NNNNNNNNN`, `icao:xxxxxx`, `track:SENSOR:ID` or `report:ID`. */
  id: string;
  category?: Category;
  party?: string;
  name?: string;
  /** ISO 3166-1 alpha-3. */
  flag?: string;
}

/** A party to the agreement. */
export interface Party {
  code: string;
  name: string;
  /** ISO 3166-1 alpha-3 flag states whose vessels and aircraft count as this party's. */
  flags: string[];
}

/** Filters of a rule; null means "matches all". */
export interface RuleApplies {
  domains: ReadonlySet<Domain> | null;
  categories: ReadonlySet<Category> | null;
  parties: ReadonlySet<string> | null;
}

/** Parameters of each rule type, durations in milliseconds. */
export interface RuleParamsByType {
  'no-entry': Record<string, never>;
  'must-transmit': { maxGapMs: number };
  /**
   * `excludeZones`: ids of zones (ports, anchorages) whose fixes do not count as inside the
   * rule's zones; absent when not set. `includeBerths`: fixes in a harbour (within 5 km of a
   * port of the shipped gazetteer) count too; false by default (see detect/berths.ts).
   */
  'no-loiter': { maxSpeedKn: number; minDurationMs: number; excludeZones?: string[]; includeBerths: boolean };
  /**
   * `maxSpeedKn`: both vessels' speed must stay below it at every fix of the window (absent:
   * no speed condition, SPEC's meaning); `excludeZones` as for `no-loiter`.
   */
  'no-rendezvous': { distanceM: number; minDurationMs: number; maxSpeedKn?: number; excludeZones?: string[]; includeBerths: boolean };
  'position-integrity': { maxSpeedKn: number; landMarginM: number };
  'transit': { direction: 'any' | 'left-to-right' | 'right-to-left' };
  'no-fly': Record<string, never>;
  'no-strike': { categories: ReadonlySet<ReportCategory> };
  'air-integrity': { maxSpeedKt: number; maxClimbFpm: number };
}

/** A rule ready for its detector; narrow on `type` to get typed `params`. */
export type CompiledRule = {
  [T in RuleType]: {
    id: string;
    type: T;
    /** Zone indices into {@link CompiledAgreement.zones}; empty = everywhere. */
    zones: number[];
    zoneIds: string[];
    applies: RuleApplies;
    severity: Severity;
    description?: string;
    params: RuleParamsByType[T];
  };
}[RuleType];

/** An agreement validated and compiled for detection. */
export interface CompiledAgreement {
  id: string;
  title: string;
  version: number;
  /** Start of the effective period, Unix ms. */
  effectiveFromMs: number;
  /** End of the effective period, Unix ms, or null when open-ended. */
  effectiveUntilMs: number | null;
  parties: Map<string, Party>;
  /** Party code of a flag state (ISO alpha-3), if any party claims it. */
  partyOfFlag(flag: string): string | undefined;
  /** All zones, polygons and lines, in file order. */
  zones: CompiledZone[];
  /** Index over the polygonal zones; returns indices into `zones`. */
  zoneIndex: ZoneIndex;
  zoneById: Map<string, number>;
  /** The transit-line zones (LineStrings). */
  lines: CompiledZone[];
  entities: Map<string, RegistryEntry>;
  rules: CompiledRule[];
}
