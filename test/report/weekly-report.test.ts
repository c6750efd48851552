/**
 * Compliance reports over a seeded simulated week (issue 12): `vigil simulate --violations`
 * ingested through the live pipeline into the API harness's store (with a 3-hour outage cut
 * out of the feed), casework through the API, then reports generated through the API and
 * checked against counts taken straight from the store.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { ReportDocumentMeta } from '../../src/report/report-document.js';
import type { ReportData } from '../../src/report/report-schema.js';
import { verifyReport } from '../../src/report/signing/sign-report.js';
import { pdfToText } from '../../src/report/pdf/poppler.js';
import { htmlToPng } from '../../src/report/pdf/html-to-pdf.js';
import { decodePng } from '../../src/report/pdf/png-pixels.js';
import type { StoredAlert, Viewer } from '../../src/store/ports.js';
import { buildTestApi, type TestApi, type TestUser } from '../helpers/api.js';
import { decideIncidents, FEED, ingestSimulatedWeek, WEEK_START_MS } from '../helpers/report-week.js';

const HOUR = 3_600_000;
/** The outage cut out of the feed: day 3, 06:00–09:00 UTC. */
const OUTAGE = { fromMs: WEEK_START_MS + 2 * 24 * HOUR + 6 * HOUR, toMs: WEEK_START_MS + 2 * 24 * HOUR + 9 * HOUR };

let api: TestApi;

async function call(user: TestUser, method: 'GET' | 'POST', url: string, payload?: unknown): Promise<LightMyRequestResponse> {
  return api.app.inject({ method, url, headers: { authorization: `Bearer ${user.token}` }, ...(payload !== undefined ? { payload: payload as object } : {}) });
}

async function ok<T>(res: LightMyRequestResponse, status = 200): Promise<T> {
  assert.equal(res.statusCode, status, res.body.slice(0, 500));
  return res.json<T>();
}

/** Generates a report through the API and downloads its document (and manifest and signature). */
async function generate(user: TestUser, body: object): Promise<{ meta: ReportDocumentMeta; doc: Buffer; manifest: Buffer; signature: Buffer }> {
  const meta = await ok<ReportDocumentMeta>(await call(user, 'POST', '/api/reports/documents', body), 201);
  const get = async (path: string): Promise<Buffer> => {
    const res = await call(user, 'GET', `/api/reports/documents/${meta.id}/${path}`);
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    return res.rawPayload;
  };
  return { meta, doc: await get(`files/${meta.files[0]!.name}`), manifest: await get('manifest'), signature: await get('signature') };
}

async function weeklyJson(user: TestUser): Promise<ReportData> {
  const r = await generate(user, { period: 'weekly', from: '2026-03-25', format: 'json' });
  return JSON.parse(r.doc.toString('utf8')) as ReportData;
}

/** Alerts of the week as the store gives them to a viewer (started in the week). */
async function storeAlerts(viewer: Viewer): Promise<StoredAlert[]> {
  const out: StoredAlert[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.store.alerts.list(viewer, { fromMs: WEEK_START_MS, toMs: WEEK_START_MS + 7 * 24 * HOUR - 1, limit: 1000, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return out.filter((a) => Date.parse(a.alert.start) >= WEEK_START_MS && Date.parse(a.alert.start) < WEEK_START_MS + 7 * 24 * HOUR);
}

function countBy(alerts: readonly StoredAlert[], key: (a: StoredAlert) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of alerts) out[key(a)] = (out[key(a)] ?? 0) + 1;
  return out;
}
const asRecord = (rows: { key: string; count: number }[]): Record<string, number> => Object.fromEntries(rows.map((r) => [r.key, r.count]));

before(async () => {
  api = await buildTestApi();
  await ingestSimulatedWeek(api, OUTAGE);
  await decideIncidents(api);
});

after(async () => api?.close());

describe('weekly report over a simulated week', () => {
  test('every number in the tables equals the count taken straight from the store, for the recipient nation', async () => {
    for (const nation of ['FRA', 'GBR'] as const) {
      const r = await weeklyJson(api.users[nation].analyst);
      const alerts = await storeAlerts({ nation });
      assert.equal(r.totals.alerts, alerts.length);
      assert.equal(r.totals.openAlerts, alerts.filter((a) => a.alert.end === null).length);
      assert.deepEqual(asRecord(r.alertsByRule), countBy(alerts, (a) => a.alert.rule));
      assert.deepEqual(asRecord(r.alertsByParty), countBy(alerts, (a) => a.alert.entity.party ?? 'none'));
      assert.deepEqual(asRecord(r.alertsByZone), countBy(alerts, (a) => a.alert.zone ?? 'none'));
      const byDay = countBy(alerts, (a) => a.alert.start.slice(0, 10));
      assert.deepEqual(Object.fromEntries(r.alertsByDay.filter((d) => d.total > 0).map((d) => [d.day, d.total])), byDay);
      assert.equal(r.alertsByDay.length, 7);
      const incidents = (await api.cases.list(api.users[nation].analyst.principal, { limit: 1000 })).items;
      assert.equal(r.totals.incidents, incidents.length);
      assert.equal(r.totals.verifiedViolations, incidents.filter((i) => i.verdict === 'verified-violation').length);
      assert.equal(r.totals.inconclusive, incidents.filter((i) => i.verdict === 'inconclusive').length);
      assert.deepEqual(asRecord(r.violationsByParty), countBy(incidents.filter((i) => i.verdict === 'verified-violation').map((i) => ({ alert: { entity: { party: i.attributedParty ?? 'unattributed' } } }) as unknown as StoredAlert), (a) => a.alert.entity.party!));
      assert.match(r.summary[0]!, new RegExp(`^${alerts.length} alerts? in the period`));
      const seeded = r.incidents.find((i) => i.title === 'Seed incident COALITION');
      assert.ok(seeded !== undefined);
      assert.equal(seeded.evidence.length, 1);
      assert.match(seeded.evidence[0]!.sha256, /^[0-9a-f]{64}$/);
      assert.equal(seeded.comments, 1);
    }
  });

  test('two nations\' reports of one week differ exactly by what each may see, and carry the most restrictive marking', async () => {
    const fra = await weeklyJson(api.users.FRA.analyst);
    const gbr = await weeklyJson(api.users.GBR.analyst);
    const pol = await weeklyJson(api.users.POL.analyst);
    // FRA originated the seeded records: COALITION, REL TO GBR and ORIGINATOR ONLY.
    assert.equal(fra.totals.alerts - gbr.totals.alerts, 1);
    assert.equal(fra.totals.alerts - pol.totals.alerts, 2);
    const ids = (r: ReportData): Set<string> => new Set(r.incidents.map((i) => i.id));
    assert.deepEqual([...ids(fra)].filter((id) => !ids(gbr).has(id)), [api.seed['ORIGINATOR ONLY'].incidentId]);
    assert.deepEqual([...ids(gbr)].filter((id) => !ids(fra).has(id)), []);
    assert.deepEqual([...ids(fra)].filter((id) => !ids(pol).has(id)).sort(), [api.seed['ORIGINATOR ONLY'].incidentId, api.seed['REL TO GBR'].incidentId].sort());
    assert.equal(fra.marking, 'ORIGINATOR ONLY');
    assert.equal(gbr.marking, 'REL TO FRA, GBR');
    assert.equal(pol.marking, 'COALITION');
    // GBR's report is listed for GBR, not for POL.
    const listed = async (u: TestUser): Promise<string[]> => (await ok<{ items: ReportDocumentMeta[] }>(await call(u, 'GET', '/api/reports/documents'))).items.map((m) => m.preparedFor);
    assert.ok((await listed(api.users.GBR.viewer)).includes('GBR'));
    assert.ok(!(await listed(api.users.POL.viewer)).includes('GBR'));
  });

  test('coverage: the 3-hour outage of the feed is in the report, for the feed and for the zones it covered', async () => {
    const r = await weeklyJson(api.users.FRA.analyst);
    const feed = r.coverage.feeds.find((f) => f.key === FEED);
    assert.ok(feed !== undefined, `feeds: ${r.coverage.feeds.map((f) => f.key).join(', ')}`);
    assert.deepEqual(feed.gaps, [{ from: new Date(OUTAGE.fromMs).toISOString(), to: new Date(OUTAGE.toMs).toISOString(), hours: 3 }]);
    assert.equal(feed.hoursWithData, 7 * 24 - 3);
    // The zone best covered by the feed: its data stop for the outage too.
    const zone = [...r.coverage.zones].sort((a, b) => b.hoursWithData - a.hoursWithData)[0]!;
    assert.ok(zone.hoursWithData > 24, `${zone.key} has data in ${zone.hoursWithData} h`);
    assert.ok(zone.gaps.some((g) => Date.parse(g.from) <= OUTAGE.fromMs && Date.parse(g.to) >= OUTAGE.toMs), `${zone.key} gaps: ${JSON.stringify(zone.gaps)}`);
    assert.ok(r.summary.some((s) => s.includes('no alerts there does not mean no violations')), r.summary.join(' | '));
    assert.ok(r.summary.some((s) => s.includes(`${FEED} (3 hours without data)`)), r.summary.join(' | '));
  });

  test('the PDF opens: pdftotext finds the summary sentence, and the marking on every page', async () => {
    const { doc, meta } = await generate(api.users.GBR.analyst, { period: 'weekly', from: '2026-03-25', format: 'pdf' });
    assert.equal(meta.files[0]!.mediaType, 'application/pdf');
    const pages = await pdfToText(doc);
    assert.ok(pages.length >= 3, `${pages.length} pages`);
    for (const [i, page] of pages.entries()) assert.match(page, /REL TO FRA, GBR/, `page ${i + 1} has no marking`);
    const text = pages.join('\n').replace(/\s+/g, ' ');
    const json = await weeklyJson(api.users.GBR.analyst);
    assert.ok(text.includes(json.summary[0]!), `summary "${json.summary[0]}" not in the PDF text`);
    assert.match(text, /Page 2 of \d+/);
  });

  test('the overview map of a Markdown report is beside it, not blank, and shows the zones in their colours (pixel test)', async () => {
    const { meta, doc } = await generate(api.users.FRA.analyst, { period: 'weekly', from: '2026-03-25', format: 'md' });
    const name = meta.files.map((f) => f.name).find((n) => n.endsWith('overview-map.svg'));
    assert.ok(name !== undefined && doc.toString('utf8').includes(`](${name})`), meta.files.map((f) => f.name).join(', '));
    const svg = (await call(api.users.FRA.analyst, 'GET', `/api/reports/documents/${meta.id}/files/${name}`)).rawPayload;
    const png = decodePng(await htmlToPng(`<body style="margin:0"><img src="data:image/svg+xml;base64,${svg.toString('base64')}"></body>`, { width: 1000, height: 700 }));
    const colours = new Map<number, number>();
    for (let i = 0; i < png.data.length; i += png.channels) {
      const key = (png.data[i]! << 16) | (png.data[i + 1]! << 8) | png.data[i + 2]!;
      colours.set(key, (colours.get(key) ?? 0) + 1);
    }
    assert.ok(colours.size > 200, `${colours.size} distinct colours`);
    // A zone's fill is its kind's colour at 0.28 over the sea: the corridor's green and the port approaches' blue.
    const over = (hex: string, a = 0.28, sea = [0x0f, 0x22, 0x33]): number[] => [0, 2, 4].map((k, c) => Math.round(a * parseInt(hex.slice(1 + k, 3 + k), 16) + (1 - a) * sea[c]!));
    for (const kind of ['#27ae60', '#2f80ed']) {
      const want = over(kind);
      const near = [...colours].filter(([c]) => Math.abs((c >> 16) - want[0]!) <= 4 && Math.abs(((c >> 8) & 255) - want[1]!) <= 4 && Math.abs((c & 255) - want[2]!) <= 4).reduce((n, [, k]) => n + k, 0);
      assert.ok(near > 20, `${near} pixels of zone colour ${kind} over the sea`);
    }
  });

  test('signatures: the stored document verifies with the node key; a flipped byte or another key fails', async () => {
    const { meta, doc, manifest, signature } = await generate(api.users.FRA.analyst, { period: 'daily', from: '2026-03-25', format: 'html' });
    const files = new Map([[meta.files[0]!.name, doc]]);
    const trusted = [api.ctx.nodeKey.publicKeyPem];
    assert.equal(verifyReport(files, manifest, signature, trusted).ok, true);
    const flipped = Buffer.from(doc);
    flipped[100] = flipped[100]! ^ 1;
    const bad = verifyReport(new Map([[meta.files[0]!.name, flipped]]), manifest, signature, trusted);
    assert.equal(bad.ok, false);
    const otherNode = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const foreign = verifyReport(files, manifest, signature, [otherNode]);
    assert.equal(foreign.ok, false);
    assert.match(foreign.ok ? '' : foreign.reason, /not among the trusted keys/);
    const keys = await ok<{ keys: { id: string; publicKey: string }[] }>(await call(api.users.POL.viewer, 'GET', '/api/keys'));
    assert.equal(keys.keys[0]!.publicKey, api.ctx.nodeKey.publicKeyPem);
    assert.ok(doc.toString('utf8').includes(api.ctx.nodeKey.keyId), 'the report names its signing key');
  });

  test('change log: the next report of the series lists new incidents and changed verdicts', async () => {
    const analyst = api.users.POL.analyst;
    const first = await weeklyJson(analyst);
    const alert = (await storeAlerts({ nation: 'POL' })).find((a) => !first.incidents.some((i) => i.alertIds.includes(a.alert.id)));
    assert.ok(alert !== undefined);
    const inc = await ok<{ id: string }>(await call(analyst, 'POST', '/api/incidents', { title: 'new this week', alertIds: [alert.alert.id] }), 201);
    const decided = first.incidents.find((i) => i.verdict === 'verified-violation')!;
    await ok(await call(api.users.FRA.verifier, 'POST', `/api/incidents/${decided.id}/transition`, { to: 'under-review', reason: 'new radar data' }));
    const second = await weeklyJson(analyst);
    assert.equal(second.changes.previous?.id, first.id);
    assert.deepEqual(second.changes.newIncidents.map((i) => i.id), [inc.id]);
    assert.deepEqual(second.changes.changedVerdicts.map((c) => [c.id, c.from, c.to]), [[decided.id, 'verified-violation', 'under-review']]);
  });

  test('a viewer may not generate a report (403); a bad period is a 400 that names the field', async () => {
    assert.equal((await call(api.users.FRA.viewer, 'POST', '/api/reports/documents', { period: 'weekly', format: 'json' })).statusCode, 403);
    const bad = await call(api.users.FRA.analyst, 'POST', '/api/reports/documents', { period: 'custom', from: '2026-03-25', format: 'json' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /custom period needs both from and to/);
  });
});
