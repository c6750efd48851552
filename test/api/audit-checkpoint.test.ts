/**
 * Signed audit checkpoints (issue 15, item 4), through the API and the CLI: a checkpoint from
 * `GET /api/audit/checkpoint` (or the one a report carries) is held against the log after
 * someone with the database file in hand truncated it, reordered entries or changed a byte —
 * also when they recomputed every hash and rewound SQLite's sequence counter, which the bare
 * chain cannot notice. `vigil audit verify --checkpoint` and `POST /api/audit/verify` must both
 * refuse, naming the entry; a checkpoint with a forged signature or another node's key must
 * be refused before the log is looked at.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { signCheckpoint, verifyCheckpointSignature, type AuditCheckpoint } from '../../src/access/audit-checkpoint.js';
import { auditEntryHash } from '../../src/access/audit-hash.js';
import { loadOrCreateNodeKey, nodeKeyPaths } from '../../src/report/signing/node-key.js';
import { bearer, buildTestApi, type TestApi, type TestUser } from '../helpers/api.js';
import { vigil } from '../helpers/cli.js';

let api: TestApi;
let db: Database.Database;
let dir: string;
/** The checkpoint taken before the last two entries were appended, and its file. */
let cp: AuditCheckpoint;
let cpFile: string;
let original: AuditRow[];

interface AuditRow { seq: number; time_ms: number; actor: string; nation: string | null; action: string; target: string; details: string; prev_hash: string; hash: string }

let address = 0;
/** A request from its own client address: `POST /api/audit/verify` is throttled per client. */
async function call(user: TestUser, method: 'GET' | 'POST', url: string, payload?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await api.app.inject({ method, url, headers: bearer(user), remoteAddress: `10.0.${Math.floor(++address / 250)}.${address % 250}`, ...(payload !== undefined ? { payload: payload as string } : {}) });
  return { status: res.statusCode, body: res.json<Record<string, unknown>>() };
}

const rows = (): AuditRow[] => db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[];

/** Runs `fn` on the database file with the append-only triggers dropped, as someone with the file in hand would. */
function tamper(fn: () => void): void {
  const triggers = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").all() as { sql: string }[];
  assert.equal(triggers.length, 2);
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  try {
    db.transaction(fn)();
  } finally {
    for (const t of triggers) db.exec(t.sql);
  }
}

/** Recomputes every hash from `fromSeq` on, as a careful forger would, so that the bare chain verifies. */
function rechain(fromSeq: number): void {
  const all = rows();
  let prev = all.find((r) => r.seq === fromSeq - 1)?.hash ?? '0'.repeat(64);
  for (const r of all.filter((x) => x.seq >= fromSeq)) {
    const hash = auditEntryHash({ seq: r.seq, timeMs: r.time_ms, actor: r.actor, nation: r.nation, action: r.action, target: r.target, detailsJson: r.details, prevHash: prev });
    db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, r.seq);
    prev = hash;
  }
}

/** Puts back the rows as they were before the test tampered (and the sequence counter with them). */
function restore(): void {
  tamper(() => {
    db.prepare('DELETE FROM audit_log').run();
    const insert = db.prepare('INSERT INTO audit_log (seq, time_ms, actor, nation, action, target, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    for (const r of original) insert.run(r.seq, r.time_ms, r.actor, r.nation, r.action, r.target, r.details, r.prev_hash, r.hash);
    db.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'audit_log'").run(original.at(-1)!.seq);
  });
  assert.deepEqual(rows(), original);
}

const cliVerify = (...extra: string[]) => vigil(['audit', 'verify', '--data', api.dataDir, ...extra]);
const apiVerify = async (body: unknown) => call(api.users.FRA.admin, 'POST', '/api/audit/verify', body);

/** Both the CLI and the API refuse the log, naming entry `brokenAt` with a reason matching `reason`. */
async function assertBroken(brokenAt: number, reason: RegExp, file = cpFile, checkpoint: unknown = cp): Promise<void> {
  const r = cliVerify('--checkpoint', file);
  assert.equal(r.status, 1, r.stderr + r.stdout);
  assert.match(r.stderr, new RegExp(`^vigil: audit chain broken at entry ${brokenAt}: `));
  assert.match(r.stderr, reason);
  const a = await apiVerify(checkpoint);
  assert.equal(a.status, 200);
  assert.equal(a.body['ok'], false);
  assert.equal(a.body['brokenAt'], brokenAt);
  assert.match(String(a.body['reason']), reason);
}

before(async () => {
  api = await buildTestApi();
  dir = mkdtempSync(join(tmpdir(), 'vigil-checkpoint-'));
  db = new Database(join(api.dataDir, 'vigil.sqlite'));
  const res = await call(api.users.GBR.viewer, 'GET', '/api/audit/checkpoint');
  assert.equal(res.status, 200);
  cp = res.body as unknown as AuditCheckpoint;
  cpFile = join(dir, 'checkpoint.json');
  writeFileSync(cpFile, JSON.stringify(cp));
  // Two entries after the checkpoint: token creations are audited.
  for (const name of ['after-1', 'after-2']) assert.equal((await call(api.users.FRA.analyst, 'POST', '/api/tokens', { name, scopes: ['read'], ttlDays: 1 })).status, 201);
  original = rows();
});
after(async () => {
  db.close();
  await api.close();
});

describe('the checkpoint', () => {
  test('GET /api/audit/checkpoint signs the head of the log with the node key of GET /api/keys', async () => {
    assert.ok(cp.size >= 10, `only ${cp.size} seeded entries`);
    assert.equal(cp.size, original.length - 2);
    assert.equal(cp.head, original[cp.size - 1]!.hash);
    assert.deepEqual(Object.keys(cp), ['format', 'size', 'head', 'timestamp', 'key', 'signature']);
    assert.equal(cp.format, 'vigil-audit-checkpoint/1');
    const keys = (await call(api.users.GBR.viewer, 'GET', '/api/keys')).body['keys'] as { id: string; publicKey: string }[];
    assert.deepEqual(verifyCheckpointSignature(cp, [keys[0]!.publicKey]), { ok: true, keyId: keys[0]!.id });
    const now = (await call(api.users.GBR.viewer, 'GET', '/api/audit/checkpoint')).body as unknown as AuditCheckpoint;
    assert.equal(now.size, original.length);
  });

  test('an intact log matches: the CLI says so, exit 0, and so does the API', async () => {
    const r = cliVerify('--checkpoint', cpFile);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `${original.length} entries, chain intact; entries 1..${cp.size} match the checkpoint signed by ${cp.key.id} at ${cp.timestamp}\n`);
    assert.deepEqual((await apiVerify(cp)).body, { ok: true, entries: original.length });
  });

  test('a report carries a checkpoint of the log as it was made, and the CLI takes the report as the checkpoint', async () => {
    const made = await call(api.users.FRA.analyst, 'POST', '/api/reports/documents', { period: 'daily', from: '2026-03-25', format: 'json' });
    assert.equal(made.status, 201);
    const meta = made.body as { id: string; files: { name: string }[] };
    const file = await api.app.inject({ method: 'GET', url: `/api/reports/documents/${meta.id}/files/${meta.files[0]!.name}`, headers: bearer(api.users.FRA.analyst) });
    const report = JSON.parse(file.body) as { generatedAt: string; auditCheckpoint: AuditCheckpoint };
    assert.equal(report.auditCheckpoint.size, original.length);
    assert.equal(report.auditCheckpoint.head, original.at(-1)!.hash);
    assert.equal(report.auditCheckpoint.timestamp, report.generatedAt);
    assert.equal(verifyCheckpointSignature(report.auditCheckpoint, [api.ctx.nodeKey.publicKeyPem]).ok, true);
    const reportFile = join(dir, 'report.json');
    writeFileSync(reportFile, file.body);
    const r = cliVerify('--checkpoint', reportFile);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`entries 1\\.\\.${original.length} match the checkpoint`));
    assert.equal((await apiVerify(report)).body['ok'], true);
    original = rows(); // generating the report was audited
    const md = await call(api.users.FRA.analyst, 'POST', '/api/reports/documents', { period: 'daily', from: '2026-03-25', format: 'md' });
    const mdMeta = md.body as { id: string; files: { name: string }[] };
    const text = (await api.app.inject({ method: 'GET', url: `/api/reports/documents/${mdMeta.id}/files/${mdMeta.files[0]!.name}`, headers: bearer(api.users.FRA.analyst) })).body;
    assert.match(text, new RegExp(`## Audit log checkpoint\\n\\nWhen this report was made, the node's audit log held ${original.length} entries, the last with hash ${original.at(-1)!.hash}`));
    original = rows();
  });
});

describe('a tampered log is refused against the checkpoint, by the CLI and the API', () => {
  test('truncation: the last entries deleted and the sequence counter rewound pass the bare chain, not the checkpoint', async () => {
    const keep = cp.size - 2;
    tamper(() => {
      db.prepare('DELETE FROM audit_log WHERE seq > ?').run(keep);
      db.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'audit_log'").run(keep);
    });
    const bare = cliVerify();
    assert.equal(bare.status, 0, 'the bare chain cannot see a clean cut');
    assert.equal(bare.stdout, `${keep} entries, chain intact\n`);
    await assertBroken(keep + 1, new RegExp(`truncated: the checkpoint covers ${cp.size} entries, the log has ${keep}: entries ${keep + 1}\\.\\.${cp.size} are gone`));
    restore();
  });

  test('reordering two entries: caught by the chain, and by the checkpoint when every hash was recomputed', async () => {
    const [a, b] = [original[1]!, original[2]!];
    const swap = (): void => {
      db.prepare('UPDATE audit_log SET seq = -1 WHERE seq = ?').run(a.seq);
      db.prepare('UPDATE audit_log SET seq = ?, time_ms = ? WHERE seq = ?').run(a.seq, a.time_ms, b.seq);
      db.prepare('UPDATE audit_log SET seq = ?, time_ms = ? WHERE seq = -1').run(b.seq, b.time_ms);
    };
    tamper(swap);
    await assertBroken(a.seq, /chain broken|content changed/);
    restore();

    tamper(() => { swap(); rechain(a.seq); });
    assert.equal(cliVerify().status, 0, 'a rechained log passes the bare chain');
    await assertBroken(cp.size, new RegExp(`checkpoint mismatch: entry ${cp.size} has hash [0-9a-f]{64}, the checkpoint says ${cp.head}`));
    restore();
  });

  test('one byte edited before the checkpoint, with or without recomputed hashes, and one after it', async () => {
    const flip = (seq: number): void => {
      const r = original.find((x) => x.seq === seq)!;
      db.prepare('UPDATE audit_log SET target = ? WHERE seq = ?').run(`${r.target.slice(0, -1)}${r.target.endsWith('x') ? 'y' : 'x'}`, seq);
    };
    tamper(() => flip(3));
    await assertBroken(3, /^.*content changed: the stored hash does not match the entry/);
    restore();

    tamper(() => { flip(3); rechain(3); });
    assert.equal(cliVerify().status, 0);
    await assertBroken(cp.size, /checkpoint mismatch/);
    restore();

    tamper(() => flip(cp.size + 1));
    await assertBroken(cp.size + 1, /content changed/);
    restore();
  });
});

describe('a checkpoint that is not genuine is refused before the log is looked at', () => {
  const refuse = async (checkpoint: unknown, reason: RegExp, extra: string[] = []): Promise<void> => {
    const file = join(dir, `forged-${++address}.json`);
    writeFileSync(file, JSON.stringify(checkpoint));
    const r = cliVerify('--checkpoint', file, ...extra);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`^vigil: --checkpoint ${file}: NOT VERIFIED: ${reason.source}`));
    if (extra.length === 0) {
      const a = await apiVerify(checkpoint);
      assert.deepEqual([a.status, a.body['ok']], [200, false]);
      assert.match(String(a.body['reason']), reason);
    }
  };

  test('a changed size, head or timestamp, or a signature of other bytes', async () => {
    const bad = /checkpoint signature does not verify with key ed25519:[0-9a-f]{16}: its size, head, timestamp or signature was changed after signing/;
    await refuse({ ...cp, size: cp.size - 2, head: original[cp.size - 3]!.hash }, bad);
    await refuse({ ...cp, timestamp: '2027-01-01T00:00:00.000Z' }, bad);
    const other = signCheckpoint({ seq: 1, hash: original[0]!.hash }, Date.now(), api.ctx.nodeKey);
    await refuse({ ...cp, signature: other.signature }, bad);
  });

  test('a checkpoint signed by another node\'s key, even when it names this node\'s key id', async () => {
    const otherDir = mkdtempSync(join(tmpdir(), 'vigil-other-node-'));
    const otherKey = loadOrCreateNodeKey(otherDir);
    const foreign = signCheckpoint({ seq: cp.size, hash: cp.head }, Date.now(), otherKey);
    await refuse(foreign, new RegExp(`checkpoint is signed by key ${otherKey.keyId}, which is not among the trusted keys \\(${api.ctx.nodeKey.keyId}\\)`));
    await refuse({ ...foreign, key: cp.key }, /checkpoint signature does not verify/);
    // Trust is the verifier's choice: with the other node's key given, its genuine checkpoint passes …
    const file = join(dir, 'foreign.json');
    writeFileSync(file, JSON.stringify(foreign));
    assert.equal(cliVerify('--checkpoint', file, '--key', nodeKeyPaths(otherDir).publicKey).status, 0);
    // … and this node's checkpoint no longer does.
    await refuse(cp, new RegExp(`checkpoint is signed by key ${cp.key.id}, which is not among the trusted keys \\(${otherKey.keyId}\\)`), ['--key', nodeKeyPaths(otherDir).publicKey]);
  });

  test('a malformed checkpoint: 400 from the API naming the field, exit 1 from the CLI', async () => {
    const file = join(dir, 'malformed.json');
    writeFileSync(file, JSON.stringify({ ...cp, head: 'abc' }));
    const r = cliVerify('--checkpoint', file);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /NOT VERIFIED: not an audit checkpoint \(vigil-audit-checkpoint\/1\): head must be 64 lower-case hex digits/);
    const a = await apiVerify({ ...cp, size: '12' });
    assert.equal(a.status, 400);
    assert.match(String(a.body['message']), /^body: not an audit checkpoint \(vigil-audit-checkpoint\/1\): size must be a whole number >= 0$/);
    const missing = cliVerify('--checkpoint', join(dir, 'nope.json'));
    assert.equal(missing.status, 2);
  });
});
