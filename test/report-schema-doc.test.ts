import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { reportSchemaJson } from '../src/report/report-schema-json.js';
import { REPO_ROOT } from './helpers/shared-data.js';

test('docs/report.schema.json is the one the report schema generates (npm run docs:schema)', () => {
  assert.equal(readFileSync(`${REPO_ROOT}/docs/report.schema.json`, 'utf8'), reportSchemaJson());
});
