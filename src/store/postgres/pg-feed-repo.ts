import type { FeedStatus, FeedStatusRepository, Viewer } from '../ports.js';
import { type FeedColumns, feedFromRow } from '../sql/row-mappers.js';
import { type PgQuery, type PgReader, type PgReleasabilityRow, pgMarkingColumns, pgReleasabilityOf, type PgWriter } from './pg-reader.js';

/** `counters` is jsonb: parsed by the driver. */
type FeedRow = FeedColumns<Record<string, number>> & PgReleasabilityRow;

/** Upserts a feed's status inside the caller's transaction (shared with the batch writer's checkpoints). */
export async function putFeedStatusIn(q: PgQuery, row: FeedStatus): Promise<void> {
  const m = pgMarkingColumns(row);
  await q(`INSERT INTO feeds (name, kind, state, counters, updated_ms, originator, marking, releasable_to)
    VALUES (@name, @kind, @state, @counters::jsonb, @updatedMs, @originator, @marking, @releasableTo)
    ON CONFLICT (name) DO UPDATE SET kind = EXCLUDED.kind, state = EXCLUDED.state, counters = EXCLUDED.counters,
      updated_ms = EXCLUDED.updated_ms, originator = EXCLUDED.originator, marking = EXCLUDED.marking,
      releasable_to = EXCLUDED.releasable_to`,
  { name: row.name, kind: row.kind, state: row.state, counters: JSON.stringify(row.counters), updatedMs: row.updatedMs, ...m });
}

/** The last reported status of each feed. */
export class PgFeedStatusRepository implements FeedStatusRepository {
  constructor(private readonly reader: PgReader, private readonly writer: PgWriter) {}

  async put(row: FeedStatus): Promise<void> {
    await this.writer.transaction((q) => putFeedStatusIn(q, row));
  }

  async list(viewer: Viewer): Promise<FeedStatus[]> {
    return (await this.reader.select<FeedRow>(viewer, { columns: 'f.*', from: 'feeds f', alias: 'f', orderBy: 'f.name' })).map(toFeed);
  }

  async get(viewer: Viewer, name: string): Promise<FeedStatus | undefined> {
    const rows = await this.reader.select<FeedRow>(viewer, { columns: 'f.*', from: 'feeds f', alias: 'f', where: ['f.name = @name'] }, { name });
    return rows[0] === undefined ? undefined : toFeed(rows[0]);
  }
}

function toFeed(r: FeedRow): FeedStatus {
  return feedFromRow(r, r.counters, pgReleasabilityOf(r));
}
