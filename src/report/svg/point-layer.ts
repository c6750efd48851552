import { NO_SEVERITY_COLOUR, partyColour, SEA_COLOUR, SEVERITY_COLOURS, MAP_TEXT_COLOUR } from './basemap-colours.js';
import type { PendingLabel } from './map-furniture.js';
import { candidatesAround } from './map-text.js';
import { type MapFrame, pixelX, pixelY } from './mercator.js';
import type { PixelBox } from './pixel-clip.js';
import { fmt } from './svg-text.js';

/** An incident location: drawn as a circle numbered by its place in the list (1, 2, …). */
export interface MapPoint {
  id: string;
  label: string;
  lon: number;
  lat: number;
  /** `high`, `medium` or `low`: the circle's fill (else light grey). */
  severity?: string;
  /** Party code: the circle's ring (else white). */
  party?: string;
}

/** Radius of a point's circle, px: room for a two-digit number. */
export const POINT_RADIUS_PX = 8;
const POINT_LABEL_PX = 11;

/**
 * Numbered circles, filled by severity and ringed by party, and their labels to place.
 * A number is the point's 1-based index in the input, so a report can list the points in
 * the same order; points outside the frame are not drawn but keep their number.
 */
export function pointLayer(frame: MapFrame, points: readonly MapPoint[], parties: readonly string[]): { svg: string; boxes: PixelBox[]; labels: PendingLabel[] } {
  const svg: string[] = [];
  const boxes: PixelBox[] = [];
  const labels: PendingLabel[] = [];
  points.forEach((p, i) => {
    const x = pixelX(frame, p.lon);
    const y = pixelY(frame, p.lat);
    if (!(x >= 0 && x <= frame.width && y >= 0 && y <= frame.height)) return;
    const fill = (p.severity !== undefined ? SEVERITY_COLOURS[p.severity] : undefined) ?? NO_SEVERITY_COLOUR;
    const ring = p.party !== undefined ? partyColour(p.party, parties) : '#ffffff';
    const n = String(i + 1);
    const size = n.length > 2 ? 7 : 9;
    svg.push(`<circle cx="${fmt(x)}" cy="${fmt(y)}" r="${POINT_RADIUS_PX}" fill="${fill}" stroke="${ring}" stroke-width="2"/>`
      + `<text x="${fmt(x)}" y="${fmt(y + size * 0.35)}" font-size="${size}" font-weight="bold" text-anchor="middle" fill="${SEA_COLOUR}">${n}</text>`);
    const r = POINT_RADIUS_PX + 1;
    boxes.push([x - r, y - r, x + r, y + r]);
    if (p.label !== '') labels.push({ text: p.label, sizePx: POINT_LABEL_PX, colour: MAP_TEXT_COLOUR, candidates: candidatesAround(x, y, p.label, POINT_LABEL_PX, r + 2, false) });
  });
  return { svg: svg.join(''), boxes, labels };
}
