import { writeFileSync } from 'node:fs';
import { packageRoot } from '../config/package-root.js';
import { reportSchemaJson } from './report-schema-json.js';

writeFileSync(`${packageRoot()}docs/report.schema.json`, reportSchemaJson());
