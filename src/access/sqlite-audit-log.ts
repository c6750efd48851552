import type { Database, Statement, Transaction } from 'better-sqlite3';
import { decodeCursor } from '../store/cursor.js';
import type { Page } from '../store/ports.js';
import { toPage } from '../store/sqlite/paging.js';
import { auditEntryHash, canonicalJson, GENESIS_HASH } from './audit-hash.js';
import type { AuditEntry, AuditLog, AuditQuery } from './ports.js';

/** What `append` takes: the content of an entry; seq, time and hashes are the log's. */
export interface AuditAppend {
  /** `user:NAME`, `token:ID`, `cli`, `system`. */
  actor: string;
  /** The nation the entry concerns (the affected user's), null when none. */
  nation: string | null;
  /** Dotted verb, e.g. `user.create`, `login.failure`. */
  action: string;
  /** What was acted on, e.g. `user:ana`, `token:7`. */
  target: string;
  details?: Record<string, unknown>;
}

/** The outcome of `verify()`. */
export type AuditVerification =
  | { ok: true; entries: number }
  | { ok: false; entries: number; brokenAt: number; reason: string };

/** What a checkpoint pins: the log had `size` entries, the last with hash `head`. */
export interface AuditAnchor {
  size: number;
  head: string;
}

/** Page size of `list` when the query names none; the cap is `MAX_LIST_LIMIT`. */
export const DEFAULT_LIST_LIMIT = 100;
export const MAX_LIST_LIMIT = 10_000;

interface AuditRow {
  seq: number;
  time_ms: number;
  actor: string;
  nation: string | null;
  action: string;
  target: string;
  details: string;
  prev_hash: string;
  hash: string;
}

/**
 * The append-only, hash-chained audit log over SQLite (issue 5, item 4).
 *
 * Each entry's hash covers its content and the previous entry's hash (`auditEntryHash`), so
 * changing, removing or reordering any stored entry breaks the chain from there on; the
 * first entry chains to `GENESIS_HASH`. Triggers (migration 103) refuse UPDATE and DELETE,
 * so the application itself cannot rewrite history; `verify()` catches whoever edits the
 * file behind SQLite's back.
 *
 * Appends are serialised: the last hash is read and the new row written inside one
 * `BEGIN IMMEDIATE` transaction, which holds SQLite's write lock across processes (a
 * `vigil user add` beside a running `vigil serve` cannot fork the chain). When called inside
 * a caller's transaction (`appendSync` from the access service), the entry commits or rolls
 * back together with the change it records.
 *
 * @example
 * const log = new SqliteAuditLog(store.db);
 * await log.append({ actor: 'cli', nation: 'FRA', action: 'user.create', target: 'user:ana' });
 * await log.verify(); // { ok: true, entries: 1 }
 */
export class SqliteAuditLog implements AuditLog {
  private readonly lastStmt: Statement;
  private readonly insertStmt: Statement;
  private readonly pageStmt: Statement;
  private readonly issuedStmt: Statement;
  private readonly appendTx: Transaction<(e: AuditAppend) => AuditEntry>;

  /** `nowMs`: the clock stamping entries (Unix ms), injected for tests. */
  constructor(private readonly db: Database, private readonly nowMs: () => number = Date.now) {
    this.lastStmt = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    this.insertStmt = db.prepare(
      'INSERT INTO audit_log (seq, time_ms, actor, nation, action, target, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.pageStmt = db.prepare('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?');
    this.issuedStmt = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'");
    this.appendTx = db.transaction((e: AuditAppend): AuditEntry => {
      const last = this.lastStmt.get() as { seq: number; hash: string } | undefined;
      const details = e.details ?? {};
      const entry = {
        seq: (last?.seq ?? 0) + 1,
        timeMs: this.nowMs(),
        actor: e.actor,
        nation: e.nation,
        action: e.action,
        target: e.target,
        detailsJson: canonicalJson(details),
        prevHash: last?.hash ?? GENESIS_HASH,
      };
      const hash = auditEntryHash(entry);
      this.insertStmt.run(entry.seq, entry.timeMs, entry.actor, entry.nation, entry.action, entry.target, entry.detailsJson, entry.prevHash, hash);
      return {
        seq: entry.seq, timeMs: entry.timeMs, actor: entry.actor, nation: entry.nation, action: entry.action,
        target: entry.target, details: JSON.parse(entry.detailsJson) as Record<string, unknown>, prevHash: entry.prevHash, hash,
      };
    });
  }

  async append(entry: AuditAppend): Promise<AuditEntry> {
    return this.appendSync(entry);
  }

  /**
   * `append`, synchronously: inside a caller's `db.transaction` it joins that transaction
   * (a savepoint), otherwise it runs its own `BEGIN IMMEDIATE` one.
   */
  appendSync(entry: AuditAppend): AuditEntry {
    return this.db.inTransaction ? this.appendTx(entry) : this.appendTx.immediate(entry);
  }

  /**
   * Entries in seq order (oldest first), filtered by nation, action, target and time
   * (`fromMs <= timeMs <= toMs`). Throws `InvalidCursorError` for a cursor it did not issue.
   */
  async list(query: AuditQuery = {}): Promise<Page<AuditEntry>> {
    const limit = Math.min(Math.max(1, Math.floor(query.limit ?? DEFAULT_LIST_LIMIT)), MAX_LIST_LIMIT);
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (query.cursor !== undefined) {
      const [after] = decodeCursor(query.cursor, ['number']);
      where.push('seq > ?');
      params.push(after as number);
    }
    if (query.nation !== undefined) { where.push('nation = ?'); params.push(query.nation); }
    if (query.action !== undefined) { where.push('action = ?'); params.push(query.action); }
    if (query.target !== undefined) { where.push('target = ?'); params.push(query.target); }
    if (query.fromMs !== undefined) { where.push('time_ms >= ?'); params.push(query.fromMs); }
    if (query.toMs !== undefined) { where.push('time_ms <= ?'); params.push(query.toMs); }
    const sql = `SELECT * FROM audit_log${where.length ? ' WHERE ' + where.join(' AND ') : ''} ORDER BY seq LIMIT ?`;
    const rows = this.db.prepare(sql).all(...params, limit + 1) as AuditRow[];
    return toPage(rows, limit, rowToEntry, (r) => [r.seq]);
  }

  /** The last entry's seq and hash (seq 0 and `GENESIS_HASH` when empty): publish it elsewhere to anchor the chain. */
  head(): { seq: number; hash: string } {
    const last = this.lastStmt.get() as { seq: number; hash: string } | undefined;
    return last ?? { seq: 0, hash: GENESIS_HASH };
  }

  /**
   * Walks the whole chain in seq order and reports the first broken entry:
   * - `entry missing (seq gap)`: seqs must run 1, 2, 3… (an entry was deleted), and the
   *   highest seq SQLite ever issued must be the last one present (the tail was cut);
   * - `chain broken`: `prevHash` is not the previous entry's `hash` (reordered, or an entry
   *   before it was rewritten with a recomputed hash);
   * - `content changed`: the stored hash is not the hash of the stored columns.
   * Reads pages of `VERIFY_PAGE` entries and yields to the event loop between them (STYLE
   * rule 26), so a server keeps serving during a long walk; entries appended meanwhile are
   * walked too. `entries` is the number of entries walked.
   *
   * With an `anchor` (a checkpoint's `size` and `head`, its signature already checked), also:
   * - `checkpoint mismatch`: entry `size` does not have the hash `head` — some entry up to it
   *   was changed, reordered or replaced, even if every hash after it was recomputed;
   * - `truncated`: fewer than `size` entries are left, even if the table's sequence counter
   *   was rewound too.
   */
  async verify(anchor?: AuditAnchor): Promise<AuditVerification> {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let entries = 0;
    for (;;) {
      const { rows, issued } = this.readPage(expectedSeq - 1);
      for (const row of rows) {
        if (row.seq !== expectedSeq) {
          return { ok: false, entries: entries + this.countFrom(row.seq), brokenAt: expectedSeq, reason: `entry missing (seq gap): expected seq ${expectedSeq}, found ${row.seq}` };
        }
        const broken = checkEntry(row, prevHash) ?? (row.seq === anchor?.size && row.hash !== anchor.head
          ? `checkpoint mismatch: entry ${row.seq} has hash ${row.hash}, the checkpoint says ${anchor.head}: entries up to ${row.seq} were changed, reordered or replaced`
          : undefined);
        if (broken !== undefined) return { ok: false, entries: entries + this.countFrom(row.seq), brokenAt: row.seq, reason: broken };
        prevHash = row.hash;
        expectedSeq++;
        entries++;
      }
      if (rows.length < VERIFY_PAGE) {
        if (anchor !== undefined && entries < anchor.size) {
          return { ok: false, entries, brokenAt: expectedSeq, reason: `truncated: the checkpoint covers ${anchor.size} entries, the log has ${entries}: entries ${expectedSeq}..${anchor.size} are gone` };
        }
        if (issued >= expectedSeq) {
          return { ok: false, entries, brokenAt: expectedSeq, reason: `entry missing (seq gap): entries ${expectedSeq}..${issued} were written and are gone` };
        }
        return { ok: true, entries };
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** Entries after `afterSeq`, and the highest seq ever issued, read in one snapshot. */
  private readPage(afterSeq: number): { rows: AuditRow[]; issued: number } {
    return this.db.transaction(() => ({
      rows: this.pageStmt.all(afterSeq, VERIFY_PAGE) as AuditRow[],
      issued: (this.issuedStmt.get() as { seq: number } | undefined)?.seq ?? 0,
    }))();
  }

  private countFrom(seq: number): number {
    return (this.db.prepare('SELECT count(*) AS n FROM audit_log WHERE seq >= ?').get(seq) as { n: number }).n;
  }
}

/** Entries hashed per page of `verify()` before yielding to the event loop. */
const VERIFY_PAGE = 1000;

/** Why `row` does not follow an entry whose hash is `prevHash`, or undefined when it does. */
function checkEntry(row: AuditRow, prevHash: string): string | undefined {
  if (row.prev_hash !== prevHash) return 'chain broken: prevHash does not match the previous entry\'s hash';
  const hash = auditEntryHash({
    seq: row.seq, timeMs: row.time_ms, actor: row.actor, nation: row.nation, action: row.action,
    target: row.target, detailsJson: row.details, prevHash: row.prev_hash,
  });
  return hash === row.hash ? undefined : 'content changed: the stored hash does not match the entry';
}

function rowToEntry(r: AuditRow): AuditEntry {
  let details: Record<string, unknown>;
  try {
    details = JSON.parse(r.details) as Record<string, unknown>;
  } catch {
    // Only a tampered row gets here; `verify()` names it. Listing still shows what is stored.
    details = { unparseable: r.details };
  }
  return { seq: r.seq, timeMs: r.time_ms, actor: r.actor, nation: r.nation, action: r.action, target: r.target, details, prevHash: r.prev_hash, hash: r.hash };
}
