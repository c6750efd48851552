import type { Notifier } from '../cases/notifier.js';
import type { StoredAlert, Store } from '../store/ports.js';

/**
 * Drains the store's alert outbox (written in the same transaction as each alert change) into
 * the notifier, which fans new alerts out to subscribers whose nation may see them; webhooks
 * then go out through WebhookDelivery. A failed hand-over re-queues the message with backoff
 * (STYLE rule 16: the unsent tail is never lost).
 */
export class AlertOutboxWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly store: Store, private readonly notifier: Notifier, private readonly batch = 200) {}

  /** Hands over up to one batch; returns how many messages were handled. */
  async runOnce(): Promise<number> {
    const messages = await this.store.outbox.claim(this.batch);
    const done: number[] = [];
    for (const m of messages) {
      try {
        if (m.topic === 'alert') await this.notifier.notify(m.payload as StoredAlert);
        done.push(m.id);
      } catch {
        await this.store.outbox.retry(m.id, Date.now() + Math.min(600_000, 1000 * 2 ** Math.min(m.attempts, 10)));
      }
    }
    if (done.length > 0) await this.store.outbox.ack(done);
    return messages.length;
  }

  start(intervalMs = 1000): void {
    this.timer = setInterval(() => {
      if (this.running === undefined) this.running = this.runOnce().then(() => undefined, () => undefined).finally(() => { this.running = undefined; });
    }, intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    await this.running;
  }
}
