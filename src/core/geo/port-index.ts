import Flatbush from 'flatbush';
import { haversineM } from './distance.js';

/** A port of the gazetteer. */
export interface Port {
  name: string;
  /** UN/LOCODE, when known. */
  locode: string | undefined;
  lon: number;
  lat: number;
}

const M_PER_DEG_LAT = 111_195;

/**
 * Nearest-port look-ups over a port gazetteer, for the detectors that must tell a harbour
 * from the open sea (a berth the coarse coastline draws as land, ships alongside each other).
 *
 * @example
 * const ports = new PortIndex([{ name: 'Odesa', locode: 'UAODS', lon: 30.7233, lat: 46.4825 }]);
 * ports.nearest(30.75, 46.5, 10_000)?.port.name; // 'Odesa'
 */
export class PortIndex {
  private readonly tree: Flatbush | null;

  constructor(readonly ports: readonly Port[]) {
    if (ports.length === 0) {
      this.tree = null;
      return;
    }
    const tree = new Flatbush(ports.length);
    for (const p of ports) tree.add(p.lon, p.lat, p.lon, p.lat);
    tree.finish();
    this.tree = tree;
  }

  /** The nearest port within `withinM` metres of `[lon, lat]`, and its distance; undefined when none. */
  nearest(lon: number, lat: number, withinM: number): { port: Port; distanceM: number } | undefined {
    if (this.tree === null) return undefined;
    const dy = withinM / M_PER_DEG_LAT;
    const dx = dy / Math.max(0.05, Math.cos((lat * Math.PI) / 180));
    let best: { port: Port; distanceM: number } | undefined;
    for (const i of this.tree.search(lon - dx, lat - dy, lon + dx, lat + dy)) {
      const port = this.ports[i]!;
      const d = haversineM(lon, lat, port.lon, port.lat);
      if (d <= withinM && (best === undefined || d < best.distanceM)) best = { port, distanceM: d };
    }
    return best;
  }
}
