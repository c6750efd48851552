import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { EVENTS_STREAM, STREAM_SUBJECTS } from './partition.js';

/** JetStream's duplicate window of the events stream: a re-sent input within it is stored once. */
export const DUPLICATE_WINDOW_MS = 60 * 60_000;

/** Connects to NATS (`nats://host:port`, several comma-separated). */
export async function connectNats(url: string, name: string): Promise<NatsConnection> {
  const servers = url.split(',').map((s) => s.trim()).filter((s) => s !== '');
  // No async stack traces: the client would build two Error objects per publish and per ack, a third of the ingest's CPU.
  return connect({ servers, name, maxReconnectAttempts: -1, noAsyncTraces: true });
}

/** Creates the events stream if it does not exist (both ingest and worker call it; the first wins). */
export async function ensureEventsStream(nc: NatsConnection): Promise<JetStreamManager> {
  const jsm = await jetstreamManager(nc);
  try {
    await jsm.streams.info(EVENTS_STREAM);
  } catch {
    try {
      await jsm.streams.add({ name: EVENTS_STREAM, subjects: [...STREAM_SUBJECTS], duplicate_window: DUPLICATE_WINDOW_MS * 1_000_000 });
    } catch (e) {
      // Another process created it between our look-up and add.
      await jsm.streams.info(EVENTS_STREAM).catch(() => { throw e; });
    }
  }
  return jsm;
}
