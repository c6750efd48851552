import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadServeConfig } from '../src/config/serve-config.js';
import { REPO_ROOT } from './helpers/shared-data.js';

test('the README\'s serve config example is a valid config', () => {
  const readme = readFileSync(`${REPO_ROOT}/README.md`, 'utf8');
  const yaml = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(yaml, 'README has a yaml example');
  const file = join(mkdtempSync(join(tmpdir(), 'vigil-readme-')), 'serve.yaml');
  writeFileSync(file, yaml);
  const r = loadServeConfig(file);
  assert.ok(r.ok, r.ok ? '' : r.error);
  assert.deepEqual(r.value.feeds.map((f) => f.kind), ['tcp', 'udp', 'tcp', 'file']);
});
