/**
 * OGC API – Features (issue 13 item 3) through `app.inject`: the landing page, conformance and
 * collections documents; items of every collection as GeoJSON; releasability (a GBR or POL
 * user never receives the FRA records not releasable to it, on any page or by id); bbox and
 * datetime; paging by `next` links (each feature exactly once, no empty page before the end);
 * one feature by id (track ids contain ':'); 404s and 400s naming the parameter.
 *
 * Besides the harness's seeded records (all at 30.9 E 46.45 N around SEED_START_MS), the
 * test adds COALITION records far from them (33.5 E 44.6 N, two hours later), so boxes and
 * times separate something.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { COLLECTIONS, type CollectionName } from '../../src/interop/features.js';
import { CONFORMANCE_CLASSES, DEFAULT_LIMIT, MAX_LIMIT } from '../../src/api/routes/ogc-features.js';
import type { TrackRecord } from '../../src/store/ports.js';
import { bearer, buildTestApi, MARKINGS, SEED_START_MS, testAlert, type TestApi, type TestUser } from '../helpers/api.js';

interface Link { href: string; rel: string; type?: string; title?: string }
interface Feature { type: 'Feature'; id: string; geometry: { type: string; coordinates: unknown } | null; properties: Record<string, unknown>; links?: Link[] }
interface Items { type: 'FeatureCollection'; features: Feature[]; links: Link[]; timeStamp: string; numberReturned: number }
interface Collection { id: string; title: string; description: string; itemType: string; crs: string[]; extent: { spatial: { bbox: number[][]; crs: string }; temporal: { interval: (string | null)[][] } }; links: Link[] }

const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const FAR = { lon: 33.5, lat: 44.6 };
const FAR_MS = SEED_START_MS + 2 * 3600_000;
const FAR_TRACK = 'mmsi:273999999';
const FAR_ALERT = 'ogc-alert-far';
const FAR_REPORT = 'ogc-report-far';
const iso = (ms: number): string => new Date(ms).toISOString();

let api: TestApi;

before(async () => {
  api = await buildTestApi();
  const rel = { originator: 'FRA', marking: { kind: 'COALITION' as const } };
  const track: TrackRecord = { id: FAR_TRACK, kind: 'vessel', name: 'FAR AWAY', category: 'civil', party: 'UA', lastMs: FAR_MS, ...FAR, fixes: 1, ...rel };
  await api.store.tracks.upsert([track]);
  // Newest alert: the first of the alerts list, so a box around the seeds filters the first store page away.
  await api.store.alerts.upsert([{ alert: testAlert(FAR_ALERT, FAR_TRACK, FAR_MS, { position: { ...FAR } }), agreementId: api.agreement.id, agreementVersion: api.agreement.version, ...rel }]);
  await api.store.reports.upsert([{ report: { id: FAR_REPORT, time: iso(FAR_MS), ...FAR, category: 'shelling', party: 'UA' }, ...rel }]);
});
after(async () => {
  await api.close();
});

async function get(user: TestUser | null, url: string): Promise<LightMyRequestResponse> {
  return api.app.inject({ method: 'GET', url, headers: user ? bearer(user) : {} });
}

async function ok<T>(user: TestUser, url: string): Promise<T> {
  const res = await get(user, url);
  assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
  return res.json<T>();
}

/** The path and query of an absolute link (inject takes no origin). */
function pathOf(href: string): string {
  assert.ok(href.startsWith('http://localhost:80/'), `links are absolute, on the request's host: ${href}`);
  const u = new URL(href);
  return `${u.pathname}${u.search}`;
}

/** Every feature of a collection, following `next` links from `url`; asserts no page but the last is empty. */
async function walk(user: TestUser, url: string): Promise<{ features: Feature[]; pages: number }> {
  const features: Feature[] = [];
  let next: string | undefined = url;
  let pages = 0;
  while (next !== undefined) {
    const page: Items = await ok<Items>(user, next);
    pages++;
    assert.ok(pages <= 1000, 'paging does not end');
    assert.equal(page.numberReturned, page.features.length);
    features.push(...page.features);
    const link = page.links.find((l) => l.rel === 'next');
    if (link !== undefined) assert.ok(page.features.length > 0, `${next}: an empty page with a next link (GDAL stops there)`);
    next = link && pathOf(link.href);
  }
  return { features, pages };
}

const ids = (fs: readonly Feature[]): string[] => fs.map((f) => f.id).sort();
const all = async (user: TestUser, c: CollectionName, query = ''): Promise<Feature[]> => (await walk(user, `/api/ogc/collections/${c}/items?limit=${MAX_LIMIT}${query}`)).features;

function assertError(res: LightMyRequestResponse, status: number, message: RegExp): void {
  assert.equal(res.statusCode, status, res.body);
  assert.match(String(res.headers['content-type']), /^application\/json/);
  const b = res.json<{ statusCode: number; error: string; message: string }>();
  assert.equal(b.statusCode, status);
  assert.match(b.message, message);
}

describe('landing page, conformance, collections', () => {
  test('GET /api/ogc: title, description and the self, service-desc, conformance and data links (absolute)', async () => {
    const res = await get(api.users.GBR.viewer, '/api/ogc');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    const b = res.json<{ title: string; description: string; links: Link[] }>();
    assert.match(b.title, /OGC API/);
    assert.ok(b.description.length > 20);
    const rel = (r: string): Link | undefined => b.links.find((l) => l.rel === r);
    assert.equal(rel('self')?.href, 'http://localhost:80/api/ogc');
    assert.deepEqual(rel('service-desc'), { href: 'http://localhost:80/api/openapi.json', rel: 'service-desc', type: 'application/vnd.oai.openapi+json;version=3.0', title: 'The API definition (OpenAPI 3.0)' });
    assert.equal(rel('conformance')?.href, 'http://localhost:80/api/ogc/conformance');
    assert.equal(rel('data')?.href, 'http://localhost:80/api/ogc/collections');
    // The service description it points at is there and lists the OGC routes.
    const doc = await get(null, pathOf(rel('service-desc')!.href));
    assert.equal(doc.statusCode, 200);
    const paths = Object.keys(doc.json<{ paths: Record<string, unknown> }>().paths);
    for (const p of ['/api/ogc', '/api/ogc/conformance', '/api/ogc/collections', '/api/ogc/collections/{collectionId}', '/api/ogc/collections/{collectionId}/items', '/api/ogc/collections/{collectionId}/items/{featureId}']) {
      assert.ok(paths.includes(p), `OpenAPI document lacks ${p}`);
    }
  });

  test('links follow the Host the client used (a proxy\'s host, another port)', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/api/ogc/collections', headers: { ...bearer(api.users.GBR.viewer), host: 'vigil.example.org:8443' } });
    const b = res.json<{ links: Link[]; collections: Collection[] }>();
    assert.equal(b.links[0]!.href, 'http://vigil.example.org:8443/api/ogc/collections');
    assert.equal(b.collections[0]!.links.find((l) => l.rel === 'items')!.href, 'http://vigil.example.org:8443/api/ogc/collections/tracks/items');
  });

  test('GET /api/ogc/conformance: core, oas30 and geojson', async () => {
    const b = await ok<{ conformsTo: string[] }>(api.users.GBR.viewer, '/api/ogc/conformance');
    assert.deepEqual(b.conformsTo, [
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
    ]);
    assert.deepEqual(b.conformsTo, [...CONFORMANCE_CLASSES]);
  });

  test('GET /api/ogc/collections: the five collections, each with extent, CRS84, itemType and a GeoJSON items link', async () => {
    const b = await ok<{ links: Link[]; collections: Collection[] }>(api.users.GBR.viewer, '/api/ogc/collections');
    assert.deepEqual(b.collections.map((c) => c.id), [...COLLECTIONS]);
    for (const c of b.collections) {
      assert.ok(c.title.length > 0 && c.description.length > 0, c.id);
      assert.equal(c.itemType, 'feature');
      assert.deepEqual(c.crs, [CRS84]);
      assert.equal(c.extent.spatial.crs, CRS84);
      assert.equal(c.extent.spatial.bbox.length, 1);
      const [minLon, minLat, maxLon, maxLat] = c.extent.spatial.bbox[0]!;
      assert.ok(minLon! >= -180 && maxLon! <= 180 && minLat! >= -90 && maxLat! <= 90 && minLon! < maxLon! && minLat! < maxLat!, `${c.id}: ${JSON.stringify(c.extent.spatial.bbox)}`);
      assert.equal(c.extent.temporal.interval.length, 1);
      assert.equal(c.extent.temporal.interval[0]!.length, 2);
      assert.deepEqual(c.links.find((l) => l.rel === 'items'), { href: `http://localhost:80/api/ogc/collections/${c.id}/items`, rel: 'items', type: 'application/geo+json', title: `${c.title} as GeoJSON` });
      assert.equal(c.links.find((l) => l.rel === 'self')?.href, `http://localhost:80/api/ogc/collections/${c.id}`);
      assert.deepEqual(await ok<Collection>(api.users.GBR.viewer, `/api/ogc/collections/${c.id}`), c);
    }
    // Zones: their real extent, inside the Black Sea region; the agreement's effective period.
    const zones = b.collections.find((c) => c.id === 'zones')!;
    const [zMinLon, zMinLat, zMaxLon, zMaxLat] = zones.extent.spatial.bbox[0]!;
    assert.ok(zMinLon! > 20 && zMaxLon! < 45 && zMinLat! > 35 && zMaxLat! < 50, JSON.stringify(zones.extent.spatial.bbox));
    assert.equal(zones.extent.temporal.interval[0]![0], iso(api.agreement.effectiveFromMs));
  });

  test('f=json is accepted everywhere (GDAL and browsers send it)', async () => {
    for (const url of ['/api/ogc', '/api/ogc/conformance', '/api/ogc/collections', '/api/ogc/collections/alerts', '/api/ogc/collections/alerts/items', `/api/ogc/collections/alerts/items/${api.seed.COALITION.alertId}`]) {
      const res = await get(api.users.GBR.viewer, `${url}?f=json`);
      assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 200)}`);
    }
  });
});

describe('items', () => {
  test('each collection answers a GeoJSON FeatureCollection with links, timeStamp and numberReturned', async () => {
    const want: Record<CollectionName, number> = { tracks: 4, alerts: 4, incidents: 3, reports: 4, zones: api.agreement.zones.length };
    for (const c of COLLECTIONS) {
      const url = `/api/ogc/collections/${c}/items`;
      const res = await get(api.users.FRA.viewer, url);
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers['content-type']), /^application\/geo\+json/);
      const b = res.json<Items>();
      assert.equal(b.type, 'FeatureCollection');
      assert.equal(b.features.length, want[c], c);
      assert.equal(b.numberReturned, want[c]);
      assert.ok(Math.abs(Date.parse(b.timeStamp) - Date.now()) < 60_000, b.timeStamp);
      assert.deepEqual(b.links.map((l) => [l.rel, l.type]), [['self', 'application/geo+json'], ['collection', 'application/json']], `${c}: one page, no next link`);
      assert.equal(b.links[0]!.href, `http://localhost:80${url}?limit=${DEFAULT_LIMIT}`);
      for (const f of b.features) {
        assert.equal(f.type, 'Feature');
        assert.equal(typeof f.id, 'string');
        assert.equal(f.properties.id, f.id);
        // Flat properties: GIS clients read them as columns.
        for (const [k, v] of Object.entries(f.properties)) assert.ok(v === null || ['string', 'number', 'boolean'].includes(typeof v), `${c} ${f.id}.${k} is ${typeof v}`);
        if (c !== 'zones') assert.equal(f.geometry?.type, 'Point', `${c} ${f.id}`);
      }
    }
  });

  test('releasability: GBR gets the COALITION and REL TO GBR records, never the ORIGINATOR ONLY ones; POL only COALITION', async () => {
    const key: Record<Exclude<CollectionName, 'zones'>, 'trackId' | 'alertId' | 'incidentId' | 'reportId'> = { tracks: 'trackId', alerts: 'alertId', incidents: 'incidentId', reports: 'reportId' };
    for (const nation of ['FRA', 'GBR', 'POL'] as const) {
      for (const c of ['tracks', 'alerts', 'incidents', 'reports'] as const) {
        const user = api.users[nation].viewer;
        const got = ids(await all(user, c));
        for (const m of MARKINGS) {
          const id = api.seed[m][key[c]];
          const visible = nation === 'FRA' || m === 'COALITION' || (m === 'REL TO GBR' && nation === 'GBR');
          assert.equal(got.includes(id), visible, `${nation} ${c} ${m} ${id}`);
          const one = await get(user, `/api/ogc/collections/${c}/items/${encodeURIComponent(id)}`);
          assert.equal(one.statusCode, visible ? 200 : 404, `${nation} ${c}/${id}: ${one.body.slice(0, 200)}`);
          if (!visible) assert.doesNotMatch(one.body, /Seed incident|SEED/);
        }
        // Paging walks only what is releasable too.
        assert.deepEqual(ids((await walk(user, `/api/ogc/collections/${c}/items?limit=1`)).features), got);
      }
    }
    const gbrBodies = await Promise.all(COLLECTIONS.map((c) => get(api.users.GBR.viewer, `/api/ogc/collections/${c}/items?limit=${MAX_LIMIT}`)));
    for (const b of gbrBodies) assert.doesNotMatch(b.body, /ORIGINATOR ONLY|orcon|SEED ORCON|273000002/);
  });

  test('bbox selects by position (tracks, alerts, reports and incidents, zones)', async () => {
    const fra = api.users.FRA.viewer;
    const seeds = '&bbox=30.5,46,31,47';
    const far = '&bbox=33,44,34,45';
    assert.deepEqual(ids(await all(fra, 'tracks', seeds)), MARKINGS.map((m) => api.seed[m].trackId).sort());
    assert.deepEqual(ids(await all(fra, 'tracks', far)), [FAR_TRACK]);
    assert.deepEqual(ids(await all(fra, 'alerts', far)), [FAR_ALERT]);
    assert.deepEqual(ids(await all(fra, 'alerts', seeds)), MARKINGS.map((m) => api.seed[m].alertId).sort());
    assert.deepEqual(ids(await all(fra, 'reports', far)), [FAR_REPORT]);
    assert.equal((await all(fra, 'incidents', seeds)).length, 3);
    assert.deepEqual(await all(fra, 'incidents', far), []);
    assert.deepEqual(await all(fra, 'tracks', '&bbox=0,0,1,1'), []);
    // With heights (6 numbers) the heights are ignored.
    assert.deepEqual(ids(await all(fra, 'tracks', '&bbox=33,44,-100,34,45,100')), [FAR_TRACK]);
    const zones = await all(fra, 'zones', '&bbox=28.5,40.9,29.3,41.3');
    assert.ok(zones.length >= 1 && zones.length < api.agreement.zones.length && zones.some((z) => z.id === 'bosphorus-north'), ids(zones).join(','));
  });

  test('datetime: an instant, a closed interval and intervals open at either end', async () => {
    const fra = api.users.FRA.viewer;
    const seedTracks = MARKINGS.map((m) => api.seed[m].trackId).sort();
    const t = (ms: number): string => encodeURIComponent(iso(ms));
    const hour = SEED_START_MS + 3600_000;
    assert.deepEqual(ids(await all(fra, 'tracks', `&datetime=..%2F${t(hour)}`)), seedTracks);
    assert.deepEqual(ids(await all(fra, 'tracks', `&datetime=%2F${t(hour)}`)), seedTracks);
    assert.deepEqual(ids(await all(fra, 'tracks', `&datetime=${t(hour)}%2F..`)), [FAR_TRACK]);
    assert.deepEqual(ids(await all(fra, 'tracks', `&datetime=${t(hour)}%2F`)), [FAR_TRACK]);
    assert.deepEqual(ids(await all(fra, 'tracks', `&datetime=..%2F..`)), [...seedTracks, FAR_TRACK].sort());
    // The COALITION track's last fix is at SEED_START + 5 min exactly.
    assert.deepEqual(ids(await all(fra, 'tracks', `&datetime=${t(SEED_START_MS + 5 * 60_000)}`)), [api.seed.COALITION.trackId]);
    assert.deepEqual(ids(await all(fra, 'tracks', `&datetime=${t(SEED_START_MS + 5 * 60_000 + 1)}%2F${t(SEED_START_MS + 6 * 60_000)}`)), [api.seed['REL TO GBR'].trackId]);
    // Alerts overlap the interval; reports by time; incidents by their first alert.
    assert.deepEqual(ids(await all(fra, 'alerts', `&datetime=${t(FAR_MS + 60_000)}`)), [FAR_ALERT]);
    assert.deepEqual(ids(await all(fra, 'reports', `&datetime=${t(hour)}%2F..`)), [FAR_REPORT]);
    assert.equal((await all(fra, 'incidents', `&datetime=..%2F${t(hour)}`)).length, 3);
    assert.deepEqual(await all(fra, 'incidents', `&datetime=${t(hour)}%2F..`), []);
    // A time offset other than Z.
    assert.deepEqual(ids(await all(fra, 'tracks', `&datetime=${encodeURIComponent('2026-03-25T05:00:00+02:00')}%2F..`)), [FAR_TRACK]);
  });

  test('rule, zone and party filter as in the other lists', async () => {
    const fra = api.users.FRA.viewer;
    assert.deepEqual(ids(await all(fra, 'tracks', '&party=UA')), [FAR_TRACK]);
    assert.equal((await all(fra, 'alerts', '&rule=R1')).length, 4);
    assert.deepEqual(await all(fra, 'alerts', '&rule=R999'), []);
    assert.deepEqual(await all(fra, 'reports', '&rule=R1'), []);
    assert.deepEqual(ids(await all(fra, 'zones', '&zone=odesa-approach')), ['odesa-approach']);
  });
});

describe('paging', () => {
  test('limit=1 follows next links to the end: every feature exactly once, in every collection, for FRA and GBR', async () => {
    for (const user of [api.users.FRA.viewer, api.users.GBR.viewer]) {
      for (const c of COLLECTIONS) {
        const whole = ids(await all(user, c));
        const { features, pages } = await walk(user, `/api/ogc/collections/${c}/items?limit=1`);
        assert.deepEqual(ids(features), whole, `${user.username} ${c}`);
        assert.equal(new Set(ids(features)).size, features.length, `${c}: a feature twice`);
        assert.equal(pages, whole.length, `${c}: one feature per page`);
      }
    }
  });

  test('limit=2 pages hold two features; next links keep the filters', async () => {
    const fra = api.users.FRA.viewer;
    const first = await ok<Items>(fra, '/api/ogc/collections/alerts/items?limit=2&bbox=30.5,46,31,47&rule=R1');
    assert.equal(first.numberReturned, 2);
    const next = new URL(first.links.find((l) => l.rel === 'next')!.href);
    assert.deepEqual([next.searchParams.get('bbox'), next.searchParams.get('rule'), next.searchParams.get('limit')], ['30.5,46,31,47', 'R1', '2']);
    assert.ok((next.searchParams.get('cursor') ?? '').length > 0);
  });

  test('a filter the store cannot apply (a box on alerts) leaves no empty page before the end', async () => {
    // The far alert is the newest, so the first store page holds only it and the box drops it:
    // the answer reads on rather than returning an empty page with a next link.
    const { features, pages } = await walk(api.users.FRA.viewer, '/api/ogc/collections/alerts/items?limit=1&bbox=30.5,46,31,47');
    assert.equal(features.length, 3);
    assert.equal(pages, 3);
  });

  test('zones page by offset like the rest', async () => {
    const { features } = await walk(api.users.GBR.viewer, '/api/ogc/collections/zones/items?limit=5');
    assert.deepEqual(features.map((f) => f.id), api.agreement.zones.map((z) => z.id));
  });
});

describe('one feature', () => {
  test('each collection\'s features are reachable by id, identical to the list\'s, with self and collection links', async () => {
    const fra = api.users.FRA.viewer;
    for (const c of COLLECTIONS) {
      for (const f of await all(fra, c)) {
        for (const id of [encodeURIComponent(f.id), f.id]) {
          const res = await get(fra, `/api/ogc/collections/${c}/items/${id}`);
          assert.equal(res.statusCode, 200, `${c}/${id}: ${res.body.slice(0, 200)}`);
          assert.match(String(res.headers['content-type']), /^application\/geo\+json/);
          const one = res.json<Feature>();
          const { links, ...rest } = one;
          assert.deepEqual(rest, f);
          assert.deepEqual(links?.map((l) => [l.rel, pathOf(l.href)]), [['self', `/api/ogc/collections/${c}/items/${encodeURIComponent(f.id)}`], ['collection', `/api/ogc/collections/${c}`]]);
        }
      }
    }
  });

  test('a track id with ":" routes as is and percent-encoded', async () => {
    const id = api.seed.COALITION.trackId;
    assert.match(id, /^mmsi:/);
    for (const path of [id, encodeURIComponent(id)]) assert.equal((await ok<Feature>(api.users.GBR.viewer, `/api/ogc/collections/tracks/items/${path}`)).id, id);
  });

  test('unknown feature or collection → 404 with a JSON error', async () => {
    assertError(await get(api.users.GBR.viewer, '/api/ogc/collections/tracks/items/mmsi:999'), 404, /no feature "mmsi:999" in tracks/);
    assertError(await get(api.users.GBR.viewer, '/api/ogc/collections/zones/items/nowhere'), 404, /no feature "nowhere" in zones/);
    assertError(await get(api.users.GBR.viewer, '/api/ogc/collections/incidents/items/inc-nope'), 404, /inc-nope/);
    assertError(await get(api.users.GBR.viewer, '/api/ogc/collections/ships'), 404, /no collection "ships"; collections: tracks, alerts, incidents, reports, zones/);
    assertError(await get(api.users.GBR.viewer, '/api/ogc/collections/ships/items'), 404, /no collection "ships"/);
    assertError(await get(api.users.GBR.viewer, '/api/ogc/collections/ships/items/x'), 404, /no collection "ships"/);
  });
});

describe('bad requests', () => {
  const bad: [string, RegExp][] = [
    ['bbox=1,2,3', /querystring\/bbox/],
    ['bbox=a,b,c,d', /querystring\/bbox/],
    ['bbox=31,46,30,47', /querystring\/bbox/],
    ['bbox=1,2,3,4,5', /querystring\/bbox/],
    ['datetime=yesterday', /querystring\/datetime: "yesterday" is not an RFC 3339/],
    ['datetime=2026-03-25', /querystring\/datetime/],
    ['datetime=2026-03-26T00:00:00Z%2F2026-03-25T00:00:00Z', /querystring\/datetime: .* ends before it starts/],
    ['datetime=a%2Fb%2Fc', /querystring\/datetime/],
    ['limit=0', /querystring\/limit/],
    [`limit=${MAX_LIMIT + 1}`, /querystring\/limit/],
    ['limit=ten', /querystring\/limit/],
    ['cursor=garbage!', /querystring\/cursor/],
    ['resultType=hits', /querystring\/resultType: unknown parameter/],
  ];
  for (const [q, message] of bad) {
    test(`${decodeURIComponent(q)} → 400 naming the parameter`, async () => {
      assertError(await get(api.users.GBR.viewer, `/api/ogc/collections/tracks/items?${q}`), 400, message);
    });
  }

  test('a cursor of zones is checked too', async () => {
    assertError(await get(api.users.GBR.viewer, '/api/ogc/collections/zones/items?cursor=abc'), 400, /querystring\/cursor/);
  });

  test('no credentials → 401 on every OGC route', async () => {
    for (const url of ['/api/ogc', '/api/ogc/conformance', '/api/ogc/collections', '/api/ogc/collections/tracks', '/api/ogc/collections/tracks/items', `/api/ogc/collections/tracks/items/${api.seed.COALITION.trackId}`]) {
      assertError(await get(null, url), 401, /authentication required/);
    }
  });
});
