import { decodeCursor } from '../cursor.js';
import type { Page, QuarantineCount, QuarantinedLine, QuarantineInput, QuarantineQuery, QuarantineRepository, Viewer } from '../ports.js';
import { toPage } from '../sqlite/paging.js';
import { pageLimit } from '../sqlite/sql-reader.js';
import { textArray } from './pg-observation-repo.js';
import { type PgMarkingColumns, type PgReader, type PgReleasabilityRow, pgMarkingColumns, pgReleasabilityOf, type PgWriter } from './pg-reader.js';

interface QuarantineRow extends PgReleasabilityRow {
  id: number;
  feed: string;
  reason: string;
  detail: string;
  line: string;
  received_ms: number;
}

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
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (q.feed !== undefined) { where.push('q.feed = @feed'); params['feed'] = q.feed; }
    if (q.reason !== undefined) { where.push('q.reason = @reason'); params['reason'] = q.reason; }
    if (q.cursor !== undefined) {
      const [id] = decodeCursor(q.cursor, ['number']);
      where.push('q.id < @beforeId::bigint');
      params['beforeId'] = id;
    }
    const rows = await this.reader.select<QuarantineRow>(viewer, {
      columns: 'q.*', from: 'quarantine q', alias: 'q', where, orderBy: 'q.id DESC', limit: limit + 1,
    }, params);
    return toPage(rows, limit, (r) => ({
      id: r.id, feed: r.feed, reason: r.reason, detail: r.detail, line: r.line, receivedMs: r.received_ms, ...pgReleasabilityOf(r),
    }), (r) => [r.id]);
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
    const out = new Map<string, QuarantineCount>();
    const key = (f: string, r: string): string => `${f}\u0000${r}`;
    for (const t of totals) out.set(key(t.feed, t.reason), { feed: t.feed, reason: t.reason, total: t.total, held: 0 });
    for (const h of held) {
      const c = out.get(key(h.feed, h.reason));
      if (c !== undefined) c.held = h.n;
    }
    return [...out.values()].sort((a, b) => (a.feed === b.feed ? (a.reason < b.reason ? -1 : 1) : a.feed < b.feed ? -1 : 1));
  }
}
