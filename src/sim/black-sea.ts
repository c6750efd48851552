/**
 * Black Sea geography for the scenario simulator, as data: ports, shipping lanes and
 * patrol/fishing circuits. Every position is `[lon, lat]` in degrees (WGS 84), as in GeoJSON.
 *
 * Port positions are the real harbour positions (NGA World Port Index, Pub 150, where it has
 * them); they may lie on land in a coarse coastline. Lanes never start at the harbour itself
 * but at its `approach`, a point in open water off the breakwater, and every lane waypoint —
 * and every point on the straight segments between them — stays at sea (checked against the
 * Natural Earth 10 m sea polygon in `black-sea.test.ts`). Routes are drawn the way traffic
 * really runs in 2023–25: the Ukrainian corridor hugs the Romanian, Bulgarian and Turkish
 * territorial sea; Novorossiysk traffic crosses the open sea well south of Crimea; Georgian
 * traffic follows the Anatolian coast ten to twenty nautical miles off.
 *
 * @module
 */

/** A position `[lon, lat]` in degrees. */
export type LonLat = readonly [number, number];

/** A port the simulator sends vessels to or from. */
export interface Port {
  /** Stable id, kebab-case. */
  id: string;
  name: string;
  /** ISO 3166-1 alpha-3 code of the coastal state. */
  country: string;
  /** UN/LOCODE without the space, used as the AIS destination (`UAODS`). */
  locode: string;
  /** Harbour position (may be on land in a 1:10 M coastline). */
  position: LonLat;
  /** A point in open water off the harbour where lanes start and vessels anchor. */
  approach: LonLat;
}

/** The ports of the scenario. Positions from NGA Pub 150 unless noted. */
export const PORTS = [
  { id: 'odesa', name: 'Odesa', country: 'UKR', locode: 'UAODS', position: [30.75, 46.49], approach: [30.8, 46.47] },
  // Pub 150's "Chornomors'ke" entry is the Crimean village; Chornomorsk (ex-Illichivsk) is on the Sukhyi estuary.
  { id: 'chornomorsk', name: 'Chornomorsk', country: 'UKR', locode: 'UAILK', position: [30.66, 46.3], approach: [30.72, 46.28] },
  { id: 'pivdennyi', name: 'Pivdennyi', country: 'UKR', locode: 'UAYUZ', position: [31.0167, 46.6], approach: [31.04, 46.56] },
  { id: 'constanta', name: 'Constanța', country: 'ROU', locode: 'ROCND', position: [28.65, 44.1667], approach: [28.72, 44.1] },
  { id: 'varna', name: 'Varna', country: 'BGR', locode: 'BGVAR', position: [27.9667, 43.1833], approach: [28.0, 43.18] },
  { id: 'burgas', name: 'Burgas', country: 'BGR', locode: 'BGBOJ', position: [27.4833, 42.4833], approach: [27.62, 42.47] },
  // The northern entrance of the Bosphorus, between Rumelifeneri and Anadolufeneri.
  { id: 'bosphorus', name: 'Istanbul (Bosphorus north entrance)', country: 'TUR', locode: 'TRIST', position: [29.13, 41.23], approach: [29.13, 41.23] },
  { id: 'novorossiysk', name: 'Novorossiysk', country: 'RUS', locode: 'RUNVS', position: [37.7833, 44.7167], approach: [37.82, 44.64] },
  { id: 'batumi', name: 'Batumi', country: 'GEO', locode: 'GEBUS', position: [41.65, 41.65], approach: [41.6, 41.67] },
  { id: 'poti', name: 'Poti', country: 'GEO', locode: 'GEPTI', position: [41.5833, 42.15], approach: [41.58, 42.17] },
  { id: 'samsun', name: 'Samsun', country: 'TUR', locode: 'TRSSX', position: [36.35, 41.3], approach: [36.38, 41.32] },
  { id: 'sevastopol', name: 'Sevastopol naval base', country: 'UKR', locode: 'UASVP', position: [33.5333, 44.6167], approach: [33.46, 44.63] },
] as const satisfies readonly Port[];

/** Id of one of {@link PORTS}. */
export type PortId = (typeof PORTS)[number]['id'];

/** What a lane is used for. `route` is sailed end to end and back; `circuit` is a closed loop. */
export type LaneKind = 'route' | 'circuit';

/** A shipping lane or circuit: a polyline of waypoints at sea. */
export interface Lane {
  id: string;
  name: string;
  kind: LaneKind;
  /** Port at the first waypoint (routes only). */
  from?: PortId;
  /** Port at the last waypoint (routes only). */
  to?: PortId;
  /** Waypoints `[lon, lat]`; a circuit returns from the last to the first. */
  waypoints: readonly LonLat[];
  /**
   * Half-width of the lane in metres: how far a vessel may keep to one side of the
   * centre line in open water. Narrow waters (the Bosphorus) have a small value.
   */
  halfWidthM: number;
  /** Which traffic uses the lane. */
  use: readonly LaneUse[];
  /**
   * ISO 3166-1 alpha-3 code of the state whose vessels work a circuit (the navy, coast guard,
   * fishing fleet or harbour of that coast); routes are open to any flag.
   */
  state?: string;
}

/** Traffic class that a lane serves. */
export type LaneUse = 'merchant' | 'passenger' | 'military' | 'patrol' | 'fishing' | 'leisure' | 'harbour';

// Shared legs, written once and joined into lanes below.

/** Odesa Bay outer point, south-east of Odesa, where the three Ukrainian ports' tracks meet. */
const ODESA_BAY_SOUTH: LonLat = [30.9, 46.2];

/** Ukrainian corridor, Odesa Bay → Romanian territorial sea → Bulgarian coast → Bosphorus. */
const CORRIDOR_SOUTH: readonly LonLat[] = [
  ODESA_BAY_SOUTH,
  [30.62, 45.75],
  [30.4, 45.3], // east of Zmiinyi (Snake) Island
  [30.02, 44.9], // off the Sulina mouth of the Danube
  [29.45, 44.5],
  [28.95, 44.15], // off Constanța
  [28.9, 43.8],
  [28.75, 43.35], // off Cape Kaliakra
  [28.3, 43.05], // off Varna
  [28.15, 42.7], // off Cape Emine
  [28.3, 42.3],
  [28.5, 41.9],
  [28.85, 41.55],
  [29.1, 41.3],
];

/** Anatolian coastal leg, Batumi → Bosphorus, ten to twenty nautical miles off the coast. */
const ANATOLIAN_COAST: readonly LonLat[] = [
  [41.35, 41.6],
  [40.5, 41.35],
  [39.7, 41.22], // off Trabzon
  [38.5, 41.2], // off Giresun
  [37.6, 41.35], // off Cape Yasun
  [36.7, 41.5], // off Samsun
  [36.3, 41.88], // off the Kızılırmak delta
  [35.4, 42.2],
  [34.95, 42.25], // north of İnceburun
  [34.0, 42.15],
  [33.3, 42.15], // off Cape Kerempe
  [32.5, 41.95],
  [31.8, 41.6], // off Zonguldak
  [30.6, 41.35],
  [29.6, 41.3],
];

/** The Bosphorus from its northern entrance to the Sea of Marmara (mid-channel). */
const BOSPHORUS: readonly LonLat[] = [
  [29.13, 41.23],
  [29.105, 41.2],
  [29.085, 41.18],
  [29.075, 41.17],
  [29.06, 41.155],
  [29.07, 41.14],
  [29.08, 41.125],
  [29.07, 41.11],
  [29.06, 41.095],
  [29.062, 41.084],
  [29.058, 41.078],
  [29.05, 41.07],
  [29.046, 41.06],
  [29.038, 41.048],
  [29.022, 41.04],
  [29.006, 41.032],
  [28.996, 41.024],
  [28.998, 41.012],
  [28.996, 41.0],
  [28.98, 40.97],
];

/** Shipping lanes and circuits of the scenario. */
export const LANES: readonly Lane[] = [
  {
    id: 'corridor-odesa',
    name: 'Ukrainian corridor: Odesa – Bosphorus',
    kind: 'route',
    from: 'odesa',
    to: 'bosphorus',
    waypoints: [[30.8, 46.47], [30.88, 46.35], ...CORRIDOR_SOUTH, [29.13, 41.23]],
    halfWidthM: 1500,
    use: ['merchant'],
  },
  {
    id: 'corridor-chornomorsk',
    name: 'Ukrainian corridor: Chornomorsk – Bosphorus',
    kind: 'route',
    from: 'chornomorsk',
    to: 'bosphorus',
    waypoints: [[30.72, 46.28], [30.82, 46.24], ...CORRIDOR_SOUTH, [29.13, 41.23]],
    halfWidthM: 1500,
    use: ['merchant'],
  },
  {
    id: 'corridor-pivdennyi',
    name: 'Ukrainian corridor: Pivdennyi – Bosphorus',
    kind: 'route',
    from: 'pivdennyi',
    to: 'bosphorus',
    waypoints: [[31.04, 46.56], [31.02, 46.4], ...CORRIDOR_SOUTH, [29.13, 41.23]],
    halfWidthM: 1500,
    use: ['merchant'],
  },
  {
    id: 'constanta-bosphorus',
    name: 'Constanța – Bosphorus',
    kind: 'route',
    from: 'constanta',
    to: 'bosphorus',
    waypoints: [[28.72, 44.1], [28.85, 43.95], ...CORRIDOR_SOUTH.slice(6), [29.13, 41.23]],
    halfWidthM: 2000,
    use: ['merchant', 'passenger'],
  },
  {
    id: 'varna-bosphorus',
    name: 'Varna – Bosphorus',
    kind: 'route',
    from: 'varna',
    to: 'bosphorus',
    waypoints: [[28.0, 43.18], [28.2, 43.05], ...CORRIDOR_SOUTH.slice(9), [29.13, 41.23]],
    halfWidthM: 2000,
    use: ['merchant', 'passenger'],
  },
  {
    id: 'burgas-bosphorus',
    name: 'Burgas – Bosphorus',
    kind: 'route',
    from: 'burgas',
    to: 'bosphorus',
    waypoints: [[27.62, 42.47], [27.85, 42.45], [28.2, 42.35], ...CORRIDOR_SOUTH.slice(11), [29.13, 41.23]],
    halfWidthM: 2000,
    use: ['merchant'],
  },
  {
    id: 'novorossiysk-bosphorus',
    name: 'Novorossiysk – Bosphorus (open sea)',
    kind: 'route',
    from: 'novorossiysk',
    to: 'bosphorus',
    waypoints: [
      [37.82, 44.64],
      [37.6, 44.45],
      [36.5, 44.05],
      [35.3, 43.75],
      [34.0, 43.45], // 100 km south of Cape Sarych: clear of Crimea
      [32.6, 43.05],
      [31.2, 42.45],
      [30.1, 41.85],
      [29.45, 41.45],
      [29.14, 41.25],
      [29.13, 41.23],
    ],
    halfWidthM: 4000,
    use: ['merchant'],
  },
  {
    id: 'batumi-bosphorus',
    name: 'Batumi – Bosphorus (Anatolian coast)',
    kind: 'route',
    from: 'batumi',
    to: 'bosphorus',
    waypoints: [[41.6, 41.67], ...ANATOLIAN_COAST, [29.14, 41.25], [29.13, 41.23]],
    halfWidthM: 2500,
    use: ['merchant', 'passenger'],
  },
  {
    id: 'poti-bosphorus',
    name: 'Poti – Bosphorus (Anatolian coast)',
    kind: 'route',
    from: 'poti',
    to: 'bosphorus',
    waypoints: [[41.58, 42.17], [41.45, 41.95], ...ANATOLIAN_COAST, [29.14, 41.25], [29.13, 41.23]],
    halfWidthM: 2500,
    use: ['merchant'],
  },
  {
    id: 'samsun-novorossiysk',
    name: 'Samsun – Novorossiysk',
    kind: 'route',
    from: 'samsun',
    to: 'novorossiysk',
    waypoints: [[36.38, 41.32], [36.7, 41.5], [37.0, 42.3], [37.5, 43.6], [37.6, 44.45], [37.82, 44.64]],
    halfWidthM: 3000,
    use: ['merchant', 'passenger'],
  },
  {
    id: 'bosphorus-transit',
    name: 'Bosphorus transit to the Sea of Marmara',
    kind: 'route',
    from: 'bosphorus',
    waypoints: BOSPHORUS,
    // Mid-channel: the strait is 700 m wide at Rumelihisarı and a 1:10 M coastline narrower still.
    halfWidthM: 0,
    use: ['merchant', 'passenger', 'military'],
  },
  {
    id: 'sevastopol-patrol',
    name: 'Patrol box south-west of Sevastopol',
    kind: 'circuit',
    waypoints: [[33.46, 44.63], [33.2, 44.55], [32.9, 44.35], [33.0, 44.0], [33.8, 43.95], [33.65, 44.3], [33.35, 44.45], [33.3, 44.6]],
    halfWidthM: 0,
    use: ['military'],
    state: 'RUS',
  },
  {
    id: 'novorossiysk-patrol',
    name: 'Patrol off Novorossiysk',
    kind: 'circuit',
    waypoints: [[37.82, 44.64], [37.6, 44.45], [37.2, 44.3], [37.0, 44.05], [37.6, 44.0], [38.0, 44.3]],
    halfWidthM: 0,
    use: ['military'],
    state: 'RUS',
  },
  {
    id: 'bosphorus-approach-patrol',
    name: 'Coast guard patrol, Bosphorus northern approach',
    kind: 'circuit',
    waypoints: [[29.14, 41.25], [29.0, 41.35], [29.2, 41.5], [29.5, 41.35]],
    halfWidthM: 0,
    use: ['patrol', 'military'],
    state: 'TUR',
  },
  {
    id: 'danube-patrol',
    name: 'Border police patrol off the Danube delta',
    kind: 'circuit',
    waypoints: [[29.9, 45.05], [30.1, 45.2], [30.35, 45.05], [30.1, 44.8], [29.8, 44.75]],
    halfWidthM: 0,
    use: ['patrol'],
    state: 'ROU',
  },
  {
    id: 'odesa-patrol',
    name: 'Border guard patrol, Odesa Bay',
    kind: 'circuit',
    waypoints: [[30.85, 46.4], [31.05, 46.45], [31.15, 46.25], [30.95, 46.1], [30.8, 46.2]],
    halfWidthM: 0,
    use: ['patrol'],
    state: 'UKR',
  },
  {
    id: 'georgia-patrol',
    name: 'Coast guard patrol off Batumi and Poti',
    kind: 'circuit',
    waypoints: [[41.55, 41.7], [41.3, 41.8], [41.3, 42.1], [41.55, 42.2], [41.5, 41.95]],
    halfWidthM: 0,
    use: ['patrol'],
    state: 'GEO',
  },
  {
    id: 'samsun-fishing',
    name: 'Fishing grounds off Samsun',
    kind: 'circuit',
    waypoints: [[36.45, 41.45], [36.75, 41.55], [36.9, 41.45], [36.6, 41.38]],
    halfWidthM: 0,
    use: ['fishing'],
    state: 'TUR',
  },
  {
    id: 'sinop-fishing',
    name: 'Fishing grounds north of Sinop',
    kind: 'circuit',
    waypoints: [[34.9, 42.2], [35.3, 42.3], [35.4, 42.15], [35.05, 42.08]],
    halfWidthM: 0,
    use: ['fishing'],
    state: 'TUR',
  },
  {
    id: 'bulgaria-fishing',
    name: 'Fishing grounds off Cape Emine',
    kind: 'circuit',
    waypoints: [[27.95, 42.8], [28.15, 42.85], [28.2, 42.65], [27.98, 42.6]],
    halfWidthM: 0,
    use: ['fishing'],
    state: 'BGR',
  },
  {
    id: 'nw-shelf-fishing',
    name: 'Fishing grounds on the north-western shelf',
    kind: 'circuit',
    waypoints: [[30.3, 45.6], [30.6, 45.6], [30.7, 45.4], [30.35, 45.35]],
    halfWidthM: 0,
    use: ['fishing'],
    state: 'UKR',
  },
  {
    id: 'varna-leisure',
    name: 'Coastal leisure loop, Varna Bay',
    kind: 'circuit',
    waypoints: [[28.0, 43.18], [28.1, 43.22], [28.15, 43.12], [28.03, 43.1]],
    halfWidthM: 0,
    use: ['leisure'],
    state: 'BGR',
  },
  {
    id: 'burgas-leisure',
    name: 'Coastal leisure loop, Burgas Bay',
    kind: 'circuit',
    waypoints: [[27.62, 42.47], [27.75, 42.52], [27.85, 42.42], [27.8, 42.46]],
    halfWidthM: 0,
    use: ['leisure'],
    state: 'BGR',
  },
  {
    id: 'bosphorus-leisure',
    name: 'Coastal leisure loop, off Kilyos',
    kind: 'circuit',
    waypoints: [[29.05, 41.3], [29.15, 41.32], [29.25, 41.28], [29.14, 41.25]],
    halfWidthM: 0,
    use: ['leisure'],
    state: 'TUR',
  },
  {
    id: 'odesa-harbour',
    name: 'Harbour service loop, Odesa – Chornomorsk',
    kind: 'circuit',
    waypoints: [[30.8, 46.47], [30.84, 46.38], [30.72, 46.28], [30.78, 46.35]],
    halfWidthM: 0,
    use: ['harbour'],
    state: 'UKR',
  },
  {
    id: 'constanta-harbour',
    name: 'Harbour service loop, Constanța',
    kind: 'circuit',
    waypoints: [[28.72, 44.1], [28.8, 44.12], [28.82, 44.04], [28.74, 44.05]],
    halfWidthM: 0,
    use: ['harbour'],
    state: 'ROU',
  },
  {
    id: 'novorossiysk-harbour',
    name: 'Harbour service loop, Tsemes Bay',
    kind: 'circuit',
    waypoints: [[37.82, 44.64], [37.88, 44.6], [37.83, 44.56], [37.76, 44.6]],
    halfWidthM: 0,
    use: ['harbour'],
    state: 'RUS',
  },
];

/**
 * Looks a port up by id.
 * @throws Error when the id is not one of {@link PORTS}.
 * @example portById('odesa').locode // 'UAODS'
 */
export function portById(id: string): Port {
  const port = PORTS.find((p) => p.id === id);
  if (!port) throw new Error(`Unknown port '${id}': expected one of ${PORTS.map((p) => p.id).join(', ')}.`);
  return port;
}

/** A shore AIS receiving station. */
export interface ReceiverSite {
  /** Station name, used as the tag block `s:` source; letters, digits and '-' only. */
  name: string;
  position: LonLat;
}

/**
 * Coastal AIS receivers of the coalition picture: stations in Ukraine, Romania, Bulgaria,
 * Türkiye and Georgia. A VHF receiver on a coastal height hears ships out to 40–60 nm; the
 * simulator gives each transmission to the nearest station, and a duplicate to the next.
 */
export const RECEIVER_SITES: readonly ReceiverSite[] = [
  { name: 'rx-odesa', position: [30.76, 46.44] },
  { name: 'rx-constanta', position: [28.66, 44.17] },
  { name: 'rx-varna', position: [27.95, 43.2] },
  { name: 'rx-istanbul', position: [29.11, 41.23] },
  { name: 'rx-sinop', position: [35.15, 42.02] },
  { name: 'rx-samsun', position: [36.34, 41.29] },
  { name: 'rx-trabzon', position: [39.73, 41.0] },
  { name: 'rx-batumi', position: [41.64, 41.64] },
];
