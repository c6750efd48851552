/**
 * How background vessels sharing a lane keep their distance, as ships in a traffic
 * separation scheme do: they sail at the lane's speed (no one overtakes at a crawl for an
 * hour), leave port at even intervals (a crowded lane queues longer in port), and on a
 * circuit (fishing ground, leisure area, patrol box) each works its own track, a few cables
 * to one side of the circuit's line. So two ships under way on one lane are never metres
 * apart for long: same-direction neighbours stay at least {@link MIN_SPACING_M} apart, and on
 * a circuit neighbouring tracks are {@link CIRCUIT_TRACK_SPACING_M} apart; routes sharing a
 * fairway, {@link ROUTE_TRACK_SPACING_M}.
 *
 * @module
 */
import type { BackgroundVesselOptions } from './background-vessel.js';
import { NAV_STATUS } from './background-vessel.js';
import type { Lane, LonLat } from './black-sea.js';
import type { VesselSpec } from './fleet.js';
import { distanceM, LanePath, MPS_PER_KNOT } from './lane-path.js';
import type { Prng } from './prng.js';

/** Least distance between consecutive ships sailing one way along a lane, metres. */
export const MIN_SPACING_M = 2_000;
/** Distance between the parallel tracks of one circuit, metres (over the 500 m of a GFW encounter). */
export const CIRCUIT_TRACK_SPACING_M = 700;
/**
 * Routes that share a fairway (the corridor's trunk, the Bosphorus approaches) keep to
 * different tracks across it, this far apart, to starboard of the fairway's line; they meet
 * only where the fairway narrows to its port.
 */
export const ROUTE_TRACK_SPACING_M = 600;
/** Routes with waypoints this close share a fairway… */
const SHARED_FAIRWAY_M = 5_000;
/** …unless within this of a port, where all tracks narrow (the ships' lateral offsets taper there). */
const PORT_APPROACH_M = 10_000;
/** At most this many tracks side by side on a circuit (±3.5 km of its line). */
const MAX_CIRCUIT_TRACKS = 11;

/**
 * Background vessel options for a fleet. Routes that share a fairway sail at one speed and
 * one cycle (ships of shorter routes stay longer in their home port), and their ships leave
 * the fairway's common end (the Bosphorus) at even intervals, all routes together; a circuit's
 * ships sail at one speed on parallel tracks, evenly spaced along each.
 */
export function laneTraffic(specs: readonly VesselSpec[], rng: Prng, epochMs: number): BackgroundVesselOptions[] {
  const out = new Array<BackgroundVesselOptions>(specs.length);
  const routes = fairways([...new Map(specs.filter((s) => s.lane.kind === 'route').map((s) => [s.lane.id, s.lane])).values()]);
  const groups = new Map<string, number[]>();
  specs.forEach((s, i) => {
    const key = routes.get(s.lane.id)?.leader ?? s.lane.id;
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [i]);
    else list.push(i);
  });
  const lengths = new Map<string, number>();
  /** A route's length, measured once per route (not once per ship). */
  const routeLengthM = (lane: Lane): number => {
    let m = lengths.get(lane.id);
    if (m === undefined) lengths.set(lane.id, (m = new LanePath(lane.waypoints, false).lengthM));
    return m;
  };
  const options = (index: number, speedKn: number, lateralOffsetM: number, phase: number, dwellAtEndMs: number, dwellAtStartMs: number): BackgroundVesselOptions => {
    const spec = specs[index]!;
    return {
      identity: spec.identity,
      lane: spec.lane,
      speedKn,
      draughtM: spec.draughtM,
      lateralOffsetM,
      dwellAtEndMs,
      dwellAtStartMs,
      phase,
      epochMs,
      berthOffsetM: [rng.float(-300, 300), rng.float(-300, 300)],
      underWayStatus:
        spec.role === 'fishing' ? NAV_STATUS.engagedInFishing : spec.identity.shipType === 36 ? NAV_STATUS.underWaySailing : NAV_STATUS.underWayUsingEngine,
    };
  };
  for (const members of groups.values()) {
    const first = specs[members[0]!]!;
    // No one overtakes at a crawl: one speed per fairway or circuit.
    const speedKn = first.speedKn;
    const speedMps = speedKn * MPS_PER_KNOT;
    const base = rng.next();
    const m = members.length;
    if (first.lane.kind === 'circuit') {
      const lapM = new LanePath(first.lane.waypoints, true).lengthM;
      const tracks = Math.min(MAX_CIRCUIT_TRACKS, Math.max(1, Math.ceil((m * MIN_SPACING_M) / lapM)));
      members.forEach((index, j) => {
        const track = j % tracks;
        const onTrack = Math.ceil((m - track) / tracks);
        const phase = (base + Math.floor(j / tracks) / onTrack + track / (tracks * onTrack)) % 1;
        out[index] = options(index, speedKn, (track - (tracks - 1) / 2) * CIRCUIT_TRACK_SPACING_M, phase, 0, 0);
      });
      continue;
    }
    // One cycle for the fairway, long enough for its longest route and for MIN_SPACING_M between departures.
    const legMs = (lane: Lane): number => (routeLengthM(lane) / speedMps) * 1000;
    const dwellAtEndMs = rng.float(1, 8) * 3_600_000;
    let cycleMs = (m * MIN_SPACING_M / speedMps) * 1000;
    for (const index of members) cycleMs = Math.max(cycleMs, 2 * legMs(specs[index]!.lane) + dwellAtEndMs + 3_600_000);
    cycleMs += rng.float(0, 7) * 3_600_000;
    members.forEach((index, k) => {
      const lane = specs[index]!.lane;
      const fairway = routes.get(lane.id)!;
      const leg = legMs(lane);
      // Departure from the common end at τ = leg + dwellAtEnd: the k-th ship leaves at k·cycle/m.
      const phase = ((((leg + dwellAtEndMs) / cycleMs - k / m + base) % 1) + 1) % 1;
      const offsetM = Math.min(lane.halfWidthM / fairway.tracks, ROUTE_TRACK_SPACING_M) * (fairway.track + 0.5);
      out[index] = options(index, speedKn, offsetM, phase, dwellAtEndMs, cycleMs - 2 * leg - dwellAtEndMs);
    });
  }
  return out;
}

interface Fairway {
  /** The route's track across its fairway, from 0. */
  track: number;
  /** Tracks of its fairway. */
  tracks: number;
  /** The first route (by id) of its fairway: its routes sail at one speed. */
  leader: string;
}

/**
 * Fairways of the routes: routes that share waypoints away from their ports, transitively.
 * Each route gets a track of its own across the fairway (greedily, lowest first, by id).
 */
function fairways(routes: readonly Lane[]): Map<string, Fairway> {
  const sorted = [...routes].sort((a, b) => (a.id < b.id ? -1 : 1));
  // Waypoints away from the ends: every route meets others at its port, where tracks narrow anyway.
  const open = (l: Lane): LonLat[] => l.waypoints.filter((p) => distanceM(p, l.waypoints[0]!) > PORT_APPROACH_M && distanceM(p, l.waypoints.at(-1)!) > PORT_APPROACH_M);
  const shares = (a: Lane, b: Lane): boolean => open(a).some((p) => open(b).some((q) => distanceM(p, q) < SHARED_FAIRWAY_M));
  const out = new Map<string, Fairway>();
  for (const lane of sorted) {
    const joined = sorted.filter((o) => out.has(o.id) && shares(lane, o)).map((o) => out.get(o.id)!);
    const leader = joined.length === 0 ? lane.id : joined.map((f) => f.leader).sort()[0]!;
    const members = [...out.values()].filter((f) => joined.some((j) => j.leader === f.leader));
    for (const f of members) f.leader = leader;
    const taken = new Set(joined.map((f) => f.track));
    let track = 0;
    while (taken.has(track)) track++;
    out.set(lane.id, { track, tracks: 1, leader });
  }
  for (const f of out.values()) f.tracks = Math.max(...[...out.values()].filter((o) => o.leader === f.leader).map((o) => o.track)) + 1;
  return out;
}
