/**
 * Releasability through the API (issue 5): a user of nation X never receives a record that is
 * not releasable to X — through any list route (every page), any get route, an incident's
 * embedded details (alerts, reports, comments, evidence, history), the live stream, or the
 * report import/listing path.
 *
 * Each record the test creates registers its unique strings (ids, titles, texts, digests)
 * with its originator and marking; every body a user of X receives is searched for the
 * strings of records not releasable to X.
 *
 * Readers are verifiers (every read action) and national admins (the audit log, which shows
 * them the entries of their own nation); a coalition admin reads the whole audit log by
 * design and is left out. Bulk exports (`/api/export/…`) are walked for every collection and
 * format.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { Role } from '../../src/access/roles.js';
import { ROLE_ACTIONS } from '../../src/access/roles.js';
import { ROUTES } from '../../src/api/routes/index.js';
import { COLLECTIONS } from '../../src/interop/features.js';
import { EXPORT_EXTENSIONS, EXPORT_FORMATS } from '../../src/interop/export/export-records.js';
import { AlertOutboxWorker } from '../../src/pipeline/alert-outbox-worker.js';
import { formatMarking, releasableTo, type Marking } from '../../src/store/marking.js';
import type { TrackRecord } from '../../src/store/ports.js';
import { bearer, buildTestApi, marking, MARKINGS, NATIONS, SEED_START_MS, testAlert, type TestApi, type TestNation, type TestUser } from '../helpers/api.js';

interface Registered {
  what: string;
  originator: string;
  marking: Marking;
  /** Strings found in no other record's output. */
  tokens: string[];
}

const registry: Registered[] = [];
const register = (what: string, originator: string, m: Marking, ...tokens: string[]): void => {
  registry.push({ what, originator, marking: m, tokens });
};

/** Strings of every record not releasable to `nation`, with what they belong to. */
function secretsFor(nation: string): { token: string; what: string }[] {
  return registry.filter((r) => !releasableTo(r.marking, r.originator, nation)).flatMap((r) => r.tokens.map((token) => ({ token, what: `${r.what} (${r.originator}, ${formatMarking(r.marking)})` })));
}

/** `asked`: what the caller sent (a 404 may echo the id it was asked for; that reveals nothing). */
function assertNoSecrets(nation: string, where: string, body: string, asked = ''): void {
  const leaked = secretsFor(nation).filter((s) => body.includes(s.token) && !decodeURIComponent(asked).includes(s.token));
  assert.deepEqual(leaked.map((s) => `${s.what}: "${s.token}"`), [], `${where} leaks to ${nation}`);
}

const FROM = new Date(SEED_START_MS - 86_400_000).toISOString();
const TO = new Date(SEED_START_MS + 86_400_000).toISOString();

let api: TestApi;
let base: string;
/** An incident of FRA released to the coalition, made from inputs and with annexes of every marking. */
let mixed: { id: string; hidden: { alertId: string; reportId: string; comment: string; sha256: string } };

before(async () => {
  api = await buildTestApi();
  base = await api.app.listen({ port: 0, host: '127.0.0.1' });
  for (const m of MARKINGS) {
    const s = api.seed[m];
    const inc = await api.cases.get(api.users.FRA.verifier.principal, s.incidentId);
    register(`seeded alert ${m}`, 'FRA', s.marking, s.alertId);
    register(`seeded report ${m}`, 'FRA', s.marking, s.reportId, `seed ${m}`);
    register(`seeded track ${m}`, 'FRA', s.marking, s.trackId);
    register(`seeded incident ${m}`, 'FRA', s.marking, s.incidentId, inc.title);
    register(`seeded comment ${m}`, 'FRA', s.marking, `Seed comment on ${m}`);
    register(`seeded evidence ${m}`, 'FRA', s.marking, s.evidenceSha256, `seed-${m === 'COALITION' ? 'coalition' : m === 'REL TO GBR' ? 'rel-gbr' : 'orcon'}.txt`);
  }
  // Records of other nations, including some releasable to FRA only partially.
  const others: { originator: string; text: string }[] = [
    { originator: 'GBR', text: 'ORIGINATOR ONLY' }, { originator: 'GBR', text: 'REL TO POL' }, { originator: 'POL', text: 'REL TO FRA' },
    { originator: 'POL', text: 'ORIGINATOR ONLY' }, { originator: 'TUR', text: 'COALITION' }, { originator: 'TUR', text: 'REL TO GBR, POL' },
  ];
  let n = 10;
  for (const o of others) {
    const m = marking(o.text);
    const rel = { originator: o.originator, marking: m };
    const slug = `${o.originator.toLowerCase()}-${n}`;
    const startMs = SEED_START_MS + n * 60_000;
    const entity = `mmsi:27400${String(n).padStart(4, '0')}`;
    await api.store.alerts.upsert([{ alert: testAlert(`other-alert-${slug}`, entity, startMs), agreementId: api.agreement.id, agreementVersion: 1, ...rel }]);
    await api.store.reports.upsert([{ report: { id: `other-report-${slug}`, time: new Date(startMs).toISOString(), lat: 46.4, lon: 30.8, category: 'shelling' }, ...rel }]);
    const track: TrackRecord = { id: entity, kind: 'vessel', category: 'civil', lastMs: startMs, lon: 30.95, lat: 46.42, fixes: 2, ...rel };
    await api.store.tracks.upsert([track]);
    await api.store.observations.append([0, 1].map((i) => ({ entityId: entity, kind: 'vessel' as const, timeMs: startMs + i * 1000, lon: 30.95, lat: 46.42, feed: `feed-${slug}`, ...rel })));
    await api.store.quarantine.add([{ feed: `feed-${slug}`, reason: 'bad-checksum', detail: `detail-${slug}`, line: `!AIVDM,quarantined-${slug}`, receivedMs: startMs, ...rel }]);
    await api.store.feeds.put({ name: `feed-${slug}`, kind: 'file', state: 'up', counters: { lines: 1 }, updatedMs: startMs, ...rel });
    register(`${o.originator} ${o.text} records`, o.originator, m, `other-alert-${slug}`, `other-report-${slug}`, entity, `feed-${slug}`, `quarantined-${slug}`);
    n++;
  }
  // FRA incident from an ORIGINATOR ONLY alert and a COALITION report, released to the coalition;
  // its ORIGINATOR ONLY comment and evidence must stay with FRA.
  const v = api.users.FRA.verifier.principal;
  const inc = await api.cases.create(v, { title: 'Mixed incident released', alertIds: [api.seed['ORIGINATOR ONLY'].alertId], reportIds: [api.seed.COALITION.reportId] });
  await api.cases.release(v, inc.id, { kind: 'COALITION' });
  await api.cases.comment(v, inc.id, 'FRA-only remark on the mixed incident', { kind: 'ORIGINATOR_ONLY' });
  await api.cases.comment(v, inc.id, 'Coalition remark on the mixed incident');
  const ev = await api.cases.attachEvidence(v, inc.id, { bytes: Buffer.from('FRA-only evidence bytes'), mediaType: 'text/plain', name: 'fra-only-annex.txt', marking: { kind: 'ORIGINATOR_ONLY' } });
  register('FRA-only comment on a released incident', 'FRA', { kind: 'ORIGINATOR_ONLY' }, 'FRA-only remark on the mixed incident');
  register('FRA-only evidence on a released incident', 'FRA', { kind: 'ORIGINATOR_ONLY' }, ev.sha256, 'fra-only-annex.txt');
  mixed = { id: inc.id, hidden: { alertId: api.seed['ORIGINATOR ONLY'].alertId, reportId: api.seed.COALITION.reportId, comment: 'FRA-only remark on the mixed incident', sha256: ev.sha256 } };
  // A GBR incident of its own, not releasable to FRA.
  const g = await api.cases.create(api.users.GBR.verifier.principal, { title: 'GBR national incident', alertIds: [`other-alert-gbr-10`], marking: { kind: 'ORIGINATOR_ONLY' } });
  register('GBR ORIGINATOR ONLY incident', 'GBR', { kind: 'ORIGINATOR_ONLY' }, g.id, 'GBR national incident');
});
after(async () => {
  await api.close();
});

async function get(user: TestUser, url: string): Promise<{ status: number; body: string }> {
  const res = await api.app.inject({ method: 'GET', url, headers: bearer(user) });
  return { status: res.statusCode, body: res.body };
}

/** Every item of a paged list route, two per page, checking every page's body. */
async function walk(user: TestUser, url: string): Promise<unknown[]> {
  const items: unknown[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const r = await get(user, `${url}${sep}limit=2${cursor !== null ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(r.status, 200, `${url}: ${r.body}`);
    assertNoSecrets(user.nation, `${url} page ${pages + 1}`, r.body);
    const page = JSON.parse(r.body) as { items: unknown[]; nextCursor: string | null };
    items.push(...page.items);
    cursor = page.nextCursor;
    pages++;
    assert.ok(pages < 500, `${url}: more than 500 pages`);
  } while (cursor !== null);
  return items;
}

/** Query strings that GET routes without path parameters need to answer 200. */
const LIST_QUERIES: Record<string, string[]> = {
  '/api/observations': [`?entity=${encodeURIComponent('mmsi:273000002')}&from=${FROM}&to=${TO}`, `?bbox=29,44,33,47&from=${FROM}&to=${TO}`],
  '/api/incidents/suggestions': [`?from=${FROM}&to=${TO}&windowMinutes=600`],
};

const readers = (nation: TestNation): TestUser[] => (['verifier', 'admin'] as Role[]).map((r) => api.users[nation][r]);

describe('lists and gets', () => {
  test('every GET route without path parameters, all pages, gives each nation only what is releasable to it', async () => {
    const routes = ROUTES.filter((r) => r.method === 'GET' && !r.url.includes(':') && r.url !== '/api/stream');
    assert.ok(routes.length >= 15, `only ${routes.length} routes`);
    for (const nation of NATIONS) {
      for (const user of readers(nation)) {
        for (const r of routes) {
          if (r.action !== 'public' && !ROLE_ACTIONS[user.role].includes(r.action)) continue;
          for (const q of LIST_QUERIES[r.url] ?? ['']) {
            const first = await get(user, `${r.url}${q}`);
            assert.equal(first.status, 200, `${r.url}${q} as ${user.username}: ${first.body}`);
            assertNoSecrets(nation, `${r.url}${q} as ${user.username}`, first.body);
            if ((JSON.parse(first.body) as { nextCursor?: unknown }).nextCursor !== undefined) await walk(user, `${r.url}${q}`);
          }
        }
      }
    }
  });

  test('every export route (every collection and format) gives each nation only what is releasable to it, and holds what is', async () => {
    // A route that takes records out of the API in bulk must be listed here, or this test fails.
    const BULK: Record<string, string[]> = {
      '/api/export/:file': COLLECTIONS.flatMap((c) => EXPORT_FORMATS.filter((f) => f !== 'acled' || c === 'incidents').map((f) => `/api/export/${c}.${EXPORT_EXTENSIONS[f]}`)),
      '/api/ogc/collections/:collectionId': COLLECTIONS.map((c) => `/api/ogc/collections/${c}`),
      '/api/ogc/collections/:collectionId/items': COLLECTIONS.map((c) => `/api/ogc/collections/${c}/items?limit=10000`),
      // By id: the COALITION records here; test/api/ogc-features.test.ts checks the 404 for the others.
      '/api/ogc/collections/:collectionId/items/:featureId': [
        `/api/ogc/collections/tracks/items/${encodeURIComponent(api.seed.COALITION.trackId)}`, `/api/ogc/collections/alerts/items/${api.seed.COALITION.alertId}`,
        `/api/ogc/collections/reports/items/${api.seed.COALITION.reportId}`, `/api/ogc/collections/incidents/items/${api.seed.COALITION.incidentId}`,
      ],
    };
    const bulk = ROUTES.filter((r) => r.method === 'GET' && (r.url.startsWith('/api/export') || r.url.startsWith('/api/ogc')) && r.url.includes(':'));
    assert.deepEqual(bulk.map((r) => r.url).filter((u) => BULK[u] === undefined), [], 'bulk routes without a releasability check here');
    for (const nation of NATIONS) {
      const user = api.users[nation].verifier;
      for (const url of Object.values(BULK).flat()) {
        const r = await get(user, url);
        assert.equal(r.status, 200, `${url} as ${user.username}: ${r.body.slice(0, 200)}`);
        assertNoSecrets(nation, `${url} as ${user.username}`, r.body);
        if (url.endsWith('alerts.csv')) {
          for (const m of MARKINGS) assert.equal(r.body.includes(api.seed[m].alertId), releasableTo(api.seed[m].marking, 'FRA', nation), `${url} for ${nation}: ${m}`);
        }
      }
    }
  });

  test('the alert, report, track and incident lists hold exactly the records releasable to the caller', async () => {
    for (const nation of NATIONS) {
      const user = api.users[nation].viewer;
      const alerts = (await walk(user, '/api/alerts')) as { alert: { id: string }; originator: string; marking: Marking }[];
      const reports = (await walk(user, '/api/reports')) as { report: { id: string }; originator: string; marking: Marking }[];
      const tracks = (await walk(user, '/api/tracks')) as { id: string; originator: string; marking: Marking }[];
      const incidents = (await walk(user, '/api/incidents')) as { id: string; originator: string; marking: Marking }[];
      for (const rec of [...alerts, ...reports, ...tracks, ...incidents]) assert.ok(releasableTo(rec.marking, rec.originator, nation), JSON.stringify(rec).slice(0, 200));
      const expectedAlerts = registry.filter((r) => r.tokens[0]!.includes('alert-') && releasableTo(r.marking, r.originator, nation)).map((r) => r.tokens[0]!);
      assert.deepEqual(alerts.map((a) => a.alert.id).filter((id) => !id.startsWith('prop-')).sort(), expectedAlerts.sort());
      const seededIncidents = MARKINGS.filter((m) => releasableTo(api.seed[m].marking, 'FRA', nation)).map((m) => api.seed[m].incidentId);
      for (const id of seededIncidents) assert.ok(incidents.some((i) => i.id === id), `${nation} misses ${id}`);
    }
  });

  test('every get route answers 200 for a releasable record and 404 (revealing nothing) for one that is not', async () => {
    for (const nation of NATIONS) {
      const user = api.users[nation].verifier;
      for (const m of MARKINGS) {
        const s = api.seed[m];
        const visible = releasableTo(s.marking, 'FRA', nation);
        const urls = [
          `/api/alerts/${s.alertId}`, `/api/reports/${s.reportId}`, `/api/tracks/${encodeURIComponent(s.trackId)}`, `/api/incidents/${s.incidentId}`,
          `/api/incidents/${s.incidentId}/evidence/${s.evidenceSha256}`, `/api/observations?entity=${encodeURIComponent(s.trackId)}&from=${FROM}&to=${TO}`,
        ];
        for (const url of urls) {
          const r = await get(user, url);
          assertNoSecrets(nation, url, r.body, url);
          if (url.startsWith('/api/observations')) {
            assert.equal(r.status, 200);
            assert.equal((JSON.parse(r.body) as { items: unknown[] }).items.length, visible ? 6 : 0, `${nation} ${url}`);
          } else {
            assert.equal(r.status, visible ? 200 : 404, `${nation} ${url}: ${r.body.slice(0, 200)}`);
          }
        }
      }
    }
  });

  test('an incident released wider than its inputs embeds, for another nation, only the releasable alerts, reports, comments, evidence and history', async () => {
    const gbr = await get(api.users.GBR.verifier, `/api/incidents/${mixed.id}`);
    assert.equal(gbr.status, 200);
    const { history: _history, ...rest } = JSON.parse(gbr.body) as { history: unknown };
    assertNoSecrets('GBR', 'the mixed incident (but its history)', JSON.stringify(rest));
    const d = JSON.parse(gbr.body) as { alertIds: string[]; reportIds: string[]; alerts: unknown[]; reports: { report: { id: string } }[]; comments: { text: string }[]; evidence: unknown[]; history: { action: string }[] };
    assert.deepEqual(d.alertIds, []);
    assert.deepEqual(d.alerts, []);
    assert.deepEqual(d.reports.map((r) => r.report.id), [mixed.hidden.reportId]);
    assert.deepEqual(d.comments.map((c) => c.text), ['Coalition remark on the mixed incident']);
    assert.deepEqual(d.evidence, []);
    assert.ok(!d.history.some((h) => h.action === 'evidence'), 'GBR sees the history entry of FRA-only evidence');
    const fra = JSON.parse((await get(api.users.FRA.verifier, `/api/incidents/${mixed.id}`)).body) as typeof d;
    assert.deepEqual(fra.alertIds, [mixed.hidden.alertId]);
    assert.equal(fra.comments.length, 2);
    assert.equal(fra.evidence.length, 1);
    const dl = await get(api.users.GBR.verifier, `/api/incidents/${mixed.id}/evidence/${mixed.hidden.sha256}`);
    assert.equal(dl.status, 404);
    assert.equal((await get(api.users.FRA.verifier, `/api/incidents/${mixed.id}/evidence/${mixed.hidden.sha256}`)).body, 'FRA-only evidence bytes');
  });

  test('the embedded history of an incident released wider than its inputs names no input the reader may not see', async () => {
    // The incident's own alertIds hide the FRA-only alert from GBR; its history must not
    // reveal it either (the `create` entry lists the alert ids it was made from).
    const gbr = await get(api.users.GBR.verifier, `/api/incidents/${mixed.id}`);
    assert.equal(gbr.status, 200);
    assertNoSecrets('GBR', 'the history of the mixed incident', JSON.stringify((JSON.parse(gbr.body) as { history: unknown }).history));
  });
});

describe('the live stream', () => {
  interface Received { event: string; data: Record<string, unknown> }

  /** Subscribes as `user`; `events` fills as they arrive; `close` disconnects. */
  function subscribe(user: TestUser, query = ''): Promise<{ events: Received[]; raw: () => string; close: () => void }> {
    return new Promise((resolve, reject) => {
      const events: Received[] = [];
      let buf = '';
      let all = '';
      const req = http.get(`${base}/api/stream${query}`, { headers: bearer(user) }, (res) => {
        assert.equal(res.statusCode, 200);
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buf += chunk;
          all += chunk;
          let i: number;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const ev = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (ev !== undefined && data !== undefined) events.push({ event: ev, data: JSON.parse(data) as Record<string, unknown> });
          }
          if (events.some((e) => e.event === 'hello')) resolve({ events, raw: () => all, close: () => req.destroy() });
        });
        res.on('error', () => undefined);
      });
      req.on('error', (e) => { if ((e as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(e); });
    });
  }

  async function until(cond: () => boolean, what: string): Promise<void> {
    const end = Date.now() + 3000;
    while (!cond()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  test('GBR and POL subscribers receive alerts, track updates and incident changes only when releasable to them', async () => {
    const subs = { FRA: await subscribe(api.users.FRA.viewer), GBR: await subscribe(api.users.GBR.viewer), POL: await subscribe(api.users.POL.viewer) };
    const sources: { originator: string; text: string }[] = [
      ...MARKINGS.map((text) => ({ originator: 'FRA', text })),
      { originator: 'POL', text: 'ORIGINATOR ONLY' }, { originator: 'TUR', text: 'REL TO POL' }, { originator: 'GBR', text: 'REL TO FRA' },
    ];
    const expected: Record<string, string[]> = { FRA: [], GBR: [], POL: [] };
    for (const [i, s] of sources.entries()) {
      const m = marking(s.text);
      const tag = `live-${s.originator}-${i}`;
      register(`live ${s.originator} ${s.text}`, s.originator, m, tag);
      api.hub.emit('alert', { alert: testAlert(`${tag}-alert`, `${tag}-entity`, SEED_START_MS), status: 'open', originator: s.originator, marking: m });
      api.hub.emit('tracks', [{ id: `${tag}-track`, kind: 'vessel', category: 'civil', lastMs: SEED_START_MS, lon: 30.9, lat: 46.4, fixes: 1, originator: s.originator, marking: m }]);
      api.hub.emit('incident', { id: `${tag}-incident`, status: 'new', title: `${tag} title`, change: 'created', originator: s.originator, marking: m });
      for (const n of ['FRA', 'GBR', 'POL']) if (releasableTo(m, s.originator, n)) expected[n]!.push(tag);
    }
    api.hub.emit('incident', { id: 'live-end', status: 'new', title: 'end', change: 'created', originator: 'FRA', marking: { kind: 'COALITION' } });
    for (const [nation, sub] of Object.entries(subs)) {
      await until(() => sub.events.some((e) => e.data['id'] === 'live-end'), `the end marker at ${nation}`);
      sub.close();
      assertNoSecrets(nation, `the stream of ${nation}`, sub.raw());
      const got = new Set<string>();
      for (const e of sub.events) {
        const ids = e.event === 'alert' ? [(e.data['alert'] as { id: string }).id]
          : e.event === 'tracks' ? [...(e.data['add'] as { id: string }[]), ...(e.data['update'] as { id: string }[])].map((f) => f.id)
            : e.event === 'incident' ? [e.data['id'] as string] : [];
        for (const id of ids) if (id.startsWith('live-') && id !== 'live-end') got.add(id.replace(/-(alert|track|incident)$/, ''));
      }
      assert.deepEqual([...got].sort(), [...expected[nation]!].sort(), `stream of ${nation}`);
      for (const tag of expected[nation]!) {
        for (const kind of ['alert', 'tracks', 'incident']) {
          assert.ok(sub.events.some((e) => e.event === kind && JSON.stringify(e.data).includes(tag)), `${nation} misses the ${kind} event of ${tag}`);
        }
      }
    }
    assert.deepEqual(expected['GBR'], ['live-FRA-0', 'live-FRA-1', 'live-GBR-5']);
    assert.deepEqual(expected['POL'], ['live-FRA-0', 'live-POL-3', 'live-TUR-4']);
  });

  test('incident changes made through the API reach only the nations the incident is releasable to', async () => {
    const gbr = await subscribe(api.users.GBR.viewer, '?topics=incidents');
    const fra = await subscribe(api.users.FRA.viewer, '?topics=incidents');
    const analyst = api.users.FRA.analyst;
    const created = await api.app.inject({ method: 'POST', url: '/api/incidents', headers: bearer(analyst), payload: { title: 'Live FRA-only incident', alertIds: [api.seed['ORIGINATOR ONLY'].alertId] } });
    assert.equal(created.statusCode, 201);
    const id = created.json<{ id: string }>().id;
    register('FRA ORIGINATOR ONLY incident made live', 'FRA', { kind: 'ORIGINATOR_ONLY' }, id, 'Live FRA-only incident');
    await api.app.inject({ method: 'POST', url: `/api/incidents/${id}/comments`, headers: bearer(analyst), payload: { text: 'x' } });
    api.hub.emit('incident', { id: 'live-end-2', status: 'new', title: 'end', change: 'created', originator: 'FRA', marking: { kind: 'COALITION' } });
    await until(() => gbr.events.some((e) => e.data['id'] === 'live-end-2') && fra.events.some((e) => e.data['id'] === 'live-end-2'), 'the end marker');
    gbr.close();
    fra.close();
    assert.ok(fra.events.some((e) => e.data['id'] === id), 'FRA gets its own incident');
    assertNoSecrets('GBR', 'the incident stream of GBR', gbr.raw());
  });
});

describe('notifications', () => {
  test('alert notifications reach a subscriber\'s inbox only for alerts releasable to their nation', async () => {
    for (const nation of NATIONS) {
      const res = await api.app.inject({ method: 'POST', url: '/api/notifications/subscription', headers: bearer(api.users[nation].viewer), payload: { minSeverity: 'low' } });
      assert.equal(res.statusCode, 200, res.body);
    }
    const worker = new AlertOutboxWorker(api.store, api.notifier);
    while ((await worker.runOnce()) > 0);
    for (const nation of NATIONS) {
      const items = (await walk(api.users[nation].viewer, '/api/notifications/inbox')) as { alertId: string; originator: string; marking: Marking }[];
      const want = registry.filter((r) => r.tokens[0]!.includes('alert-') && releasableTo(r.marking, r.originator, nation)).map((r) => r.tokens[0]!).sort();
      assert.deepEqual(items.map((i) => i.alertId).filter((id) => !id.startsWith('prop-')).sort(), want, `inbox of ${nation}`);
    }
  });
});

describe('report import and listing', () => {
  test('imported reports carry the importer\'s nation and the requested marking, and reach only the nations it releases to', async () => {
    const lines = [
      { id: 'imp-fra-orcon-1', time: '2026-03-25T03:00:00Z', lat: 46.4, lon: 30.7, category: 'drone-attack', description: 'FRA import, originator only' },
      { id: 'imp-fra-orcon-2', time: '2026-03-25T03:05:00Z', lat: 46.4, lon: 30.7, category: 'shelling' },
    ].map((l) => JSON.stringify(l)).join('\n');
    const r1 = await api.app.inject({ method: 'POST', url: '/api/reports/import?marking=ORIGINATOR%20ONLY', headers: { ...bearer(api.users.FRA.analyst), 'content-type': 'application/x-ndjson' }, payload: lines });
    assert.equal(r1.statusCode, 200, r1.body);
    assert.equal(r1.json<{ imported: number }>().imported, 2);
    register('FRA ORIGINATOR ONLY import', 'FRA', { kind: 'ORIGINATOR_ONLY' }, 'imp-fra-orcon-1', 'imp-fra-orcon-2', 'FRA import, originator only');
    const r2 = await api.app.inject({ method: 'POST', url: '/api/reports/import?marking=REL%20TO%20POL', headers: { ...bearer(api.users.GBR.analyst), 'content-type': 'application/x-ndjson' }, payload: JSON.stringify({ id: 'imp-gbr-relpol', time: '2026-03-25T03:10:00Z', lat: 46.4, lon: 30.7, category: 'mine' }) });
    assert.equal(r2.statusCode, 200, r2.body);
    register('GBR REL TO POL import', 'GBR', { kind: 'REL_TO', nations: ['POL'] }, 'imp-gbr-relpol');
    const one = await api.app.inject({ method: 'POST', url: '/api/reports', headers: bearer(api.users.POL.analyst), payload: { id: 'post-pol-orcon', time: '2026-03-25T03:20:00Z', lat: 46.4, lon: 30.7, category: 'mine', marking: 'ORIGINATOR ONLY' } });
    assert.equal(one.statusCode, 201, one.body);
    assert.equal(one.json<{ originator: string; releasability: string }>().releasability, 'ORIGINATOR ONLY');
    register('POL ORIGINATOR ONLY report', 'POL', { kind: 'ORIGINATOR_ONLY' }, 'post-pol-orcon');
    for (const nation of NATIONS) {
      const user = api.users[nation].viewer;
      const ids = ((await walk(user, '/api/reports')) as { report: { id: string } }[]).map((r) => r.report.id);
      const own = { FRA: ['imp-fra-orcon-1', 'imp-fra-orcon-2'], GBR: ['imp-gbr-relpol'], POL: ['imp-gbr-relpol', 'post-pol-orcon'] }[nation];
      for (const id of own) assert.ok(ids.includes(id), `${nation} misses ${id}`);
      for (const id of ['imp-fra-orcon-1', 'imp-gbr-relpol', 'post-pol-orcon']) {
        const r = await get(user, `/api/reports/${id}`);
        assert.equal(r.status, ids.includes(id) ? 200 : 404);
      }
      await walk(user, `/api/reports?from=${FROM}&to=${TO}&bbox=29,44,33,47`);
    }
  });
});

describe('property: /api/alerts against releasableTo', () => {
  test('for any originators and markings, each nation lists exactly the alerts releasable to it', async () => {
    const nations = ['FRA', 'GBR', 'POL', 'TUR', 'DEU'];
    const nation = fc.constantFrom(...nations);
    const markingArb: fc.Arbitrary<Marking> = fc.oneof(
      fc.constant<Marking>({ kind: 'COALITION' }),
      fc.constant<Marking>({ kind: 'ORIGINATOR_ONLY' }),
      fc.uniqueArray(nation, { minLength: 1, maxLength: 4 }).map((n): Marking => ({ kind: 'REL_TO', nations: n })),
    );
    let run = 0;
    await fc.assert(fc.asyncProperty(fc.array(fc.record({ originator: nation, marking: markingArb }), { minLength: 1, maxLength: 12 }), async (specs) => {
      run++;
      const entity = `prop-entity-${run}`;
      const rows = specs.map((s, i) => ({ alert: testAlert(`prop-${run}-${i}`, entity, SEED_START_MS + i * 1000), agreementId: api.agreement.id, agreementVersion: 1, originator: s.originator, marking: s.marking }));
      await api.store.alerts.upsert(rows);
      for (const n of NATIONS) {
        const items = (await walk(api.users[n].viewer, `/api/alerts?entity=${entity}`)) as { alert: { id: string }; originator: string; releasability: string }[];
        const want = rows.filter((r) => releasableTo(r.marking, r.originator, n)).map((r) => r.alert.id).sort();
        assert.deepEqual(items.map((a) => a.alert.id).sort(), want, `${n}: ${JSON.stringify(specs)}`);
        for (const a of items) {
          const row = rows.find((r) => r.alert.id === a.alert.id)!;
          assert.equal(a.releasability, formatMarking(row.marking));
          assert.equal(a.originator, row.originator);
        }
      }
    }), { numRuns: 30, seed: 20260325 });
  });
});
