import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import { LandMask, type BBox } from '../core/geo/land-mask.js';
import { loadPorts } from './ports.js';

/**
 * The Black Sea, the Sea of Azov, the Bosphorus, the Sea of Marmara and the Dardanelles with
 * a margin: the area the demo agreement monitors. Clipping to it keeps a few thousand of
 * Natural Earth's 408,953 land vertices.
 */
export const BLACK_SEA_BBOX: BBox = [26, 39.8, 42.5, 48.5];

const cache = new Map<string, LandMask>();

/**
 * The land polygons of Natural Earth 1:10m (npm `world-atlas` `land-10m.json`, public
 * domain) as MultiPolygon coordinates.
 */
export function loadLandPolygons(): number[][][][] {
  const require = createRequire(import.meta.url);
  const path = require.resolve('world-atlas/land-10m.json');
  const topo = JSON.parse(readFileSync(path, 'utf8')) as Topology;
  const land = topo.objects['land'];
  if (!land) throw new Error(`${path}: no "land" object in the topology`);
  const geo = feature(topo, land) as GeoJSON.Feature | GeoJSON.FeatureCollection;
  const polygons: number[][][][] = [];
  const features = geo.type === 'FeatureCollection' ? geo.features : [geo];
  for (const f of features) {
    const g = f.geometry;
    if (g?.type === 'Polygon') polygons.push(g.coordinates);
    else if (g?.type === 'MultiPolygon') polygons.push(...g.coordinates);
  }
  return polygons;
}

/**
 * A {@link LandMask} of Natural Earth 10m land with the ports of the shipped gazetteer, built once per process and per box.
 *
 * Measured with land.bench.ts (Node 20, one core): reading and decoding the topology
 * ≈ 240 ms; building the mask ≈ 130 ms for {@link BLACK_SEA_BBOX} (0.02° cells) and
 * ≈ 610 ms for the whole world (409k vertices, 0.25° cells). Queries then cost ≈ 45 ns at
 * sea and ≈ 3.5 µs for a point on land (nearest-coast search). Call it at startup, not per fix.
 *
 * @param bbox `[minLon, minLat, maxLon, maxLat]` to clip land to; omit for the whole world
 * @example
 * const mask = loadLandMask(BLACK_SEA_BBOX);
 * mask.depthInlandM(34.1, 45.0); // > 0: central Crimea
 */
export function loadLandMask(bbox?: BBox): LandMask {
  const key = bbox ? bbox.join(',') : 'world';
  let mask = cache.get(key);
  if (!mask) {
    mask = new LandMask(loadLandPolygons(), bbox ? { bbox, ports: loadPorts(bbox) } : { ports: loadPorts() });
    cache.set(key, mask);
  }
  return mask;
}
