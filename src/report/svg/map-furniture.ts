/**
 * What makes a map readable on paper: a lon/lat graticule with degree labels, a scale bar in
 * km, a north arrow and the data attribution. Pure: each returns SVG text and the boxes it
 * occupies, so labels placed later keep clear of it.
 */
import { GRATICULE_PAINT, MAP_MUTED_COLOUR, MAP_TEXT_COLOUR, SEA_COLOUR } from './basemap-colours.js';
import { strokeAttributes } from './basemap-layer.js';
import { labelBox } from './map-text.js';
import { latOfY, metresPerPixel, type MapFrame, pixelX, pixelY } from './mercator.js';
import { degreeLabel, graticuleStep, niceLengthKm, stepDecimals } from './nice-step.js';
import type { PixelBox } from './pixel-clip.js';
import { appendPath } from './svg-path.js';
import { escapeXml, fmt } from './svg-text.js';

/** Least distance between graticule lines, px: 4–10 lines across a report map. */
const GRATICULE_MIN_SPACING_PX = 90;
/** Font size of graticule labels, px. */
export const GRATICULE_LABEL_PX = 10;
/** Data sources to credit (Natural Earth: public domain; Marine Regions: ODbL requires it), as the console's attribution. */
export const ATTRIBUTION = 'Natural Earth; Marine Regions (ODbL)';

/** A label that goes where there is room: its text and candidate boxes in order of preference. */
export interface PendingLabel {
  text: string;
  sizePx: number;
  colour: string;
  candidates: PixelBox[];
}

/**
 * Meridians and parallels (straight lines in Mercator) at a round step, and their degree
 * labels: longitudes along the top edge, latitudes along the left edge.
 */
export function graticule(frame: MapFrame): { svg: string; labels: PendingLabel[] } {
  const [minLon, minLat, maxLon, maxLat] = frame.bbox;
  const step = graticuleStep(frame.width / (maxLon - minLon), GRATICULE_MIN_SPACING_PX);
  const decimals = stepDecimals(step);
  const d: string[] = [];
  const labels: PendingLabel[] = [];
  // Integer multiples of the step, so 0.1 steps do not drift into 30.299999.
  for (let k = Math.ceil(minLon / step); k * step <= maxLon; k++) {
    const x = pixelX(frame, k * step);
    appendPath(d, [x, 0, x, frame.height], false);
    const text = degreeLabel(k * step, 'lon', decimals);
    labels.push({ text, sizePx: GRATICULE_LABEL_PX, colour: MAP_MUTED_COLOUR, candidates: [labelBox(x + 3, 2, text, GRATICULE_LABEL_PX)] });
  }
  for (let k = Math.ceil(minLat / step); k * step <= maxLat; k++) {
    const y = pixelY(frame, k * step);
    appendPath(d, [0, y, frame.width, y], false);
    const text = degreeLabel(k * step, 'lat', decimals);
    labels.push({ text, sizePx: GRATICULE_LABEL_PX, colour: MAP_MUTED_COLOUR, candidates: [labelBox(3, y - GRATICULE_LABEL_PX * 1.25 - 1, text, GRATICULE_LABEL_PX)] });
  }
  return { svg: d.length > 0 ? `<path d="${d.join('')}" ${strokeAttributes(GRATICULE_PAINT)}/>` : '', labels };
}

/**
 * A scale bar at the bottom left: the longest round length up to a quarter of the map's
 * width, measured at the map's middle latitude (Mercator's scale changes with latitude; on a
 * map of a few degrees the bar is right to a few per cent).
 */
export function scaleBar(frame: MapFrame): { svg: string; box: PixelBox } {
  const midLat = latOfY(frame.y0 + frame.height / 2 / frame.scale);
  const kmPerPx = metresPerPixel(frame, midLat) / 1000;
  const km = niceLengthKm((frame.width / 4) * kmPerPx);
  const len = km / kmPerPx;
  const x = 12;
  const y = frame.height - 14;
  const text = km >= 1 ? `${km} km` : `${Math.round(km * 1000)} m`;
  const d: string[] = [];
  appendPath(d, [x, y - 5, x, y, x + len, y, x + len, y - 5], false);
  const svg = `<path d="${d.join('')}" fill="none" stroke="${SEA_COLOUR}" stroke-width="4" stroke-linejoin="round"/>`
    + `<path d="${d.join('')}" fill="none" stroke="${MAP_TEXT_COLOUR}" stroke-width="1.5" stroke-linejoin="round"/>`
    + `<text x="${fmt(x + len / 2)}" y="${fmt(y - 8)}" font-size="10" text-anchor="middle" fill="${MAP_TEXT_COLOUR}" stroke="${SEA_COLOUR}" stroke-width="3" paint-order="stroke">${escapeXml(text)}</text>`;
  return { svg, box: [x - 3, y - 22, x + Math.max(len, 40) + 3, y + 3] };
}

/** A north arrow at the top right (north is up in Web Mercator, everywhere on the map). */
export function northArrow(frame: MapFrame): { svg: string; box: PixelBox } {
  const cx = frame.width - 22;
  const top = 22;
  const svg = `<path d="M${fmt(cx)} ${top}l7 20-7-5-7 5z" fill="${MAP_TEXT_COLOUR}" stroke="${SEA_COLOUR}" stroke-width="1"/>`
    + `<text x="${fmt(cx)}" y="${top + 32}" font-size="11" font-weight="bold" text-anchor="middle" fill="${MAP_TEXT_COLOUR}" stroke="${SEA_COLOUR}" stroke-width="3" paint-order="stroke">N</text>`;
  return { svg, box: [cx - 12, top - 4, cx + 12, top + 36] };
}

/** The attribution at the bottom right. */
export function attribution(frame: MapFrame): { svg: string; box: PixelBox } {
  const size = 9;
  const box = labelBox(frame.width - 4 - ATTRIBUTION.length * size * 0.6, frame.height - size * 1.25 - 3, ATTRIBUTION, size);
  const svg = `<text x="${fmt(frame.width - 4)}" y="${fmt(frame.height - 5)}" font-size="${size}" text-anchor="end" fill="${MAP_MUTED_COLOUR}" stroke="${SEA_COLOUR}" stroke-width="3" paint-order="stroke">${escapeXml(ATTRIBUTION)}</text>`;
  return { svg, box };
}
