import { createSocket } from 'node:dgram';

export interface UdpListenerOptions {
  port: number;
  host?: string;
  /** Datagrams held while the consumer is busy; beyond it the oldest are dropped and counted. */
  maxQueued?: number;
  onDrop?: (dropped: number) => void;
  onListening?: (port: number) => void;
}

/**
 * Receives datagrams (AIS receivers commonly forward NMEA over UDP, one or more sentences per
 * datagram) and yields them as text chunks, each ending in a newline so line splitting
 * never joins two datagrams. UDP has no backpressure: the queue is bounded and overflow
 * is counted, never silent.
 */
export async function* udpChunks(opts: UdpListenerOptions, signal: AbortSignal): AsyncGenerator<string> {
  const socket = createSocket({ type: 'udp4', reuseAddr: true });
  const queue: string[] = [];
  const max = opts.maxQueued ?? 100_000;
  let dropped = 0;
  let wake: (() => void) | undefined;
  socket.on('message', (msg) => {
    if (queue.length >= max) {
      queue.shift();
      dropped++;
      opts.onDrop?.(dropped);
    }
    const text = msg.toString('latin1');
    queue.push(text.endsWith('\n') ? text : text + '\n');
    wake?.();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(opts.port, opts.host ?? '0.0.0.0', () => resolve());
  });
  opts.onListening?.(socket.address().port);
  const stop = (): void => wake?.();
  signal.addEventListener('abort', stop, { once: true });
  try {
    while (!signal.aborted) {
      if (queue.length === 0) {
        await new Promise<void>((resolve) => { wake = resolve; });
        wake = undefined;
        continue;
      }
      yield queue.splice(0, queue.length).join('');
    }
  } finally {
    signal.removeEventListener('abort', stop);
    socket.close();
  }
}
