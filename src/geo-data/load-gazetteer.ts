import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import { sampleArea } from '../core/geo/area-samples.js';
import type { PlaceEntry } from '../core/geo/black-sea-places.js';
import { Gazetteer, normalizePlaceName } from '../core/geo/place-gazetteer.js';

/** A places file that cannot be used: what is wrong and where. */
export class PlacesFileProblem extends Error {}

let countryPolygons: Map<string, number[][][][]> | undefined;

/** Countries' outlines from Natural Earth 1:10m admin-0 (npm `world-atlas` `countries-10m.json`, public domain), by Natural Earth name. */
function loadCountryPolygons(): Map<string, number[][][][]> {
  if (countryPolygons !== undefined) return countryPolygons;
  const require = createRequire(import.meta.url);
  const path = require.resolve('world-atlas/countries-10m.json');
  const topo = JSON.parse(readFileSync(path, 'utf8')) as Topology;
  const obj = topo.objects['countries'];
  if (!obj) throw new Error(`${path}: no "countries" object in the topology`);
  const fc = feature(topo, obj) as GeoJSON.FeatureCollection;
  countryPolygons = new Map();
  for (const f of fc.features) {
    const name = (f.properties as { name?: string } | null)?.name;
    const polys = polygonsOf(f.geometry);
    if (name !== undefined && polys !== undefined) countryPolygons.set(name, polys);
  }
  return countryPolygons;
}

/**
 * The gazetteer `vigil check` uses: the shipped place table, countries' areas from Natural
 * Earth admin-0, and the places of `placesFile` when given (see `addPlacesFile`).
 */
export function loadGazetteer(placesFile?: string): Gazetteer {
  const g = new Gazetteer();
  // Read on the first report naming a country, not on every run.
  g.setAreaLoader((e) => (e.naturalEarthName !== undefined ? loadCountryPolygons().get(e.naturalEarthName) : undefined));
  if (placesFile !== undefined) addPlacesFile(g, placesFile);
  return g;
}

/**
 * Adds the features of a GeoJSON FeatureCollection to a gazetteer: Polygon/MultiPolygon
 * features become areas, Point features towns. A feature is matched to a known place by
 * `iso_3166_2` (Natural Earth admin-1's ISO 3166-2 code, e.g. `UA-51`) or `id`, else by its
 * name (`name`, `name_en`, `name_alt` with `|` between names, `name_local`); an unmatched
 * feature is a new place named so. Returns how many features were read.
 *
 * @example addPlacesFile(g, 'ne_10m_admin_1_states_provinces_ukraine.geojson')
 */
export function addPlacesFile(g: Gazetteer, path: string): number {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new PlacesFileProblem(`--places ${path}: ${(e as Error).message}`);
  }
  const fc = doc as { type?: unknown; features?: unknown };
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) throw new PlacesFileProblem(`--places ${path}: not a GeoJSON FeatureCollection`);
  let n = 0;
  for (const [i, f] of (fc.features as GeoJSON.Feature[]).entries()) {
    const props = (f?.properties ?? {}) as Record<string, unknown>;
    const text = (k: string): string | undefined => (typeof props[k] === 'string' && (props[k] as string).trim() !== '' ? (props[k] as string).trim() : undefined);
    const names = [text('name'), text('name_en'), ...(text('name_alt')?.split('|') ?? []), text('name_local')].filter((x): x is string => x !== undefined);
    const code = text('iso_3166_2') ?? (typeof f?.id === 'string' ? f.id : undefined);
    const where = `--places ${path}: feature ${i}${names[0] !== undefined ? ` (${names[0]})` : ''}`;
    if (names.length === 0 && code === undefined) throw new PlacesFileProblem(`${where}: has no name, name_en or iso_3166_2`);
    const geom = f?.geometry;
    if (geom?.type === 'Point') {
      const [lon, lat] = geom.coordinates as number[];
      if (typeof lon !== 'number' || typeof lat !== 'number' || Math.abs(lat) > 90 || Math.abs(lon) > 180) throw new PlacesFileProblem(`${where}: point is not [lon, lat]`);
      g.add({ id: code ?? `town:${names[0]!}`, name: names[0] ?? code!, kind: 'town', country: text('iso_a2') ?? '', point: [lon, lat], aliases: names });
      n++;
      continue;
    }
    const polys = polygonsOf(geom);
    if (polys === undefined) throw new PlacesFileProblem(`${where}: geometry is not a Point, Polygon or MultiPolygon`);
    const known = (code !== undefined ? g.entry(code) : undefined) ?? matchRegion(g, names);
    if (known !== undefined) {
      if (names.length > 0) g.add({ ...known, aliases: [...known.aliases, ...names] });
      g.setArea(known.id, polys);
    } else {
      const s = sampleArea(polys);
      let lon = 0, lat = 0;
      for (let k = 0; k < s.points.length; k += 3) { lon += s.points[k]!; lat += s.points[k + 1]!; }
      const count = s.points.length / 3;
      const point: [number, number] = count > 0 ? [lon / count, lat / count] : [s.bbox[0], s.bbox[1]];
      const entry: PlaceEntry = { id: code ?? `place:${normalizePlaceName(names[0]!)}`, name: names[0] ?? code!, kind: 'region', country: text('iso_a2') ?? '', point, aliases: names };
      g.add(entry);
      g.setArea(entry.id, polys);
    }
    n++;
  }
  return n;
}

function matchRegion(g: Gazetteer, names: readonly string[]): PlaceEntry | undefined {
  for (const name of names) {
    const r = g.resolve(`${name} oblast`);
    if (r !== undefined && r.kind === 'region') return g.entry(r.id);
  }
  return undefined;
}

function polygonsOf(geom: GeoJSON.Geometry | null | undefined): number[][][][] | undefined {
  if (geom?.type === 'Polygon') return [geom.coordinates];
  if (geom?.type === 'MultiPolygon') return geom.coordinates;
  return undefined;
}
