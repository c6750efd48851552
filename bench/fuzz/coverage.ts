/**
 * Coverage feedback from V8 itself: block-level precise coverage through the inspector
 * protocol (`Profiler.startPreciseCoverage({ callCount: true, detailed: true })`), the data
 * `c8` and `node --experimental-test-coverage` use. V8 counts every executed basic block in
 * the bytecode (at a few per cent of speed: measured in docs/reliability.md); taking the
 * counts costs about a millisecond for the parsers alone, tens for the whole API, so they
 * are taken per batch of inputs, not per input.
 *
 * V8 reports, per function, its range and the nested ranges whose count differs from their
 * parent's; a block that ran as often as its parent is folded into it. What was covered is
 * therefore kept per function as a bitmap over its source characters: covered = the
 * function's range minus its nested zero-count ranges. A batch is new when it sets a bit.
 */
import { Session } from 'node:inspector/promises';

interface Range {
  startOffset: number;
  endOffset: number;
  count: number;
}
interface FunctionCoverage {
  functionName: string;
  ranges: Range[];
  isBlockCoverage: boolean;
}
interface ScriptCoverage {
  scriptId: string;
  url: string;
  functions: FunctionCoverage[];
}

/** One take: for each executed function, its key and the covered [start, end) pieces relative to its start. */
export type CoverageTake = { key: string; length: number; covered: number[] }[];

export class BlockCoverage {
  private readonly session = new Session();
  private readonly seen = new Map<string, Uint8Array>();
  private coveredChars = 0;

  /** @param include which scripts count (by URL): the code under test, not the fuzzer's own */
  constructor(private readonly include: (url: string) => boolean) {}

  async start(): Promise<void> {
    this.session.connect();
    await this.session.post('Profiler.enable');
    await this.session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
  }

  async stop(): Promise<void> {
    await this.session.post('Profiler.stopPreciseCoverage');
    this.session.disconnect();
  }

  /** Source characters covered so far, over all functions of the scripts included. */
  get covered(): number {
    return this.coveredChars;
  }

  /** Functions seen executed so far. */
  get functions(): number {
    return this.seen.size;
  }

  /** The blocks executed since the last take (V8 resets its counters on each take). */
  async take(): Promise<CoverageTake> {
    const { result } = (await this.session.post('Profiler.takePreciseCoverage')) as unknown as { result: ScriptCoverage[] };
    const out: CoverageTake = [];
    for (const script of result) {
      if (!this.include(script.url)) continue;
      for (const fn of script.functions) {
        const [top, ...inner] = fn.ranges;
        if (top === undefined || top.count === 0) continue;
        const base = top.startOffset;
        // Covered: the function's range minus its zero ranges (which V8 lists nested and in order).
        const covered: number[] = [];
        let at = base;
        let zeroEnd = -1;
        for (const r of inner) {
          if (r.count !== 0 || r.startOffset < zeroEnd) continue;
          if (r.startOffset > at) covered.push(at - base, r.startOffset - base);
          at = Math.max(at, r.endOffset);
          zeroEnd = r.endOffset;
        }
        if (top.endOffset > at) covered.push(at - base, top.endOffset - base);
        out.push({ key: `${script.url}#${base}`, length: top.endOffset - base, covered });
      }
    }
    return out;
  }

  /** Source characters a take covers that no committed take did. */
  countNew(take: CoverageTake): number {
    let n = 0;
    for (const f of take) {
      const bits = this.seen.get(f.key);
      for (let i = 0; i < f.covered.length; i += 2) {
        const a = f.covered[i]!, b = f.covered[i + 1]!;
        if (bits === undefined) n += b - a;
        else for (let k = bits.indexOf(0, a); k >= 0 && k < b; k = bits.indexOf(0, k + 1)) n++;
      }
    }
    return n;
  }

  /** Adds a take to what is covered. */
  commit(take: CoverageTake): void {
    for (const f of take) {
      let bits = this.seen.get(f.key);
      if (bits === undefined) {
        bits = new Uint8Array(f.length);
        this.seen.set(f.key, bits);
      }
      for (let i = 0; i < f.covered.length; i += 2) {
        const a = f.covered[i]!, b = f.covered[i + 1]!;
        for (let k = bits.indexOf(0, a); k >= 0 && k < b; k = bits.indexOf(0, k + 1)) {
          bits[k] = 1;
          this.coveredChars++;
        }
      }
    }
  }
}
