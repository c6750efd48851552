import type { BasemapGeometry, WorldPart } from './basemap-geometry.js';
import { BORDER_PAINT, COASTLINE_PAINT, LAND_COLOUR, type LinePaint, MARITIME_PAINT, SEA_COLOUR } from './basemap-colours.js';
import type { MapFrame } from './mercator.js';
import { clipLine, clipRing, type PixelBox } from './pixel-clip.js';
import { simplifyLine, simplifyRing } from './simplify.js';
import { appendPath } from './svg-path.js';
import { fmt } from './svg-text.js';

/**
 * Pixels drawn beyond the frame before clipping: strokes and the zero-width bridges that
 * polygon clipping leaves along the clip edge stay outside the visible map.
 */
export const CLIP_MARGIN_PX = 4;

/** Douglas–Peucker tolerance for the basemap, pixels: below what the eye or a printer resolves. */
const TOLERANCE_PX = 0.5;

/**
 * The basemap in the console's colours: sea, land, territorial-sea limits, coastline and
 * land borders (the console's layer order), clipped to the frame and simplified to about
 * a vertex per pixel. Land is one even-odd path, so lakes (holes) and islands in them come
 * out right whatever the rings' winding.
 */
export function basemapLayer(frame: MapFrame, base: BasemapGeometry, maritime: readonly WorldPart[]): string {
  const clip: PixelBox = [-CLIP_MARGIN_PX, -CLIP_MARGIN_PX, frame.width + CLIP_MARGIN_PX, frame.height + CLIP_MARGIN_PX];
  const parts: string[] = [`<rect width="${fmt(frame.width)}" height="${fmt(frame.height)}" fill="${SEA_COLOUR}"/>`];
  const land: string[] = [];
  for (const poly of visible(frame, base.land)) {
    for (const ring of poly.coords) {
      const px = toPixels(frame, ring);
      if (!overlaps(px, clip)) continue;
      appendPath(land, simplifyRing(clipRing(px, clip), TOLERANCE_PX), true);
    }
  }
  if (land.length > 0) parts.push(`<path d="${land.join('')}" fill="${LAND_COLOUR}" fill-rule="evenodd"/>`);
  parts.push(linesPath(frame, maritime, clip, MARITIME_PAINT), linesPath(frame, base.coastline, clip, COASTLINE_PAINT), linesPath(frame, base.borders, clip, BORDER_PAINT));
  return parts.join('');
}

/** One `<path>` of all the lines in the frame with a line paint ('' when none is visible). */
function linesPath(frame: MapFrame, lines: readonly WorldPart[], clip: PixelBox, paint: LinePaint): string {
  const d: string[] = [];
  for (const part of visible(frame, lines)) {
    for (const line of part.coords) {
      for (const piece of clipLine(toPixels(frame, line), clip)) appendPath(d, simplifyLine(piece, TOLERANCE_PX), false);
    }
  }
  if (d.length === 0) return '';
  return `<path d="${d.join('')}" ${strokeAttributes(paint)}/>`;
}

/** `fill="none"` and the stroke attributes of a line paint. */
export function strokeAttributes(paint: LinePaint): string {
  const dash = paint.dashPx !== undefined ? ` stroke-dasharray="${paint.dashPx.map(fmt).join(' ')}"` : '';
  const opacity = paint.opacity < 1 ? ` stroke-opacity="${paint.opacity}"` : '';
  return `fill="none" stroke="${paint.colour}" stroke-width="${fmt(paint.widthPx)}"${opacity}${dash} stroke-linejoin="round"`;
}

/** Parts whose world bounding box meets the frame's (with the clip margin). */
function* visible(frame: MapFrame, parts: readonly WorldPart[]): Generator<WorldPart> {
  const m = CLIP_MARGIN_PX / frame.scale;
  const x0 = frame.x0 - m;
  const y0 = frame.y0 - m;
  const x1 = frame.x0 + frame.width / frame.scale + m;
  const y1 = frame.y0 + frame.height / frame.scale + m;
  for (const p of parts) if (p.bbox[0] <= x1 && p.bbox[2] >= x0 && p.bbox[1] <= y1 && p.bbox[3] >= y0) yield p;
}

function toPixels(frame: MapFrame, world: Float64Array): Float64Array {
  const out = new Float64Array(world.length);
  for (let i = 0; i < world.length; i += 2) {
    out[i] = (world[i]! - frame.x0) * frame.scale;
    out[i + 1] = (world[i + 1]! - frame.y0) * frame.scale;
  }
  return out;
}

/** Whether a flat pixel ring's bounding box meets the box (a hole far away is skipped unclipped). */
function overlaps(px: Float64Array, box: PixelBox): boolean {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < px.length; i += 2) {
    const x = px[i]!, y = px[i + 1]!;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return minX <= box[2] && maxX >= box[0] && minY <= box[3] && maxY >= box[1];
}
