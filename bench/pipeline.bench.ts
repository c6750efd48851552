import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAgreementFile } from '../src/config/agreement-file.js';
import { TruceEngine } from '../src/core/detect/engine.js';
import { compareEvents, eventRank, type EngineEvent } from '../src/core/track/observation.js';
import { ReorderBuffer } from '../src/core/time/reorder-buffer.js';
import { landMaskFor } from '../src/geo-data/land-for-agreement.js';
import { AIS_FORMAT } from '../src/pipeline/ais-format.js';
import { openSqliteStore } from '../src/store/index.js';
import { corpusLines, simulatedCorpus } from './corpus.js';
import { fmt, timeMedian } from './stats.js';

/** One marking object for the feed, as the live pipeline passes its feed's (the store interns by object). */
const COALITION = { kind: 'COALITION' } as const;
const here = fileURLToPath(import.meta.url);
const agreementPath = fileURLToPath(new URL(here.includes('/dist/') ? '../../examples/black-sea/agreement.yaml' : '../examples/black-sea/agreement.yaml', import.meta.url));

/**
 * Full pipeline throughput on the 1M-line simulated corpus (in memory, cut into lines as the
 * feed layer cuts them) with the demo agreement:
 * decode → event-time reorder buffer → tracks → every detector, in messages (decoded AIS
 * messages) per second; then the same with every fix the engine accepted (duplicates from a
 * second receiver are merged, not stored) persisted to SQLite through the batch writer on its own thread. Baseline in the same run: decoding alone. Medians of 5 after 2 warm-up runs.
 */
export async function benchPipeline(lines = 1_000_000): Promise<Record<string, number>> {
  const loaded = loadAgreementFile(agreementPath);
  if (!loaded.ok) throw new Error('demo agreement does not load');
  const agreement = loaded.value;
  const landMask = landMaskFor(agreement);
  const text = await corpusLines(simulatedCorpus(lines));
  let messages = 0;
  const decodeOnly = (): void => {
    messages = 0;
    const d = AIS_FORMAT.create({ event: () => { messages++; }, reject: () => {} });
    for (const l of text) d.push(l);
    d.flush();
  };
  const run = async (persist: boolean): Promise<void> => {
    const dir = persist ? mkdtempSync(join(tmpdir(), 'vigil-bench-')) : undefined;
    const store = dir ? openSqliteStore(join(dir, 'b.sqlite')) : undefined;
    // The writer thread takes the SQLite work to the second core; the loop waits only when it is backlogged.
    const writer = store?.batchWriter({ thread: true });
    const engine = new TruceEngine(agreement, { opened: () => {}, closed: () => {} }, { landMask });
    const reorder = new ReorderBuffer<EngineEvent>(30_000, compareEvents, eventRank);
    const apply = (e: EngineEvent): void => {
      const accepted = engine.counters.fixes;
      engine.push(e);
      if (writer !== undefined && e.kind === 'fix' && engine.counters.fixes > accepted) {
        writer.addObservation({ entityId: e.entityId, kind: e.entityKind, timeMs: e.timeMs, lon: e.lon, lat: e.lat, ...(e.speedKn !== undefined ? { speedKn: e.speedKn } : {}), feed: 'bench', originator: 'FRA', marking: COALITION });
      }
    };
    const d = AIS_FORMAT.create({ event: (e) => reorder.push(e, apply), reject: () => {} });
    for (let i = 0; i < text.length; i++) {
      d.push(text[i]!);
      if (writer?.backlogged === true) await writer.ready();
    }
    d.flush();
    reorder.drain(apply);
    engine.finish();
    if (writer !== undefined) await writer.flush();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  // Steady state of a long-running pipeline: two warm-up runs, then the median of 5.
  const decodeMs = await timeMedian(5, decodeOnly, 2);
  const engineMs = await timeMedian(5, () => run(false), 2);
  const persistMs = await timeMedian(5, () => run(true), 2);
  const r = {
    messages,
    decodeMsgsPerS: Math.round(messages / (decodeMs / 1000)),
    pipelineMsgsPerS: Math.round(messages / (engineMs / 1000)),
    persistedMsgsPerS: Math.round(messages / (persistMs / 1000)),
    pipelineVsDecode: Number((decodeMs / engineMs).toFixed(2)),
  };
  console.log(`pipeline: decode alone ${fmt(r.decodeMsgsPerS)} msgs/s; decode→tracks→detectors ${fmt(r.pipelineMsgsPerS)} msgs/s (target 1M/core); with SQLite persistence ${fmt(r.persistedMsgsPerS)} msgs/s (target 300k)`);
  return r;
}
