import { trimLineEnd, type LineTally } from '../line-tally.js';
import { CsvTable, type CsvTableHandler } from './csv-table.js';

/** What a decoder of CSV-or-JSON-Lines input supplies: the CSV header check and row decoding, and object decoding. */
export interface CsvOrJsonLinesHandler extends CsvTableHandler {
  /**
   * Decodes the object of one JSON Lines line (never an array or `null`).
   * Returns the number of events it emitted, or a rejection.
   */
  object(o: Record<string, unknown>): number | { reason: string; detail: string };
}

/**
 * An input that is either CSV with a header or JSON Lines, told apart by its first line that
 * is neither blank nor a `#` comment: one starting with `{` makes the whole input JSON Lines,
 * anything else CSV (see {@link CsvTable}). Counts every line in the tally: blank and comment
 * lines, lines over `maxLineChars` (`line-too-long`), and JSON lines that do not parse or are
 * not an object (`bad-json`). Shared by the radar-track and incident-report decoders.
 *
 * @param maxLineChars longest accepted line, characters (after the trailing CR and blanks are trimmed)
 * @example
 * const input = new CsvOrJsonLines(tally, 4096, { header: () => undefined, row: () => 0, object: (o) => 0 });
 * input.push('{"id":"r1"}'); // JSON Lines from now on
 */
export class CsvOrJsonLines {
  private mode: 'json' | 'csv' | undefined;
  private csv: CsvTable | undefined;

  constructor(
    private readonly tally: LineTally,
    private readonly maxLineChars: number,
    private readonly handler: CsvOrJsonLinesHandler,
  ) {}

  /** Feeds one input line (without its terminator; a trailing CR is ignored). */
  push(raw: string): void {
    const t = this.tally;
    t.line();
    const line = trimLineEnd(raw);
    if (line.length > this.maxLineChars) return t.reject('line-too-long', `line has ${line.length} characters (limit ${this.maxLineChars})`, line);
    if (this.mode === undefined) {
      const first = line.trimStart();
      if (this.skipBlankOrComment(first)) return;
      this.mode = first[0] === '{' ? 'json' : 'csv';
      if (this.mode === 'csv') this.csv = new CsvTable(t, this.handler);
    }
    if (this.csv !== undefined) return this.csv.push(line);
    const s = line.trim();
    if (this.skipBlankOrComment(s)) return;
    let obj: unknown;
    try {
      obj = JSON.parse(s);
    } catch (e) {
      return t.reject('bad-json', `line is not JSON: ${(e as Error).message.slice(0, 100)}`, line);
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return t.reject('bad-json', 'line is not a JSON object', line);
    const out = this.handler.object(obj as Record<string, unknown>);
    if (typeof out !== 'number') return t.reject(out.reason, out.detail, line);
    if (out > 0) t.eventLine();
    else t.metadataLine();
  }

  /** End of input: a CSV record left open is rejected. */
  flush(): void {
    this.csv?.flush();
  }

  /** Counts a blank or `#` comment line (`s` already trimmed at the start); true when it was one. */
  private skipBlankOrComment(s: string): boolean {
    if (s === '') {
      this.tally.counters.blank++;
      return true;
    }
    if (s.startsWith('#')) {
      this.tally.counters.comments++;
      return true;
    }
    return false;
  }
}
