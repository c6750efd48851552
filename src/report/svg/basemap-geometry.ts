/**
 * The console's basemap data for report maps, read in Node from the same npm packages
 * web/build/basemap.ts uses: Natural Earth 1:10m land, coastlines and land borders
 * (`world-atlas/countries-10m.json`, public domain) and the 12 nm territorial-sea outlines
 * (`@geo-maps/countries-maritime-10m`, ODbL, Natural Earth + Marine Regions). The console
 * clips 10m detail to the Black Sea area; a report may frame anywhere, so here the whole
 * world is kept and each render picks the parts in its frame by bounding box.
 *
 * Read once per process and held projected to Web Mercator world coordinates, so a render
 * only scales and clips. Measured (Node 20, a loaded 2-core machine): land, coastline and
 * borders (405k + 410k + 68k vertices) ≈ 1 s; the territorial seas ≈ 0.8 s for a 38 MB
 * GeoJSON, 171k vertices after simplification. Held: ~17 MB of Float64Array; the process
 * settles at ~115 MB RSS. No network: the files are in node_modules.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { MultiLineString, MultiPolygon, Polygon } from 'geojson';
import { scanRings } from './geojson-rings.js';
import { mercatorX, mercatorY } from './mercator.js';
import { simplifyLine } from './simplify.js';

/**
 * A polygon (outer ring first, then holes) or a piece of line, in world coordinates
 * (flat `[x0, y0, …]`, see mercator.ts), with its world bounding box.
 */
export interface WorldPart {
  /** `[minX, minY, maxX, maxY]`, world units. */
  bbox: [number, number, number, number];
  /** Rings of a polygon (implicitly closed), or a single polyline. */
  coords: Float64Array[];
}

export interface BasemapGeometry {
  land: WorldPart[];
  coastline: WorldPart[];
  borders: WorldPart[];
}

/**
 * Simplification of the territorial-sea outlines, degrees (~0.5 km), as the console's build
 * does: a dashed 12 nm limit needs no 10m detail, and it cuts what is held ten times over.
 */
const MARITIME_TOLERANCE_DEG = 0.005;

/**
 * Vertices per line piece: long coastlines are cut so a small incident map tests a few
 * bounding boxes instead of projecting Eurasia's 80,000-vertex coast.
 */
const LINE_PIECE_VERTICES = 256;

const require = createRequire(import.meta.url);
let basemap: BasemapGeometry | undefined;
let maritime: WorldPart[] | undefined;

/** Land, coastline and land borders, read on first call and cached for the process. */
export function loadBasemapGeometry(): BasemapGeometry {
  if (basemap !== undefined) return basemap;
  const path = require.resolve('world-atlas/countries-10m.json');
  const topo = JSON.parse(readFileSync(path, 'utf8')) as Topology<{ countries: GeometryCollection; land: GeometryCollection }>;
  if (!topo.objects.land || !topo.objects.countries) throw new Error(`${path}: expected "land" and "countries" objects in the topology`);
  const land: WorldPart[] = [];
  for (const f of feature(topo, topo.objects.land).features) {
    const g = f.geometry as Polygon | MultiPolygon;
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    for (const poly of polys) land.push(worldPart(poly.map((r) => r.slice(0, -1).flat())));
  }
  basemap = {
    land,
    coastline: lineParts(mesh(topo, topo.objects.land)),
    borders: lineParts(mesh(topo, topo.objects.countries, (a, b) => a !== b)),
  };
  return basemap;
}

/** Outlines of the 12 nm territorial seas, read on first call and cached for the process. */
export function loadMaritimeGeometry(): WorldPart[] {
  if (maritime !== undefined) return maritime;
  const path = require.resolve('@geo-maps/countries-maritime-10m/map.geo.json');
  const parts: WorldPart[] = [];
  scanRings(readFileSync(path), (ring) => pushLineParts(parts, simplifyLine(ring, MARITIME_TOLERANCE_DEG)));
  maritime = parts;
  return maritime;
}

function lineParts(g: MultiLineString): WorldPart[] {
  const parts: WorldPart[] = [];
  for (const line of g.coordinates) pushLineParts(parts, line.flat());
  return parts;
}

/** Cuts a flat lon/lat line into pieces of {@link LINE_PIECE_VERTICES}, sharing their end vertex so the drawn line has no gaps. */
function pushLineParts(parts: WorldPart[], flat: readonly number[]): void {
  const step = 2 * (LINE_PIECE_VERTICES - 1);
  for (let start = 0; start + 2 < flat.length; start += step) parts.push(worldPart([flat.slice(start, start + step + 2)]));
}

/** Projects flat lon/lat rings to world coordinates and takes their bounding box. */
function worldPart(rings: readonly (readonly number[])[]): WorldPart {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const coords = rings.map((ring) => {
    const flat = new Float64Array(ring.length);
    for (let i = 0; i + 1 < ring.length; i += 2) {
      const x = mercatorX(ring[i]!);
      const y = mercatorY(ring[i + 1]!);
      flat[i] = x;
      flat[i + 1] = y;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    return flat;
  });
  return { bbox: [minX, minY, maxX, maxY], coords };
}
