import type { CompiledZone } from '../../core/agreement/compiled-agreement.js';
import type { MapZone } from './zone-layer.js';

/**
 * An agreement zone as a map zone: a Polygon's rings, a MultiPolygon's rings flattened
 * (drawn even-odd, see {@link MapZone}), a transit line's LineString as one open ring.
 * @example mapZoneOf(agreement.zones[0]).rings.length // 1 for a simple polygon
 */
export function mapZoneOf(zone: Pick<CompiledZone, 'id' | 'name' | 'kind' | 'geometry'>): MapZone {
  const g = zone.geometry;
  const rings = g.type === 'Polygon' ? g.coordinates : g.type === 'MultiPolygon' ? g.coordinates.flat() : [g.coordinates];
  return { id: zone.id, name: zone.name, kind: zone.kind, rings };
}
