import type { Registry } from 'prom-client';
import type { LivePipeline } from '../pipeline/live-pipeline.js';
import type { Store } from '../store/ports.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { checkReadiness, dataDirCheck, type Readiness, type WriteCheck } from './readiness.js';
import { serveMetrics } from './serve-metrics.js';

/** What the operations routes of `vigil serve` read: the metrics registry and the readiness check. */
export interface ServeOps {
  metrics: Registry;
  readiness(): Promise<Readiness>;
}

/** A write check over an SQLite store (see `SqliteStore.probeWrite`). */
function sqliteCheck(store: SqliteStore): WriteCheck {
  return {
    name: `database ${store.db.name}`,
    async check() {
      try {
        store.probeWrite();
        return undefined;
      } catch (e) {
        return (e as Error).message;
      }
    },
  };
}

/**
 * Builds the operations of one `vigil serve` process. Build it before the feeds start: the
 * alert and batch-latency metrics count the pipeline's events from then on. `stores`: every
 * store the process writes (the SQLite file, and the record store when it is another one);
 * SQLite stores get a rolled-back write probe, and `dataDir` a write-and-sync probe.
 */
export function serveOps(o: { pipeline: LivePipeline | undefined; records: Store; stores?: readonly Store[]; dataDir?: string }): ServeOps {
  const checks: WriteCheck[] = [];
  if (o.dataDir !== undefined) checks.push(dataDirCheck(o.dataDir));
  for (const s of new Set([o.records, ...(o.stores ?? [])])) if (s instanceof SqliteStore) checks.push(sqliteCheck(s));
  return {
    metrics: serveMetrics({ pipeline: o.pipeline, store: o.records }),
    readiness: () => checkReadiness({ checks, pipeline: o.pipeline }),
  };
}
