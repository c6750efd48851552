/**
 * Exports (issue 13) read by a real client: GDAL/OGR (`ogrinfo`, Debian's gdal-bin) reads
 * every GeoJSON and KML export with the feature count the API lists, the geometry types and
 * the documented attribute names; CSV parses as RFC 4180; the ACLED export of verified
 * incidents re-imports to the same events.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitCsv } from '../../src/decode/csv/csv-record.js';
import { COLUMNS, type CollectionName } from '../../src/interop/features.js';
import { ACLED_FORMAT } from '../../src/pipeline/acled-format.js';
import type { ReportEvent } from '../../src/core/track/observation.js';
import { bearer, buildTestApi, type TestApi, type TestUser } from '../helpers/api.js';

let api: TestApi;

function parseCsvLine(line: string): string[] {
  const fields = splitCsv(line);
  if (!Array.isArray(fields)) throw new Error(`not one CSV record: ${line}`);
  return fields;
}

async function download(user: TestUser, file: string, query = ''): Promise<{ status: number; body: string; count: number }> {
  const res = await api.app.inject({ method: 'GET', url: `/api/export/${file}${query}`, headers: bearer(user) });
  return { status: res.statusCode, body: res.body, count: Number(res.headers['x-feature-count']) };
}

/** `ogrinfo -ro -al -so FILE`: per layer, feature count, geometry type and field names. */
function ogrinfo(path: string): { layer: string; count: number; geometry: string; fields: string[] }[] {
  let out: string;
  try {
    out = execFileSync('ogrinfo', ['-ro', '-al', '-so', path], { encoding: 'utf8', env: { ...process.env, CPL_DEBUG: 'OFF' } });
  } catch (e) {
    throw new Error(`ogrinfo failed (install Debian's gdal-bin): ${(e as Error).message}`);
  }
  return out.split(/\nLayer name: /).slice(1).map((block) => ({
    layer: block.split('\n')[0]!.trim(),
    count: Number(/Feature Count: (\d+)/.exec(block)?.[1]),
    geometry: /Geometry: (.+)/.exec(block)?.[1]?.trim() ?? '',
    fields: [...block.matchAll(/^(\w+): (?:String|Integer|Integer64|Real|DateTime|Date|Boolean)/gm)].map((m) => m[1]!),
  }));
}

async function listCount(user: TestUser, url: string): Promise<number> {
  let n = 0;
  let cursor: string | null = null;
  do {
    const res: { json<T>(): T } = await api.app.inject({ method: 'GET', url: `${url}${url.includes('?') ? '&' : '?'}limit=1000${cursor ? `&cursor=${cursor}` : ''}`, headers: bearer(user) });
    const page: { items: unknown[]; nextCursor: string | null } = res.json();
    n += page.items.length;
    cursor = page.nextCursor;
  } while (cursor !== null);
  return n;
}

before(async () => {
  api = await buildTestApi();
});
after(async () => api?.close());

describe('exports read by GDAL', () => {
  const LIST: Record<Exclude<CollectionName, 'zones'>, string> = { tracks: '/api/tracks', alerts: '/api/alerts', incidents: '/api/incidents', reports: '/api/reports' };
  for (const [name, list] of Object.entries(LIST) as [Exclude<CollectionName, 'zones'>, string][]) {
    test(`${name}: GeoJSON and KML exports have the API's count, Point geometry and the documented attributes`, async () => {
      for (const user of [api.users.FRA.verifier, api.users.GBR.verifier]) {
        const expected = await listCount(user, list);
        assert.ok(expected > 0, `${user.username} sees no ${name}`);
        const geo = await download(user, `${name}.geojson`);
        assert.equal(geo.status, 200, geo.body);
        const geoPath = join(api.dataDir, `${user.nation}-${name}.geojson`);
        writeFileSync(geoPath, geo.body);
        const [g] = ogrinfo(geoPath);
        assert.equal(g!.count, expected, `${name}.geojson for ${user.username}`);
        assert.equal(g!.geometry, 'Point');
        // GDAL turns the feature `id` into its FID and the property into a field of its own.
        for (const c of COLUMNS[name]) assert.ok(g!.fields.includes(c), `${name}.geojson: field ${c} missing (${g!.fields.join(', ')})`);

        const kml = await download(user, `${name}.kml`);
        const kmlPath = join(api.dataDir, `${user.nation}-${name}.kml`);
        writeFileSync(kmlPath, kml.body);
        const layers = ogrinfo(kmlPath);
        const layer = layers.find((l) => l.layer === name);
        assert.ok(layer !== undefined, layers.map((l) => l.layer).join(', '));
        assert.equal(layer.count, expected, `${name}.kml for ${user.username}`);
        for (const c of COLUMNS[name].filter((c) => c !== 'id' && c !== 'name')) assert.ok(layer.fields.includes(c), `${name}.kml: field ${c} missing (${layer.fields.join(', ')})`);
        const zones = layers.find((l) => l.layer === 'zones');
        assert.equal(zones?.count, api.agreement.zones.length);
      }
    });
  }

  test('a KML export of tracks carries their histories as gx:Track and time stamps for time sliders', async () => {
    const kml = (await download(api.users.FRA.verifier, 'tracks.kml')).body;
    assert.match(kml, /<gx:Track><when>2026-03-25T02:0\dZ?[^<]*<\/when>/);
    assert.match(kml, /<TimeStamp><when>2026-/);
    const alerts = (await download(api.users.FRA.verifier, 'alerts.kml')).body;
    assert.match(alerts, /<TimeSpan><begin>2026-03-25T02:00:00.000Z<\/begin><end>2026-03-25T02:10:00.000Z<\/end><\/TimeSpan>/);
  });

  test('filters: time, area, rule, zone and party narrow the export like the lists', async () => {
    const u = api.users.FRA.verifier;
    const all = await download(u, 'alerts.geojson');
    assert.equal(all.count, await listCount(u, '/api/alerts'));
    assert.equal((await download(u, 'alerts.geojson', '?rule=R9')).count, 0);
    assert.equal((await download(u, 'alerts.geojson', '?zone=odesa-approach')).count, await listCount(u, '/api/alerts?zone=odesa-approach'));
    assert.equal((await download(u, 'alerts.geojson', '?bbox=0,0,1,1')).count, 0);
    assert.equal((await download(u, 'alerts.geojson', '?from=2030-01-01T00:00:00Z')).count, 0);
    assert.equal((await download(u, 'reports.geojson', '?party=UA')).count, await listCount(u, '/api/reports?party=UA'));
    assert.equal((await download(u, 'tracks.geojson', '?bbox=0,0,1,1')).count, 0);
  });

  test('CSV is RFC 4180 with a header row of the documented columns and ISO times', async () => {
    const csv = (await download(api.users.FRA.verifier, 'alerts.csv')).body;
    const lines = csv.split('\r\n').filter((l) => l !== '');
    assert.deepEqual(parseCsvLine(lines[0]!), [...COLUMNS.alerts, 'lon', 'lat']);
    const row = parseCsvLine(lines[1]!);
    assert.equal(row.length, COLUMNS.alerts.length + 2);
    assert.match(row[COLUMNS.alerts.indexOf('start')]!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    assert.ok(JSON.parse(row[COLUMNS.alerts.indexOf('evidence')]!) !== undefined, 'evidence: a JSON text, quoted as CSV requires');
    const csvPath = join(api.dataDir, 'alerts.csv');
    writeFileSync(csvPath, csv);
    assert.equal(ogrinfo(csvPath)[0]!.count, lines.length - 1);
  });

  test('ACLED round trip: verified incidents exported as ACLED CSV re-import to the same events', async () => {
    const verifier = api.users.FRA.verifier;
    const id = api.seed.COALITION.incidentId;
    for (const step of [{ to: 'under-review' }, { to: 'verified-violation', attributedParty: 'RU', confidence: { level: 'high', reason: 'two sources agree' } }]) {
      const r = await api.app.inject({ method: 'POST', url: `/api/incidents/${id}/transition`, headers: bearer(verifier), payload: step });
      assert.equal(r.statusCode, 200, r.body);
    }
    const exported = await download(verifier, 'incidents.acled.csv');
    assert.equal(exported.status, 200);
    const rows = exported.body.split('\r\n').filter((l) => l !== '');
    assert.equal(rows.length, 2, exported.body);
    const events: ReportEvent[] = [];
    const rejects: string[] = [];
    const decoder = ACLED_FORMAT.create({ event: (e) => { if (e.kind === 'report') events.push(e); }, reject: (reason, detail) => rejects.push(`${reason}: ${detail}`) });
    for (const l of rows) decoder.push(l);
    decoder.flush();
    assert.deepEqual(rejects, []);
    assert.equal(events.length, 1);
    const r = events[0]!.report;
    const incident = (await api.cases.get(verifier.principal, id));
    const alert = (await api.store.alerts.get({ nation: 'FRA' }, incident.alertIds[0]!))!.alert;
    const linked = (await api.store.reports.get({ nation: 'FRA' }, incident.reportIds[0] ?? ''))?.report;
    assert.deepEqual({ id: r.id, date: r.time.slice(0, 10), lat: r.lat, lon: r.lon, party: r.party, category: r.category },
      { id, date: alert.start.slice(0, 10), lat: alert.position.lat, lon: alert.position.lon, party: 'RU', category: linked?.category ?? 'other' });
    // The export again from the re-imported event's fields gives the same row.
    assert.match(rows[1]!, new RegExp(`^${id},${alert.start.slice(0, 10)},1,`));
  });

  test('an unknown export is a 404 that lists what there is; acled is for incidents only', async () => {
    const u = api.users.FRA.viewer;
    const bad = await download(u, 'alerts.shp');
    assert.equal(bad.status, 404);
    assert.match(bad.body, /geojson, \.kml or \.csv/);
    assert.equal((await download(u, 'alerts.acled.csv')).status, 404);
  });
});
