import { AisLineDecoder } from '../src/decode/ais/ais-line-decoder.js';
import { corpusLines, plainCorpus, simulatedCorpus } from './corpus.js';
import { fmt, timeMedian } from './stats.js';

/**
 * The AIS decoder alone, in-process, on lines already in memory as the feed layer cuts them
 * (what the pipeline pays per line), on both 1M-line corpora: medians of 3 after 2 warm-up
 * runs. Not comparable with whole processes (no start-up, no reading, no output): the
 * comparison with gpsdecode is `process.bench.ts`.
 */
export async function benchDecode(lines = 1_000_000): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const [corpus, path] of [['plain', plainCorpus(lines)], ['tagBlocks', simulatedCorpus(lines)]] as const) {
    const text = await corpusLines(path);
    const ms = await timeMedian(3, () => {
      const d = new AisLineDecoder({ message: () => {}, reject: () => {} });
      for (const l of text) d.push(l);
      d.flush();
    }, 2);
    const rate = text.length / (ms / 1000);
    result[`${corpus}LinesPerS`] = Math.round(rate);
    console.log(`decode (in-process, decoder alone, ${corpus === 'plain' ? 'plain' : 'tag-blocked'} corpus): ${fmt(rate)} lines/s (${fmt(ms)} ms for ${fmt(text.length)} lines)`);
  }
  return result;
}
