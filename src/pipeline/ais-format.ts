import { AisLineDecoder } from '../decode/ais/ais-line-decoder.js';
import type { AisMessage } from '../decode/ais/ais-message.js';
import { entityRank, type EngineEvent } from '../core/track/observation.js';
import type { InputFormat } from './event-decoder.js';

/** Position-report types that move a vessel track (type 9 SAR aircraft is tracked by its MMSI too). */
const POSITION_TYPES = new Set([1, 2, 3, 9, 18, 19, 27]);
const STATIC_TYPES = new Set([5, 19, 24]);

/** A vessel's entity id and its rank in the event order (`entityRank`), interned by MMSI. */
interface Vessel {
  id: string;
  rank: number;
}

/** Vessels by MMSI: one id string per vessel instead of one per message (less garbage, and ids compare fast when events are ordered). */
const VESSELS = new Map<number, Vessel>();
/** Bound on the cache: garbage MMSIs must not grow it without limit. */
const MAX_CACHED_IDS = 200_000;

function vesselOf(mmsi: number): Vessel {
  let v = VESSELS.get(mmsi);
  if (v === undefined) {
    if (VESSELS.size >= MAX_CACHED_IDS) VESSELS.clear();
    const id = `mmsi:${mmsi}`;
    v = { id, rank: entityRank(id) };
    VESSELS.set(mmsi, v);
  }
  return v;
}

/** A vessel's fix event. Every key is in the literal, absent values undefined: one object shape, allocated in one piece. */
function vesselFix(timeMs: number, vessel: Vessel, lon: number, lat: number, speedKn: number | undefined, courseDeg: number | undefined, navStatus: number | undefined, source: string | undefined): EngineEvent {
  return { kind: 'fix', timeMs, entityId: vessel.id, entityKind: 'vessel', lon, lat, speedKn, courseDeg, navStatus, source, rank: vessel.rank };
}

/**
 * AIS message → engine events: a fix for position reports, static info for types 5, 19 and
 * 24. Base stations (4, 11) and aids to navigation (21) are fixed stations, not tracked.
 * Messages without a time (a log without any timestamp) cannot be placed in event time.
 */
export function aisToEvents(msg: AisMessage, timeMs: number | undefined, source: string | undefined, out: (e: EngineEvent) => void): boolean {
  if (timeMs === undefined) return false;
  const vessel = vesselOf(msg.mmsi);
  if (POSITION_TYPES.has(msg.type) && msg.lat !== undefined && msg.lon !== undefined) out(vesselFix(timeMs, vessel, msg.lon, msg.lat, msg.sog, msg.cog, msg.navStatus, source));
  if (STATIC_TYPES.has(msg.type) && (msg.name !== undefined || msg.shipType !== undefined || msg.callsign !== undefined)) {
    // Every key present, as for fixes: events of one shape keep property reads monomorphic downstream.
    out({ kind: 'static', timeMs, entityId: vessel.id, entityKind: 'vessel', name: msg.name, shipType: msg.shipType, callsign: msg.callsign, imo: msg.imo, rank: vessel.rank });
  }
  return true;
}

export const AIS_FORMAT: InputFormat = {
  name: 'ais',
  summary: 'AIS NMEA 0183 (!AIVDM/!AIVDO, tag blocks, line timestamps)',
  detect: (sample) => sample.some((l) => /[!$][A-Z]{2}VD[MO],/.test(l)),
  create(sink) {
    let untimed = 0;
    const clock = sink.assumedClock;
    // The line being decoded is the decoder's newest (a multi-part message: its last part's).
    const assumed = clock === undefined ? (): undefined => undefined : (): number => Math.round(clock.startMs + (decoder.counters.lines - 1) * 1000 / clock.linesPerS);
    const decoder: AisLineDecoder = new AisLineDecoder({
      message: (msg, time, source) => {
        if (!aisToEvents(msg, time ?? assumed(), source, (e) => sink.event(e))) untimed++;
      },
      position: (_type, mmsi, k, time, source) => {
        const timeMs = time ?? assumed();
        if (timeMs === undefined) untimed++;
        else if (!Number.isNaN(k.lat)) {
          sink.event(vesselFix(timeMs, vesselOf(mmsi), k.lon, k.lat, Number.isNaN(k.sogKn) ? undefined : k.sogKn, Number.isNaN(k.cogDeg) ? undefined : k.cogDeg, k.navStatus < 0 ? undefined : k.navStatus, source));
        }
      },
      reject: (reason, detail, line) => sink.reject(reason, detail, line),
    });
    return {
      push: (line) => decoder.push(line),
      flush: () => decoder.flush(),
      stats: () => ({ lines: decoder.counters.lines, rejected: { ...decoder.counters.rejected, ...(untimed ? { 'no-time': untimed } : {}) } as Record<string, number> }),
    };
  },
};
