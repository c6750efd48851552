/**
 * Any CSV with a header, read as incident reports through a mapping file
 * (`report-mapping.ts`). Every row ends as one report, a merged duplicate, or one rejection.
 */
import { CsvTable } from '../csv/csv-table.js';
import { LineTally, trimLineEnd, type DecodeSink } from '../line-tally.js';
import { readIncidentReport, shippedPlaces } from './incident-report-schema.js';
import { emitReport } from './report-decoder.js';
import { ReportIds } from './report-ids.js';
import { mappedColumns, mapRow, type ReportMapping } from './report-mapping.js';

/** Rows of real exports run to a few hundred characters; 64 KB per line is ample. */
const MAX_LINE = 65_536;

/**
 * @example
 * const d = new MappedReportDecoder(sink, mapping);
 * d.push('date,from,to,region,weapon,launched,destroyed');
 */
export class MappedReportDecoder {
  private readonly tally: LineTally;
  private readonly table: CsvTable;
  private readonly ids = new ReportIds();

  constructor(sink: DecodeSink, mapping: ReportMapping) {
    this.tally = new LineTally(sink);
    const places = sink.places ?? shippedPlaces();
    const needed = mappedColumns(mapping);
    this.table = new CsvTable(this.tally, {
      header: (cols) => {
        const missing = needed.filter((c) => !cols.includes(c));
        return missing.length === 0 ? undefined : `header has no column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `\`${c}\``).join(', ')} (mapping "${mapping.name}" reads ${needed.join(', ')})`;
      },
      row: (v) => {
        const o = mapRow(mapping, v);
        if (!o.ok) return o;
        return emitReport(readIncidentReport(o.value, places), this.ids, this.tally);
      },
    });
  }

  get counters(): LineTally['counters'] {
    return this.tally.counters;
  }

  push(raw: string): void {
    this.tally.line();
    const line = trimLineEnd(raw);
    if (line.length > MAX_LINE) return this.tally.reject('line-too-long', `line has ${line.length} characters (limit ${MAX_LINE})`, line);
    this.table.push(line);
  }

  flush(): void {
    this.table.flush();
  }
}
