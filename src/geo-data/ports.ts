import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BBox } from '../core/geo/land-mask.js';
import type { Port } from '../core/geo/port-index.js';

interface SeaPortsEntry {
  name?: string;
  coordinates?: number[];
  unlocs?: string[];
}

let all: Port[] | undefined;

/**
 * The shipped port gazetteer: npm `sea-ports` (MIT, 1,610 ports with a position, keyed by
 * UN/LOCODE; its README warns that some positions are approximate — they are the port town's,
 * within a few km of its harbour). Read once per process.
 */
export function loadPorts(bbox?: BBox): Port[] {
  if (all === undefined) {
    const require = createRequire(import.meta.url);
    const path = require.resolve('sea-ports/lib/ports.json');
    const entries = JSON.parse(readFileSync(path, 'utf8')) as Record<string, SeaPortsEntry>;
    all = [];
    for (const [key, e] of Object.entries(entries)) {
      const [lon, lat] = e.coordinates ?? [];
      if (typeof lon !== 'number' || typeof lat !== 'number' || !(Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) continue;
      all.push({ name: e.name ?? key, locode: e.unlocs?.[0] ?? key, lon, lat });
    }
  }
  if (bbox === undefined) return all;
  return all.filter((p) => p.lon >= bbox[0] && p.lon <= bbox[2] && p.lat >= bbox[1] && p.lat <= bbox[3]);
}
