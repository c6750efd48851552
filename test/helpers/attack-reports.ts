/**
 * Realistic generated strike-report datasets for the import tests: daily air force
 * statements (overnight waves in Kyiv local time, region-level targets, weapon counts, rows
 * repeated, rows corrected under the same key, empty dates, unknown places, impossible
 * counts), with what each row must become computed here, independently of the importer.
 */
import { mulberry32 } from '../../src/sim/prng.js';

/** Test zones (degrees): the agreement the tests write uses these two boxes. */
export const ODESA_APPROACH = [30.6, 46.2, 31.2, 46.6] as const;
export const WEST_BOX = [26, 45, 31, 49] as const;

export const TEST_AGREEMENT = `agreement: strike-test
title: Strike test
version: 1
effective: { from: 2026-01-01T00:00:00Z }
parties:
  UA: { name: Ukraine, flags: [UKR] }
  RU: { name: Russian Federation, flags: [RUS] }
zones:
  - id: odesa-approach
    geometry: { type: Polygon, coordinates: [[[${ODESA_APPROACH[0]},${ODESA_APPROACH[1]}],[${ODESA_APPROACH[2]},${ODESA_APPROACH[1]}],[${ODESA_APPROACH[2]},${ODESA_APPROACH[3]}],[${ODESA_APPROACH[0]},${ODESA_APPROACH[3]}],[${ODESA_APPROACH[0]},${ODESA_APPROACH[1]}]]] }
  - id: west-box
    geometry: { type: Polygon, coordinates: [[[${WEST_BOX[0]},${WEST_BOX[1]}],[${WEST_BOX[2]},${WEST_BOX[1]}],[${WEST_BOX[2]},${WEST_BOX[3]}],[${WEST_BOX[0]},${WEST_BOX[3]}],[${WEST_BOX[0]},${WEST_BOX[1]}]]] }
rules:
  - { id: S1, type: no-strike, zones: [odesa-approach, west-box], applies: { domain: report } }
`;

/**
 * Test outlines for oblasts (rectangles, NOT real boundaries: real admin-1 outlines are not
 * shipped), keyed by ISO 3166-2 as Natural Earth admin-1 is: the six regions of "south",
 * and Kharkiv far from the zones.
 */
export const TEST_REGIONS: Record<string, readonly [number, number, number, number]> = {
  'UA-51': [29, 45, 31, 47],
  'UA-48': [31, 46.5, 33, 48],
  'UA-65': [32, 45.8, 35, 46.5],
  'UA-23': [34.5, 46.5, 37, 48],
  'UA-43': [32.5, 44.4, 36.5, 45.8],
  'UA-40': [33.4, 44.4, 33.9, 44.7],
  'UA-63': [35, 49, 38, 50.5],
};

/** The test regions as a GeoJSON FeatureCollection (what `--places` reads). */
export function testRegionsGeoJson(): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: Object.entries(TEST_REGIONS).map(([code, [x0, y0, x1, y1]]) => ({
      type: 'Feature', properties: { iso_3166_2: code, name: code },
      geometry: { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] },
    })),
  });
}

/** Share (0–1) of a lon/lat box inside another, weighted by cos(lat) as the sampling is. */
export function boxShare(a: readonly number[], zone: readonly number[]): number {
  const w = (y0: number, y1: number): number => Math.sin((y1 * Math.PI) / 180) - Math.sin((y0 * Math.PI) / 180);
  const ix = Math.max(0, Math.min(a[2]!, zone[2]!) - Math.max(a[0]!, zone[0]!));
  const iy0 = Math.max(a[1]!, zone[1]!), iy1 = Math.min(a[3]!, zone[3]!);
  if (ix <= 0 || iy1 <= iy0) return 0;
  return (ix * w(iy0, iy1)) / ((a[2]! - a[0]!) * w(a[1]!, a[3]!));
}

/** A target as statements write it, and the alerts it must give: zone → certainty. */
export interface Target { text: string; alerts: Record<string, 'certain' | 'possible'>; hasArea: boolean }

export const TARGETS: readonly Target[] = [
  { text: 'Odesa oblast', alerts: { 'odesa-approach': 'possible', 'west-box': 'certain' }, hasArea: true },
  { text: 'Odeska', alerts: { 'odesa-approach': 'possible', 'west-box': 'certain' }, hasArea: true },
  { text: 'south', alerts: { 'odesa-approach': 'possible', 'west-box': 'possible' }, hasArea: true },
  { text: 'Ukraine', alerts: { 'odesa-approach': 'possible', 'west-box': 'possible' }, hasArea: true },
  { text: 'Odesa', alerts: { 'odesa-approach': 'certain', 'west-box': 'certain' }, hasArea: true },
  { text: 'Izmail, Odesa oblast', alerts: { 'west-box': 'certain' }, hasArea: true },
  { text: 'Kharkiv oblast', alerts: {}, hasArea: true },
  { text: 'Lviv oblast', alerts: {}, hasArea: false },
];

const MODELS: readonly [model: string, category: string][] = [['Shahed-136/131', 'drone-attack'], ['Kh-101/Kh-555', 'missile-attack'], ['Iskander-M', 'missile-attack'], ['KAB', 'air-strike']];

export interface StatementRow {
  line: number;
  text: string;
  /** `imported`, `duplicate` (merged), or the reject reason. */
  fate: string;
  /** For imported rows: the report id the mapping makes, the target, the counts, times (UTC ISO). */
  id?: string;
  target?: Target;
  category?: string;
  launched?: number;
  destroyed?: number;
  hit?: number;
  startIso?: string;
  endIso?: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Kyiv's UTC offset in hours at a local date in 2026 (EET +2; EEST +3 from 29 March 01:00 UTC to 25 October 01:00 UTC). */
function kyivOffsetH(month: number, day: number, hour: number): number {
  const afterStart = month > 3 || (month === 3 && (day > 29 || (day === 29 && hour >= 4)));
  const beforeEnd = month < 10 || (month === 10 && (day < 25 || (day === 25 && hour < 3)));
  return afterStart && beforeEnd ? 3 : 2;
}

function utcIso(y: number, mo: number, d: number, h: number, mi: number): string {
  return new Date(Date.UTC(y, mo - 1, d, h - kyivOffsetH(mo, d, h), mi)).toISOString().replace('.000Z', 'Z');
}

/**
 * Daily statements over `days` days from 2026-03-20 (across the spring clock change), one to
 * three waves a night, plus the awkward rows. Columns as `mappings/daily-attack-statements.yaml` reads.
 */
export function dailyStatements(seed: number, days: number): { csv: string; rows: StatementRow[] } {
  const r = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const header = 'time_start,time_end,model,launch_place,target,launched,destroyed,hit,source';
  const rows: StatementRow[] = [];
  const good: StatementRow[] = [];
  let line = 1;
  const push = (row: Omit<StatementRow, 'line'>): void => { rows.push({ line: ++line, ...row }); };
  for (let k = 0; k < days; k++) {
    const date = new Date(Date.UTC(2026, 2, 20 + k));
    const [y, mo, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    const next = new Date(Date.UTC(y, mo - 1, d + 1));
    const used = new Set<string>();
    for (let w = 0, n = 1 + Math.floor(r() * 3); w < n; w++) {
      const [model, category] = pick(MODELS);
      const target = pick(TARGETS);
      const sh = 18 + Math.floor(r() * 5), eh = 5 + Math.floor(r() * 4), em = pick([0, 30]);
      const key = `${sh}|${model}|${target.text}`;
      if (used.has(key)) continue;
      used.add(key);
      const launched = 1 + Math.floor(r() * 80);
      const destroyed = Math.floor(r() * (launched + 1));
      const hit = Math.floor(r() * (launched - destroyed + 1));
      const start = `${y}-${pad(mo)}-${pad(d)} ${pad(sh)}:00`;
      const text = `${start},${pad(eh)}:${pad(em)},${model},${pick(['Kursk oblast', 'Primorsko-Akhtarsk', 'Black Sea', 'Bryansk oblast'])},"${target.text}",${launched},${destroyed},${hit},Air Force statement`;
      const row: Omit<StatementRow, 'line'> = {
        text, fate: 'imported', id: `${start}-${model}-${target.text}`.replace(/\s+/g, '-'), target, category, launched, destroyed, hit,
        startIso: utcIso(y, mo, d, sh, 0), endIso: utcIso(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), eh, em),
      };
      push(row);
      good.push(rows[rows.length - 1]!);
    }
  }
  // The same row sent twice: merged. The same wave restated with other numbers: rejected, the first kept.
  for (const g of good.slice(0, 3)) push({ text: g.text, fate: 'duplicate' });
  const c = good[3]!;
  push({ text: c.text.replace(`,${c.launched},${c.destroyed},`, `,${c.launched! + 5},${c.destroyed},`), fate: 'conflicting-id' });
  push({ text: ',07:00,Shahed-136/131,Kursk oblast,south,10,8,1,Air Force statement', fate: 'bad-time' });
  push({ text: '2026-03-25 19:00,06:00,Shahed-136/131,Kursk oblast,Atlantis,10,8,1,Air Force statement', fate: 'unknown-place' });
  push({ text: '2026-03-25 20:00,06:00,Kh-101/Kh-555,Black Sea,Mykolaiv oblast,10,12,0,Air Force statement', fate: 'bad-count' });
  push({ text: '2026-03-25 21:00,06:00,Shahed-136/131,Black Sea,Kherson oblast,ten,8,0,Air Force statement', fate: 'bad-count' });
  push({ text: '2026-03-25 22:00,06:00,Shahed-136/131,Black Sea,Kherson oblast,10,8', fate: 'wrong-field-count' });
  return { csv: [header, ...rows.map((x) => x.text)].join('\n') + '\n', rows };
}
