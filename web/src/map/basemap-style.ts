import type { StyleSpecification } from 'maplibre-gl';
import { graticule } from './graticule.js';

import { LAND_COLOUR, SEA_COLOUR } from '../../../src/report/svg/basemap-colours.js';

/** Sea and land colours (shared with the report maps). */
export { LAND_COLOUR, SEA_COLOUR };

/**
 * The offline basemap as a MapLibre style: GeoJSON generated at build time from Natural
 * Earth (`web/build/basemap.ts`) and served by Vigil under `/basemap/`, plus a graticule.
 * The 1:110m world land is drawn only below zoom 5: closer in, its coarse coast would cover
 * the sea inside the 1:10m detail area.
 * No `glyphs` and no `sprite`: nothing is fetched from elsewhere; labels are HTML markers.
 */
export function basemapStyle(base: string): StyleSpecification {
  const src = (file: string): { type: 'geojson'; data: string; tolerance: number } => ({ type: 'geojson', data: `${base}basemap/${file}`, tolerance: 0.5 });
  return {
    version: 8,
    sources: {
      'land-world': src('land-world.json'),
      land: src('land.json'),
      coastline: src('coastline.json'),
      borders: src('borders.json'),
      maritime: src('maritime.json'),
      graticule: { type: 'geojson', data: graticule(2) },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': SEA_COLOUR } },
      { id: 'land-world', type: 'fill', source: 'land-world', maxzoom: 5, paint: { 'fill-color': LAND_COLOUR } },
      { id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': LAND_COLOUR } },
      { id: 'graticule', type: 'line', source: 'graticule', paint: { 'line-color': '#ffffff', 'line-opacity': 0.08, 'line-width': 1 } },
      { id: 'maritime', type: 'line', source: 'maritime', minzoom: 4, paint: { 'line-color': '#5c7ea3', 'line-width': 1, 'line-dasharray': [3, 3], 'line-opacity': 0.7 } },
      { id: 'coastline', type: 'line', source: 'coastline', paint: { 'line-color': '#6b7c8f', 'line-width': 0.8 } },
      { id: 'borders', type: 'line', source: 'borders', paint: { 'line-color': '#8d99a6', 'line-width': 1, 'line-dasharray': [4, 2] } },
    ],
  };
}
