import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AisLineDecoder } from '../src/decode/ais/ais-line-decoder.js';
import { corpusLines, simulatedCorpus } from './corpus.js';
import { fmt, timeMedian } from './stats.js';

/**
 * Decoder throughput: Vigil's AIS decoder against gpsd's gpsdecode on the same 1M-line
 * simulated corpus, in the same run, medians of 3:
 * - like for like: `vigil decode FILE` and `gpsdecode < FILE`, both whole processes reading
 *   the file and writing JSON to /dev/null;
 * - Vigil's decoder alone, in-process on lines already in memory, as the feed layer cuts them
 *   (what the pipeline pays), after 2 warm-up runs.
 */
export async function benchDecode(lines = 1_000_000): Promise<Record<string, number | string>> {
  const path = simulatedCorpus(lines);
  const text = await corpusLines(path);
  const vigilMs = await timeMedian(3, () => {
    const d = new AisLineDecoder({ message: () => {}, reject: () => {} });
    for (const l of text) d.push(l);
    d.flush();
  }, 2);
  const vigilRate = text.length / (vigilMs / 1000);
  const result: Record<string, number | string> = { corpusLines: text.length, vigilMs: Math.round(vigilMs), vigilLinesPerS: Math.round(vigilRate) };
  console.log(`decode: Vigil ${fmt(vigilRate)} lines/s (${fmt(vigilMs)} ms for ${fmt(text.length)} lines)`);
  if (existsSync('/usr/bin/gpsdecode')) {
    const gpsdMs = await timeMedian(3, () => {
      const r = spawnSync('sh', ['-c', `/usr/bin/gpsdecode < ${path} > /dev/null 2>&1`]);
      if (r.status !== 0) throw new Error('gpsdecode failed');
    });
    const gpsdRate = text.length / (gpsdMs / 1000);
    const cli = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
    const cliMs = await timeMedian(3, () => {
      const r = spawnSync('sh', ['-c', `node ${cli} decode ${path} > /dev/null 2>&1`]);
      if (r.status !== 0) throw new Error('vigil decode failed');
    });
    const cliRate = text.length / (cliMs / 1000);
    result.gpsdecodeLinesPerS = Math.round(gpsdRate);
    result.vigilCliLinesPerS = Math.round(cliRate);
    result.ratioCli = Number((cliRate / gpsdRate).toFixed(2));
    result.ratioDecoder = Number((vigilRate / gpsdRate).toFixed(2));
    console.log(`decode: gpsdecode ${fmt(gpsdRate)} lines/s; vigil decode (process, JSON out) ${fmt(cliRate)} lines/s → ${result.ratioCli}× (target ≥ 3×); decoder alone ${result.ratioDecoder}×`);
  } else {
    console.log('decode: gpsdecode not installed (apt-get install gpsd-clients) — no ratio');
  }
  return result;
}
