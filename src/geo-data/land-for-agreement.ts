import type { CompiledAgreement } from '../core/agreement/compiled-agreement.js';
import type { LandMask } from '../core/geo/land-mask.js';
import { loadLandMask } from './land.js';

/** Margin around the agreement's zones where land is still checked, degrees. */
const MARGIN_DEG = 3;

/**
 * The land mask for an agreement: Natural Earth land clipped to the agreement's zones plus
 * a 3° margin (the Black Sea demo keeps a few thousand vertices; building it takes ~0.4 s
 * instead of ~0.85 s for the world). A fix far outside the monitored area is never called
 * "on land" — the mission does not watch there.
 */
export function landMaskFor(agreement: CompiledAgreement): LandMask {
  if (agreement.zones.length === 0) return loadLandMask();
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const z of agreement.zones) {
    minX = Math.min(minX, z.bbox[0]);
    minY = Math.min(minY, z.bbox[1]);
    maxX = Math.max(maxX, z.bbox[2]);
    maxY = Math.max(maxY, z.bbox[3]);
  }
  return loadLandMask([minX - MARGIN_DEG, Math.max(-90, minY - MARGIN_DEG), maxX + MARGIN_DEG, Math.min(90, maxY + MARGIN_DEG)]);
}
