import { createSocket } from 'node:dgram';
import { kernelUdpDrops } from './udp-kernel-drops.js';

export interface UdpListenerOptions {
  port: number;
  host?: string;
  /** Datagrams held while the consumer is busy; beyond it the oldest are dropped and counted. */
  maxQueued?: number;
  /** Bytes held at most, likewise (default 32 MiB: a datagram may be 64 KiB). */
  maxQueuedBytes?: number;
  /** Running total of datagrams lost: dropped from the queue, plus those the kernel dropped for want of room in the socket's buffer (Linux). */
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
  // Held datagrams are queue[head…]; dropping the oldest moves `head` (no O(n) shift in a flood).
  let queue: string[] = [];
  let head = 0;
  let bytes = 0;
  const max = opts.maxQueued ?? 100_000;
  const maxBytes = opts.maxQueuedBytes ?? 32 * 1024 * 1024;
  let dropped = 0;
  let wake: (() => void) | undefined;
  socket.on('message', (msg) => {
    const text = msg.toString('latin1');
    const line = text.endsWith('\n') ? text : text + '\n';
    const before = dropped;
    while (queue.length - head > 0 && (queue.length - head >= max || bytes + line.length > maxBytes)) {
      bytes -= queue[head]!.length;
      head++;
      dropped++;
    }
    if (line.length > maxBytes) dropped++;
    else {
      queue.push(line);
      bytes += line.length;
    }
    if (dropped > before) opts.onDrop?.(dropped + kernel);
    wake?.();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(opts.port, opts.host ?? '0.0.0.0', () => resolve());
  });
  const bound = socket.address().port;
  opts.onListening?.(bound);
  // The kernel's own drops (receive buffer full while the event loop was busy) are counted too, once a second.
  const kernelAtStart = kernelUdpDrops(bound) ?? 0;
  let kernel = 0;
  const kernelTimer = setInterval(() => {
    const k = (kernelUdpDrops(bound) ?? kernelAtStart) - kernelAtStart;
    if (k > kernel) {
      kernel = k;
      opts.onDrop?.(dropped + kernel);
    }
  }, 1000);
  kernelTimer.unref();
  const stop = (): void => wake?.();
  signal.addEventListener('abort', stop, { once: true });
  try {
    while (!signal.aborted) {
      if (queue.length - head === 0) {
        await new Promise<void>((resolve) => { wake = resolve; });
        wake = undefined;
        continue;
      }
      const text = (head === 0 ? queue : queue.slice(head)).join('');
      queue = [];
      head = 0;
      bytes = 0;
      yield text;
    }
  } finally {
    signal.removeEventListener('abort', stop);
    clearInterval(kernelTimer);
    socket.close();
  }
}
