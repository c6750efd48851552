/**
 * SBS-1 / BaseStation lines as dump1090 writes them on TCP port 30003 (`modesSendSBSOutput`):
 * 22 comma-separated fields, hex ident in upper case, generated and logged date/time equal,
 * altitude in 25 ft steps, latitude and longitude with 5 decimals, vertical rate in 64 ft/min
 * steps, flags `0`. The field table is docs/formats.md "ADS-B SBS-1 / BaseStation".
 *
 * @module
 */

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * `YYYY/MM/DD,hh:mm:ss.sss` (UTC), the date and time pair of an SBS line.
 * @example sbsDateTime(Date.UTC(2026, 2, 25, 4, 12, 0, 500)) // '2026/03/25,04:12:00.500'
 */
export function sbsDateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())},${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}

/** The 10 leading fields (type … logged time) of a MSG line. */
function head(type: number, icao: number, tMs: number): string {
  const dt = sbsDateTime(tMs);
  return `MSG,${type},1,1,${icao.toString(16).toUpperCase().padStart(6, '0')},1,${dt},${dt}`;
}

/**
 * MSG,1 — ES identification: the callsign.
 * @example sbsIdentification(0x4ba9c1, 0, 'THY4KZ') // 'MSG,1,1,1,4BA9C1,1,1970/01/01,00:00:00.000,1970/01/01,00:00:00.000,THY4KZ,,,,,,,,0,0,0,0'
 */
export function sbsIdentification(icao: number, tMs: number, callsign: string): string {
  return `${head(1, icao, tMs)},${callsign},,,,,,,,0,0,0,0`;
}

/**
 * MSG,3 — ES airborne position: altitude (ft), latitude, longitude.
 * @example sbsAirbornePosition(0x4ba9c1, 0, 36010, 43.123456, 29.5) // '…,,36000,,,43.12346,29.50000,,,0,0,0,0'
 */
export function sbsAirbornePosition(icao: number, tMs: number, altitudeFt: number, lat: number, lon: number): string {
  return `${head(3, icao, tMs)},,${Math.round(altitudeFt / 25) * 25},,,${lat.toFixed(5)},${lon.toFixed(5)},,,0,0,0,0`;
}

/**
 * MSG,4 — ES airborne velocity: ground speed (kt), track (°), vertical rate (ft/min).
 * @example sbsAirborneVelocity(0x4ba9c1, 0, 452.4, 12.6, 2400) // '…,,,452,13,,,2432,,0,0,0,0'
 */
export function sbsAirborneVelocity(icao: number, tMs: number, speedKt: number, trackDeg: number, verticalRateFpm: number): string {
  return `${head(4, icao, tMs)},,,${Math.round(speedKt)},${Math.round(trackDeg) % 360},,,${Math.round(verticalRateFpm / 64) * 64},,0,0,0,0`;
}
