import type { FilterSpecification, LayerSpecification } from 'maplibre-gl';
import { CLUSTER_ICON_EXPRESSION, MIL_SYMBOL_FILTER, TRACK_ICON_EXPRESSION } from './track-icons.js';

/** Zoom at and below which live tracks are clustered (the whole Black Sea fits at ~5.5). */
export const CLUSTER_MAX_ZOOM = 6;

/**
 * The symbol layers of a track source: military symbols (upright) and simple shapes (rotated
 * by course). Icons ignore placement: with 20,000 tracks the collision pass would cost more
 * than the overlap it avoids, and clusters already thin the picture at low zoom.
 */
export function trackLayers(source: string, prefix: string, clustered: boolean): LayerSpecification[] {
  const notCluster: unknown[] = clustered ? ['!', ['has', 'point_count']] : ['literal', true];
  const layers: LayerSpecification[] = [];
  if (clustered) {
    layers.push(
      {
        id: `${prefix}-clusters`, type: 'circle', source, filter: ['has', 'point_count'],
        paint: {
          'circle-color': '#3b5b7a', 'circle-opacity': 0.85, 'circle-stroke-color': '#d0dbe6', 'circle-stroke-width': 1,
          'circle-radius': ['step', ['get', 'point_count'], 11, 10, 14, 50, 17, 200, 21, 1000, 26],
        },
      },
      {
        id: `${prefix}-cluster-count`, type: 'symbol', source, filter: ['has', 'point_count'],
        layout: { 'icon-image': CLUSTER_ICON_EXPRESSION as never, 'icon-allow-overlap': true, 'icon-ignore-placement': true },
      },
    );
  }
  layers.push(
    {
      id: `${prefix}-shapes`, type: 'symbol', source, filter: ['all', notCluster, ['!', MIL_SYMBOL_FILTER]] as unknown as FilterSpecification,
      layout: {
        'icon-image': TRACK_ICON_EXPRESSION as never, 'icon-rotate': ['coalesce', ['get', 'courseDeg'], 0], 'icon-rotation-alignment': 'map',
        'icon-allow-overlap': true, 'icon-ignore-placement': true, 'icon-size': ['interpolate', ['linear'], ['zoom'], 5, 0.7, 9, 1],
      },
    },
    {
      id: `${prefix}-symbols`, type: 'symbol', source, filter: ['all', notCluster, MIL_SYMBOL_FILTER] as unknown as FilterSpecification,
      layout: { 'icon-image': TRACK_ICON_EXPRESSION as never, 'icon-allow-overlap': true, 'icon-ignore-placement': true },
    },
  );
  return layers;
}
