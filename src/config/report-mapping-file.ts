import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { MappingProblem, parseReportMapping, type ReportMapping } from '../decode/reports/report-mapping.js';

/** Reads and checks a YAML mapping file (docs/formats.md, "Mapping files"); throws `MappingProblem` saying what and where. */
export function loadReportMappingFile(path: string): ReportMapping {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new MappingProblem(`${path}: ${(e as Error).message}`);
  }
  return parseReportMapping(doc, path);
}
