import type { Writable } from 'node:stream';
import type { ByteSink } from '../decode/ais/to-spec-json.js';

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

/** A `ByteSink` over a stream: `end()` flushes what is written. */
export interface BufferedByteWriter extends ByteSink {
  /** Resolves once the stream has room again (await it between input batches). */
  drained(): Promise<void>;
  /** Flushes everything written and waits for the stream to take it. */
  end(): Promise<void>;
}

/**
 * Bytes written straight into ~256 KiB buffers, each handed to the stream whole when full (the
 * stream keeps it until written, so the next one is new); honours the stream's backpressure.
 * For output built byte by byte (`writeSpecJson`), which then needs no string and no encoding.
 */
export function writeBufferedBytes(stream: Writable, chunkSize = 1 << 18): BufferedByteWriter {
  let waiting: Promise<void> | undefined;
  const flush = (w: BufferedByteWriter, room: number): void => {
    if (w.pos > 0 && !stream.write(w.buf.subarray(0, w.pos)) && waiting === undefined) {
      waiting = new Promise((resolve) => stream.once('drain', () => {
        waiting = undefined;
        resolve();
      }));
    }
    w.buf = Buffer.allocUnsafe(Math.max(chunkSize, room));
    w.pos = 0;
  };
  return {
    buf: Buffer.allocUnsafe(chunkSize),
    pos: 0,
    reserve(bytes) {
      if (this.pos + bytes > this.buf.length) flush(this, bytes);
    },
    drained: () => waiting ?? Promise.resolve(),
    async end() {
      flush(this, 0);
      await (waiting ?? Promise.resolve());
    },
  };
}
