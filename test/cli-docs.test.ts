import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { cliDocs } from '../src/cli/cli-docs.js';
import { REPO_ROOT } from './helpers/shared-data.js';

test('docs/cli.md is the one the command table generates (npm run docs:cli)', async () => {
  assert.equal(readFileSync(`${REPO_ROOT}/docs/cli.md`, 'utf8'), await cliDocs());
});
