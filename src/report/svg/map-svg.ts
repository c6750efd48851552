/**
 * Report maps as standalone SVG (issue 12): the period's overview (zones, incident
 * locations, tracks) and a small map per incident, drawn offline from the console's basemap
 * data and colours so a report reads like the console. Same input → byte-identical SVG.
 */
import { MAP_MUTED_COLOUR, MAP_TEXT_COLOUR, PANEL_COLOUR } from './basemap-colours.js';
import { loadBasemapGeometry, loadMaritimeGeometry } from './basemap-geometry.js';
import { basemapLayer } from './basemap-layer.js';
import { fitBbox } from './fit-bbox.js';
import { LabelPlacer } from './label-placer.js';
import { attribution, graticule, northArrow, type PendingLabel, scaleBar } from './map-furniture.js';
import { haloText } from './map-text.js';
import { frameFor, type LonLatBox, type MapFrame } from './mercator.js';
import { pointLayer, type MapPoint } from './point-layer.js';
import { escapeXml, fitText, fmt, svgOpen } from './svg-text.js';
import { trackLayer, type MapTrack } from './track-layer.js';
import { zoneLayer, type MapZone } from './zone-layer.js';

export type { MapPoint, MapTrack, MapZone };

/** What a report map shows. Positions are `[lon, lat]` degrees (WGS 84). */
export interface MapInput {
  /** Size of the whole image, px (title and caption bands included). */
  width: number;
  height: number;
  /**
   * `[minLon, minLat, maxLon, maxLat]` to show (widened to the map's aspect); default: the
   * zones, tracks and points with a 10 % margin, at least 0.5° each way.
   */
  bbox?: [number, number, number, number];
  zones: MapZone[];
  tracks: MapTrack[];
  points: MapPoint[];
  /** A header band above the map. */
  title?: string;
  /** A footer band below the map. */
  caption?: string;
  /**
   * The agreement's party codes in its order: a party's colour is the console's. Absent:
   * every party is grey.
   */
  parties?: string[];
}

const TITLE_BAND_PX = 28;
const CAPTION_BAND_PX = 22;

/**
 * The console shows the 12 nm limits from zoom 4 (a whole sea and closer); a report map
 * does the same, and a world map does not pay for reading them.
 */
const MARITIME_MIN_ZOOM = 4;

/**
 * Renders a map as a standalone SVG document: Web Mercator, land, coastline, borders and
 * territorial-sea limits from Natural Earth, zones filled in their kind's colour and
 * labelled, tracks in party colours, points as numbered circles with labels, a graticule
 * with degree labels, a scale bar, a north arrow and the attribution. Labels that find no
 * free room are left out (see label-placer.ts). The basemap is read on the first call.
 *
 * @example
 * renderMapSvg({ width: 600, height: 400, zones: [], tracks: [], points: [{ id: 'a', label: 'Shot fired', lon: 31, lat: 46 }] });
 */
export function renderMapSvg(input: MapInput): string {
  const { width, height } = input;
  const { frame, top } = mapLayout(input);
  const mapHeight = frame.height;
  const parties = input.parties ?? [];

  const zoom = Math.log2(frame.scale / 512);
  const base = basemapLayer(frame, loadBasemapGeometry(), zoom >= MARITIME_MIN_ZOOM ? loadMaritimeGeometry() : []);
  const grid = graticule(frame);
  const zones = zoneLayer(frame, input.zones);
  const tracks = trackLayer(frame, input.tracks, parties);
  const points = pointLayer(frame, input.points, parties);

  const placer = new LabelPlacer(width, mapHeight);
  const furniture = [scaleBar(frame), northArrow(frame), attribution(frame)];
  for (const f of furniture) placer.reserve(f.box);
  for (const b of points.boxes) placer.reserve(b);
  const labels = [...points.labels, ...zones.labels, ...grid.labels].map((l) => place(placer, l)).join('');

  const label = input.title ?? 'Map';
  const parts = [svgOpen(width, height, label)];
  if (mapHeight < height) parts.push(`<rect width="${fmt(width)}" height="${fmt(height)}" fill="${PANEL_COLOUR}"/>`);
  if (input.title !== undefined) parts.push(`<text x="10" y="19" font-size="14" font-weight="bold" fill="${MAP_TEXT_COLOUR}">${escapeXml(fitText(input.title, width - 20, 14))}</text>`);
  // A nested <svg> clips everything drawn to the map area without a clipPath id, which
  // would clash between several maps inlined in one HTML report.
  parts.push(`<svg x="0" y="${top}" width="${fmt(width)}" height="${fmt(mapHeight)}" viewBox="0 0 ${fmt(width)} ${fmt(mapHeight)}">`);
  parts.push(base, grid.svg, zones.svg, tracks, points.svg, labels, ...furniture.map((f) => f.svg), '</svg>');
  if (input.caption !== undefined) parts.push(`<text x="10" y="${fmt(height - 7)}" font-size="11" fill="${MAP_MUTED_COLOUR}">${escapeXml(fitText(input.caption, width - 20, 11))}</text>`);
  parts.push('</svg>\n');
  return parts.join('');
}

/**
 * Where the map area lies in the image: its frame (projection and shown box) and its top
 * edge, px from the image's top (below the title band). With it a caller can find the pixel
 * of a position, e.g. to link an HTML image map to the incidents.
 */
export function mapLayout(input: MapInput): { frame: MapFrame; top: number } {
  const top = input.title !== undefined ? TITLE_BAND_PX : 0;
  const bottom = input.caption !== undefined ? CAPTION_BAND_PX : 0;
  const mapHeight = input.height - top - bottom;
  if (!(input.width >= 100 && mapHeight >= 60)) throw new Error(`renderMapSvg: the map needs at least 100×60 px besides title and caption, got ${input.width}×${mapHeight}`);
  const bbox: LonLatBox = input.bbox ?? fitBbox(positionsOf(input));
  return { frame: frameFor(bbox, input.width, mapHeight), top };
}

function* positionsOf(input: MapInput): Generator<readonly number[]> {
  for (const z of input.zones) for (const r of z.rings) yield* r;
  for (const t of input.tracks) yield* t.coords;
  for (const p of input.points) yield [p.lon, p.lat];
}

function place(placer: LabelPlacer, label: PendingLabel): string {
  const i = placer.place(label.candidates);
  return i < 0 ? '' : haloText(label.candidates[i]!, label.text, label.sizePx, label.colour);
}
