import { ReportSchema } from './report-schema.js';

/** docs/report.schema.json: the JSON Schema (draft 2020-12) of `vigil report --format json`, from the TypeBox schema. */
export function reportSchemaJson(): string {
  return JSON.stringify({ $schema: 'https://json-schema.org/draft/2020-12/schema', ...ReportSchema }, null, 2) + '\n';
}
