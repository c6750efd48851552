import { partyColour } from './basemap-colours.js';
import { CLIP_MARGIN_PX } from './basemap-layer.js';
import { fmt } from './svg-text.js';
import { type MapFrame, projectPositions } from './mercator.js';
import { clipLine, type PixelBox } from './pixel-clip.js';
import { simplifyLine } from './simplify.js';
import { appendPath } from './svg-path.js';

/** A track to draw: an entity's fixes `[lon, lat]` in time order, coloured by its party. */
export interface MapTrack {
  id: string;
  /** Party code; absent or not among the agreement's parties: grey. */
  party?: string;
  coords: [number, number][];
}

/** Simplification of tracks, px. */
const TRACK_TOLERANCE_PX = 0.3;

/**
 * Tracks as polylines in their party's colour, with a dot at the last fix so the direction
 * of travel reads. Tracks of one colour share a path (fewer elements, same picture).
 */
export function trackLayer(frame: MapFrame, tracks: readonly MapTrack[], parties: readonly string[]): string {
  const clip: PixelBox = [-CLIP_MARGIN_PX, -CLIP_MARGIN_PX, frame.width + CLIP_MARGIN_PX, frame.height + CLIP_MARGIN_PX];
  const byColour = new Map<string, { lines: string[]; ends: string[] }>();
  for (const track of tracks) {
    if (track.coords.length === 0) continue;
    const colour = partyColour(track.party, parties);
    let entry = byColour.get(colour);
    if (entry === undefined) {
      entry = { lines: [], ends: [] };
      byColour.set(colour, entry);
    }
    const px = projectPositions(frame, track.coords);
    for (const piece of clipLine(px, clip)) appendPath(entry.lines, simplifyLine(piece, TRACK_TOLERANCE_PX), false);
    const ex = px[px.length - 2]!;
    const ey = px[px.length - 1]!;
    if (ex >= 0 && ex <= frame.width && ey >= 0 && ey <= frame.height) entry.ends.push(`<circle cx="${fmt(ex)}" cy="${fmt(ey)}" r="2.5"/>`);
  }
  const svg: string[] = [];
  for (const [colour, { lines, ends }] of byColour) {
    if (lines.length > 0) svg.push(`<path d="${lines.join('')}" fill="none" stroke="${colour}" stroke-width="2" stroke-opacity="0.9" stroke-linejoin="round" stroke-linecap="round"/>`);
    if (ends.length > 0) svg.push(`<g fill="${colour}">${ends.join('')}</g>`);
  }
  return svg.join('');
}
