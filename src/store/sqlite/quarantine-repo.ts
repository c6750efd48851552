import type { Page, QuarantineCount, QuarantinedLine, QuarantineInput, QuarantineQuery, QuarantineRepository, Viewer } from '../ports.js';
import { pageLimit, toPage } from '../sql/paging-rules.js';
import { mergeQuarantineCounts, quarantineConditions } from '../sql/quarantine-conditions.js';
import type { QuarantineColumns } from '../sql/row-mappers.js';
import { markingColumns, type ReleasabilityRow, sqliteConditions, sqliteRows, type SqlReader, type SqlWriter } from './sql-reader.js';

type QuarantineRow = QuarantineColumns & ReleasabilityRow;

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
    const { where, params } = quarantineConditions(q, sqliteConditions);
    const rows = this.reader.select<QuarantineRow>(viewer, {
      columns: 'q.*', from: 'quarantine q', alias: 'q', where, orderBy: 'q.id DESC', limit: limit + 1,
    }, params);
    return toPage(rows, limit, sqliteRows.quarantinedLine, (r) => [r.id]);
  }

  async counts(viewer: Viewer, feed?: string): Promise<QuarantineCount[]> {
    const where = feed === undefined ? [] : ['c.feed = @feed'];
    const totals = this.reader.select<{ feed: string; reason: string; total: number }>(viewer, {
      columns: 'c.feed, c.reason, c.total', from: 'quarantine_counts c', alias: 'c', where,
    }, { feed });
    const held = this.reader.select<{ feed: string; reason: string; n: number }>(viewer, {
      columns: 'c.feed, c.reason, count(*) AS n', from: 'quarantine c', alias: 'c', where, groupBy: 'c.feed, c.reason',
    }, { feed });
    return mergeQuarantineCounts(totals, held);
  }
}
