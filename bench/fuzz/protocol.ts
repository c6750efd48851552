/** Messages between the fuzzer's main thread and a target's worker. */

/** Int32 slots before the shared input text: [0] inputs started, [1] length of the current input. */
export const SHARED_HEADER_BYTES = 16;

export interface WorkerOptions {
  target: string;
  runs: number;
  /** Wall-clock budget, ms (0: none). */
  timeMs: number;
  seed: number;
  /** Mutants of one corpus entry run between two coverage takes. */
  batch: number;
  /** An input that takes longer than this is a finding (`slow`). */
  perInputMs: number;
  /** Corpus entries found by an earlier worker of this run (restarted after a hang). */
  extraCorpus: string[];
  /** Inputs that hung or exhausted an earlier worker of this run: not run again as seeds. */
  poison: string[];
  shared: SharedArrayBuffer;
}

export interface WorkerStats {
  /** Mutants run (the figure `runs` counts). */
  runs: number;
  /** Inputs executed, seeds and bisection re-runs included. */
  execs: number;
  corpus: number;
  coveredChars: number;
  functions: number;
  seconds: number;
  heapMb: number;
  findings: number;
}

export type FindingKind = 'crash' | 'oracle' | 'slow' | 'hang' | 'out-of-memory';

export type FromWorker =
  | ({ type: 'progress' | 'done' } & WorkerStats)
  | { type: 'finding'; kind: FindingKind; signature: string; message: string; input: string }
  | { type: 'corpus'; input: string };
