/**
 * Observation write throughput of the SQLite store: 1,000,000 positions through the
 * BatchWriter (5,000 rows a transaction) into a fresh file in a temp directory, WAL and
 * synchronous=NORMAL as in production. Median of 3 runs. Seeded PRNG so runs compare.
 * The target is the issue 3 pipeline rate with persistence on: 300k msgs/s.
 *
 * Run: npx tsx src/store/sqlite/store.bench.ts [rows] [batchRows]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Marking } from '../marking.js';
import type { ObservationInput } from '../ports.js';
import { openSqliteStore } from './sqlite-store.js';
import { mulberry32 } from '../../sim/prng.js';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const BATCH = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
const RUNS = 3;
const rnd = mulberry32(20260325);
const markings: { originator: string; marking: Marking }[] = [
  { originator: 'FRA', marking: { kind: 'COALITION' } },
  { originator: 'GBR', marking: { kind: 'REL_TO', nations: ['FRA', 'TUR'] } },
  { originator: 'TUR', marking: { kind: 'ORIGINATOR_ONLY' } },
];
// 3,000 vessels reporting every ~3 s over the Black Sea, one of three feeds each.
const t0 = Date.UTC(2026, 2, 25);
const rows: ObservationInput[] = new Array(ROWS);
for (let i = 0; i < ROWS; i++) {
  const v = Math.floor(rnd() * 3000);
  const rel = markings[v % 3]!;
  rows[i] = {
    entityId: `mmsi:${273000000 + v}`, kind: 'vessel', timeMs: t0 + Math.floor(i / 1000) * 3000 + Math.floor(rnd() * 3000),
    lon: 28 + rnd() * 13, lat: 41 + rnd() * 6, speedKn: Math.round(rnd() * 200) / 10, courseDeg: Math.round(rnd() * 3600) / 10,
    feed: `ais-${v % 3}`, ...rel,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'vigil-store-bench-'));
const rates: number[] = [];
try {
  for (let run = 0; run < RUNS; run++) {
    const path = join(dir, `bench-${run}.db`);
    const store = openSqliteStore(path);
    const writer = store.batchWriter(BATCH === undefined ? {} : { maxRows: BATCH });
    const start = process.hrtime.bigint();
    for (let i = 0; i < ROWS; i++) writer.addObservation(rows[i]!);
    await writer.flush();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    await store.close();
    const rate = ROWS / seconds;
    rates.push(rate);
    const mb = (statSync(path).size / 1e6).toFixed(0);
    console.log(`run ${run + 1}: ${ROWS.toLocaleString('en')} observations in ${seconds.toFixed(2)} s = ${Math.round(rate).toLocaleString('en')} rows/s (file ${mb} MB)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
rates.sort((a, b) => a - b);
console.log(`median: ${Math.round(rates[Math.floor(RUNS / 2)]!).toLocaleString('en')} rows/s (target 300,000)`);
