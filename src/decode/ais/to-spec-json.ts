import type { AisMessage } from './ais-message.js';

let lastTimeMs = NaN;
let lastIso = '';

/** ISO 8601 of a time; consecutive lines mostly share a second, so the last one is cached. */
function iso(timeMs: number): string {
  if (timeMs !== lastTimeMs) {
    lastTimeMs = timeMs;
    lastIso = new Date(timeMs).toISOString();
  }
  return lastIso;
}

const ZEROS = '0000000';

/**
 * A number that has at most `digits` decimals (positions are rounded to 1e-7°, speeds and
 * courses are tenths) written from its scaled integer: the same text as Number#toString,
 * without the cost of the shortest-round-trip float algorithm.
 */
function decimal(x: number, scale: number, digits: number): string {
  const n = Math.round(x * scale);
  const neg = n < 0;
  const a = neg ? -n : n;
  const int = Math.floor(a / scale);
  let frac = a - int * scale;
  let s = (neg ? '-' : '') + int;
  if (frac === 0) return s === '-0' ? '0' : s;
  let width = digits;
  while (frac % 10 === 0) {
    frac /= 10;
    width--;
  }
  const f = String(frac);
  s += '.' + ZEROS.slice(0, width - f.length) + f;
  return s;
}

/**
 * The JSON object of one decoded message as `vigil decode` prints it: SPEC keys only, in
 * SPEC order, absent when unknown. Built by concatenation (strings escaped by
 * JSON.stringify) — this is the hot path of `vigil decode`.
 */
export function toSpecJson(msg: AisMessage, timeMs: number | undefined): string {
  let s = '{"type":' + msg.type + ',"mmsi":' + msg.mmsi;
  if (timeMs !== undefined) s += ',"time":"' + iso(timeMs) + '"';
  if (msg.lat !== undefined) s += ',"lat":' + decimal(msg.lat, 1e7, 7);
  if (msg.lon !== undefined) s += ',"lon":' + decimal(msg.lon, 1e7, 7);
  if (msg.sog !== undefined) s += ',"sog":' + decimal(msg.sog, 10, 1);
  if (msg.cog !== undefined) s += ',"cog":' + decimal(msg.cog, 10, 1);
  if (msg.heading !== undefined) s += ',"heading":' + msg.heading;
  if (msg.navStatus !== undefined) s += ',"navStatus":' + msg.navStatus;
  if (msg.shipType !== undefined) s += ',"shipType":' + msg.shipType;
  if (msg.imo !== undefined) s += ',"imo":' + msg.imo;
  if (msg.callsign !== undefined) s += ',"callsign":' + JSON.stringify(msg.callsign);
  if (msg.name !== undefined) s += ',"name":' + JSON.stringify(msg.name);
  if (msg.destination !== undefined) s += ',"destination":' + JSON.stringify(msg.destination);
  return s + '}';
}
