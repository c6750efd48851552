import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import type { EventEmitter } from 'node:events';
import { isIP } from 'node:net';
import type { OutputConfig } from '../../config/serve-config.js';
import type { PipelineEvents } from '../../pipeline/live-pipeline.js';
import { releasableTo } from '../../store/marking.js';
import type { TrackRecord } from '../../store/ports.js';
import { alertToCot, trackToCot, type AlertCotOptions } from './cot-event.js';
import { ReconnectingTcpWriter, type TcpWriterStatus } from './reconnecting-tcp-writer.js';

type AlertEvent = PipelineEvents['alert'][0];

/** What an output did, for logs and tests. */
export interface CotOutputStats {
  name: string;
  kind: OutputConfig['kind'];
  state: 'starting' | 'connected' | 'disconnected' | 'sending' | 'stopped';
  detail: string | undefined;
  /** Records not releasable to the output's nation: never serialised, never queued. */
  withheld: number;
  /** Records left out by the output's filter. */
  filtered: number;
  /** Events handed to the socket (TCP) or sent as datagrams (UDP). */
  sent: number;
  /** Events dropped, oldest first, while the TCP queue was full. */
  overflow: number;
  /** Events waiting for the TCP connection. */
  queued: number;
  /** Records that could not be written as CoT, and UDP sends that failed. */
  errors: number;
}

export interface CotOutputOptions {
  /** TCP reconnect backoff, ms (defaults: 500 ms doubling to 30 s). */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Connection changes (TCP), for the log. */
  onStatus?: (status: TcpWriterStatus) => void;
}

/**
 * A Cursor on Target output of `vigil serve` (issue 13): subscribes to the live pipeline's
 * `tracks` and `alert` events and streams each record as one CoT `<event>` — over TCP to a
 * TAK server's streaming input or an ATAK device (newline after each event, no XML
 * declaration; reconnecting, bounded queue, see `ReconnectingTcpWriter`), or as one UDP
 * datagram per event (TAK's and ATAK's UDP CoT inputs).
 *
 * What a nation may not see never leaves: a record is checked with `releasableTo(marking,
 * originator, config.nation)` before it is serialised or queued, and counted as `withheld`
 * when it fails. The output's own `marking` is only a stamp in the remarks; it never widens
 * what is sent.
 *
 * @example
 * const out = new CotOutput({ name: 'tak-gbr', kind: 'cot-tcp', host: '10.0.0.9', port: 8087, nation: 'GBR', … });
 * out.start();
 * const detach = out.attach(pipeline);
 * // … later
 * detach();
 * await out.stop();
 */
export class CotOutput {
  private readonly tcp: ReconnectingTcpWriter | undefined;
  private udp: UdpSocket | undefined;
  private readonly eventOptions: AlertCotOptions;
  private readonly counts = { withheld: 0, filtered: 0, sent: 0, errors: 0 };
  private state: CotOutputStats['state'] = 'starting';
  private detail: string | undefined;
  private udpPending = 0;
  private udpIdle: (() => void) | undefined;

  constructor(readonly config: OutputConfig, opts: CotOutputOptions = {}) {
    this.eventOptions = {
      staleSeconds: config.staleSeconds, alertStaleSeconds: config.alertStaleSeconds, alertType: config.alertType,
      marking: config.marking, ownFlags: config.ownFlags,
    };
    if (config.kind === 'cot-tcp') {
      this.tcp = new ReconnectingTcpWriter({
        host: config.host, port: config.port, maxQueued: config.queue,
        ...(opts.initialBackoffMs !== undefined ? { initialBackoffMs: opts.initialBackoffMs } : {}),
        ...(opts.maxBackoffMs !== undefined ? { maxBackoffMs: opts.maxBackoffMs } : {}),
        onStatus: (s) => {
          this.state = s.state;
          this.detail = s.state === 'connected' ? `${s.host}:${s.port}` : `${s.reason}; retry in ${s.retryInMs} ms`;
          opts.onStatus?.(s);
        },
      });
    }
  }

  /** Opens the connection (TCP) or the socket (UDP). */
  start(): void {
    if (this.tcp !== undefined) {
      this.tcp.start();
      return;
    }
    const socket = createSocket(isIP(this.config.host) === 6 ? 'udp6' : 'udp4');
    socket.on('error', (err) => {
      this.counts.errors++;
      this.detail = err.message;
    });
    socket.unref();
    this.udp = socket;
    this.state = 'sending';
    this.detail = `${this.config.host}:${this.config.port}`;
  }

  /** Subscribes to a pipeline's `tracks` and `alert` events; returns the unsubscribe function. */
  attach(source: EventEmitter<PipelineEvents>): () => void {
    const onTracks = (records: TrackRecord[]): void => this.offerTracks(records);
    const onAlert = (e: AlertEvent): void => this.offerAlert(e);
    source.on('tracks', onTracks);
    source.on('alert', onAlert);
    return () => {
      source.off('tracks', onTracks);
      source.off('alert', onAlert);
    };
  }

  /** Sends the tracks releasable to the output's nation that pass its filter. */
  offerTracks(records: readonly TrackRecord[]): void {
    const f = this.config.filter;
    for (const rec of records) {
      if (!releasableTo(rec.marking, rec.originator, this.config.nation)) {
        this.counts.withheld++;
        continue;
      }
      if (!f.tracks || (f.kinds !== undefined && !f.kinds.includes(rec.kind)) || (f.parties !== undefined && (rec.party === undefined || !f.parties.includes(rec.party)))) {
        this.counts.filtered++;
        continue;
      }
      let xml: string;
      try {
        xml = trackToCot(rec, this.eventOptions);
      } catch {
        this.counts.errors++;
        continue;
      }
      this.send(xml);
    }
  }

  /** Sends an alert (opened or closed) when releasable to the output's nation and passing its filter. */
  offerAlert(e: AlertEvent): void {
    if (!releasableTo(e.marking, e.originator, this.config.nation)) {
      this.counts.withheld++;
      return;
    }
    const f = this.config.filter;
    const a = e.alert;
    const parties = [a.entity.party, a.other?.party];
    if (!f.alerts || (f.kinds !== undefined && !f.kinds.includes(a.entity.kind)) || (f.parties !== undefined && !parties.some((p) => p !== undefined && f.parties!.includes(p)))) {
      this.counts.filtered++;
      return;
    }
    let xml: string;
    try {
      xml = alertToCot(a, e.status, { originator: e.originator, marking: e.marking }, this.eventOptions);
    } catch {
      this.counts.errors++;
      return;
    }
    this.send(xml);
  }

  private send(xml: string): void {
    if (this.tcp !== undefined) {
      this.tcp.write(xml + '\n');
      return;
    }
    if (this.udp === undefined) throw new Error(`CoT output ${this.config.name}: call start() before sending`);
    this.udpPending++;
    this.udp.send(xml, this.config.port, this.config.host, (err) => {
      this.udpPending--;
      if (err) {
        this.counts.errors++;
        this.detail = err.message;
      } else {
        this.counts.sent++;
      }
      if (this.udpPending === 0) this.udpIdle?.();
    });
  }

  stats(): CotOutputStats {
    return {
      name: this.config.name, kind: this.config.kind, state: this.state, detail: this.detail,
      withheld: this.counts.withheld, filtered: this.counts.filtered,
      sent: this.tcp?.counters.sent ?? this.counts.sent, overflow: this.tcp?.counters.overflow ?? 0, queued: this.tcp?.queued ?? 0,
      errors: this.counts.errors,
    };
  }

  /** Sends what is queued (TCP: for up to 2 s) and closes. */
  async stop(): Promise<void> {
    if (this.tcp !== undefined) await this.tcp.stop();
    if (this.udp !== undefined) {
      if (this.udpPending > 0) await new Promise<void>((resolve) => { this.udpIdle = resolve; setTimeout(resolve, 2000).unref(); });
      const s = this.udp;
      await new Promise<void>((resolve) => s.close(() => resolve()));
      this.udp = undefined;
    }
    this.state = 'stopped';
  }
}
