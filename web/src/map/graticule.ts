import type { FeatureCollection } from 'geojson';

/**
 * Meridians and parallels every `stepDeg` degrees as GeoJSON lines, densified every degree
 * so they curve correctly on a globe projection.
 * @example graticule(5).features.length // 72 meridians + 35 parallels = 107
 */
export function graticule(stepDeg: number): FeatureCollection {
  const features: FeatureCollection['features'] = [];
  for (let lon = -180; lon < 180; lon += stepDeg) {
    const coords: [number, number][] = [];
    for (let lat = -85; lat <= 85; lat += 1) coords.push([lon, lat]);
    features.push({ type: 'Feature', properties: { kind: 'meridian', value: lon }, geometry: { type: 'LineString', coordinates: coords } });
  }
  for (let lat = -85 + (85 % stepDeg); lat <= 85; lat += stepDeg) {
    const coords: [number, number][] = [];
    for (let lon = -180; lon <= 180; lon += 1) coords.push([lon, lat]);
    features.push({ type: 'Feature', properties: { kind: 'parallel', value: lat }, geometry: { type: 'LineString', coordinates: coords } });
  }
  return { type: 'FeatureCollection', features };
}
