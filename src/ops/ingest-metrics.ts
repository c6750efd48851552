import type { Registry } from 'prom-client';
import type { IngestPublisher } from '../stream/ingest-publisher.js';
import { byReason, mirrorCounter, mirrorGauge, processRegistry } from './metric-mirrors.js';

/**
 * The Prometheus metrics of `vigil ingest`, read at scrape time from the publisher's own feed
 * counters (the numbers its summary prints and its watermark carries). Feed metrics have the
 * names `vigil serve` uses, so one dashboard shows either; a late drop is `reason="late"`.
 */
export function ingestMetrics(publisher: IngestPublisher): Registry {
  const registry = processRegistry();
  const feeds = publisher.feeds;
  mirrorCounter(registry, 'vigil_feed_lines_total', 'Lines read from the feed', ['feed'], () => feeds.map((f) => [{ feed: f.name }, f.lines]));
  mirrorCounter(registry, 'vigil_feed_events_total', 'Events decoded from the feed (before the future-time and late checks)', ['feed'], () => feeds.map((f) => [{ feed: f.name }, f.events]));
  mirrorCounter(registry, 'vigil_feed_rejects_total', 'Lines or events rejected, by reason (reason="late": dropped by the feed\'s reorder buffer)', ['feed', 'reason'],
    () => feeds.flatMap((f) => byReason({ feed: f.name }, f.late > 0 ? { ...f.rejected, late: f.late } : f.rejected)));
  mirrorCounter(registry, 'vigil_ingest_published_total', 'Events handed to JetStream, per feed', ['feed'], () => feeds.map((f) => [{ feed: f.name }, f.published]));
  mirrorCounter(registry, 'vigil_ingest_publish_retries_total', 'Publishes (events and watermarks) sent again after a timeout or a lost connection', [], () => [[{}, publisher.counters.publishRetries]]);
  mirrorGauge(registry, 'vigil_ingest_pending_publishes', 'Publishes sent and not yet acknowledged by JetStream', [], () => [[{}, publisher.pendingPublishes]]);
  mirrorGauge(registry, 'vigil_ingest_feed_ended', 'The feed has ended (1) or runs (0)', ['feed'], () => feeds.map((f) => [{ feed: f.name }, f.ended ? 1 : 0]));
  mirrorGauge(registry, 'vigil_ingest_feed_released_time_seconds', 'Event time the feed has released up to (Unix seconds): its clock in the watermark', ['feed'], () => feeds.map((f) => [{ feed: f.name }, f.releasedMs === null ? NaN : f.releasedMs / 1000]));
  return registry;
}
