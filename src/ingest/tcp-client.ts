import { connect, type Socket } from 'node:net';
import { abortableSleep } from './abortable-sleep.js';

export interface TcpClientOptions {
  host: string;
  port: number;
  /** First reconnect delay, ms; doubles after each failure up to `maxBackoffMs`. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Drop the connection when nothing arrives for this long (a silent receiver), ms. */
  idleTimeoutMs?: number;
  /** Called on each connect, disconnect and retry, for the feed's status. */
  onStatus?: (status: TcpStatus) => void;
}

export type TcpStatus =
  | { state: 'connected'; host: string; port: number }
  | { state: 'disconnected'; reason: string; retryInMs: number };

/**
 * Reads a line-oriented TCP feed (AIS from a receiver or aggregator, SBS-1 on port 30003)
 * forever: reconnects with exponential backoff (reset after a successful connection) and
 * yields raw chunks. Ends only when `signal` aborts. Chunks are pulled, so a slow consumer
 * pauses the socket (backpressure) instead of buffering without bound.
 */
export async function* tcpChunks(opts: TcpClientOptions, signal: AbortSignal): AsyncGenerator<Buffer> {
  const initial = opts.initialBackoffMs ?? 500;
  const max = opts.maxBackoffMs ?? 60_000;
  let backoff = initial;
  while (!signal.aborted) {
    let socket: Socket | undefined;
    let reason = 'connection closed';
    try {
      socket = connect({ host: opts.host, port: opts.port });
      socket.setTimeout(opts.idleTimeoutMs ?? 120_000, () => socket?.destroy(new Error('idle timeout')));
      const onAbort = (): void => { socket?.destroy(); };
      signal.addEventListener('abort', onAbort, { once: true });
      await new Promise<void>((resolve, reject) => {
        socket!.once('connect', resolve);
        socket!.once('error', reject);
      });
      opts.onStatus?.({ state: 'connected', host: opts.host, port: opts.port });
      backoff = initial;
      for await (const chunk of socket) yield chunk as Buffer;
      signal.removeEventListener('abort', onAbort);
    } catch (err) {
      reason = (err as Error).message;
    } finally {
      socket?.destroy();
    }
    if (signal.aborted) return;
    opts.onStatus?.({ state: 'disconnected', reason, retryInMs: backoff });
    await abortableSleep(backoff, signal);
    backoff = Math.min(max, backoff * 2);
  }
}
