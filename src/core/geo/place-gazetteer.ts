import { sampleArea, type AreaSamples } from './area-samples.js';
import { SHIPPED_PLACES, type PlaceEntry, type PlaceKind } from './black-sea-places.js';

/** A place name resolved: what a report located by name carries. */
export interface ResolvedPlace {
  id: string;
  name: string;
  kind: PlaceKind;
  /** Representative point (a region's administrative centre). */
  lon: number;
  lat: number;
}

/** Resolves place names (a `Gazetteer`, or a stand-in in tests). */
export interface PlaceLookup {
  resolve(text: string): ResolvedPlace | undefined;
}

/** Places' areas by place id (a `Gazetteer`). */
export interface PlaceAreas {
  area(id: string): AreaSamples | undefined;
}

/** `geoPrecision` of a report located through the gazetteer, by place kind. */
export const GEO_PRECISION_OF_KIND: Record<PlaceKind, string> = { town: 'town', region: 'region', 'macro-region': 'macro-region', country: 'country' };

/** Words that say a name is a region's, dropped before matching (and preferring regions). */
const REGION_WORDS = /(?<!\p{L})(oblast|obl|region|province|область|обл|регіон)(?!\p{L})\.?/giu;

/**
 * A place name in the form the gazetteer matches: lower case, no diacritics, no apostrophes,
 * no region words, single spaces; hyphens kept.
 *
 * @example normalizePlaceName("Mykolaïvs'ka oblast'") // → 'mykolaivska'
 */
export function normalizePlaceName(text: string, keepRegionWords = false): string {
  const t = text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC').toLowerCase().replace(/['’ʼ`ʹ]/g, '');
  return (keepRegionWords ? t : t.replace(REGION_WORDS, ' ')).replace(/[.()]/g, ' ').replace(/\s+/g, ' ').trim();
}

const KIND_ORDER: readonly PlaceKind[] = ['town', 'region', 'macro-region', 'country'];

/**
 * Place names → places, and places → areas (sampled for `no-strike`'s overlap share). Built
 * from the shipped table (`SHIPPED_PLACES`) and, optionally, more places with areas (a
 * Natural Earth admin-1 file, countries' outlines): see `src/geo-data/load-gazetteer.ts`.
 * Pure: no I/O here.
 */
export class Gazetteer implements PlaceLookup, PlaceAreas {
  private readonly byName = new Map<string, PlaceEntry[]>();
  /** Names as written, region words kept: `Kyiv Oblast` is UA-32 although `Kyiv` alone is the city. */
  private readonly byFullName = new Map<string, PlaceEntry[]>();
  private readonly byId = new Map<string, PlaceEntry>();
  private readonly polygons = new Map<string, number[][][][]>();
  private readonly samples = new Map<string, AreaSamples | null>();

  constructor(entries: readonly PlaceEntry[] = SHIPPED_PLACES) {
    for (const e of entries) this.add(e);
  }

  /** Adds a place (an id already known is replaced, its names kept). */
  add(e: PlaceEntry): void {
    this.byId.set(e.id, e);
    for (const [map, keep] of [[this.byName, false], [this.byFullName, true]] as const) {
      for (const n of new Set([e.name, ...e.aliases].map((x) => normalizePlaceName(x, keep)))) {
        if (n === '') continue;
        const list = map.get(n) ?? [];
        if (!list.some((x) => x.id === e.id)) list.push(e);
        map.set(n, list);
      }
    }
  }

  private loader: ((e: PlaceEntry) => number[][][][] | undefined) | undefined;

  /** Areas to read only when first asked for (countries' outlines: a large file most runs never need). */
  setAreaLoader(load: (e: PlaceEntry) => number[][][][] | undefined): void {
    this.loader = load;
  }

  /** Gives a place its area (MultiPolygon coordinates). */
  setArea(id: string, polygons: number[][][][]): void {
    this.polygons.set(id, polygons);
    this.samples.clear();
  }

  entry(id: string): PlaceEntry | undefined {
    return this.byId.get(id);
  }

  entries(): PlaceEntry[] {
    return [...this.byId.values()];
  }

  /**
   * A place name as written in a report (`Odesa`, `Odesa oblast`, `Izmail, Odeska`, `south`)
   * → the place, or undefined. Comma-separated parts are tried most specific first (the whole
   * text, then each part in order). Without a region word a town wins over a region of the
   * same name (`Kherson` the town, `Kherson oblast` the region).
   */
  resolve(text: string): ResolvedPlace | undefined {
    const parts = [text, ...text.split(',')].map((p) => p.trim()).filter((p) => p !== '');
    for (const part of parts) {
      const regional = new RegExp(REGION_WORDS.source, 'iu').test(part);
      const found = this.byFullName.get(normalizePlaceName(part, true)) ?? this.byName.get(normalizePlaceName(part));
      if (found === undefined) continue;
      const order = regional ? ['region', 'macro-region', 'country', 'town'] : KIND_ORDER;
      const e = [...found].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))[0]!;
      return { id: e.id, name: e.name, kind: e.kind, lon: e.point[0], lat: e.point[1] };
    }
    return undefined;
  }

  /**
   * The sampled area of a place: its own polygons, or for a macro-region the union of its
   * members' (only when every member has one). Undefined for towns and places without an area.
   */
  area(id: string): AreaSamples | undefined {
    if (this.samples.has(id)) return this.samples.get(id) ?? undefined;
    const polys = this.polygonsOf(id);
    const s = polys === undefined ? null : sampleArea(polys);
    this.samples.set(id, s);
    return s ?? undefined;
  }

  /** Whether a place has an area to test zones against. */
  hasArea(id: string): boolean {
    return this.polygonsOf(id) !== undefined;
  }

  private polygonsOf(id: string): number[][][][] | undefined {
    let own = this.polygons.get(id);
    if (own === undefined && this.loader !== undefined && this.byId.has(id)) {
      own = this.loader(this.byId.get(id)!);
      if (own !== undefined) this.polygons.set(id, own);
    }
    if (own !== undefined) return own;
    const members = this.byId.get(id)?.members;
    if (members === undefined) return undefined;
    const all: number[][][][] = [];
    for (const m of members) {
      const p = this.polygons.get(m);
      if (p === undefined) return undefined;
      all.push(...p);
    }
    return all;
  }
}
