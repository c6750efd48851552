import type { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, type ConsumerInfo } from '@nats-io/jetstream';
import type { Registry } from 'prom-client';
import type { PartitionWorker } from '../stream/partition-worker.js';
import { EVENTS_STREAM } from '../stream/partition.js';
import { SYSTEM_VIEWER, type Store } from '../store/ports.js';
import { ageSeconds, mirrorCounter, mirrorGauge, processRegistry } from './metric-mirrors.js';

/**
 * The Prometheus metrics of `vigil worker`: its own counters (the numbers its summary prints),
 * its lag from its JetStream consumer (messages of the partition not yet delivered, and
 * delivered but not yet acknowledged: a pull is acked after its commit), and the age of the
 * checkpoint as the store holds it (the feed-status row `worker-K-of-N`), so a worker that
 * stopped committing shows an ageing checkpoint whatever it believes.
 */
export function workerMetrics(o: { worker: PartitionWorker; nc: NatsConnection; store: Store; partition: number; partitions: number; nowMs?: () => number }): Registry {
  const registry = processRegistry();
  const now = o.nowMs ?? Date.now;
  const labels = { partition: `${o.partition}/${o.partitions}` };
  const c = o.worker.counters;
  const counter = (name: string, help: string, read: () => number): void => {
    mirrorCounter(registry, name, help, ['partition'], () => [[labels, read()]]);
  };
  counter('vigil_worker_messages_total', 'Event messages read from the partition', () => c.messages);
  counter('vigil_worker_events_total', 'Events taken into the reorder buffer (replayed ones included)', () => c.events);
  counter('vigil_worker_replayed_total', 'Events run through the engine again after a restart, not written again', () => c.replayed);
  counter('vigil_worker_skipped_total', 'Events before the checkpoint\'s replay point, skipped after a restart', () => c.skipped);
  counter('vigil_worker_late_total', 'Events dropped as late (older than what was released)', () => c.late);
  counter('vigil_worker_bad_messages_total', 'Unreadable event or watermark messages', () => c.badMessages);
  counter('vigil_worker_lost_fetches_total', 'Fetches that lost the server\'s heartbeats (a stalled server or a starved process), resumed after the last message read', () => c.lostFetches);
  counter('vigil_worker_alert_writes_total', 'Alert states written to the store', () => c.alerts);
  let jsm: Awaited<ReturnType<typeof jetstreamManager>> | undefined;
  const consumer = async (): Promise<ConsumerInfo | undefined> => {
    try {
      jsm ??= await jetstreamManager(o.nc);
      return await jsm.consumers.info(EVENTS_STREAM, o.worker.durableName);
    } catch {
      return undefined; // not created yet, or NATS unreachable: no sample
    }
  };
  mirrorGauge(registry, 'vigil_worker_lag_messages', 'Messages of the partition not yet delivered (pending) and delivered but not yet acknowledged (ack-pending)', ['partition', 'state'], async () => {
    const info = await consumer();
    return info === undefined ? [] : [[{ ...labels, state: 'pending' }, info.num_pending], [{ ...labels, state: 'ack-pending' }, info.num_ack_pending]];
  });
  mirrorGauge(registry, 'vigil_worker_checkpoint_age_seconds', 'Seconds since the worker last wrote its checkpoint to the store', ['partition'], async () => {
    const row = await o.store.feeds.get(SYSTEM_VIEWER, o.worker.name).catch(() => undefined);
    return [[labels, ageSeconds(now(), row?.updatedMs)]];
  });
  return registry;
}
