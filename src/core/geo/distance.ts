/**
 * Great-circle distances and bearings on a spherical Earth.
 *
 * Algorithms: haversine formula, initial bearing and direct problem on the sphere
 * (https://www.movable-type.co.uk/scripts/latlong.html). The spherical model is within
 * 0.5 % of the WGS 84 ellipsoid, well below AIS and Natural Earth coastline errors.
 */

/** Mean Earth radius in metres (IUGG R1 = (2a + b) / 3 for WGS 84). */
export const EARTH_RADIUS_M = 6371008.8;

/** Metres in one international nautical mile. */
export const METRES_PER_NM = 1852;

const RAD = Math.PI / 180;
const DEG = 180 / Math.PI;

/**
 * Great-circle distance between two positions, in metres (haversine formula).
 *
 * @param lon1 longitude of the first point, degrees
 * @param lat1 latitude of the first point, degrees
 * @param lon2 longitude of the second point, degrees
 * @param lat2 latitude of the second point, degrees
 * @returns distance in metres
 * @example
 * haversineM(30.7233, 46.4825, 28.9784, 41.0082); // ≈ 625,000 m (Odesa → Istanbul)
 */
export function haversineM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const s1 = Math.sin(dLat / 2);
  const s2 = Math.sin(dLon / 2);
  const h = s1 * s1 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * s2 * s2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Initial bearing (forward azimuth) of the great circle from point 1 to point 2.
 *
 * @returns degrees clockwise from true north, in [0, 360)
 * @example
 * initialBearingDeg(0, 0, 1, 0); // 90
 */
export function initialBearingDeg(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const phi1 = lat1 * RAD;
  const phi2 = lat2 * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const y = Math.sin(dLon) * Math.cos(phi2);
  const x = Math.cos(phi1) * Math.sin(phi2) - Math.sin(phi1) * Math.cos(phi2) * Math.cos(dLon);
  const deg = Math.atan2(y, x) * DEG;
  return (deg + 360) % 360;
}

/**
 * The point reached by travelling `distanceM` metres from a start point along a great circle
 * with the given initial bearing.
 *
 * @param lon start longitude, degrees
 * @param lat start latitude, degrees
 * @param bearingDeg initial bearing, degrees clockwise from true north
 * @param distanceM distance in metres
 * @returns `[lon, lat]` in degrees, longitude normalised to [-180, 180)
 * @example
 * destinationPoint(0, 0, 90, 111195); // ≈ [1, 0]
 */
export function destinationPoint(lon: number, lat: number, bearingDeg: number, distanceM: number): [number, number] {
  const delta = distanceM / EARTH_RADIUS_M;
  const theta = bearingDeg * RAD;
  const phi1 = lat * RAD;
  const lambda1 = lon * RAD;
  const sinPhi2 = Math.sin(phi1) * Math.cos(delta) + Math.cos(phi1) * Math.sin(delta) * Math.cos(theta);
  const phi2 = Math.asin(Math.max(-1, Math.min(1, sinPhi2)));
  const lambda2 = lambda1 + Math.atan2(
    Math.sin(theta) * Math.sin(delta) * Math.cos(phi1),
    Math.cos(delta) - Math.sin(phi1) * sinPhi2,
  );
  const lon2 = ((lambda2 * DEG + 540) % 360) - 180;
  return [lon2, phi2 * DEG];
}
