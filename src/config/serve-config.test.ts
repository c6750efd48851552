import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseServeConfig } from './serve-config.js';

test('a serve config gets its defaults and parses feed markings', () => {
  const r = parseServeConfig({ agreement: 'a.yaml', feeds: [{ name: 'ais-1', kind: 'tcp', host: 'h', port: 10110, originator: 'ROU', marking: 'REL TO FRA, GBR' }] });
  assert.ok(r.ok);
  assert.equal(r.value.port, 8080);
  assert.equal(r.value.secureCookies, false);
  assert.deepEqual(r.value.feeds[0]!.marking, { kind: 'REL_TO', nations: ['FRA', 'GBR'] });
});

test('a bad serve config names the file and the field', () => {
  const r = parseServeConfig({ agreement: 'a.yaml', feeds: [{ name: 'Bad Name', kind: 'udp', port: 70000, originator: 'france' }] }, 'serve.yaml');
  assert.ok(!r.ok);
  assert.match(r.error, /serve\.yaml: feeds\.0\.name: feed names are lower-case/);
  assert.match(r.error, /feeds\.0\.port/);
  assert.match(r.error, /feeds\.0\.originator: a nation is an ISO 3166-1 alpha-3 code/);
});
