/**
 * Airports and airline routes over the Black Sea region for the air simulator.
 *
 * Routes are polylines drawn to follow the flows that ADS-B tracking sites show since 2022
 * (Ukrainian airspace closed; traffic between Istanbul and Romania/Moldova over Bulgaria and
 * the sea off it; Istanbul to the Caucasus along the Turkish coast). They are approximations,
 * not AIP airway definitions. Airport positions are the aerodrome reference points rounded to
 * 0.01°. ICAO address bases sit inside each operator's State block (ICAO Annex 10 Vol III,
 * Table 9-1): Türkiye 0x4B8000–0x4BFFFF, Romania 0x4A0000–0x4A7FFF, Moldova 0x504C00–0x504FFF,
 * Georgia 0x514000–0x5143FF.
 *
 * @module
 */
import type { LonLat } from '../black-sea.js';

/** Aerodromes, `[lon, lat]`. */
export const AIRPORTS = {
  /** Istanbul Airport (LTFM). */
  IST: [28.75, 41.26],
  /** Istanbul Sabiha Gökçen (LTFJ). */
  SAW: [29.31, 40.9],
  /** Bucharest Henri Coandă (LROP). */
  OTP: [26.09, 44.57],
  /** Chișinău (LUKK). */
  KIV: [28.93, 46.93],
  /** Varna (LBWN). */
  VAR: [27.83, 43.23],
  /** Tbilisi (UGTB). */
  TBS: [44.95, 41.67],
  /** Batumi (UGSB). */
  BUS: [41.6, 41.61],
  /** Trabzon (LTCG). */
  TZX: [39.79, 41.0],
} as const satisfies Record<string, LonLat>;

/** An airline: ICAO designator (callsign prefix) and the first address of its simulated fleet. */
export interface Operator {
  /** ICAO three-letter designator, e.g. `THY`. */
  designator: string;
  name: string;
  /** First ICAO address handed to its aircraft; flights take consecutive addresses. */
  icaoBase: number;
}

export const OPERATORS = {
  THY: { designator: 'THY', name: 'Turkish Airlines', icaoBase: 0x4ba800 },
  PGT: { designator: 'PGT', name: 'Pegasus Airlines', icaoBase: 0x4bc100 },
  ROT: { designator: 'ROT', name: 'TAROM', icaoBase: 0x4a0810 },
  MLD: { designator: 'MLD', name: 'Air Moldova', icaoBase: 0x504c40 },
  TGZ: { designator: 'TGZ', name: 'Georgian Airways', icaoBase: 0x514010 },
} as const satisfies Record<string, Operator>;

/** A route flown both ways, with who flies it and how often. */
export interface AirRoute {
  id: string;
  /** From the first airport to the last. */
  waypoints: readonly LonLat[];
  operators: readonly (keyof typeof OPERATORS)[];
  /** Mean time between departures in each direction, minutes. */
  headwayMin: number;
  /** First flight number of the route (outbound odd, return even, as airlines number them). */
  flightNumberBase: number;
}

const IST_TO_CAUCASUS: readonly LonLat[] = [
  AIRPORTS.IST, [29.9, 41.35], [31.5, 41.6], [33.5, 42.0], [35.2, 42.1], [36.8, 41.5], [38.5, 41.15], [39.8, 41.15], AIRPORTS.BUS,
];

export const AIR_ROUTES: readonly AirRoute[] = [
  { id: 'IST-OTP', waypoints: [AIRPORTS.IST, [28.3, 42.3], [27.6, 43.5], AIRPORTS.OTP], operators: ['THY', 'ROT'], headwayMin: 75, flightNumberBase: 1041 },
  { id: 'SAW-OTP', waypoints: [AIRPORTS.SAW, [29.1, 41.6], [28.3, 42.3], [27.6, 43.5], AIRPORTS.OTP], operators: ['PGT'], headwayMin: 110, flightNumberBase: 381 },
  { id: 'IST-KIV', waypoints: [AIRPORTS.IST, [28.9, 42.3], [28.7, 43.6], [28.6, 44.6], [28.4, 45.6], AIRPORTS.KIV], operators: ['THY', 'MLD'], headwayMin: 90, flightNumberBase: 1161 },
  { id: 'IST-BUS', waypoints: IST_TO_CAUCASUS, operators: ['THY', 'PGT'], headwayMin: 100, flightNumberBase: 2561 },
  { id: 'IST-TBS', waypoints: [...IST_TO_CAUCASUS.slice(0, -1), [42.4, 41.75], AIRPORTS.TBS], operators: ['THY', 'TGZ'], headwayMin: 80, flightNumberBase: 381 },
  { id: 'OTP-VAR-IST', waypoints: [AIRPORTS.OTP, AIRPORTS.VAR, [28.3, 42.2], AIRPORTS.IST], operators: ['ROT'], headwayMin: 150, flightNumberBase: 271 },
  { id: 'SAW-TZX', waypoints: [AIRPORTS.SAW, [31.5, 41.3], [34.0, 41.6], [36.8, 41.4], AIRPORTS.TZX], operators: ['PGT', 'THY'], headwayMin: 70, flightNumberBase: 3301 },
];
