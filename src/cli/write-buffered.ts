import type { Writable } from 'node:stream';

export interface BufferedWriter {
  /** Queues text; synchronous for the caller. */
  write(s: string): void;
  /** Resolves once the stream has room again (await it between input batches). */
  drained(): Promise<void>;
  /** Flushes everything queued and waits for the stream to take it. */
  end(): Promise<void>;
}

/** Batches many small writes into ~64 KiB chunks and honours the stream's backpressure. */
export function writeBuffered(stream: Writable, chunkSize = 1 << 16): BufferedWriter {
  let buf: string[] = [];
  let size = 0;
  let waiting: Promise<void> | undefined;
  const flush = (): void => {
    if (size === 0) return;
    const data = buf.join('');
    buf = [];
    size = 0;
    if (!stream.write(data) && waiting === undefined) {
      waiting = new Promise((resolve) => stream.once('drain', () => {
        waiting = undefined;
        resolve();
      }));
    }
  };
  return {
    write(s) {
      buf.push(s);
      size += s.length;
      if (size >= chunkSize) flush();
    },
    drained: () => waiting ?? Promise.resolve(),
    async end() {
      flush();
      await (waiting ?? Promise.resolve());
    },
  };
}
