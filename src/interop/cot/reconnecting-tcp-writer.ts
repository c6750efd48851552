import { connect, type Socket } from 'node:net';
import { abortableSleep } from '../../ingest/abortable-sleep.js';

export interface TcpWriterOptions {
  host: string;
  port: number;
  /** Messages held while disconnected or while the socket pushes back; beyond it the oldest are dropped and counted. */
  maxQueued: number;
  /** First reconnect delay, ms; doubles after each failure up to `maxBackoffMs`, back to this after a connection. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  onStatus?: (status: TcpWriterStatus) => void;
}

export type TcpWriterStatus =
  | { state: 'connected'; host: string; port: number }
  | { state: 'disconnected'; reason: string; retryInMs: number };

export interface TcpWriterCounters {
  /** Messages handed to a connected socket. */
  sent: number;
  /** Messages dropped, oldest first, because the queue was full. */
  overflow: number;
  connects: number;
  /** Connection attempts that failed, and connections that broke. */
  failures: number;
}

/**
 * Default first reconnect delay: a TAK server restart takes seconds; 500 ms gets the first
 * retry in quickly without hammering a server that refuses.
 */
const DEFAULT_INITIAL_BACKOFF_MS = 500;
/** Retries settle at one every 30 s while a server stays away. */
const DEFAULT_MAX_BACKOFF_MS = 30_000;
/** On stop, what is queued may take this long to go out before the socket is closed. */
const STOP_FLUSH_MS = 2000;

/**
 * Streams messages to a TCP server (a TAK server's CoT input, or an ATAK device listening for
 * TCP CoT) for as long as it runs: connects, reconnects with exponential backoff, and holds a
 * bounded queue while disconnected — when full, the oldest message is dropped and counted
 * (house style C.13), because the newest state of a track is worth more than an old one.
 *
 * Messages are handed to the socket only while it takes them (`write()` true); after that
 * they wait in the queue for `drain`, so a slow server never makes memory grow beyond the
 * bound. Delivery is at most once for what the kernel had already accepted when a connection
 * broke (TCP gives no receipt); what was still queued goes out after reconnecting. Anything
 * the server sends back (TAK servers relay other clients' events) is read and discarded.
 *
 * @example
 * const w = new ReconnectingTcpWriter({ host: 'tak.example', port: 8087, maxQueued: 10_000 });
 * w.start();
 * w.write('<event …>…</event>\n');
 * await w.stop();
 */
export class ReconnectingTcpWriter {
  readonly counters: TcpWriterCounters = { sent: 0, overflow: 0, connects: 0, failures: 0 };
  /** Queue as an array with a head index: O(1) shift without copying on every message. */
  private queue: string[] = [];
  private head = 0;
  private socket: Socket | undefined;
  private writable = false;
  private readonly abort = new AbortController();
  private running: Promise<void> | undefined;

  constructor(private readonly o: TcpWriterOptions) {
    if (!(Number.isInteger(o.maxQueued) && o.maxQueued >= 1)) throw new Error(`maxQueued must be a whole number ≥ 1, got ${o.maxQueued}`);
  }

  /** Messages waiting to be sent. */
  get queued(): number {
    return this.queue.length - this.head;
  }

  /** True while a connection is up. */
  get connected(): boolean {
    return this.socket !== undefined;
  }

  /** Starts connecting; runs until `stop()`. */
  start(): void {
    if (this.running !== undefined) throw new Error('ReconnectingTcpWriter already started');
    this.running = this.run();
  }

  /** Queues one message (sent at once when connected and the socket takes it). */
  write(message: string): void {
    if (this.queued >= this.o.maxQueued) {
      this.head++;
      this.counters.overflow++;
    }
    this.queue.push(message);
    this.pump();
  }

  /** Sends what is queued (for up to 2 s when connected), then closes the connection. */
  async stop(): Promise<void> {
    const socket = this.socket;
    if (socket !== undefined && this.queued > 0) {
      const deadline = Date.now() + STOP_FLUSH_MS;
      while (this.queued > 0 && this.socket === socket && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    }
    this.abort.abort();
    if (this.socket !== undefined) {
      const s = this.socket;
      await new Promise<void>((resolve) => {
        s.once('close', () => resolve());
        s.end();
        setTimeout(() => { s.destroy(); resolve(); }, STOP_FLUSH_MS).unref();
      });
    }
    await this.running;
  }

  private pump(): void {
    const s = this.socket;
    while (s !== undefined && this.writable && this.head < this.queue.length) {
      const msg = this.queue[this.head]!;
      this.head++;
      this.counters.sent++;
      if (!s.write(msg)) this.writable = false;
    }
    // Compact the spent head now and then, so the array does not grow for ever.
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  private async run(): Promise<void> {
    const initial = this.o.initialBackoffMs ?? DEFAULT_INITIAL_BACKOFF_MS;
    const max = this.o.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS;
    const signal = this.abort.signal;
    let backoff = initial;
    while (!signal.aborted) {
      const socket = connect({ host: this.o.host, port: this.o.port });
      let reason = 'connection closed';
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.on('error', (err) => { reason = err.message; });
      const onAbort = (): void => { if (this.socket !== socket) socket.destroy(); };
      signal.addEventListener('abort', onAbort, { once: true });
      const up = await new Promise<boolean>((resolve) => {
        socket.once('connect', () => resolve(true));
        socket.once('close', () => resolve(false));
      });
      if (up) {
        socket.setNoDelay(true);
        socket.resume();
        socket.on('drain', () => { this.writable = true; this.pump(); });
        this.socket = socket;
        this.writable = true;
        this.counters.connects++;
        backoff = initial;
        this.o.onStatus?.({ state: 'connected', host: this.o.host, port: this.o.port });
        this.pump();
      }
      await closed;
      signal.removeEventListener('abort', onAbort);
      this.socket = undefined;
      this.writable = false;
      if (signal.aborted) return;
      this.counters.failures++;
      this.o.onStatus?.({ state: 'disconnected', reason, retryInMs: backoff });
      await abortableSleep(backoff, signal);
      backoff = Math.min(max, backoff * 2);
    }
  }
}
