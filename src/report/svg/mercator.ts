/**
 * Web Mercator, as MapLibre draws the console's map, so a report map and the console show
 * the same shapes. World coordinates run 0..1 west→east and north→south; a {@link MapFrame}
 * turns them into the pixels of one map area.
 */

/** `[minLon, minLat, maxLon, maxLat]`, degrees; minLon < maxLon (no antimeridian crossing). */
export type LonLatBox = readonly [number, number, number, number];

/** Latitude where Web Mercator's square world ends (MapLibre's limit), degrees. */
export const MAX_MERCATOR_LAT = 85.051129;

/** WGS 84 equatorial radius, metres (the sphere Web Mercator projects). */
const EARTH_RADIUS_M = 6378137;

/** World x (0..1) of a longitude. */
export function mercatorX(lon: number): number {
  return (lon + 180) / 360;
}

/** World y (0 at the north edge, 1 at the south edge) of a latitude, clamped to ±{@link MAX_MERCATOR_LAT}. */
export function mercatorY(lat: number): number {
  const phi = (Math.max(-MAX_MERCATOR_LAT, Math.min(MAX_MERCATOR_LAT, lat)) * Math.PI) / 180;
  return (1 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / Math.PI) / 2;
}

/** Longitude of a world x. */
export function lonOfX(x: number): number {
  return x * 360 - 180;
}

/** Latitude of a world y. */
export function latOfY(y: number): number {
  return (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;
}

/**
 * A map area of `width`×`height` pixels showing a box of the world. `scale` is pixels per
 * world unit; (`x0`, `y0`) the world coordinates of the area's top-left corner.
 */
export interface MapFrame {
  width: number;
  height: number;
  scale: number;
  x0: number;
  y0: number;
  /** The lon/lat box actually shown (the requested one widened to the area's aspect). */
  bbox: LonLatBox;
}

/**
 * The frame that shows `bbox` whole in `width`×`height` pixels without distortion: the box
 * is widened (or heightened) about its centre to the area's aspect, as MapLibre's fitBounds
 * does, rather than stretched.
 * @example frameFor([28, 41, 42, 47.5], 1000, 700).bbox // wider than tall in degrees, same centre
 */
export function frameFor(bbox: LonLatBox, width: number, height: number): MapFrame {
  const [minLon, minLat, maxLon, maxLat] = bbox;
  if (!(maxLon > minLon && maxLat > minLat)) throw new Error(`frameFor: bbox must have minLon < maxLon and minLat < maxLat, got [${bbox.join(', ')}]`);
  if (!(width > 0 && height > 0)) throw new Error(`frameFor: width and height must be positive, got ${width}×${height}`);
  const left = mercatorX(minLon);
  const right = mercatorX(maxLon);
  const top = mercatorY(maxLat);
  const bottom = mercatorY(minLat);
  const scale = Math.min(width / (right - left), height / (bottom - top));
  const x0 = (left + right) / 2 - width / scale / 2;
  const y0 = (top + bottom) / 2 - height / scale / 2;
  return { width, height, scale, x0, y0, bbox: [lonOfX(x0), latOfY(y0 + height / scale), lonOfX(x0 + width / scale), latOfY(y0)] };
}

/** Pixel x of a longitude in the frame. */
export function pixelX(frame: MapFrame, lon: number): number {
  return (mercatorX(lon) - frame.x0) * frame.scale;
}

/** Pixel y of a latitude in the frame. */
export function pixelY(frame: MapFrame, lat: number): number {
  return (mercatorY(lat) - frame.y0) * frame.scale;
}

/**
 * Ground metres per pixel at a latitude: Mercator's scale grows with 1/cos(lat), so a scale
 * bar holds only near the latitude it was measured at (the map's centre).
 */
export function metresPerPixel(frame: MapFrame, lat: number): number {
  return (2 * Math.PI * EARTH_RADIUS_M * Math.cos((lat * Math.PI) / 180)) / frame.scale;
}

/** Pixel coordinates (flat `[x0, y0, …]`) of `[lon, lat]` positions in the frame. */
export function projectPositions(frame: MapFrame, positions: readonly (readonly number[])[]): number[] {
  const out = new Array<number>(positions.length * 2);
  positions.forEach((p, i) => {
    out[2 * i] = pixelX(frame, p[0]!);
    out[2 * i + 1] = pixelY(frame, p[1]!);
  });
  return out;
}
