import type { LineTally } from '../line-tally.js';
import { CsvRecordAssembler } from './csv-record.js';

/** What a CSV-based decoder supplies: header check and row decoding. */
export interface CsvTableHandler {
  /**
   * Checks the header's column names (trimmed, lower-cased); returns why it is not a header
   * of this table, or `undefined` when it is.
   */
  header(columns: readonly string[]): string | undefined;
  /**
   * Decodes one data row (values trimmed, keyed by header column; empty cells are `''`).
   * Returns the number of events it emitted, or a rejection.
   */
  row(values: Readonly<Record<string, string>>): number | { reason: string; detail: string };
}

/**
 * A CSV input with a header line: joins multi-line quoted records, reads the header, checks
 * each row's field count and hands rows to the handler, accounting for every line in the
 * tally. Blank lines and `#` comment lines between records are counted as such.
 *
 * @example
 * const table = new CsvTable(tally, { header: (c) => c.includes('icao24') ? undefined : 'no icao24 column', row: (v) => 0 });
 * table.push('icao24,lat,lon');
 */
export class CsvTable {
  private readonly assembler = new CsvRecordAssembler();
  private columns: string[] | undefined;
  private headerProblem: string | undefined;

  constructor(private readonly tally: LineTally, private readonly handler: CsvTableHandler) {}

  /** Lines held in an open quoted record. */
  get heldLines(): number {
    return this.assembler.heldLines;
  }

  /** Feeds one line (already counted with `tally.line()`, trailing CR removed). */
  push(line: string): void {
    const t = this.tally;
    if (this.assembler.heldLines === 0) {
      if (line.trim() === '') {
        t.counters.blank++;
        return;
      }
      if (line.startsWith('#')) {
        t.counters.comments++;
        return;
      }
    }
    const r = this.assembler.push(line);
    if (r.kind === 'pending') return;
    if (r.kind === 'error') return t.rejectLines(r.reason, r.detail, r.lines);
    if (this.columns === undefined && this.headerProblem === undefined) {
      const cols = r.fields.map((c) => c.trim().toLowerCase());
      const problem = this.handler.header(cols);
      if (problem !== undefined) {
        this.headerProblem = problem;
        return t.rejectLines('bad-header', problem, r.lines);
      }
      this.columns = cols;
      return t.metadataLine(r.lines.length);
    }
    if (this.columns === undefined) return t.rejectLines('no-header', `the input has no valid header (${this.headerProblem})`, r.lines);
    if (r.fields.length !== this.columns.length) {
      return t.rejectLines('wrong-field-count', `row has ${r.fields.length} fields, the header ${this.columns.length}`, r.lines);
    }
    const values = Object.create(null) as Record<string, string>;
    for (let i = 0; i < this.columns.length; i++) values[this.columns[i]!] = r.fields[i]!.trim();
    const out = this.handler.row(values);
    if (typeof out !== 'number') return t.rejectLines(out.reason, out.detail, r.lines);
    if (out > 0) t.eventLine(r.lines.length);
    else t.metadataLine(r.lines.length);
  }

  /** End of input: a record left open is rejected. */
  flush(): void {
    const r = this.assembler.flush();
    if (r !== undefined && r.kind === 'error') this.tally.rejectLines(r.reason, r.detail, r.lines);
  }
}
