import type { PixelBox } from './pixel-clip.js';
import { SEA_COLOUR } from './basemap-colours.js';
import { escapeXml, fmt, textWidth } from './svg-text.js';

/** Line height of map labels as a multiple of the font size (box height for placement). */
const LINE_HEIGHT = 1.25;

/** Box of a one-line label whose top-left corner is (x, y). */
export function labelBox(x: number, y: number, text: string, sizePx: number): PixelBox {
  return [x, y, x + textWidth(text, sizePx), y + sizePx * LINE_HEIGHT];
}

/**
 * A label drawn in a placed box, with a halo of sea colour (`paint-order="stroke"`) so it
 * reads over coastlines, zones and tracks. The baseline sits at 80 % of the line box, where
 * sans-serif capitals end, so the text stays inside the box the placer reserved.
 */
export function haloText(box: PixelBox, text: string, sizePx: number, colour: string, bold = false): string {
  const baseline = box[1] + sizePx * (LINE_HEIGHT - 1) / 2 + sizePx * 0.8;
  return `<text x="${fmt(box[0])}" y="${fmt(baseline)}" font-size="${fmt(sizePx)}"${bold ? ' font-weight="bold"' : ''} fill="${colour}" stroke="${SEA_COLOUR}" stroke-width="3" stroke-linejoin="round" paint-order="stroke">${escapeXml(text)}</text>`;
}

/**
 * Candidate boxes for a label next to an anchor, in order of preference: right, left,
 * above, below (at `gapPx` from the anchor's edge), then centred on it when `centreFirst`.
 */
export function candidatesAround(x: number, y: number, text: string, sizePx: number, gapPx: number, centreFirst: boolean): PixelBox[] {
  const w = textWidth(text, sizePx);
  const h = sizePx * LINE_HEIGHT;
  const around: PixelBox[] = [
    [x + gapPx, y - h / 2, x + gapPx + w, y + h / 2],
    [x - gapPx - w, y - h / 2, x - gapPx, y + h / 2],
    [x - w / 2, y - gapPx - h, x + w / 2, y - gapPx],
    [x - w / 2, y + gapPx, x + w / 2, y + gapPx + h],
  ];
  const centred: PixelBox = [x - w / 2, y - h / 2, x + w / 2, y + h / 2];
  return centreFirst ? [centred, ...around] : around;
}
