import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vigil } from './helpers/cli.js';
import { DEMO_AGREEMENT } from './helpers/scenario.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-export-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('vigil export writes a data directory\'s records as one nation sees them, in the API\'s formats', () => {
  const data = join(dir, 'data');
  const init = vigil(['init', '--data', data, '--username', 'admin', '--nation', 'FRA', '--password-file', '-'], 'a long enough password\n');
  assert.equal(init.status, 0, init.stderr);
  const zones = vigil(['export', 'zones.geojson', '--data', data, '--nation', 'GBR', '--agreement', DEMO_AGREEMENT]);
  assert.equal(zones.status, 0, zones.stderr);
  const fc = JSON.parse(zones.stdout) as { type: string; features: { id: string; geometry: { type: string } }[] };
  assert.equal(fc.type, 'FeatureCollection');
  assert.ok(fc.features.some((f) => f.id === 'odesa-approach' && f.geometry.type === 'Polygon'));
  assert.match(zones.stderr, /zones\.geojson: \d+ record\(s\) releasable to GBR/);
  const out = join(dir, 'alerts.csv');
  const alerts = vigil(['export', 'alerts.csv', '--data', data, '--nation', 'GBR', '--agreement', DEMO_AGREEMENT, '--out', out]);
  assert.equal(alerts.status, 0, alerts.stderr);
  assert.match(readFileSync(out, 'utf8'), /^id,rule,type,domain,severity,status,entityId/);
  const bad = vigil(['export', 'alerts.shp', '--data', data, '--nation', 'GBR']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /no export "alerts\.shp"/);
});
