import type { Identity } from './classify.js';
import type { EntityKind } from './observation.js';

/** A stay of a track inside one polygonal zone: since when, where it entered, how many fixes. */
export interface ZoneStay {
  sinceMs: number;
  lon: number;
  lat: number;
  fixes: number;
}

/**
 * Per-entity state kept by the engine. Plain objects in a Map: the Black Sea carries a few
 * thousand vessels and aircraft at once (the AISHub world feed: 11,000 in 3 minutes), so a
 * track costs about 1 KB and 20,000 live tracks about 20 MB.
 */
export interface Track {
  id: string;
  kind: EntityKind;
  name: string | undefined;
  callsign: string | undefined;
  imo: number | undefined;
  shipType: number | undefined;
  radarClass: string | undefined;
  identity: Identity;
  /** Bumped when identity changes, so cached rule matches are recomputed. */
  identityVersion: number;
  /** Rule indices matched by this track, for `matchVersion === identityVersion`. */
  matchedRules: boolean[];
  matchVersion: number;
  firstSeenMs: number;
  /** First fix since the track was (re)acquired: the start of "everywhere" rules' stays. */
  acquiredMs: number;
  lastMs: number;
  lon: number;
  lat: number;
  speedKn: number | undefined;
  courseDeg: number | undefined;
  altitudeFt: number | undefined;
  onGround: boolean | undefined;
  fixes: number;
  /** No fix for the track-lost interval (detectors were told); the next fix reacquires it. */
  lost: boolean;
  /** Polygonal zones the last fix was in, by zone index. */
  stays: Map<number, ZoneStay>;
  /** Open alerts of this track; a track with open alerts is never expired. */
  openAlerts: number;
  /** Bit i: the detector of rule i holds state on this track (see `Detector.zoneScoped`). */
  held: number;
}
