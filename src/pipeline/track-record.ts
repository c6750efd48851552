import type { Track } from '../core/track/track.js';
import type { Releasability, TrackRecord } from '../store/ports.js';

/** The stored state of a track (the live pipeline and the partition workers write it). */
export function trackRecordOf(t: Track, rel: Releasability): TrackRecord {
  const r: TrackRecord = { id: t.id, kind: t.kind, category: t.identity.category, lastMs: t.lastMs, lon: t.lon, lat: t.lat, fixes: t.fixes, ...rel };
  const name = t.identity.registryName ?? t.name;
  if (name !== undefined) r.name = name;
  if (t.callsign !== undefined) r.callsign = t.callsign;
  if (t.imo !== undefined) r.imo = t.imo;
  if (t.shipType !== undefined) r.shipType = t.shipType;
  if (t.identity.flag !== undefined) r.flag = t.identity.flag;
  if (t.identity.party !== undefined) r.party = t.identity.party;
  if (t.speedKn !== undefined) r.speedKn = t.speedKn;
  if (t.courseDeg !== undefined) r.courseDeg = t.courseDeg;
  if (t.altitudeFt !== undefined) r.altitudeFt = t.altitudeFt;
  return r;
}
