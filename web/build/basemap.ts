/**
 * Build-time basemap: turns Natural Earth data shipped in npm packages into small GeoJSON
 * files the console loads from its own origin (no tiles, fonts or glyphs from the network).
 *
 * - `land-world.json`: 1:110m land, the whole world (background at any zoom);
 * - `land.json`, `coastline.json`, `borders.json`: 1:10m land, coastlines and land borders
 *   inside {@link DETAIL_BOX} (world-atlas, Natural Earth, public domain);
 * - `maritime.json`: outlines of the countries with their 12 nm territorial sea inside the box
 *   (`@geo-maps/countries-maritime-10m`, ODbL, from Natural Earth + Marine Regions);
 * - `country-labels.json`: one point per country (its largest part inside the box) with its name.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Feature, FeatureCollection, Geometry, MultiLineString, MultiPolygon, Polygon } from 'geojson';
import { type Box, clipLine, clipRing, type Position, ringArea, ringCentroid, roundLine, simplifyLine } from './clip.js';

/**
 * Where the console shows 1:10m detail: the Black Sea, the Sea of Azov and the Turkish
 * Straits with their shores (the demo agreement's zones all lie inside), degrees.
 */
export const DETAIL_BOX: Box = [18, 36, 48, 52];

/** Files written, in the order the style draws them. */
export const BASEMAP_FILES = ['land-world.json', 'land.json', 'coastline.json', 'borders.json', 'maritime.json', 'country-labels.json'] as const;

/**
 * Simplification of the territorial-sea outlines, degrees (~0.5 km): a 12 nm limit drawn as a
 * dashed line needs no 10m detail, and this cuts the file several times over.
 */
const MARITIME_TOLERANCE_DEG = 0.005;

const require = createRequire(import.meta.url);

/**
 * Writes the basemap files into `outDir` unless they are already newer than their inputs.
 * Returns the files written (empty when up to date).
 */
export function buildBasemap(outDir: string, force = false): string[] {
  const inputs = [require.resolve('world-atlas/countries-10m.json'), require.resolve('world-atlas/land-110m.json'), require.resolve('@geo-maps/countries-maritime-10m/map.geo.json')];
  const newestInput = Math.max(...inputs.map((f) => statSync(f).mtimeMs), statSync(new URL(import.meta.url)).mtimeMs);
  const upToDate = BASEMAP_FILES.every((f) => existsSync(join(outDir, f)) && statSync(join(outDir, f)).mtimeMs >= newestInput);
  if (upToDate && !force) return [];
  mkdirSync(outDir, { recursive: true });
  const [countriesPath, world110Path, maritimePath] = inputs as [string, string, string];
  const countries = JSON.parse(readFileSync(countriesPath, 'utf8')) as Topology<{ countries: GeometryCollection<{ name: string }>; land: GeometryCollection }>;
  const world110 = JSON.parse(readFileSync(world110Path, 'utf8')) as Topology<{ land: GeometryCollection }>;
  const maritime = JSON.parse(readFileSync(maritimePath, 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;

  const out: Record<(typeof BASEMAP_FILES)[number], FeatureCollection> = {
    'land-world.json': collection([{ type: 'Feature', properties: {}, geometry: roundGeometry(feature(world110, world110.objects.land).features[0]!.geometry as MultiPolygon) }]),
    'land.json': collection(clipPolygons(feature(countries, countries.objects.land).features.map((f) => f.geometry as Polygon | MultiPolygon)).map((g) => ({ type: 'Feature', properties: {}, geometry: g }))),
    'coastline.json': collection(linesFeature(mesh(countries, countries.objects.land))),
    'borders.json': collection(linesFeature(mesh(countries, countries.objects.countries, (a, b) => a !== b))),
    'maritime.json': collection(linesFeature({ type: 'MultiLineString', coordinates: maritime.features.flatMap((f) => polygonsOf(f.geometry).flat()) }, MARITIME_TOLERANCE_DEG)),
    'country-labels.json': collection(countryLabels(feature(countries, countries.objects.countries).features as Feature<Polygon | MultiPolygon, { name: string }>[])),
  };
  for (const [name, fc] of Object.entries(out)) writeFileSync(join(outDir, name), JSON.stringify(fc));
  return [...BASEMAP_FILES];
}

function collection(features: Feature[]): FeatureCollection {
  return { type: 'FeatureCollection', features };
}

function polygonsOf(g: Geometry): Position[][][] {
  if (g.type === 'Polygon') return [g.coordinates as Position[][]];
  if (g.type === 'MultiPolygon') return g.coordinates as Position[][][];
  return [];
}

function roundGeometry(g: MultiPolygon | Polygon): MultiPolygon {
  return { type: 'MultiPolygon', coordinates: polygonsOf(g).map((p) => p.map(roundLine).filter((r) => r.length >= 4)).filter((p) => p.length > 0) };
}

function clipPolygons(geoms: readonly (Polygon | MultiPolygon)[]): MultiPolygon[] {
  const polys: Position[][][] = [];
  for (const g of geoms) {
    for (const poly of polygonsOf(g)) {
      const rings = poly.map((r) => roundLine(clipRing(r, DETAIL_BOX))).filter((r) => r.length >= 4);
      if (rings.length > 0 && poly[0] !== undefined && clipRing(poly[0], DETAIL_BOX).length > 0) polys.push(rings);
    }
  }
  return polys.length > 0 ? [{ type: 'MultiPolygon', coordinates: polys }] : [];
}

function linesFeature(g: MultiLineString, toleranceDeg = 0): Feature[] {
  const lines = g.coordinates.flatMap((l) => clipLine(l as Position[], DETAIL_BOX)).map((l) => roundLine(toleranceDeg > 0 ? simplifyLine(l, toleranceDeg) : l)).filter((l) => l.length >= 2);
  return [{ type: 'Feature', properties: {}, geometry: { type: 'MultiLineString', coordinates: lines } }];
}

function countryLabels(features: readonly Feature<Polygon | MultiPolygon, { name: string }>[]): Feature[] {
  const labels: Feature[] = [];
  for (const f of features) {
    let best: Position[] | undefined;
    let bestArea = 0;
    for (const poly of polygonsOf(f.geometry)) {
      const ring = clipRing(poly[0] ?? [], DETAIL_BOX);
      const area = ring.length > 0 ? ringArea(ring) : 0;
      if (area > bestArea) {
        bestArea = area;
        best = ring;
      }
    }
    // Below ~0.05 square degrees (a few hundred km²) a label would cover the country.
    if (best === undefined || bestArea < 0.05) continue;
    const [lon, lat] = ringCentroid(best);
    labels.push({ type: 'Feature', properties: { name: f.properties.name }, geometry: { type: 'Point', coordinates: roundLine([[lon, lat]])[0]! } });
  }
  return labels;
}
