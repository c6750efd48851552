import { MappedReportDecoder } from '../decode/reports/mapped-report-decoder.js';
import type { ReportMapping } from '../decode/reports/report-mapping.js';
import type { InputFormat } from './event-decoder.js';
import { lineDecoderFormat } from './line-decoder-format.js';

/** Any CSV read as incident reports through a mapping file (`vigil check --mapping FILE`): entities `report:ID`. Never detected: the mapping names it. */
export function mappedFormat(mapping: ReportMapping): InputFormat {
  return lineDecoderFormat(`mapped:${mapping.name}`, `CSV mapped to incident reports by "${mapping.name}"`, () => false, (sink) => new MappedReportDecoder(sink, mapping));
}
