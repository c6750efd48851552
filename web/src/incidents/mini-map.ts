import * as maplibregl from 'maplibre-gl';
import { type Map as MapLibreMap } from 'maplibre-gl';
import type { Feature, FeatureCollection } from 'geojson';
import { basemapStyle } from '../map/basemap-style.js';
import { ZONE_FILL_OPACITY, zoneColourExpression } from '../map/zone-style.js';

/**
 * A small static map of an incident's evidence: the zones involved, each track segment as a
 * line with its fixes, and the alert positions; framed to fit them.
 */
export function miniMap(container: HTMLElement, zones: FeatureCollection, segments: Feature[], alertPoints: Feature[]): MapLibreMap {
  const map = new maplibregl.Map({ container, style: basemapStyle(import.meta.env.BASE_URL), center: [34, 44], zoom: 5, attributionControl: false, canvasContextAttributes: { preserveDrawingBuffer: true } });
  map.once('load', () => {
    map.addSource('zones', { type: 'geojson', data: zones });
    map.addLayer({ id: 'zones-fill', type: 'fill', source: 'zones', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': zoneColourExpression() as never, 'fill-opacity': ZONE_FILL_OPACITY } });
    map.addLayer({ id: 'zones-outline', type: 'line', source: 'zones', paint: { 'line-color': zoneColourExpression() as never, 'line-width': 1.5 } });
    map.addSource('segments', { type: 'geojson', data: { type: 'FeatureCollection', features: segments } });
    map.addLayer({ id: 'segments', type: 'line', source: 'segments', paint: { 'line-color': '#ffe066', 'line-width': 2 } });
    map.addLayer({ id: 'fixes', type: 'circle', source: 'segments', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-radius': 2, 'circle-color': '#ffe066' } });
    map.addSource('alerts', { type: 'geojson', data: { type: 'FeatureCollection', features: alertPoints } });
    map.addLayer({ id: 'alerts', type: 'circle', source: 'alerts', paint: { 'circle-radius': 7, 'circle-color': 'rgba(255,80,80,0.3)', 'circle-stroke-color': '#ff5050', 'circle-stroke-width': 2 } });
    const coords: [number, number][] = [];
    for (const f of [...segments, ...alertPoints]) collect(f.geometry, coords);
    if (coords.length > 0) {
      const b = new maplibregl.LngLatBounds(coords[0], coords[0]);
      for (const c of coords) b.extend(c);
      map.fitBounds(b, { padding: 40, maxZoom: 11, duration: 0 });
    }
  });
  return map;
}

function collect(g: Feature['geometry'], out: [number, number][]): void {
  if (g.type === 'Point') out.push(g.coordinates as [number, number]);
  else if (g.type === 'LineString' || g.type === 'MultiPoint') for (const c of g.coordinates) out.push(c as [number, number]);
}
