/**
 * Radar track plots as the CSV of docs/formats.md "Radar tracks".
 *
 * @module
 */
import type { AirState, RadarIdentity } from './air-actor.js';

/** The CSV header line, columns in the documented order. */
export const RADAR_CSV_HEADER = 'sensor,track,time,lat,lon,altitude_ft,speed_kt,heading,classification,confidence';

/**
 * ISO 8601 UTC, without milliseconds when they are zero.
 * @example radarTime(0) // '1970-01-01T00:00:00Z'
 */
export function radarTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/**
 * One plot as a CSV line: position with 5 decimals (1 m), altitude to 100 ft, speed to 1 kt,
 * heading to 1°, as an air-picture track would carry them.
 * @example radarPlotLine({ feed: 'radar', sensor: 'NATO-E3A-1', track: '4021', classification: 'uav', confidence: 0.7 }, 0, s)
 * // 'NATO-E3A-1,4021,1970-01-01T00:00:00Z,45.90000,31.40000,1500,100,315,uav,0.70'
 */
export function radarPlotLine(id: RadarIdentity, tMs: number, s: AirState): string {
  return [
    id.sensor, id.track, radarTime(tMs), s.position[1].toFixed(5), s.position[0].toFixed(5),
    Math.round(s.altitudeFt / 100) * 100, Math.round(s.speedKt), Math.round(s.trackDeg) % 360, id.classification, id.confidence.toFixed(2),
  ].join(',');
}
