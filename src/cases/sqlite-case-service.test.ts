import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, beforeEach, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { AccessError } from '../access/ports.js';
import type { Principal } from '../access/roles.js';
import { COALITION, ORIGINATOR_ONLY } from '../store/marking.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { sha256Of } from './evidence-store.js';
import { SqliteCaseService } from './sqlite-case-service.js';
import { alertInput, makeAlert, MemoryAuditLog, principal, reportInput } from './test-kit.js';

const tmp = mkdtempSync(join(tmpdir(), 'vigil-cases-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
let dirs = 0;

const fraAnalyst = principal('FRA', 'analyst');
const fraVerifier = principal('FRA', 'verifier');
const fraViewer = principal('FRA', 'viewer');
const gbrAnalyst = principal('GBR', 'analyst');
const gbrVerifier = principal('GBR', 'verifier');
const polVerifier = principal('POL', 'verifier');
const fraAdmin = principal('FRA', 'admin');

interface Ctx {
  store: SqliteStore;
  audit: MemoryAuditLog;
  cases: SqliteCaseService;
  dataDir: string;
}

/** A store with alerts of several markings: FRA COALITION (f1–f3), FRA ORIGINATOR ONLY (fo), GBR ORIGINATOR ONLY (go), GBR REL TO FRA (gr). */
async function setup(): Promise<Ctx> {
  let clock = Date.parse('2026-03-25T12:00:00Z');
  const store = openSqliteStore(':memory:', { nowMs: () => clock });
  const audit = new MemoryAuditLog();
  const dataDir = join(tmp, `d${dirs++}`);
  let n = 0;
  const cases = new SqliteCaseService({ store, audit, dataDir, nowMs: () => (clock += 1000), newId: () => `inc-${++n}` });
  await store.alerts.upsert([
    alertInput(makeAlert('f1', 'mmsi:1', 'odesa-approach', '2026-03-25T04:00:00Z'), 'FRA', COALITION),
    alertInput(makeAlert('f2', 'mmsi:1', 'odesa-approach', '2026-03-25T04:30:00Z'), 'FRA', COALITION),
    alertInput(makeAlert('f3', 'mmsi:9', 'sevastopol', '2026-03-25T09:00:00Z'), 'FRA', COALITION),
    alertInput(makeAlert('fo', 'mmsi:5', 'corridor', '2026-03-25T05:00:00Z'), 'FRA', ORIGINATOR_ONLY),
    alertInput(makeAlert('fo2', 'mmsi:5', 'corridor', '2026-03-25T05:20:00Z'), 'FRA', ORIGINATOR_ONLY),
    alertInput(makeAlert('go', 'mmsi:7', 'corridor', '2026-03-25T06:00:00Z'), 'GBR', ORIGINATOR_ONLY),
    alertInput(makeAlert('gr', 'mmsi:8', null, '2026-03-25T07:00:00Z'), 'GBR', { kind: 'REL_TO', nations: ['FRA'] }),
  ]);
  await store.reports.upsert([reportInput('rep-1', 'UKR', COALITION), reportInput('rep-2', 'UKR', { kind: 'REL_TO', nations: ['GBR'] })]);
  return { store, audit, cases, dataDir };
}

async function rejects(p: Promise<unknown>, code: AccessError['code'], message?: RegExp): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof AccessError, `expected an AccessError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    if (message !== undefined) assert.match(err.message, message);
    return true;
  });
}

describe('SqliteCaseService: create, get, list', () => {
  let c: Ctx;
  beforeEach(async () => { c = await setup(); });

  test('creates an incident from alerts and reports; its originator is the creator\'s nation', async () => {
    const inc = await c.cases.create(fraAnalyst, { title: ' Warship in Odesa approaches ', alertIds: ['f1', 'f2'], reportIds: ['rep-1'] });
    assert.equal(inc.id, 'inc-1');
    assert.equal(inc.title, 'Warship in Odesa approaches');
    assert.equal(inc.status, 'new');
    assert.equal(inc.verdict, null);
    assert.deepEqual(inc.alertIds, ['f1', 'f2']);
    assert.deepEqual(inc.reportIds, ['rep-1']);
    assert.equal(inc.originator, 'FRA');
    assert.deepEqual(inc.marking, COALITION);
    assert.deepEqual(inc.createdBy, { userId: fraAnalyst.userId, username: fraAnalyst.username, nation: 'FRA' });
    assert.equal(inc.revision, 1);
    assert.deepEqual(c.audit.entries.map((e) => [e.action, e.target, e.actor, e.nation]), [['incident.create', 'incident:inc-1', `user:${fraAnalyst.username}`, 'FRA']]);
  });

  test('the marking is the most restrictive of the inputs and the requested marking', async () => {
    const a = await c.cases.create(fraAnalyst, { title: 't', alertIds: ['f1', 'gr'] });
    assert.deepEqual(a.marking, { kind: 'REL_TO', nations: ['GBR'] });
    const b = await c.cases.create(fraAnalyst, { title: 't', alertIds: ['f1'], marking: { kind: 'REL_TO', nations: ['POL', 'TUR'] } });
    assert.deepEqual(b.marking, { kind: 'REL_TO', nations: ['POL', 'TUR'] });
    const d = await c.cases.create(fraAnalyst, { title: 't', alertIds: ['f1', 'fo'] });
    assert.deepEqual(d.marking, ORIGINATOR_ONLY);
    const e = await c.cases.create(gbrAnalyst, { title: 't', reportIds: ['rep-2'], alertIds: ['f1'] });
    assert.deepEqual([e.originator, e.marking], ['GBR', { kind: 'REL_TO', nations: ['UKR'] }]);
  });

  test('a user can only link records visible to them: an invisible alert is not found, like an unknown one', async () => {
    await rejects(c.cases.create(fraAnalyst, { title: 't', alertIds: ['f1', 'go'] }), 'not-found', /^alertIds: no alert go$/);
    await rejects(c.cases.create(fraAnalyst, { title: 't', alertIds: ['nope'] }), 'not-found', /^alertIds: no alert nope$/);
    await rejects(c.cases.create(fraAnalyst, { title: 't', reportIds: ['rep-2'] }), 'not-found', /^reportIds: no report rep-2$/);
    assert.equal((await c.cases.list(fraAnalyst)).items.length, 0);
  });

  test('bad input is refused with the field named', async () => {
    await rejects(c.cases.create(fraAnalyst, { title: '', alertIds: ['f1'] }), 'invalid', /^title: /);
    await rejects(c.cases.create(fraAnalyst, { title: 'x'.repeat(201), alertIds: ['f1'] }), 'invalid', /^title: /);
    await rejects(c.cases.create(fraAnalyst, { title: 't' }), 'invalid', /^alertIds: an incident needs at least one/);
    await rejects(c.cases.create(fraAnalyst, { title: 't', alertIds: [3 as unknown as string] }), 'invalid', /^alertIds: /);
    await rejects(c.cases.create(fraAnalyst, { title: 't', alertIds: ['f1'], marking: { kind: 'REL_TO', nations: ['fr'] } }), 'invalid', /^marking: /);
    await rejects(c.cases.list(fraAnalyst, { cursor: 'garbage' }), 'invalid', /^cursor: /);
    await rejects(c.cases.list(fraAnalyst, { limit: 0 }), 'invalid', /^limit: /);
    await rejects(c.cases.list(fraAnalyst, { status: 'closed' as never }), 'invalid', /^status: /);
  });

  test('viewers and administrators may not open incidents; a token needs the scope', async () => {
    await rejects(c.cases.create(fraViewer, { title: 't', alertIds: ['f1'] }), 'forbidden');
    await rejects(c.cases.create(fraAdmin, { title: 't', alertIds: ['f1'] }), 'forbidden');
    const token: Principal = { ...fraAnalyst, via: 'token', scopes: ['read'], tokenId: 4 };
    await rejects(c.cases.create(token, { title: 't', alertIds: ['f1'] }), 'forbidden', /not in the token's scopes/);
    await rejects(c.cases.get(fraAdmin, 'inc-1'), 'not-found');
  });

  test('list filters by status, assignee and attributed party, pages by cursor, newest first', async () => {
    for (let i = 0; i < 5; i++) await c.cases.create(fraAnalyst, { title: `i${i}`, alertIds: ['f1'] });
    await c.cases.assign(fraAnalyst, 'inc-2', 42);
    await c.cases.transition(fraAnalyst, 'inc-3', { to: 'under-review' });
    await c.cases.transition(fraVerifier, 'inc-3', { to: 'verified-violation', attributedParty: 'RU' });
    const titles = async (q: Parameters<SqliteCaseService['list']>[1]) => (await c.cases.list(fraViewer, q)).items.map((i) => i.title);
    assert.deepEqual(await titles({}), ['i4', 'i3', 'i2', 'i1', 'i0']);
    assert.deepEqual(await titles({ assignee: 42 }), ['i1']);
    assert.deepEqual(await titles({ assignee: null }), ['i4', 'i3', 'i2', 'i0']);
    assert.deepEqual(await titles({ status: 'verified-violation' }), ['i2']);
    assert.deepEqual(await titles({ party: 'RU' }), ['i2']);
    assert.deepEqual(await titles({ status: 'new', assignee: null }), ['i4', 'i3', 'i0']);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await c.cases.list(fraViewer, { limit: 2, ...(cursor !== undefined ? { cursor } : {}) });
      seen.push(...page.items.map((i) => i.title));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    assert.deepEqual(seen, ['i4', 'i3', 'i2', 'i1', 'i0']);
  });
});

describe('SqliteCaseService: links, lifecycle, assignment', () => {
  let c: Ctx;
  beforeEach(async () => { c = await setup(); });

  test('linking more alerts re-derives the marking: it only narrows, and comments narrow with it', async () => {
    const inc = await c.cases.create(fraAnalyst, { title: 't', alertIds: ['f1'] });
    const comment = await c.cases.comment(gbrAnalyst, inc.id, 'seen on our radar too');
    assert.deepEqual([comment.originator, comment.marking], ['GBR', COALITION]);
    const narrowed = await c.cases.addAlerts(fraAnalyst, inc.id, ['gr', 'f2']);
    assert.deepEqual(narrowed.marking, { kind: 'REL_TO', nations: ['GBR'] });
    assert.deepEqual(narrowed.alertIds, ['f1', 'f2', 'gr']);
    const after = await c.cases.comments(fraViewer, inc.id);
    assert.deepEqual(after.items[0]?.marking, { kind: 'REL_TO', nations: ['FRA'] });
    // Linking a COALITION record later does not widen it again.
    const again = await c.cases.addAlerts(fraAnalyst, inc.id, ['f3']);
    assert.deepEqual(again.marking, { kind: 'REL_TO', nations: ['GBR'] });
    // POL could see the incident before; now it cannot, nor its history or comments.
    await rejects(c.cases.get(polVerifier, inc.id), 'not-found');
    await rejects(c.cases.history(polVerifier, inc.id), 'not-found');
    const link = (await c.cases.history(fraViewer, inc.id)).find((h) => h.action === 'link');
    assert.deepEqual([link?.before, link?.after], [{ marking: 'COALITION' }, { alertIds: ['gr', 'f2'], marking: 'REL TO GBR' }]);
  });

  test('re-linking an already linked alert changes nothing', async () => {
    const inc = await c.cases.create(fraAnalyst, { title: 't', alertIds: ['f1'] });
    const same = await c.cases.addAlerts(fraAnalyst, inc.id, ['f1']);
    assert.equal(same.revision, inc.revision);
    assert.equal((await c.cases.history(fraViewer, inc.id)).length, 1);
  });

  test('a nation may not link a record its incident\'s originator may not see', async () => {
    const inc = await c.cases.create(fraAnalyst, { title: 't', alertIds: ['f1'] });
    await c.store.alerts.upsert([alertInput(makeAlert('g-only', 'mmsi:7', null, '2026-03-25T06:00:00Z'), 'GBR', ORIGINATOR_ONLY)]);
    await rejects(c.cases.addAlerts(gbrAnalyst, inc.id, ['g-only']), 'forbidden', /not releasable to FRA/);
    const ok = await c.cases.addReports(gbrAnalyst, inc.id, ['rep-1']);
    assert.deepEqual(ok.reportIds, ['rep-1']);
  });

  test('a full review: under review, decided, reopened with a reason, decided again — each step in the history', async () => {
    const inc = await c.cases.create(fraAnalyst, { title: 't', alertIds: ['f1'] });
    await rejects(c.cases.transition(fraAnalyst, inc.id, { to: 'verified-violation' }), 'conflict', /^to: an incident that is new cannot become verified-violation/);
    await c.cases.transition(fraAnalyst, inc.id, { to: 'under-review' });
    await rejects(c.cases.transition(fraAnalyst, inc.id, { to: 'verified-violation' }), 'forbidden');
    const decided = await c.cases.transition(gbrVerifier, inc.id, {
      to: 'verified-violation', attributedParty: 'RU', confidence: { level: 'medium', reason: 'AIS only' }, grading: { reliability: 'B', credibility: 2 },
    });
    assert.deepEqual([decided.status, decided.verdict, decided.attributedParty, decided.confidence, decided.grading],
      ['verified-violation', 'verified-violation', 'RU', { level: 'medium', reason: 'AIS only' }, { reliability: 'B', credibility: 2 }]);
    await rejects(c.cases.addAlerts(fraAnalyst, inc.id, ['f2']), 'conflict', /reopen it/);
    await rejects(c.cases.transition(fraVerifier, inc.id, { to: 'under-review' }), 'invalid', /^reason: /);
    const reopened = await c.cases.transition(fraVerifier, inc.id, { to: 'under-review', reason: 'port log shows it moored' });
    assert.deepEqual([reopened.status, reopened.verdict, reopened.attributedParty, reopened.confidence], ['under-review', null, null, null]);
    await c.cases.transition(fraVerifier, inc.id, { to: 'not-a-violation' });
    const h = await c.cases.history(fraViewer, inc.id);
    assert.deepEqual(h.map((e) => [e.seq, e.action, e.actor.nation, (e.after as { status?: string }).status ?? null]), [
      [1, 'create', 'FRA', 'new'], [2, 'transition', 'FRA', 'under-review'], [3, 'transition', 'GBR', 'verified-violation'],
      [4, 'transition', 'FRA', 'under-review'], [5, 'transition', 'FRA', 'not-a-violation'],
    ]);
    assert.equal(h[3]?.reason, 'port log shows it moored');
    assert.deepEqual(h[3]?.before, {
      status: 'verified-violation', verdict: 'verified-violation', attributedParty: 'RU',
      confidence: { level: 'medium', reason: 'AIS only' }, grading: { reliability: 'B', credibility: 2 },
    });
    assert.ok(h.every((e, i) => i === 0 || e.timeMs > (h[i - 1]?.timeMs ?? 0)));
    assert.deepEqual(c.audit.entries.filter((e) => e.action === 'incident.transition').map((e) => e.details['to']),
      ['under-review', 'verified-violation', 'under-review', 'not-a-violation']);
  });

  test('assign sets and clears the assignee, recorded before and after', async () => {
    const inc = await c.cases.create(fraAnalyst, { title: 't', alertIds: ['f1'] });
    assert.equal((await c.cases.assign(fraAnalyst, inc.id, 7)).assignee, 7);
    assert.equal((await c.cases.assign(gbrAnalyst, inc.id, null)).assignee, null);
    await rejects(c.cases.assign(fraAnalyst, inc.id, -1), 'invalid', /^assignee: /);
    await rejects(c.cases.assign(fraViewer, inc.id, 3), 'forbidden');
    const h = (await c.cases.history(fraViewer, inc.id)).filter((e) => e.action === 'assign');
    assert.deepEqual(h.map((e) => [e.before, e.after]), [[{ assignee: null }, { assignee: 7 }], [{ assignee: 7 }, { assignee: null }]]);
    assert.equal(c.audit.entries.filter((e) => e.action === 'incident.assign').length, 2);
  });
});

describe('SqliteCaseService: comments, evidence, release', () => {
  let c: Ctx;
  beforeEach(async () => { c = await setup(); });

  test('a comment is releasable as its incident by default, may be narrower, and is never wider', async () => {
    const inc = await c.cases.create(fraAnalyst, { title: 't', alertIds: ['f1'], marking: { kind: 'REL_TO', nations: ['GBR', 'POL'] } });
    const plain = await c.cases.comment(gbrAnalyst, inc.id, 'ours too');
    assert.deepEqual([plain.originator, plain.marking], ['GBR', { kind: 'REL_TO', nations: ['FRA', 'POL'] }]);
    const narrow = await c.cases.comment(gbrAnalyst, inc.id, 'source: HUMINT', ORIGINATOR_ONLY);
    assert.deepEqual(narrow.marking, ORIGINATOR_ONLY);
    const wide = await c.cases.comment(fraAnalyst, inc.id, 'wide?', COALITION);
    assert.deepEqual(wide.marking, { kind: 'REL_TO', nations: ['GBR', 'POL'] });
    const texts = async (p: Principal) => (await c.cases.comments(p, inc.id)).items.map((x) => x.text);
    assert.deepEqual(await texts(fraViewer), ['ours too', 'wide?']);
    assert.deepEqual(await texts(gbrAnalyst), ['ours too', 'source: HUMINT', 'wide?']);
    assert.deepEqual(await texts(polVerifier), ['ours too', 'wide?']);
    // The history entry of the narrow comment is as narrow as the comment.
    assert.equal((await c.cases.history(fraViewer, inc.id)).filter((e) => e.action === 'comment').length, 2);
    assert.equal((await c.cases.history(gbrAnalyst, inc.id)).filter((e) => e.action === 'comment').length, 3);
    await rejects(c.cases.comment(gbrAnalyst, inc.id, '  '), 'invalid', /^text: /);
  });

  test('evidence is stored once by SHA-256 under evidence/aa/bb/, with size and media type', async () => {
    const inc = await c.cases.create(fraAnalyst, { title: 't', alertIds: ['f1'] });
    const other = await c.cases.create(fraAnalyst, { title: 'u', alertIds: ['f2'] });
    const bytes = Buffer.from('frame 0001 of the patrol aircraft video');
    const sha = sha256Of(bytes);
    const rec = await c.cases.attachEvidence(fraAnalyst, inc.id, { bytes, mediaType: 'video/mp4', name: 'clip.mp4' });
    assert.deepEqual([rec.sha256, rec.sizeBytes, rec.mediaType, rec.name, rec.originator, rec.marking], [sha, bytes.length, 'video/mp4', 'clip.mp4', 'FRA', COALITION]);
    const again = await c.cases.attachEvidence(fraVerifier, inc.id, { bytes: Buffer.from(bytes), mediaType: 'video/mp4', name: 'copy.mp4' });
    assert.deepEqual(again, rec);
    await c.cases.attachEvidence(fraAnalyst, other.id, { bytes, mediaType: 'video/mp4', name: 'clip.mp4' });
    const dir = join(c.dataDir, 'evidence', sha.slice(0, 2), sha.slice(2, 4));
    assert.deepEqual(readdirSync(dir), [sha]);
    assert.deepEqual(readFileSync(join(dir, sha)), bytes);
    assert.equal((await c.cases.evidence(fraViewer, inc.id)).length, 1);
    assert.equal(c.audit.entries.filter((e) => e.action === 'incident.evidence.attach').length, 2);
    await rejects(c.cases.attachEvidence(fraAnalyst, inc.id, { bytes: Buffer.alloc(0), mediaType: 'video/mp4', name: 'x' }), 'invalid', /^bytes: /);
    await rejects(c.cases.attachEvidence(fraAnalyst, inc.id, { bytes, mediaType: 'video', name: 'x' }), 'invalid', /^mediaType: /);
    await rejects(c.cases.attachEvidence(fraAnalyst, inc.id, { bytes, mediaType: 'video/mp4', name: '' }), 'invalid', /^name: /);
  });

  test('reading evidence returns the checked content and appends an audit entry for the access', async () => {
    const inc = await c.cases.create(fraAnalyst, { title: 't', alertIds: ['f1'] });
    const bytes = Buffer.from('%PDF-1.7 port log');
    const { sha256 } = await c.cases.attachEvidence(fraAnalyst, inc.id, { bytes, mediaType: 'application/pdf', name: 'log.pdf' });
    const before = c.audit.entries.length;
    const got = await c.cases.readEvidence(gbrAnalyst, inc.id, sha256);
    assert.deepEqual(got.bytes, bytes);
    assert.equal(got.record.name, 'log.pdf');
    assert.equal(c.audit.entries.length, before + 1);
    const entry = c.audit.entries.at(-1);
    assert.deepEqual([entry?.action, entry?.actor, entry?.target, entry?.nation, entry?.details], [
      'evidence.read', `user:${gbrAnalyst.username}`, `incident:${inc.id}`, 'FRA', { sha256, sizeBytes: bytes.length, by: 'GBR' }]);
    await rejects(c.cases.readEvidence(fraAdmin, inc.id, sha256), 'forbidden');
    await rejects(c.cases.readEvidence(gbrAnalyst, inc.id, '../../etc/passwd'), 'invalid', /^sha256: /);
    await rejects(c.cases.readEvidence(gbrAnalyst, inc.id, 'a'.repeat(64)), 'not-found');
    assert.equal(c.audit.entries.length, before + 1);
  });

  test('evidence whose stored content no longer matches its SHA-256 is refused, and no access is logged', async () => {
    const inc = await c.cases.create(fraAnalyst, { title: 't', alertIds: ['f1'] });
    const { sha256 } = await c.cases.attachEvidence(fraAnalyst, inc.id, { bytes: Buffer.from('original'), mediaType: 'text/plain', name: 'a.txt' });
    writeFileSync(join(c.dataDir, 'evidence', sha256.slice(0, 2), sha256.slice(2, 4), sha256), 'tampered');
    const before = c.audit.entries.length;
    await assert.rejects(c.cases.readEvidence(fraAnalyst, inc.id, sha256), /is corrupt: its content hashes to/);
    assert.equal(c.audit.entries.length, before);
    // Attaching the same content again repairs the copy.
    await c.cases.attachEvidence(fraAnalyst, inc.id, { bytes: Buffer.from('original'), mediaType: 'text/plain', name: 'a.txt' });
    assert.equal((await c.cases.readEvidence(fraAnalyst, inc.id, sha256)).bytes.toString(), 'original');
  });

  test('only a verifier of the originating nation may release, and only to widen; the release is audited', async () => {
    const inc = await c.cases.create(fraAnalyst, { title: 't', alertIds: ['f1', 'fo'] });
    assert.deepEqual(inc.marking, ORIGINATOR_ONLY);
    await rejects(c.cases.release(fraAnalyst, inc.id, COALITION), 'forbidden');
    const shared = await c.cases.release(fraVerifier, inc.id, { kind: 'REL_TO', nations: ['GBR', 'FRA'] });
    assert.deepEqual(shared.marking, { kind: 'REL_TO', nations: ['GBR'] });
    // Now GBR sees it (and its alerts only as far as they are releasable to GBR) — but may not release it.
    const seen = await c.cases.get(gbrVerifier, inc.id);
    assert.deepEqual(seen.alertIds, ['f1']);
    await rejects(c.cases.release(gbrVerifier, inc.id, COALITION), 'forbidden', /only a verifier of FRA/);
    await rejects(c.cases.release(fraVerifier, inc.id, { kind: 'REL_TO', nations: ['POL'] }), 'invalid', /^marking: a release only widens/);
    await rejects(c.cases.release(fraVerifier, inc.id, ORIGINATOR_ONLY), 'invalid', /^marking: /);
    const all = await c.cases.release(fraVerifier, inc.id, COALITION);
    assert.deepEqual(all.marking, COALITION);
    assert.equal((await c.cases.get(polVerifier, inc.id)).id, inc.id);
    // The incident's own history follows the release; the full alert list stays with FRA.
    assert.deepEqual((await c.cases.history(polVerifier, inc.id)).map((e) => e.action), ['create', 'release', 'release']);
    assert.deepEqual((await c.cases.get(fraViewer, inc.id)).alertIds, ['f1', 'fo']);
    assert.deepEqual(c.audit.entries.filter((e) => e.action === 'incident.release').map((e) => [e.details['from'], e.details['to']]),
      [['ORIGINATOR ONLY', 'REL TO GBR'], ['REL TO GBR', 'COALITION']]);
  });
});

describe('SqliteCaseService: an ORIGINATOR ONLY incident of FRA never reaches GBR', () => {
  test('not through get, list, history, comments, evidence, evidence reads, changes or suggestions', async () => {
    const c = await setup();
    const inc = await c.cases.create(fraAnalyst, { title: 'secret', alertIds: ['fo'] });
    assert.deepEqual(inc.marking, ORIGINATOR_ONLY);
    await c.cases.comment(fraAnalyst, inc.id, 'internal');
    const { sha256 } = await c.cases.attachEvidence(fraAnalyst, inc.id, { bytes: Buffer.from('img'), mediaType: 'image/png', name: 'a.png' });
    await c.cases.transition(fraAnalyst, inc.id, { to: 'under-review' });
    const visibleFra = await c.cases.create(fraAnalyst, { title: 'open', alertIds: ['f1'] });

    for (const g of [gbrAnalyst, gbrVerifier]) {
      await rejects(c.cases.get(g, inc.id), 'not-found', /^no incident inc-1$/);
      await rejects(c.cases.get(g, 'inc-999'), 'not-found', /^no incident inc-999$/);
      assert.deepEqual((await c.cases.list(g)).items.map((i) => i.id), [visibleFra.id]);
      assert.deepEqual((await c.cases.list(g, { status: 'under-review' })).items, []);
      await rejects(c.cases.history(g, inc.id), 'not-found');
      await rejects(c.cases.comments(g, inc.id), 'not-found');
      await rejects(c.cases.evidence(g, inc.id), 'not-found');
      await rejects(c.cases.readEvidence(g, inc.id, sha256), 'not-found');
      await rejects(c.cases.comment(g, inc.id, 'hello?'), 'not-found');
      await rejects(c.cases.assign(g, inc.id, 1), 'not-found');
      await rejects(c.cases.transition(g, inc.id, { to: 'inconclusive' }), 'not-found');
      await rejects(c.cases.addAlerts(g, inc.id, ['f1']), 'not-found');
      await rejects(c.cases.attachEvidence(g, inc.id, { bytes: Buffer.from('x'), mediaType: 'text/plain', name: 'x' }), 'not-found');
      await rejects(c.cases.release(g, inc.id, COALITION), g === gbrVerifier ? 'not-found' : 'forbidden');
      // Suggestions: the FRA-only alerts are absent (so are their ids), only what GBR may see is grouped.
      const s = await c.cases.suggestions(g, { fromMs: Date.parse('2026-03-25T00:00:00Z'), toMs: Date.parse('2026-03-26T00:00:00Z') });
      const ids = s.flatMap((x) => x.alertIds);
      assert.ok(!ids.includes('fo') && !ids.includes('fo2'), JSON.stringify(s));
    }
    // Nothing of the secret incident appears in what GBR reads of FRA's open incident either.
    const hist = JSON.stringify(await c.cases.history(gbrAnalyst, visibleFra.id));
    assert.ok(!hist.includes('secret') && !hist.includes('internal') && !hist.includes(sha256));
  });
});

describe('SqliteCaseService: suggestions', () => {
  test('groups visible alerts not yet in a visible incident', async () => {
    const c = await setup();
    const q = { fromMs: Date.parse('2026-03-25T00:00:00Z'), toMs: Date.parse('2026-03-26T00:00:00Z') };
    const fra = await c.cases.suggestions(fraViewer, q);
    assert.deepEqual(fra.map((s) => s.alertIds), [['f1', 'f2'], ['fo', 'fo2']]);
    const gbr = await c.cases.suggestions(gbrAnalyst, q);
    assert.deepEqual(gbr.map((s) => s.alertIds), [['f1', 'f2']]);
    await c.cases.create(fraAnalyst, { title: 't', alertIds: ['f1'] });
    assert.deepEqual((await c.cases.suggestions(fraViewer, q)).map((s) => s.alertIds), [['fo', 'fo2']]);
    assert.deepEqual((await c.cases.suggestions(fraViewer, { ...q, windowMs: 5 * 60_000 })).map((s) => s.alertIds), []);
    await rejects(c.cases.suggestions(fraViewer, { fromMs: q.toMs, toMs: q.fromMs }), 'invalid', /^toMs: /);
  });
});

describe('case service source', () => {
  test('reads only through CaseReader: no SELECT elsewhere in src/cases except lookups marked as the write path or the caller\'s own row', () => {
    const dir = dirname(fileURLToPath(import.meta.url));
    const offenders: string[] = [];
    for (const file of readdirSync(dir)) {
      if (!/\.[jt]s$/.test(file) || /\.(test|bench)\.[jt]s$/.test(file) || /^case-reader\./.test(file)) continue;
      const text = readFileSync(join(dir, file), 'utf8');
      for (const m of text.matchAll(/SELECT(?! \/\* (?:write path|own row) \*\/)/g)) offenders.push(`${file}:${text.slice(0, m.index).split('\n').length}`);
      if (/\bSqlReader\b[^;]*\.select\(|\.prepare\(/.test(text)) offenders.push(`${file}: bypasses CaseReader`);
      if (/system:\s*true/.test(text)) offenders.push(`${file}: reads as the system viewer`);
    }
    assert.deepEqual(offenders, []);
  });
});
