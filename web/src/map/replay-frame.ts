import type { Observation, TrackFeature } from '../api/types.js';

/** A position older than this before the replay time is not drawn (the track had gone quiet), ms. */
export const REPLAY_STALE_MS = 15 * 60_000;

/** Observations of one entity, oldest first. */
export type ObservationsByEntity = Map<string, Observation[]>;

/** Groups observations by entity, each list sorted by time. */
export function groupByEntity(rows: readonly Observation[]): ObservationsByEntity {
  const out: ObservationsByEntity = new Map();
  for (const o of rows) {
    let list = out.get(o.entityId);
    if (list === undefined) out.set(o.entityId, (list = []));
    list.push(o);
  }
  for (const list of out.values()) list.sort((a, b) => a.timeMs - b.timeMs);
  return out;
}

/**
 * The picture at `timeMs`: each entity at its last observed position at or before that time,
 * if seen within {@link REPLAY_STALE_MS}. Properties come from the live track when known.
 * @example replayFrame(groupByEntity(obs), 1_700_000_000_000, new Map())
 */
export function replayFrame(byEntity: ObservationsByEntity, timeMs: number, known: ReadonlyMap<string, TrackFeature>): TrackFeature[] {
  const out: TrackFeature[] = [];
  for (const [id, list] of byEntity) {
    // Binary search: last index with timeMs <= t.
    let lo = 0;
    let hi = list.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.timeMs <= timeMs) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) continue;
    const o = list[found]!;
    if (timeMs - o.timeMs > REPLAY_STALE_MS) continue;
    const p = known.get(id)?.properties;
    out.push({
      type: 'Feature', id, geometry: { type: 'Point', coordinates: [o.lon, o.lat] },
      properties: {
        id, kind: o.kind, name: p?.name ?? null, flag: p?.flag ?? null, category: p?.category ?? 'unknown', party: p?.party ?? null,
        speedKn: o.speedKn ?? null, courseDeg: o.courseDeg ?? null, altitudeFt: o.altitudeFt ?? null, lastMs: o.timeMs,
      },
    });
  }
  return out;
}
