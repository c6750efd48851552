import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openInput } from '../src/ingest/open-input.js';
import { splitLines } from '../src/ingest/split-lines.js';
import { simulate } from '../src/sim/scenario.js';

/** The artefacts of a busy real feed, in both corpora: 5 % duplicates from a second receiver, late, corrupted and truncated lines. */
const ARTEFACTS = { duplicate: 0.05, outOfOrder: 0.01, corrupt: 0.002, truncate: 0.002 };
const START = '2026-03-25T00:00:00Z';

/** Writes `lines` to `path` through a temporary name, so that an interrupted run leaves no half corpus behind. */
function writeOnce(path: string, lines: string[]): void {
  mkdirSync(join(tmpdir(), 'vigil-bench'), { recursive: true });
  writeFileSync(path + '.part', lines.join('\n') + '\n');
  renameSync(path + '.part', path);
}

/**
 * A seeded simulated AIS corpus of `lines` lines (Black Sea traffic with receiver artefacts),
 * every line with a tag block `\s:RECEIVER,c:SECONDS*hh\`, written once to the temp directory
 * and reused by later runs. 400 vessels (300 class A, 100 class B).
 */
export function simulatedCorpus(lines: number, seed = 20260325): string {
  const path = join(tmpdir(), 'vigil-bench', `ais-${seed}-${lines}.nmea`);
  if (existsSync(path)) return path;
  const out: string[] = [];
  // 400 vessels emit ~127,000 lines an hour together (measured): 1M lines ≈ 8 h of traffic.
  const hours = Math.max(1, Math.ceil(lines / 110_000));
  for (const l of simulate({ seed, start: START, durationMs: hours * 3600_000, classA: 300, classB: 100, artefacts: ARTEFACTS })) {
    out.push(l.line);
    if (out.length >= lines) break;
  }
  writeOnce(path, out);
  return path;
}

/** `\s:…,c:SECONDS*hh\` at the start of a simulated line: the tag block and its time. */
const TAG_BLOCK = /^\\[^\\]*c:(\d+)[^\\]*\\/;

/**
 * A seeded plain NMEA corpus of `lines` lines: no tag blocks, each sentence followed by the
 * receiver's Unix time after the checksum (`!AIVDM,1,1,,A,…,0*23,1742860800`), as AMSA and
 * DMA receivers write it (see ../shared/data/ais/amsa-receiver-mixed.nmea); gpsdecode reads
 * these lines. The simulator's lines with the tag block cut off and its `c:` time appended.
 * 3,400 vessels (2,700 class A, 700 class B) report ~1.1M lines an hour together, so 1M
 * lines are under an hour of traffic and every vessel is heard (static reports come every 6 min).
 */
export function plainCorpus(lines: number, seed = 20260325): string {
  const path = join(tmpdir(), 'vigil-bench', `ais-plain-${seed}-${lines}.nmea`);
  if (existsSync(path)) return path;
  const out: string[] = [];
  const hours = Math.max(1, Math.ceil(lines / 500_000));
  for (const l of simulate({ seed, start: START, durationMs: hours * 3600_000, classA: 2700, classB: 700, artefacts: ARTEFACTS })) {
    const m = TAG_BLOCK.exec(l.line);
    if (m === null) throw new Error(`simulated line without a tag block time: ${l.line}`);
    out.push(`${l.line.slice(m[0].length)},${m[1]}`);
    if (out.length >= lines) break;
  }
  writeOnce(path, out);
  return path;
}

/** The lines of a file as the feed layer cuts them (`openInput` → `splitLines`), in memory: what the decoders are given live. */
export async function corpusLines(path: string): Promise<string[]> {
  const lines: string[] = [];
  for await (const batch of splitLines(await openInput(path))) for (const l of batch) lines.push(l);
  return lines;
}
