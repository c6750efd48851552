import type { LandMask } from '../geo/land-mask.js';
import type { Fix } from '../track/observation.js';

/** AIS navigational status "moored". (Not "at anchor": ship-to-ship transfers happen at anchor.) */
const MOORED = 5;

/**
 * Within this distance of a port of the shipped gazetteer a ship is taken to be in harbour:
 * at a berth, a quay or the harbour's own anchorage. A gazetteer port is one point (the
 * town's or the harbour's centre) and a harbour spans kilometres (Port Hedland, Copenhagen's
 * docks), so the radius is generous; open-sea anchorages are the agreement's zones
 * (`excludeZones`).
 */
export const BERTH_RADIUS_M = 5_000;
/** The test is made once per cell of this size (degrees, ≈ 1 km), at the cell's centre. */
const CELL_DEG = 0.01;

/**
 * A test "is this position in a harbour?" for the rendezvous and loitering detectors, which
 * leave ships in harbour out by default (issue 17: 33 of 40 rendezvous on a real log were
 * ships at berth). Cached per ≈ 1 km cell, so a detector pays a map look-up per fix, not a
 * spatial query; the cell's centre decides for the whole cell (±0.8 km at the radius'
 * edge). Without a land mask (`--no-land`) there is no gazetteer: nothing is a harbour.
 */
export function harbourTest(mask: LandMask | undefined): (lon: number, lat: number) => boolean {
  if (mask === undefined || mask.ports.ports.length === 0) return () => false;
  return cachedHarbourTest(mask);
}

/**
 * Whether a fix is of a ship at berth: its AIS status says moored, or it lies in a harbour
 * (`harbourTest`). The status is trusted only one way: a moored ship is at berth wherever the
 * gazetteer has no port, but "under way" inside a harbour is still in the harbour.
 */
export function berthTest(mask: LandMask | undefined): (fix: Fix) => boolean {
  const inHarbour = harbourTest(mask);
  return (fix) => fix.navStatus === MOORED || inHarbour(fix.lon, fix.lat);
}

function cachedHarbourTest(mask: LandMask): (lon: number, lat: number) => boolean {
  const cache = new Map<number, boolean>();
  return (lon, lat) => {
    const row = Math.floor((lat + 90) / CELL_DEG);
    const col = Math.floor((lon + 180) / CELL_DEG);
    const key = row * 40_000 + col;
    let inHarbour = cache.get(key);
    if (inHarbour === undefined) {
      inHarbour = mask.ports.nearest((col + 0.5) * CELL_DEG - 180, (row + 0.5) * CELL_DEG - 90, BERTH_RADIUS_M) !== undefined;
      cache.set(key, inHarbour);
    }
    return inHarbour;
  };
}
