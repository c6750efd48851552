import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openInput } from '../src/ingest/open-input.js';
import { splitLines } from '../src/ingest/split-lines.js';
import { simulate } from '../src/sim/scenario.js';

/**
 * A seeded simulated AIS corpus of at least `lines` lines (Black Sea traffic with receiver
 * artefacts), written once to the temp directory and reused by later runs.
 */
export function simulatedCorpus(lines: number, seed = 20260325): string {
  const dir = join(tmpdir(), 'vigil-bench');
  const path = join(dir, `ais-${seed}-${lines}.nmea`);
  if (existsSync(path)) return path;
  mkdirSync(dir, { recursive: true });
  const out: string[] = [];
  // 400 vessels emit ~127,000 lines an hour together (measured): 1M lines ≈ 8 h of traffic.
  const hours = Math.max(1, Math.ceil(lines / 110_000));
  for (const l of simulate({ seed, start: '2026-03-25T00:00:00Z', durationMs: hours * 3600_000, classA: 300, classB: 100, artefacts: { duplicate: 0.05, outOfOrder: 0.01, corrupt: 0.002, truncate: 0.002 } })) {
    out.push(l.line);
    if (out.length >= lines) break;
  }
  writeFileSync(path, out.join('\n') + '\n');
  return path;
}

/** The lines of a file as the feed layer cuts them (`openInput` → `splitLines`), in memory: what the decoders are given live. */
export async function corpusLines(path: string): Promise<string[]> {
  const lines: string[] = [];
  for await (const batch of splitLines(await openInput(path))) for (const l of batch) lines.push(l);
  return lines;
}
