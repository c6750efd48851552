import { decodeCursor } from '../cursor.js';
import type { Page, QuarantineCount, QuarantinedLine, QuarantineInput, QuarantineQuery, QuarantineRepository, Viewer } from '../ports.js';
import { toPage } from './paging.js';
import { markingColumns, pageLimit, type ReleasabilityRow, releasabilityOf, type SqlReader, type SqlWriter } from './sql-reader.js';

interface QuarantineRow extends ReleasabilityRow {
  id: number;
  feed: string;
  reason: string;
  detail: string;
  line: string;
  received_ms: number;
}

/**
 * Default number of rejected lines kept per feed. At 200 bytes a line, 10,000 lines are
 * 2 MB per feed: enough to diagnose a receiver fault, bounded on endless garbage.
 */
export const DEFAULT_QUARANTINE_PER_FEED = 10_000;

/** Rejected lines in SQLite: the newest N per feed, and totals per feed and reason that never drop. */
export class SqliteQuarantineRepository implements QuarantineRepository {
  constructor(private readonly reader: SqlReader, private readonly writer: SqlWriter, private readonly perFeed = DEFAULT_QUARANTINE_PER_FEED) {
    if (!Number.isInteger(perFeed) || perFeed < 1) throw new RangeError(`quarantine bound must be a positive integer, got ${perFeed}`);
  }

  async add(rows: readonly QuarantineInput[]): Promise<void> {
    const insert = this.writer.statement(`INSERT INTO quarantine (feed, reason, detail, line, received_ms, originator, marking, releasable_to)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    const count = this.writer.statement(`INSERT INTO quarantine_counts (feed, reason, total, originator, marking, releasable_to)
      VALUES (?, ?, 1, ?, ?, ?)
      ON CONFLICT (feed, reason) DO UPDATE SET total = total + 1, originator = excluded.originator,
        marking = excluded.marking, releasable_to = excluded.releasable_to`);
    const trim = this.writer.statement(`DELETE FROM quarantine WHERE feed = @feed AND id <=
      (SELECT /* write path */ id FROM quarantine WHERE feed = @feed ORDER BY id DESC LIMIT 1 OFFSET @keep)`);
    this.writer.db.transaction(() => {
      const feeds = new Set<string>();
      for (const r of rows) {
        const m = markingColumns(r);
        insert.run(r.feed, r.reason, r.detail, r.line, r.receivedMs, m.originator, m.marking, m.releasableTo);
        count.run(r.feed, r.reason, m.originator, m.marking, m.releasableTo);
        feeds.add(r.feed);
      }
      for (const feed of feeds) trim.run({ feed, keep: this.perFeed });
    }).immediate();
  }

  async list(viewer: Viewer, q: QuarantineQuery = {}): Promise<Page<QuarantinedLine>> {
    const limit = pageLimit(q.limit);
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (q.feed !== undefined) { where.push('q.feed = @feed'); params['feed'] = q.feed; }
    if (q.reason !== undefined) { where.push('q.reason = @reason'); params['reason'] = q.reason; }
    if (q.cursor !== undefined) {
      const [id] = decodeCursor(q.cursor, ['number']);
      where.push('q.id < @beforeId');
      params['beforeId'] = id;
    }
    const rows = this.reader.select<QuarantineRow>(viewer, {
      columns: 'q.*', from: 'quarantine q', alias: 'q', where, orderBy: 'q.id DESC', limit: limit + 1,
    }, params);
    return toPage(rows, limit, (r) => ({
      id: r.id, feed: r.feed, reason: r.reason, detail: r.detail, line: r.line, receivedMs: r.received_ms, ...releasabilityOf(r),
    }), (r) => [r.id]);
  }

  async counts(viewer: Viewer, feed?: string): Promise<QuarantineCount[]> {
    const where = feed === undefined ? [] : ['c.feed = @feed'];
    const totals = this.reader.select<{ feed: string; reason: string; total: number }>(viewer, {
      columns: 'c.feed, c.reason, c.total', from: 'quarantine_counts c', alias: 'c', where,
    }, { feed });
    const held = this.reader.select<{ feed: string; reason: string; n: number }>(viewer, {
      columns: 'c.feed, c.reason, count(*) AS n', from: 'quarantine c', alias: 'c', where, groupBy: 'c.feed, c.reason',
    }, { feed });
    const out = new Map<string, QuarantineCount>();
    const key = (f: string, r: string): string => `${f}\u0000${r}`;
    for (const t of totals) out.set(key(t.feed, t.reason), { feed: t.feed, reason: t.reason, total: t.total, held: 0 });
    for (const h of held) {
      const c = out.get(key(h.feed, h.reason));
      // A held line always has a total; a total hidden from this viewer stays hidden.
      if (c !== undefined) c.held = h.n;
    }
    return [...out.values()].sort((a, b) => (a.feed === b.feed ? (a.reason < b.reason ? -1 : 1) : a.feed < b.feed ? -1 : 1));
  }
}
