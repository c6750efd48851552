/**
 * Background air traffic over the Black Sea region: scheduled airliners on the routes of
 * `airways.ts`, standing military patrols heard on ADS-B (a NATO E-3A AWACS and a USAF
 * KC-135 tanker orbiting over Romania, a Turkish maritime patrol aircraft off Sinop), and
 * tracks only coalition radar holds (surveillance UAVs at 100 kt, cruise missiles of a
 * naval firing exercise at 450 kt and 150 ft). Everything is a pure function of time; the
 * seed only fixes schedules, speeds and levels.
 *
 * Background traffic keeps out of trouble on purpose: military patrols and UAVs orbit well
 * outside the demo agreement's Odesa no-fly area, and ICAO addresses are unique, so a
 * correct engine raises no alert on it. The exercise firing area (Novorossiysk → central
 * Black Sea) and the patrol stations are illustrative.
 *
 * @module
 */
import { initialBearingDeg } from '../../core/geo/distance.js';
import type { LonLat } from '../black-sea.js';
import { Prng } from '../prng.js';
import { SBS_INTERVAL_MS, type AirActor } from './air-actor.js';
import { AIR_ROUTES, OPERATORS } from './airways.js';
import { Orbit, racetrack } from './orbit.js';
import { PathFlight } from './path-flight.js';

const MIN = 60_000;
/** Airliner ground speeds, knots (typical A320/B737/A321 cruise). */
const AIRLINER_SPEED_KT: readonly [number, number] = [420, 480];
/**
 * Cruise levels by the semicircular rule (ICAO Annex 2 Appendix 3): eastbound (track
 * 000–179°) odd, westbound even flight levels, FL300–FL390.
 */
const EASTBOUND_FT = [31_000, 33_000, 35_000, 37_000, 39_000] as const;
const WESTBOUND_FT = [30_000, 32_000, 34_000, 36_000, 38_000] as const;
/** Airliners appear at and vanish below this altitude over their aerodromes (receiver coverage near the ground is patchy). */
const AIRPORT_ALTITUDE_FT = 2_000;

/** Cruise missile exercise: launch area, target area and timing. */
const MISSILE_ROUTE: readonly LonLat[] = [[37.45, 44.45], [36.5, 44.05], [34.9, 43.7]];
const MISSILE_SPEED_KT = 450;
const MISSILE_ALTITUDE_FT = 150;
const MISSILE_SALVO_GAP_MIN: readonly [number, number] = [35, 70];

export interface AirTrafficOptions {
  seed: number;
  /** Window the traffic must cover, ms since the Unix epoch: flights airborne in [fromMs, toMs] are created. */
  fromMs: number;
  toMs: number;
}

/** Standing patrols: stations and identities. */
function patrols(rng: Prng, fromMs: number): AirActor[] {
  const epochMs = fromMs;
  return [
    new Orbit({
      identity: { feed: 'sbs', icao: 0x4d03c2, callsign: 'NATO05' }, phaseMs: rng.int(0, SBS_INTERVAL_MS - 1),
      circuit: racetrack([27.0, 45.2], 60, 150_000, 40_000), speedKt: 360, altitudeFt: 30_000, epochMs, startOffsetM: rng.float(0, 300_000),
    }),
    new Orbit({
      identity: { feed: 'sbs', icao: 0xae01c5, callsign: 'LAGR45' }, phaseMs: rng.int(0, SBS_INTERVAL_MS - 1),
      circuit: racetrack([25.6, 44.9], 90, 120_000, 35_000), speedKt: 420, altitudeFt: 26_000, epochMs, startOffsetM: rng.float(0, 250_000),
    }),
    new Orbit({
      identity: { feed: 'sbs', icao: 0x4b82f1, callsign: 'TCN602' }, phaseMs: rng.int(0, SBS_INTERVAL_MS - 1),
      circuit: racetrack([34.6, 42.6], 90, 200_000, 50_000), speedKt: 230, altitudeFt: 6_000, epochMs, startOffsetM: rng.float(0, 450_000),
    }),
    new Orbit({
      identity: { feed: 'radar', sensor: 'NATO-E3A-1', track: '2107', classification: 'uav', confidence: 0.8 }, phaseMs: rng.int(0, 9) * 1000,
      circuit: racetrack([29.8, 44.2], 45, 60_000, 20_000), speedKt: 100, altitudeFt: 18_000, epochMs, startOffsetM: rng.float(0, 150_000),
    }),
    new Orbit({
      identity: { feed: 'radar', sensor: 'NATO-E3A-1', track: '2215', classification: 'uav', confidence: 0.6 }, phaseMs: rng.int(0, 9) * 1000,
      circuit: racetrack([32.3, 44.6], 0, 50_000, 20_000), speedKt: 100, altitudeFt: 15_000, epochMs, startOffsetM: rng.float(0, 130_000),
    }),
  ];
}

/** Scheduled flights of every route, both directions, airborne at some time in the window. */
function airliners(rng: Prng, fromMs: number, toMs: number): AirActor[] {
  const out: AirActor[] = [];
  const nextAddress = new Map<string, number>();
  for (const route of AIR_ROUTES) {
    for (const dir of [0, 1] as const) {
      const waypoints = dir === 0 ? route.waypoints : [...route.waypoints].reverse();
      const first = waypoints[0]!;
      const last = waypoints[waypoints.length - 1]!;
      const eastbound = initialBearingDeg(first[0], first[1], last[0], last[1]) < 180;
      const headwayMs = route.headwayMin * MIN;
      // Departures: a grid every headway, each flight up to ±20% off it; the grid's origin is
      // seeded. The earliest considered departure is early enough to be airborne at fromMs.
      const origin = fromMs - 8 * 3600_000 + rng.float(0, headwayMs);
      for (let k = 0; ; k++) {
        const departMs = Math.round(origin + k * headwayMs + rng.float(-0.2, 0.2) * headwayMs);
        if (departMs > toMs) break;
        const opKey = route.operators[k % route.operators.length]!;
        const op = OPERATORS[opKey];
        const speedKt = Math.round(rng.float(AIRLINER_SPEED_KT[0], AIRLINER_SPEED_KT[1]));
        const cruiseFt = rng.pick(eastbound ? EASTBOUND_FT : WESTBOUND_FT);
        const phaseMs = rng.int(0, SBS_INTERVAL_MS - 1);
        const number = route.flightNumberBase + 2 * (k % 40) + dir;
        const candidate = {
          phaseMs, waypoints, departMs, speedKt, cruiseFt, endsFt: AIRPORT_ALTITUDE_FT,
        };
        const probe = new PathFlight({ identity: { feed: 'sbs', icao: 0, callsign: null }, ...candidate });
        if (probe.arriveMs < fromMs) continue;
        const serial = nextAddress.get(opKey) ?? 0;
        nextAddress.set(opKey, serial + 1);
        out.push(new PathFlight({ identity: { feed: 'sbs', icao: op.icaoBase + serial, callsign: `${op.designator}${number}` }, ...candidate }));
      }
    }
  }
  return out;
}

/** Cruise missiles of the firing exercise, one every 35–70 min. */
function missiles(rng: Prng, fromMs: number, toMs: number): AirActor[] {
  const out: AirActor[] = [];
  let t = fromMs + rng.float(5, 40) * MIN;
  for (let n = 0; t <= toMs; n++) {
    out.push(new PathFlight({
      identity: { feed: 'radar', sensor: 'TR-E7T-1', track: String(3001 + n), classification: 'missile', confidence: 0.9 },
      phaseMs: rng.int(0, 9) * 1000, waypoints: MISSILE_ROUTE, departMs: Math.round(t), speedKt: MISSILE_SPEED_KT, cruiseFt: MISSILE_ALTITUDE_FT,
    }));
    t += rng.float(MISSILE_SALVO_GAP_MIN[0], MISSILE_SALVO_GAP_MIN[1]) * MIN;
  }
  return out;
}

/**
 * The background air actors of a scenario window. Same seed and window, same actors.
 * @example createAirTraffic({ seed: 7, fromMs: Date.parse('2026-03-25T00:00:00Z'), toMs: Date.parse('2026-03-25T02:00:00Z') }).length // ≈ 40
 */
export function createAirTraffic(options: AirTrafficOptions): AirActor[] {
  const rng = new Prng(options.seed);
  return [...patrols(rng, options.fromMs), ...airliners(rng, options.fromMs, options.toMs), ...missiles(rng, options.fromMs, options.toMs)];
}

