import ms from 'milsymbol';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { partyColour } from './party-colours.js';

/**
 * Track icons are drawn on demand: the track layer names an image per (kind, category,
 * party) and MapLibre asks the missing-image resolver for it the first time a feature needs it,
 * so each symbol code and colour is rasterised once, whatever the number of tracks.
 *
 * Military entities and uncorrelated radar tracks get MIL-STD-2525C symbols (milsymbol) with a
 * neutral frame filled in the party's colour — the monitors are impartial, so no friend/hostile
 * frames. Everything else is a simple shape, rotated by course on the map.
 */

/** Image name of a track feature: `t|<kind>|<category>|<party or ''>`. */
export const TRACK_ICON_EXPRESSION = ['concat', 't|', ['get', 'kind'], '|', ['get', 'category'], '|', ['coalesce', ['get', 'party'], '']];

/** Image name of a cluster bubble: `c|<abbreviated count>`. */
export const CLUSTER_ICON_EXPRESSION = ['concat', 'c|', ['get', 'point_count_abbreviated']];

/** Whether a feature is drawn with a (non-rotating) military symbol. */
export const MIL_SYMBOL_FILTER = ['any', ['==', ['get', 'category'], 'military'], ['==', ['get', 'kind'], 'radar']];

/**
 * 2525C letter SIDCs (15 characters): neutral (N) or unknown (U) affiliation, present (P).
 * Sea surface combatant, military fixed-wing aircraft, and an unknown air track for radar.
 */
const SIDC: Record<string, string> = {
  vessel: 'SNSPC----------',
  aircraft: 'SNAPMF---------',
  radar: 'SUAP-----------',
};

/** Pixel ratio icons are rendered at (crisp on HiDPI screens, 2× is enough for ~20 px icons). */
const PIXEL_RATIO = 2;

/** Installs the on-demand image renderer on a map. */
export function installTrackIcons(map: MapLibreMap): void {
  map.setMissingStyleImageResolver((id: string) => {
    if (map.hasImage(id)) return;
    const canvas = id.startsWith('t|') ? drawTrackIcon(id) : id.startsWith('c|') ? drawCluster(id.slice(2)) : undefined;
    if (canvas === undefined) return;
    const ctx = canvas.getContext('2d')!;
    map.addImage(id, ctx.getImageData(0, 0, canvas.width, canvas.height), { pixelRatio: PIXEL_RATIO });
  });
}

/** Draws the icon named `t|kind|category|party` (exported for the legend). */
export function drawTrackIcon(id: string): HTMLCanvasElement {
  const [, kind = 'vessel', category = 'unknown', party = ''] = id.split('|');
  const colour = partyColour(party === '' ? null : party);
  if (category === 'military' || kind === 'radar') {
    const sym = new ms.Symbol(SIDC[kind] ?? SIDC.vessel!, { size: 16, fillColor: kind === 'radar' ? '#c9cdd2' : colour, outlineColor: '#0b1620', outlineWidth: 2, infoFields: false });
    return sym.asCanvas(PIXEL_RATIO);
  }
  return drawShape(kind, category, colour);
}

function drawShape(kind: string, category: string, colour: string): HTMLCanvasElement {
  const size = 20 * PIXEL_RATIO;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const c = canvas.getContext('2d')!;
  c.scale(PIXEL_RATIO, PIXEL_RATIO);
  c.translate(10, 10);
  c.beginPath();
  if (kind === 'aircraft') {
    // A plane seen from above, nose up (north); the layer rotates it by course.
    c.moveTo(0, -8); c.lineTo(1.5, -3); c.lineTo(8, 1); c.lineTo(8, 3); c.lineTo(1.5, 1); c.lineTo(1, 6); c.lineTo(3.5, 8);
    c.lineTo(-3.5, 8); c.lineTo(-1, 6); c.lineTo(-1.5, 1); c.lineTo(-8, 3); c.lineTo(-8, 1); c.lineTo(-1.5, -3); c.closePath();
  } else {
    // A hull, bow up.
    c.moveTo(0, -8); c.quadraticCurveTo(5, -3, 4, 7); c.lineTo(-4, 7); c.quadraticCurveTo(-5, -3, 0, -8); c.closePath();
  }
  c.fillStyle = colour;
  c.fill();
  // Law enforcement and government ships get a white outline, civil and unknown a dark one.
  c.lineWidth = category === 'law-enforcement' || category === 'government' ? 2 : 1;
  c.strokeStyle = category === 'law-enforcement' || category === 'government' ? '#ffffff' : '#0b1620';
  c.stroke();
  return canvas;
}

function drawCluster(label: string): HTMLCanvasElement {
  const size = 34 * PIXEL_RATIO;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const c = canvas.getContext('2d')!;
  c.scale(PIXEL_RATIO, PIXEL_RATIO);
  c.fillStyle = '#ffffff';
  c.font = 'bold 12px system-ui, sans-serif';
  c.textAlign = 'center';
  c.textBaseline = 'middle';
  c.fillText(label, 17, 17);
  return canvas;
}
