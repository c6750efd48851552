import type { FeedStatus, FeedStatusRepository, Viewer } from '../ports.js';
import { type FeedColumns, feedFromRow } from '../sql/row-mappers.js';
import { markingColumns, type ReleasabilityRow, releasabilityOf, type SqlReader, type SqlWriter } from './sql-reader.js';

type FeedRow = FeedColumns<string> & ReleasabilityRow;

const FEED_UPSERT = `INSERT INTO feeds (name, kind, state, counters, updated_ms, originator, marking, releasable_to)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, state = excluded.state, counters = excluded.counters,
    updated_ms = excluded.updated_ms, originator = excluded.originator, marking = excluded.marking,
    releasable_to = excluded.releasable_to`;

/** Upserts a feed's status on `writer`'s connection (in the caller's transaction, if any): shared with the batch writers' checkpoints. */
export function putFeedStatus(writer: SqlWriter, row: FeedStatus): void {
  const m = markingColumns(row);
  writer.statement(FEED_UPSERT).run(row.name, row.kind, row.state, JSON.stringify(row.counters), row.updatedMs, m.originator, m.marking, m.releasableTo);
}

/** The last reported status of each feed. */
export class SqliteFeedStatusRepository implements FeedStatusRepository {
  constructor(private readonly reader: SqlReader, private readonly writer: SqlWriter) {}

  async put(row: FeedStatus): Promise<void> {
    putFeedStatus(this.writer, row);
  }

  async list(viewer: Viewer): Promise<FeedStatus[]> {
    return this.reader.select<FeedRow>(viewer, { columns: 'f.*', from: 'feeds f', alias: 'f', orderBy: 'f.name' }).map(toFeed);
  }

  async get(viewer: Viewer, name: string): Promise<FeedStatus | undefined> {
    const rows = this.reader.select<FeedRow>(viewer, { columns: 'f.*', from: 'feeds f', alias: 'f', where: ['f.name = @name'] }, { name });
    return rows[0] === undefined ? undefined : toFeed(rows[0]);
  }
}

function toFeed(r: FeedRow): FeedStatus {
  return feedFromRow(r, JSON.parse(r.counters) as Record<string, number>, releasabilityOf(r));
}
