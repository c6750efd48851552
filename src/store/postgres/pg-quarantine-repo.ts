import type { Page, QuarantineCount, QuarantinedLine, QuarantineInput, QuarantineQuery, QuarantineRepository, Viewer } from '../ports.js';
import { pageLimit, toPage } from '../sql/paging-rules.js';
import { mergeQuarantineCounts, quarantineConditions } from '../sql/quarantine-conditions.js';
import type { QuarantineColumns } from '../sql/row-mappers.js';
import {
  pgConditions, type PgMarkingColumns, type PgReader, type PgReleasabilityRow, pgMarkingColumns, pgRows, type PgWriter, textArray,
} from './pg-reader.js';

type QuarantineRow = QuarantineColumns & PgReleasabilityRow;

const INSERT = `INSERT INTO quarantine (feed, reason, detail, line, received_ms, originator, marking, releasable_to)
  SELECT u.feed, u.reason, u.detail, u.line, u.received_ms, u.originator, u.marking, u.releasable_to::text[]
  FROM unnest(@feed::text[], @reason::text[], @detail::text[], @line::text[], @receivedMs::bigint[], @originator::text[],
    @marking::text[], @releasableTo::text[]) WITH ORDINALITY AS u(feed, reason, detail, line, received_ms, originator, marking, releasable_to, ord)
  ORDER BY u.ord`;

/** Rejected lines in PostgreSQL: the newest N per feed, and totals per feed and reason that never drop. */
export class PgQuarantineRepository implements QuarantineRepository {
  constructor(private readonly reader: PgReader, private readonly writer: PgWriter, private readonly perFeed: number) {
    if (!Number.isInteger(perFeed) || perFeed < 1) throw new RangeError(`quarantine bound must be a positive integer, got ${perFeed}`);
  }

  async add(rows: readonly QuarantineInput[]): Promise<void> {
    if (rows.length === 0) return;
    const cols: Record<string, unknown[]> = {};
    const put = (name: string, value: unknown): void => { (cols[name] ??= []).push(value); };
    // Totals per (feed, reason) of this call; the marking of the last line wins, as in SQLite.
    const totals = new Map<string, { feed: string; reason: string; n: number; m: PgMarkingColumns }>();
    for (const r of rows) {
      const m = pgMarkingColumns(r);
      put('feed', r.feed); put('reason', r.reason); put('detail', r.detail); put('line', r.line); put('receivedMs', r.receivedMs);
      put('originator', m.originator); put('marking', m.marking); put('releasableTo', textArray(m.releasableTo));
      const key = `${r.feed}\u0000${r.reason}`;
      const t = totals.get(key);
      totals.set(key, { feed: r.feed, reason: r.reason, n: (t?.n ?? 0) + 1, m });
    }
    await this.writer.transaction(async (q) => {
      // WITH ORDINALITY … ORDER BY keeps the ids in the order of `rows` (the trim keeps the newest by id).
      await q(INSERT, cols);
      for (const t of totals.values()) {
        await q(`INSERT INTO quarantine_counts (feed, reason, total, originator, marking, releasable_to)
          VALUES (@feed, @reason, @n, @originator, @marking, @releasableTo)
          ON CONFLICT (feed, reason) DO UPDATE SET total = quarantine_counts.total + EXCLUDED.total, originator = EXCLUDED.originator,
            marking = EXCLUDED.marking, releasable_to = EXCLUDED.releasable_to`, { feed: t.feed, reason: t.reason, n: t.n, ...t.m });
      }
      for (const feed of new Set(rows.map((r) => r.feed))) {
        await q(`DELETE FROM quarantine WHERE feed = @feed AND id <=
          (SELECT id FROM quarantine WHERE feed = @feed ORDER BY id DESC LIMIT 1 OFFSET @keep)`, { feed, keep: this.perFeed });
      }
    });
  }

  async list(viewer: Viewer, q: QuarantineQuery = {}): Promise<Page<QuarantinedLine>> {
    const limit = pageLimit(q.limit);
    const { where, params } = quarantineConditions(q, pgConditions);
    const rows = await this.reader.select<QuarantineRow>(viewer, {
      columns: 'q.*', from: 'quarantine q', alias: 'q', where, orderBy: 'q.id DESC', limit: limit + 1,
    }, params);
    return toPage(rows, limit, pgRows.quarantinedLine, (r) => [r.id]);
  }

  async counts(viewer: Viewer, feed?: string): Promise<QuarantineCount[]> {
    const where = feed === undefined ? [] : ['c.feed = @feed'];
    const params = feed === undefined ? {} : { feed };
    const totals = await this.reader.select<{ feed: string; reason: string; total: number }>(viewer, {
      columns: 'c.feed, c.reason, c.total', from: 'quarantine_counts c', alias: 'c', where,
    }, params);
    const held = await this.reader.select<{ feed: string; reason: string; n: number }>(viewer, {
      columns: 'c.feed, c.reason, count(*) AS n', from: 'quarantine c', alias: 'c', where, groupBy: 'c.feed, c.reason',
    }, params);
    return mergeQuarantineCounts(totals, held);
  }
}
