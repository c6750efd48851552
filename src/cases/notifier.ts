import type { AuditLog } from '../access/ports.js';
import { isLocalHost } from './webhook-address.js';
import { AccessError } from '../access/ports.js';
import { can, type Principal } from '../access/roles.js';
import { SEVERITIES, type Severity } from '../core/agreement/schema.js';
import { decodeCursor } from '../store/cursor.js';
import { releasableTo } from '../store/marking.js';
import type { Page, PageQuery, Releasability, StoredAlert } from '../store/ports.js';
import { toPage } from '../store/sqlite/paging.js';
import { markingColumns, pageLimit, type ReleasabilityRow, releasabilityOf, SqlReader, SqlWriter } from '../store/sqlite/sql-reader.js';
import type { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { CaseReader } from './case-reader.js';

/**
 * Messages kept per user (inbox and undelivered webhook messages together); beyond it the
 * oldest are dropped. A user gets a handful of high-severity alerts a day; 1,000 is weeks of
 * a webhook being down, and the alerts themselves stay in the store.
 */
export const DEFAULT_MESSAGES_PER_USER = 1_000;
const MAX_URL_CHARS = 2048;

/** A user's subscription to alert notifications. */
export interface Subscription {
  userId: number;
  username: string;
  /** ISO 3166-1 alpha-3: only alerts releasable to it are sent. */
  nation: string;
  /** Alerts of this severity or higher (`high` > `medium` > `low`). */
  minSeverity: Severity;
  /** POST target (http/https), or null: messages wait in the user's inbox. */
  webhookUrl: string | null;
  createdMs: number;
}

/** One notification: an alert for one subscriber, with the alert's releasability. */
export interface NotificationMessage extends Releasability {
  id: number;
  userId: number;
  alertId: string;
  webhookUrl: string | null;
  /** What a webhook receives as its JSON body. */
  payload: NotificationPayload;
  createdMs: number;
  /** Delivery attempts so far (claims). */
  attempts: number;
  nextAttemptMs: number;
  state: 'queued' | 'failed';
  lastError: string | null;
}

/** The JSON body POSTed to a webhook. */
export interface NotificationPayload {
  type: 'alert';
  subscriber: { userId: number; username: string };
  alert: StoredAlert['alert'];
  originator: string;
  marking: StoredAlert['marking'];
}

interface SubscriberRow {
  user_id: number;
  username: string;
  nation: string;
  min_severity: string;
  webhook_url: string | null;
  created_ms: number;
}

interface MessageRow extends ReleasabilityRow {
  id: number;
  user_id: number;
  webhook_url: string | null;
  alert_id: string;
  payload: string;
  created_ms: number;
  attempts: number;
  next_attempt_ms: number;
  state: string;
  last_error: string | null;
}

/** Options of `Notifier`. */
export interface NotifierOptions {
  store: SqliteStore;
  /** Subscription changes are audited. */
  audit: AuditLog;
  nowMs?: () => number;
  messagesPerUser?: number;
  /** Accept http and local/private addresses for webhooks: tests and closed lab networks only. */
  allowLocalWebhooks?: boolean;
}

/**
 * Notifications of new alerts to subscribed users (issue 5, item 3). `notify` writes, in one
 * transaction, one outbox message per subscriber whose minimum severity the alert meets and
 * to whose nation the alert is releasable; an alert is announced once (later updates of the
 * same alert are not new). Webhook messages are drained by `WebhookDelivery`; messages of
 * subscribers without a webhook wait in their inbox (for the console or the live stream).
 * @example
 * const n = new Notifier({ store, audit });
 * await n.subscribe(principal, { minSeverity: 'high', webhookUrl: 'https://ops.example/hook' });
 * await n.notify(storedAlert); // 1
 */
export class Notifier {
  private readonly reader: CaseReader;
  private readonly writer: SqlWriter;
  private readonly nowMs: () => number;
  private readonly perUser: number;

  constructor(private readonly options: NotifierOptions) {
    this.reader = new CaseReader(new SqlReader(options.store.db));
    this.writer = new SqlWriter(options.store.db);
    this.nowMs = options.nowMs ?? Date.now;
    this.perUser = options.messagesPerUser ?? DEFAULT_MESSAGES_PER_USER;
  }

  /** Subscribes the principal (or replaces their subscription). Needs `read`. */
  async subscribe(p: Principal, input: { minSeverity?: Severity; webhookUrl?: string | null } = {}): Promise<Subscription> {
    if (!can(p, 'read')) throw new AccessError('forbidden', `${p.username} may not read alerts`);
    const minSeverity = input.minSeverity ?? 'high';
    if (!(SEVERITIES as readonly string[]).includes(minSeverity)) throw new AccessError('invalid', `minSeverity: must be one of ${SEVERITIES.join(', ')}`);
    const webhookUrl = input.webhookUrl ?? null;
    if (webhookUrl !== null) checkWebhookUrl(webhookUrl, this.options.allowLocalWebhooks === true);
    const now = this.nowMs();
    this.writer.statement(`INSERT INTO notification_subscribers (user_id, username, nation, min_severity, webhook_url, created_ms)
      VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET username = excluded.username, nation = excluded.nation,
      min_severity = excluded.min_severity, webhook_url = excluded.webhook_url`)
      .run(p.userId, p.username, p.nation, minSeverity, webhookUrl, now);
    await this.options.audit.append({
      actor: actorOf(p), nation: p.nation, action: 'notification.subscribe', target: `user:${p.username}`,
      details: { minSeverity, webhook: webhookUrl === null ? null : new URL(webhookUrl).origin },
    });
    return (await this.subscription(p)) as Subscription;
  }

  /** Ends the principal's subscription and drops their undelivered messages. */
  async unsubscribe(p: Principal): Promise<void> {
    const changed = this.options.store.db.transaction(() => {
      const n = this.writer.statement('DELETE FROM notification_subscribers WHERE user_id = ?').run(p.userId).changes;
      this.writer.statement('DELETE FROM notification_outbox WHERE user_id = ?').run(p.userId);
      return n;
    })();
    if (changed > 0) {
      await this.options.audit.append({ actor: actorOf(p), nation: p.nation, action: 'notification.unsubscribe', target: `user:${p.username}` });
    }
  }

  /** The principal's own subscription. */
  async subscription(p: Principal): Promise<Subscription | undefined> {
    const row = this.writer.statement('SELECT /* own row */ * FROM notification_subscribers WHERE user_id = ?').get(p.userId) as SubscriberRow | undefined;
    return row === undefined ? undefined : toSubscription(row);
  }

  /**
   * Queues the alert for every subscriber it concerns; returns the number of messages written
   * (0 when the alert was announced before). Meant to be called for each alert the engine
   * writes (the store's `alert` outbox): only its first sighting counts.
   */
  async notify(stored: StoredAlert): Promise<number> {
    const now = this.nowMs();
    const rank = SEVERITIES.indexOf(stored.alert.severity);
    return this.options.store.db.transaction(() => {
      const seen = this.writer.statement('INSERT OR IGNORE INTO notified_alerts (alert_id, notified_ms) VALUES (?, ?)').run(stored.alert.id, now);
      if (seen.changes === 0) return 0;
      // Fan-out is the system's own work, so it reads every subscriber; each is then checked
      // against the alert's releasability before anything is written for them.
      const subs = this.writer.statement('SELECT /* write path */ * FROM notification_subscribers ORDER BY user_id').all() as SubscriberRow[];
      const m = markingColumns(stored);
      const insert = this.writer.statement(`INSERT INTO notification_outbox (user_id, webhook_url, alert_id, payload, created_ms, attempts,
          next_attempt_ms, state, originator, marking, releasable_to) VALUES (?, ?, ?, ?, ?, 0, ?, 'queued', ?, ?, ?)`);
      const trim = this.writer.statement(`DELETE FROM notification_outbox WHERE user_id = ? AND id NOT IN
          (SELECT /* write path */ id FROM notification_outbox WHERE user_id = ? ORDER BY id DESC LIMIT ?)`);
      let written = 0;
      for (const s of subs) {
        if (rank > SEVERITIES.indexOf(s.min_severity as Severity)) continue;
        if (!releasableTo(stored.marking, stored.originator, s.nation)) continue;
        const payload: NotificationPayload = {
          type: 'alert', subscriber: { userId: s.user_id, username: s.username }, alert: stored.alert,
          originator: stored.originator, marking: stored.marking,
        };
        insert.run(s.user_id, s.webhook_url, stored.alert.id, JSON.stringify(payload), now, now, m.originator, m.marking, m.releasableTo);
        trim.run(s.user_id, s.user_id, this.perUser);
        written++;
      }
      return written;
    })();
  }

  /** The principal's inbox (messages for subscribers without a webhook), oldest first, releasability-filtered. */
  async inbox(p: Principal, q: PageQuery = {}): Promise<Page<NotificationMessage>> {
    if (!can(p, 'read')) throw new AccessError('forbidden', `${p.username} may not read alerts`);
    let limit: number;
    try { limit = pageLimit(q.limit); } catch { throw new AccessError('invalid', 'limit: must be a positive integer'); }
    const where = ['n.user_id = @userId', 'n.webhook_url IS NULL'];
    const params: Record<string, unknown> = { userId: p.userId };
    if (q.cursor !== undefined) {
      let after: number;
      try { [after] = decodeCursor(q.cursor, ['number']) as [number]; } catch { throw new AccessError('invalid', 'cursor: not one this service issued'); }
      where.push('n.id > @after');
      params['after'] = after;
    }
    const rows = this.reader.select<MessageRow>({ nation: p.nation }, { source: 'inbox', columns: 'n.*', where, orderBy: 'n.id', limit: limit + 1 }, params);
    return toPage(rows, limit, toMessage, (r) => [r.id]);
  }

  /** Removes inbox messages the principal has read (up to and including `lastId`). */
  async clearInbox(p: Principal, lastId: number): Promise<void> {
    this.writer.statement('DELETE FROM notification_outbox WHERE user_id = ? AND webhook_url IS NULL AND id <= ?').run(p.userId, lastId);
  }

  // ---------------------------------------------------------------- for WebhookDelivery (system side)

  /** Leases up to `limit` due webhook messages until `nowMs + leaseMs`; oldest first. */
  claimWebhooks(limit: number, nowMs: number, leaseMs: number): NotificationMessage[] {
    const rows = this.writer.statement(`UPDATE notification_outbox SET attempts = attempts + 1, next_attempt_ms = @leaseUntil
      WHERE id IN (SELECT /* write path */ id FROM notification_outbox WHERE state = 'queued' AND webhook_url IS NOT NULL
        AND next_attempt_ms <= @now ORDER BY next_attempt_ms, id LIMIT @limit) RETURNING *`)
      .all({ now: nowMs, limit, leaseUntil: nowMs + leaseMs }) as MessageRow[];
    return rows.sort((a, b) => a.id - b.id).map(toMessage);
  }

  /** Delivered: the message is removed. */
  delivered(id: number): void {
    this.writer.statement('DELETE FROM notification_outbox WHERE id = ?').run(id);
  }

  /** Not delivered: due again at `nextMs`. */
  retry(id: number, nextMs: number, error: string): void {
    this.writer.statement('UPDATE notification_outbox SET next_attempt_ms = ?, last_error = ? WHERE id = ?').run(nextMs, error.slice(0, 500), id);
  }

  /** Given up: kept as `failed` for inspection, never claimed again. */
  failed(id: number, error: string): void {
    this.writer.statement("UPDATE notification_outbox SET state = 'failed', last_error = ? WHERE id = ?").run(error.slice(0, 500), id);
  }

  /** Messages queued (inbox and webhook) and given up. */
  stats(): { queued: number; failed: number } {
    const rows = this.writer.statement('SELECT /* write path */ state, count(*) AS n FROM notification_outbox GROUP BY state').all() as { state: string; n: number }[];
    return { queued: rows.find((r) => r.state === 'queued')?.n ?? 0, failed: rows.find((r) => r.state === 'failed')?.n ?? 0 };
  }
}

/** Throws `AccessError('invalid', 'webhookUrl: …')` unless `url` is an absolute http(s) URL. */
export function checkWebhookUrl(url: string, allowLocal = false): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AccessError('invalid', 'webhookUrl: not a URL');
  }
  if (url.length > MAX_URL_CHARS) throw new AccessError('invalid', `webhookUrl: longer than ${MAX_URL_CHARS} characters`);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new AccessError('invalid', 'webhookUrl: must be http or https');
  if (allowLocal) return;
  if (parsed.protocol !== 'https:') throw new AccessError('invalid', 'webhookUrl: must be https');
  if (isLocalHost(parsed.hostname)) throw new AccessError('invalid', `webhookUrl: ${parsed.hostname} is a local or private address`);
}

function actorOf(p: Principal): string {
  return p.via === 'token' && p.tokenId !== undefined ? `token:${p.tokenId}` : `user:${p.username}`;
}

function toSubscription(r: SubscriberRow): Subscription {
  return {
    userId: r.user_id, username: r.username, nation: r.nation, minSeverity: r.min_severity as Severity,
    webhookUrl: r.webhook_url, createdMs: r.created_ms,
  };
}

function toMessage(r: MessageRow): NotificationMessage {
  return {
    id: r.id, userId: r.user_id, alertId: r.alert_id, webhookUrl: r.webhook_url, payload: JSON.parse(r.payload) as NotificationPayload,
    createdMs: r.created_ms, attempts: r.attempts, nextAttemptMs: r.next_attempt_ms, state: r.state as 'queued' | 'failed',
    lastError: r.last_error, ...releasabilityOf(r),
  };
}
