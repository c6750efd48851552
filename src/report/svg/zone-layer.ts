import { ZONE_FILL_OPACITY, zoneColour } from './basemap-colours.js';
import { CLIP_MARGIN_PX } from './basemap-layer.js';
import type { PendingLabel } from './map-furniture.js';
import { candidatesAround } from './map-text.js';
import { type MapFrame, projectPositions } from './mercator.js';
import { clipLine, clipRing, type PixelBox } from './pixel-clip.js';
import { ringArea, simplifyLine, simplifyRing } from './simplify.js';
import { appendPath } from './svg-path.js';

/**
 * A zone to draw. `rings` holds every ring of the zone's Polygon or MultiPolygon, outer
 * rings and holes in any order (they are filled with the even-odd rule, so a MultiPolygon's
 * coordinates may simply be flattened one level); each ring is closed (first position =
 * last). A ring whose first and last positions differ is an open line: a transit line.
 * Positions are `[lon, lat]`.
 */
export interface MapZone {
  id: string;
  /** Drawn as its label; empty: no label. */
  name: string;
  /** A zone kind of the agreement schema; it picks the colour (unknown kinds: `other`'s). */
  kind: string;
  rings: number[][][];
}

/** Font size of zone labels, px. */
const ZONE_LABEL_PX = 11;
/** Simplification of zone outlines, px: finer than the basemap's, zones are what the map is about. */
const ZONE_TOLERANCE_PX = 0.25;

/**
 * Zones as the console draws them: polygons filled at {@link ZONE_FILL_OPACITY} and outlined
 * in their kind's colour, transit lines as thicker lines; and a label per zone to be placed
 * (on the largest visible part, else beside its longest visible line).
 */
export function zoneLayer(frame: MapFrame, zones: readonly MapZone[]): { svg: string; labels: PendingLabel[] } {
  const clip: PixelBox = [-CLIP_MARGIN_PX, -CLIP_MARGIN_PX, frame.width + CLIP_MARGIN_PX, frame.height + CLIP_MARGIN_PX];
  const view: PixelBox = [0, 0, frame.width, frame.height];
  const drawn: { area: number; svg: string }[] = [];
  const labels: PendingLabel[] = [];
  for (const zone of zones) {
    const colour = zoneColour(zone.kind);
    const fill: string[] = [];
    const line: string[] = [];
    let anchor: [number, number] | undefined;
    let bestArea = 0;
    let bestLength = 0;
    for (const ring of zone.rings) {
      if (ring.length < 2) continue;
      const px = projectPositions(frame, ring);
      if (isClosed(ring)) {
        if (ring.length < 4) continue;
        appendPath(fill, simplifyRing(clipRing(px.slice(0, -2), clip), ZONE_TOLERANCE_PX, 0), true);
        const seen = clipRing(px.slice(0, -2), view);
        const area = seen.length >= 6 ? Math.abs(ringArea(seen)) : 0;
        if (area > bestArea) {
          bestArea = area;
          anchor = ringCentroid(seen);
        }
      } else {
        for (const piece of clipLine(px, clip)) appendPath(line, simplifyLine(piece, ZONE_TOLERANCE_PX), false);
        for (const piece of clipLine(px, view)) {
          const len = lineLength(piece);
          if (bestArea === 0 && len > bestLength) {
            bestLength = len;
            anchor = lineMiddle(piece, len);
          }
        }
      }
    }
    let svg = '';
    if (fill.length > 0) svg += `<path d="${fill.join('')}" fill="${colour}" fill-opacity="${ZONE_FILL_OPACITY}" fill-rule="evenodd" stroke="${colour}" stroke-width="1.5" stroke-linejoin="round"/>`;
    if (line.length > 0) svg += `<path d="${line.join('')}" fill="none" stroke="${colour}" stroke-width="3" stroke-linecap="round"/>`;
    drawn.push({ area: bestArea, svg });
    if (anchor !== undefined && zone.name !== '') labels.push({ text: zone.name, sizePx: ZONE_LABEL_PX, colour, candidates: labelCandidates(anchor, zone.name, bestArea) });
  }
  // Largest first (a stable sort keeps file order among equals), so a port approach inside
  // a no-fly area is not hidden under it; lines (area 0) come last, on top.
  drawn.sort((a, b) => b.area - a.area);
  return { svg: drawn.map((d) => d.svg).join(''), labels };
}

/**
 * Where a zone's name may go: on a polygon, centred on it and then a line or two above and
 * below (a large zone has room inside when its centre is taken); beside a line or a small
 * polygon, around it.
 */
function labelCandidates(anchor: [number, number], name: string, areaPx2: number): PixelBox[] {
  const [x, y] = anchor;
  const around = candidatesAround(x, y, name, ZONE_LABEL_PX, 6, areaPx2 > 0);
  if (areaPx2 < 2500) return around;
  const h = ZONE_LABEL_PX * 1.25;
  const shifted = [-1.5, 1.5, -3, 3].map((k): PixelBox => {
    const c = around[0]!;
    return [c[0], c[1] + k * h, c[2], c[3] + k * h];
  });
  return [around[0]!, ...shifted, ...around.slice(1)];
}

function isClosed(ring: readonly number[][]): boolean {
  const a = ring[0]!;
  const b = ring[ring.length - 1]!;
  return a[0] === b[0] && a[1] === b[1];
}

/** Area centroid of a flat pixel ring (vertex mean when degenerate). */
function ringCentroid(ring: readonly number[]): [number, number] {
  let a = 0, cx = 0, cy = 0;
  const n = ring.length;
  for (let i = 0; i < n; i += 2) {
    const j = (i + 2) % n;
    const f = ring[i]! * ring[j + 1]! - ring[j]! * ring[i + 1]!;
    a += f;
    cx += (ring[i]! + ring[j]!) * f;
    cy += (ring[i + 1]! + ring[j + 1]!) * f;
  }
  if (Math.abs(a) < 1e-9) {
    let sx = 0, sy = 0;
    for (let i = 0; i < n; i += 2) {
      sx += ring[i]!;
      sy += ring[i + 1]!;
    }
    return [sx / (n / 2), sy / (n / 2)];
  }
  return [cx / (3 * a), cy / (3 * a)];
}

function lineLength(line: readonly number[]): number {
  let s = 0;
  for (let i = 2; i < line.length; i += 2) s += Math.hypot(line[i]! - line[i - 2]!, line[i + 1]! - line[i - 1]!);
  return s;
}

/** The point halfway along a line. */
function lineMiddle(line: readonly number[], length: number): [number, number] {
  let rest = length / 2;
  for (let i = 2; i < line.length; i += 2) {
    const seg = Math.hypot(line[i]! - line[i - 2]!, line[i + 1]! - line[i - 1]!);
    if (seg >= rest && seg > 0) {
      const t = rest / seg;
      return [line[i - 2]! + t * (line[i]! - line[i - 2]!), line[i - 1]! + t * (line[i + 1]! - line[i - 1]!)];
    }
    rest -= seg;
  }
  return [line[line.length - 2]!, line[line.length - 1]!];
}

