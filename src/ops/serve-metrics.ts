import { Counter, Histogram, type Registry } from 'prom-client';
import type { LivePipeline } from '../pipeline/live-pipeline.js';
import type { Store } from '../store/ports.js';
import { ageSeconds, byReason, mirrorCounter, mirrorGauge, processRegistry, type Sample } from './metric-mirrors.js';
import { feedHealth } from './readiness.js';

/** Batch commit latency buckets, seconds: a small batch commits in milliseconds, a 50,000-row one in a few hundred. */
const BATCH_SECONDS_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The Prometheus metrics of `vigil serve` (docs/operations.md). Feed counters are read at
 * scrape time from the live pipeline's own feed counters — the numbers `/api/feeds` shows —
 * and queue depths from the pipeline, the batch writer and the store's outbox; only what has
 * no counter elsewhere (alert transitions by rule, batch latency, pipeline errors) is counted
 * here, from the pipeline's events.
 */
export function serveMetrics(o: { pipeline: LivePipeline | undefined; store: Store; nowMs?: () => number }): Registry {
  const registry = processRegistry();
  const now = o.nowMs ?? Date.now;
  const p = o.pipeline;
  const feeds = (): NonNullable<typeof p>['feeds'] => p?.feeds ?? [];
  mirrorCounter(registry, 'vigil_feed_lines_total', 'Lines read from the feed', ['feed'], () => feeds().map((f) => [{ feed: f.config.name }, f.lines]));
  mirrorCounter(registry, 'vigil_feed_events_total', 'Events decoded from the feed (before the future-time and late checks)', ['feed'], () => feeds().map((f) => [{ feed: f.config.name }, f.events]));
  mirrorCounter(registry, 'vigil_feed_rejects_total', 'Lines or events rejected, by reason (reason="late": dropped by the event-time reorder buffer)', ['feed', 'reason'],
    () => feeds().flatMap((f) => byReason({ feed: f.config.name }, f.rejected)));
  mirrorGauge(registry, 'vigil_feed_state', 'The feed\'s state (1 for the current one): connected, idle or error', ['feed', 'state'], () => {
    const at = now();
    return feeds().map((f) => [{ feed: f.config.name, state: feedHealth(f, at) }, 1] as Sample<'feed' | 'state'>);
  });
  mirrorGauge(registry, 'vigil_feed_last_line_age_seconds', 'Seconds since the feed\'s last line', ['feed'], () => {
    const at = now();
    return feeds().map((f) => [{ feed: f.config.name }, ageSeconds(at, f.lastLineMs)]);
  });
  mirrorGauge(registry, 'vigil_queue_depth', 'Items waiting: reorder (events in the event-time buffer), store-pending and store-in-flight (batch writer rows), quarantine (rejected lines), outbox (alert messages to deliver)', ['queue'], async () => {
    const out: Sample<'queue'>[] = [[{ queue: 'outbox' }, (await o.store.outbox.stats()).queued]];
    if (p !== undefined) {
      const s = p.opsState();
      out.push([{ queue: 'reorder' }, s.reorderBuffered], [{ queue: 'store-pending' }, s.storePendingRows], [{ queue: 'store-in-flight' }, s.storeInFlightRows], [{ queue: 'quarantine' }, s.quarantineQueued]);
    }
    return out;
  });
  mirrorCounter(registry, 'vigil_outbox_dropped_total', 'Outbox messages dropped at the outbox bound (the alerts stay stored)', [], async () => [[{}, (await o.store.outbox.stats()).dropped]]);
  mirrorGauge(registry, 'vigil_event_time_lag_seconds', 'Wall clock minus the event time of the last event released into the engine', [], () => {
    const t = p?.opsState().eventTimeMs;
    return [[{}, ageSeconds(now(), t)]];
  });
  mirrorGauge(registry, 'vigil_alerts_open', 'Alerts open in the engine', [], () => (p === undefined ? [] : [[{}, p.engine.counters.alertsOpened - p.engine.counters.alertsClosed]]));
  mirrorGauge(registry, 'vigil_store_write_failing', 'Periodic store writes failing now (1), by what: store-flush, feed-status', ['what'], () => (p?.opsState().storeFailures ?? []).map((f) => [{ what: f.what.replace(' ', '-') }, 1]));
  if (p !== undefined) {
    const alerts = new Counter({ name: 'vigil_alerts_total', help: 'Alert transitions written since start, by rule and status (open, closed)', labelNames: ['rule', 'status'], registers: [registry] });
    const batch = new Histogram({ name: 'vigil_store_batch_seconds', help: 'Time for the batch writer to commit what it held (one flush)', buckets: BATCH_SECONDS_BUCKETS, registers: [registry] });
    const errors = new Counter({ name: 'vigil_pipeline_errors_total', help: 'Store writes of the pipeline that failed (each is logged)', registers: [registry] });
    p.on('alert', (e) => alerts.inc({ rule: e.alert.rule, status: e.status }));
    p.on('flushed', (f) => batch.observe(f.ms / 1000));
    p.on('error', () => errors.inc());
  }
  return registry;
}
