/**
 * Test support: loads the Black Sea sea polygon from the shared reference data
 * (`../shared/data/reference/earth_seas_blacksea_bbox.geojson`, beside the repository) for
 * the simulator's at-sea checks. Not used at run time.
 *
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pointInPolygon } from '../core/geo/point-in-polygon.js';
import type { LonLat } from './black-sea.js';

/** Polygon rings `[[lon, lat], …]`, outer rings and holes alike (the even-odd rule needs no distinction). */
type Rings = readonly (readonly (readonly number[])[])[];

/** The repository root: the nearest ancestor of this file that holds package.json. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('Cannot find the repository root (no package.json above this file).');
    dir = up;
  }
  return dir;
}

/** Path of the sea polygon in the shared data beside the repository. */
export const SEA_POLYGON_PATH = resolve(repoRoot(), '../shared/data/reference/earth_seas_blacksea_bbox.geojson');

let cached: Rings | undefined;

/** Whether `p` is at sea according to the Natural Earth 10 m sea polygon. */
export function atSea(p: LonLat): boolean {
  if (!cached) {
    const fc = JSON.parse(readFileSync(SEA_POLYGON_PATH, 'utf8')) as { features: { geometry: { type: string; coordinates: unknown } }[] };
    cached = fc.features.flatMap((f) => ringsOf(f.geometry));
  }
  return pointInPolygon(p[0], p[1], cached);
}

/**
 * All rings of a GeoJSON Polygon or MultiPolygon geometry.
 * @throws Error on another geometry type
 */
function ringsOf(geometry: { type: string; coordinates: unknown }): Rings {
  if (geometry.type === 'Polygon') return geometry.coordinates as Rings;
  if (geometry.type === 'MultiPolygon') return (geometry.coordinates as Rings[]).flat();
  throw new Error(`Expected a Polygon or MultiPolygon geometry, got ${geometry.type}.`);
}
