/**
 * The OGC API – Features read by a real client: GDAL's OAPIF driver (`ogrinfo` of Debian's
 * gdal-bin; .ci/run installs it). The app listens on a loopback port; ogrinfo authenticates
 * with the user's token through GDAL's `GDAL_HTTP_HEADERS` config option, given in its
 * environment (not on the command line, where `ps` would show it).
 *
 * What it shows: ogrinfo lists the five collections; per collection its feature count equals
 * the API's for that user (GDAL counts by following `next` links: the API gives no
 * numberMatched), geometry Point and the attribute names of src/interop/features.ts; `-spat`
 * reaches the server as `bbox`; with `PAGE_SIZE=1` GDAL walks one feature per request to the
 * end and sees each feature once; a GBR user never gets the FRA ORIGINATOR ONLY records.
 *
 * ogrinfo runs asynchronously: the server answering it lives in this process.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { alertFeature, COLLECTIONS, type CollectionName, incidentFeature, reportFeature, trackFeature } from '../../src/interop/features.js';
import { SYSTEM_VIEWER, type TrackRecord } from '../../src/store/ports.js';
import { bearer, buildTestApi, SEED_START_MS, type TestApi, type TestUser } from '../helpers/api.js';

const run = promisify(execFile);

let api: TestApi;
let base: string;
/** Paths and queries of the OGC requests the server received, in order. */
const requests: string[] = [];

const FAR_TRACK = 'mmsi:273999999';

before(async () => {
  api = await buildTestApi();
  const far: TrackRecord = { id: FAR_TRACK, kind: 'vessel', name: 'FAR AWAY', category: 'civil', party: 'UA', lastMs: SEED_START_MS + 7200_000, lon: 33.5, lat: 44.6, fixes: 1, originator: 'FRA', marking: { kind: 'COALITION' } };
  await api.store.tracks.upsert([far]);
  api.app.addHook('onRequest', async (req) => {
    if (req.url.startsWith('/api/ogc')) requests.push(req.url);
  });
  base = await api.app.listen({ port: 0, host: '127.0.0.1' });
});
after(async () => {
  await api.close();
});

/** Runs ogrinfo as `user` (its token in GDAL_HTTP_HEADERS); fails with how to install gdal-bin when it is missing. */
async function ogrinfo(user: TestUser | string, args: readonly string[]): Promise<string> {
  const token = typeof user === 'string' ? user : user.token;
  const env = { ...process.env, GDAL_HTTP_HEADERS: `Authorization: Bearer ${token}`, CPL_DEBUG: 'OFF' };
  try {
    const { stdout } = await run('ogrinfo', [...args], { env, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
    return stdout;
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT') throw new Error('ogrinfo is not installed: this test needs GDAL (apt-get install -y gdal-bin)');
    throw new Error(`ogrinfo ${args.join(' ')} failed: ${err.message}\n${err.stderr ?? ''}`);
  }
}

const dataset = (): string => `OAPIF:${base}/api/ogc`;

/** `ogrinfo -ro -al -so`: the one layer's feature count, geometry type and field names. */
function summary(out: string): { count: number; geometry: string; fields: string[] } {
  const count = /^Feature Count: (\d+)$/m.exec(out);
  const geometry = /^Geometry: (.+)$/m.exec(out);
  assert.ok(count && geometry, out);
  const fields = [...out.matchAll(/^(\w+): (?:String|Integer|Integer64|Real|DateTime|Date|Time)(?:\(\w+\))? \(/gm)].map((m) => m[1]!);
  return { count: Number(count[1]), geometry: geometry[1]!, fields };
}

/** The features the API gives `user` in one collection (one large page). */
async function apiFeatures(user: TestUser, c: CollectionName, query = ''): Promise<{ id: string; properties: Record<string, unknown> }[]> {
  const res = await api.app.inject({ method: 'GET', url: `/api/ogc/collections/${c}/items?limit=10000${query}`, headers: bearer(user) });
  assert.equal(res.statusCode, 200, res.body);
  const b = res.json<{ features: { id: string; properties: Record<string, unknown> }[]; links: { rel: string }[] }>();
  assert.ok(!b.links.some((l) => l.rel === 'next'), 'one page holds them all');
  return b.features;
}

/** Attribute names as src/interop/features.ts maps a stored record of each point collection. */
async function featureNames(c: Exclude<CollectionName, 'zones'>): Promise<string[]> {
  const s = api.seed.COALITION;
  switch (c) {
    case 'tracks': return Object.keys(trackFeature((await api.store.tracks.get(SYSTEM_VIEWER, s.trackId))!).properties);
    case 'alerts': return Object.keys(alertFeature((await api.store.alerts.get(SYSTEM_VIEWER, s.alertId))!).properties);
    case 'reports': return Object.keys(reportFeature((await api.store.reports.get(SYSTEM_VIEWER, s.reportId))!).properties);
    case 'incidents': return Object.keys(incidentFeature(await api.cases.get(api.users.FRA.verifier.principal, s.incidentId), null, null).properties);
  }
}

describe('GDAL OAPIF driver (ogrinfo)', () => {
  test('ogrinfo -ro -so lists the five collections, the point ones as Point', async () => {
    const out = await ogrinfo(api.users.GBR.viewer, ['-ro', '-so', dataset()]);
    const layers = [...out.matchAll(/^\d+: (\w+) \(title: [^)]+\)(?: \((\w+)\))?$/gm)].map((m) => [m[1], m[2] ?? null]);
    assert.deepEqual(layers.map((l) => l[0]), [...COLLECTIONS], out);
    for (const [name, geometry] of layers) if (name !== 'zones') assert.equal(geometry, 'Point', `${name}: ${out}`);
  });

  for (const c of ['tracks', 'alerts', 'incidents', 'reports'] as const) {
    test(`${c}: Feature Count is the API's count for the user, geometry Point, the attribute names of features.ts`, async () => {
      for (const user of [api.users.FRA.viewer, api.users.GBR.viewer, api.users.POL.viewer]) {
        const s = summary(await ogrinfo(user, ['-ro', '-al', '-so', dataset(), c]));
        assert.equal(s.count, (await apiFeatures(user, c)).length, `${user.username} ${c}`);
        assert.equal(s.geometry, 'Point');
        assert.deepEqual(s.fields, await featureNames(c));
      }
    });
  }

  test('zones: Feature Count is the agreement\'s zone count; attribute names as the API gives them', async () => {
    const s = summary(await ogrinfo(api.users.GBR.viewer, ['-ro', '-al', '-so', dataset(), 'zones']));
    assert.equal(s.count, api.agreement.zones.length);
    assert.deepEqual(s.fields, Object.keys((await apiFeatures(api.users.GBR.viewer, 'zones'))[0]!.properties));
  });

  test('-spat reaches the server as bbox and is honoured', async () => {
    const user = api.users.GBR.viewer;
    requests.length = 0;
    const far = summary(await ogrinfo(user, ['-ro', '-al', '-so', '-spat', '33', '44', '34', '45', dataset(), 'tracks']));
    assert.equal(far.count, 1);
    assert.ok(requests.some((u) => new URL(u, base).searchParams.get('bbox') === '33,44,34,45'), requests.join('\n'));
    const seeds = summary(await ogrinfo(user, ['-ro', '-al', '-so', '-spat', '30.5', '46', '31', '47', dataset(), 'tracks']));
    assert.equal(seeds.count, (await apiFeatures(user, 'tracks', '&bbox=30.5,46,31,47')).length);
    assert.equal(seeds.count, 2, 'the COALITION and REL TO GBR seeded tracks');
    assert.equal(summary(await ogrinfo(user, ['-ro', '-al', '-so', '-spat', '0', '0', '1', '1', dataset(), 'tracks'])).count, 0);
  });

  test('PAGE_SIZE=1: GDAL follows next links to the end, one feature per request, each feature once', async () => {
    for (const c of ['tracks', 'alerts', 'reports', 'incidents', 'zones'] as const) {
      const user = api.users.GBR.viewer;
      const want = (await apiFeatures(user, c)).map((f) => f.id).sort();
      assert.ok(want.length >= 2, `${c}: enough features to page`);
      requests.length = 0;
      const out = await ogrinfo(user, ['-ro', '-al', '-oo', 'PAGE_SIZE=1', dataset(), c]);
      const got = [...out.matchAll(/^ {2}id \(String\) = (.+)$/gm)].map((m) => m[1]!).sort();
      assert.deepEqual(got, want, `${c}: every feature once`);
      // Runs of requests, each from a first page (no cursor) along its next links. GDAL first
      // reads one page for the schema; then one walk to count and one to list (ogrinfo -al).
      const items = requests.filter((u) => u.startsWith(`/api/ogc/collections/${c}/items?`)).map((u) => new URL(u, base).searchParams);
      assert.ok(items.every((q) => q.get('limit') === '1'), requests.join('\n'));
      const runs: number[] = [];
      for (const q of items) if (q.has('cursor')) runs[runs.length - 1]! += 1; else runs.push(1);
      assert.deepEqual(runs, [1, want.length, want.length], `${c}: the schema page, then two walks of one request per feature:\n${requests.join('\n')}`);
    }
  });

  test('a GBR user never receives the FRA ORIGINATOR ONLY records through GDAL', async () => {
    const out = await ogrinfo(api.users.GBR.viewer, ['-ro', '-al', '-oo', 'PAGE_SIZE=2', dataset()]);
    const orcon = api.seed['ORIGINATOR ONLY'];
    for (const id of [orcon.trackId, orcon.alertId, orcon.reportId, orcon.incidentId]) assert.ok(!out.includes(id), id);
    assert.doesNotMatch(out, /ORIGINATOR ONLY/);
    for (const id of [api.seed.COALITION.trackId, api.seed['REL TO GBR'].alertId, api.seed['REL TO GBR'].incidentId]) assert.ok(out.includes(id), id);
  });

  test('without a valid token GDAL cannot open the service', async () => {
    await assert.rejects(ogrinfo('vgl_not-a-token', ['-ro', '-so', dataset()]), /ogrinfo .* failed/);
  });
});
