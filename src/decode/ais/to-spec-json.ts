import type { AisMessage } from './ais-message.js';

/**
 * The JSON object of one decoded message as `vigil decode` prints it: SPEC keys only, in
 * SPEC order, absent when unknown.
 */
export function toSpecJson(msg: AisMessage, timeMs: number | undefined): string {
  const out: Record<string, number | string> = { type: msg.type, mmsi: msg.mmsi };
  if (timeMs !== undefined) out.time = new Date(timeMs).toISOString();
  if (msg.lat !== undefined) out.lat = msg.lat;
  if (msg.lon !== undefined) out.lon = msg.lon;
  if (msg.sog !== undefined) out.sog = msg.sog;
  if (msg.cog !== undefined) out.cog = msg.cog;
  if (msg.heading !== undefined) out.heading = msg.heading;
  if (msg.navStatus !== undefined) out.navStatus = msg.navStatus;
  if (msg.shipType !== undefined) out.shipType = msg.shipType;
  if (msg.imo !== undefined) out.imo = msg.imo;
  if (msg.callsign !== undefined) out.callsign = msg.callsign;
  if (msg.name !== undefined) out.name = msg.name;
  if (msg.destination !== undefined) out.destination = msg.destination;
  return JSON.stringify(out);
}
