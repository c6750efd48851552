import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Notifier, NotificationMessage } from './notifier.js';
import { isLocalHost, refuseLocalAddresses } from './webhook-address.js';

/** Per-request timeout of a webhook POST: 5 s (a receiver that slow is treated as down). */
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 5_000;
/**
 * Attempts before a message is given up: with a 1 s base doubling to a 10 min cap, 10 attempts
 * span about 17 minutes — long enough to ride out a receiver restart, short enough that an
 * alert is not delivered hours late as if it were news.
 */
export const DEFAULT_WEBHOOK_MAX_ATTEMPTS = 10;
export const DEFAULT_WEBHOOK_BASE_BACKOFF_MS = 1_000;
export const DEFAULT_WEBHOOK_MAX_BACKOFF_MS = 10 * 60_000;
/** Messages claimed per run; they are POSTed concurrently. */
export const DEFAULT_WEBHOOK_BATCH = 32;

/** Options of `WebhookDelivery`. */
export interface WebhookDeliveryOptions {
  /** Deliver to local and private addresses too: tests and closed lab networks only. */
  allowLocal?: boolean;
  /** DNS lookup (injected by tests); local and private answers are refused unless `allowLocal`. */
  lookup?: LookupFunction;
  nowMs?: () => number;
  timeoutMs?: number;
  maxAttempts?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  batch?: number;
}

/** What one `runOnce` did. */
export interface DeliveryRun {
  delivered: number;
  retried: number;
  failed: number;
}

/**
 * Delay before attempt `attempts + 1` after `attempts` failed ones: `base · 2^(attempts−1)`,
 * capped (ms). Deterministic (no jitter): a coalition has few webhook receivers, not a herd.
 * @example webhookBackoffMs(3, 1000, 600000) // 4000
 */
export function webhookBackoffMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * Drains the notifier's webhook messages (STYLE rule 16): claims due messages (leased past
 * the request timeout, so a crashed worker's messages come back), POSTs each as JSON with a
 * 5 s timeout, removes what a receiver accepted (2xx), and re-queues the rest with
 * exponential backoff until `maxAttempts`, after which a message is kept as `failed`.
 * Redirects are not followed (a receiver must give its final URL). A URL whose host is, or
 * resolves to, a local or private address is refused (SSRF), checked on the addresses the
 * connection uses.
 * @example const worker = new WebhookDelivery(notifier); worker.start(1000); … await worker.stop();
 */
export class WebhookDelivery {
  private readonly allowLocal: boolean;
  private readonly lookup: LookupFunction | undefined;
  private readonly nowMs: () => number;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly baseBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly batch: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly notifier: Notifier, options: WebhookDeliveryOptions = {}) {
    this.allowLocal = options.allowLocal === true;
    this.lookup = this.allowLocal ? options.lookup : refuseLocalAddresses(options.lookup);
    this.nowMs = options.nowMs ?? Date.now;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
    this.maxAttempts = options.maxAttempts ?? DEFAULT_WEBHOOK_MAX_ATTEMPTS;
    this.baseBackoffMs = options.baseBackoffMs ?? DEFAULT_WEBHOOK_BASE_BACKOFF_MS;
    this.maxBackoffMs = options.maxBackoffMs ?? DEFAULT_WEBHOOK_MAX_BACKOFF_MS;
    this.batch = options.batch ?? DEFAULT_WEBHOOK_BATCH;
  }

  /** Claims one batch of due messages and attempts each once. */
  async runOnce(): Promise<DeliveryRun> {
    const now = this.nowMs();
    const messages = this.notifier.claimWebhooks(this.batch, now, this.timeoutMs * 2);
    const run: DeliveryRun = { delivered: 0, retried: 0, failed: 0 };
    await Promise.all(messages.map(async (m) => {
      const error = await this.post(m);
      if (error === null) {
        this.notifier.delivered(m.id);
        run.delivered++;
      } else if (m.attempts >= this.maxAttempts) {
        this.notifier.failed(m.id, `${error} (gave up after ${m.attempts} attempts)`);
        run.failed++;
      } else {
        this.notifier.retry(m.id, this.nowMs() + webhookBackoffMs(m.attempts, this.baseBackoffMs, this.maxBackoffMs), error);
        run.retried++;
      }
    }));
    return run;
  }

  /** Runs every `intervalMs` (one run at a time) until `stop()`. */
  start(intervalMs = 1_000): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => {
      this.running = this.running.then(() => this.runOnce()).catch(() => undefined);
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for the run in progress. */
  async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** POSTs one message; null on a 2xx answer, else why not. */
  private post(m: NotificationMessage): Promise<string | null> {
    if (m.webhookUrl === null) return Promise.resolve('no webhook URL');
    let url: URL;
    try {
      url = new URL(m.webhookUrl);
    } catch {
      return Promise.resolve('not a URL');
    }
    if (!this.allowLocal && isLocalHost(url.hostname)) return Promise.resolve(`${url.hostname} is a local or private address`);
    const body = JSON.stringify(m.payload);
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve) => {
      let settled = false;
      const settle = (why: string | null): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(why);
      };
      const req = request(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'vigil-webhook/1', 'x-vigil-message-id': String(m.id),
        },
        ...(this.lookup !== undefined ? { lookup: this.lookup } : {}),
      }, (res) => {
        const status = res.statusCode ?? 0;
        // Drain the body so the connection can be reused.
        res.resume();
        res.on('end', () => settle(status >= 200 && status < 300 ? null : `HTTP ${status}`));
        res.on('error', (err) => settle(`${err.name}: ${err.message}`));
      });
      const timer = setTimeout(() => {
        settle(`timed out after ${this.timeoutMs} ms`);
        req.destroy();
      }, this.timeoutMs);
      req.on('error', (err) => settle(`${err.name}: ${err.message}`));
      req.end(body);
    });
  }
}
