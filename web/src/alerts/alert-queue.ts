import type { ApiClient } from '../api/client.js';
import type { AgreementSummary, AlertEvent, AlertRow, Me } from '../api/types.js';
import { formatTime, h, replaceChildren } from '../ui/dom.js';
import { type AlertFilter, EMPTY_FILTER, filterQuery, matchesFilter } from './alert-filter.js';

/** Rows kept in the list; older ones are a filter or a scroll away in the API. */
const MAX_ROWS = 500;

/** What the queue asks of the rest of the console. */
export interface AlertQueueHost {
  /** An alert was selected (undefined: cleared): highlight it on the map. */
  select(row: AlertRow | undefined): void;
  /** Open an incident from the checked alerts; resolves to the new incident's id. */
  createIncident(alertIds: string[], title: string, marking: string): Promise<string>;
  /** Link the checked alerts to an existing incident. */
  addToIncident(incidentId: string, alertIds: string[]): Promise<void>;
}

/**
 * The alert queue: filters (domain, rule, zone, party, severity, status, time), the list with
 * live additions from the stream, selection, and incident creation from checked alerts
 * (offered only with the `incident:create` action).
 */
export class AlertQueue {
  readonly element: HTMLElement;
  readonly #list: HTMLElement;
  readonly #count: HTMLElement;
  readonly #rows = new Map<string, AlertRow>();
  readonly #checked = new Set<string>();
  #filter: AlertFilter = { ...EMPTY_FILTER };
  #selected: string | undefined;
  readonly #actions: HTMLElement;

  constructor(private readonly api: ApiClient, private readonly me: Me, agreement: AgreementSummary, zoneIds: readonly { id: string; name: string }[], private readonly host: AlertQueueHost) {
    const select = (key: keyof AlertFilter, label: string, options: [string, string][]): HTMLSelectElement => {
      const el = h('select', { 'aria-label': label, 'data-filter': key }, h('option', { value: '' }, `${label}: any`), options.map(([v, t]) => h('option', { value: v }, t)));
      el.addEventListener('change', () => {
        this.#filter = { ...this.#filter, [key]: key === 'hours' ? Number(el.value || 0) : el.value };
        void this.reload();
      });
      return el;
    };
    const filters = h('div', { class: 'filters' },
      select('domain', 'Domain', [['sea', 'sea'], ['air', 'air'], ['report', 'report']]),
      select('severity', 'Severity', [['high', 'high'], ['medium', 'medium'], ['low', 'low']]),
      select('rule', 'Rule', agreement.current.rules.map((r) => [r.id, r.id])),
      select('zone', 'Zone', zoneIds.map((z) => [z.id, z.name])),
      select('party', 'Party', agreement.current.parties.map((p) => [p.code, `${p.code} ${p.name}`])),
      select('status', 'Status', [['open', 'open'], ['closed', 'closed']]),
      select('hours', 'Time', [['1', 'last hour'], ['6', 'last 6 h'], ['24', 'last 24 h'], ['168', 'last 7 days']]),
    );
    this.#count = h('span', { class: 'count' }, '');
    this.#list = h('ol', { class: 'alert-list', 'data-test': 'alert-list' });
    this.#actions = h('div', { class: 'queue-actions' });
    this.element = h('aside', { class: 'alert-queue', 'data-test': 'alert-queue' }, h('header', {}, h('h2', {}, 'Alerts'), this.#count), filters, this.#actions, this.#list);
    this.#renderActions();
  }

  /** Reloads the list from the API under the current filter. */
  async reload(): Promise<void> {
    const page = await this.api.get<{ items: AlertRow[] }>('/api/alerts', { ...filterQuery(this.#filter, Date.now()), limit: 200 });
    this.#rows.clear();
    for (const r of page.items) this.#rows.set(r.alert.id, r);
    this.#render();
  }

  /** A live alert from the stream: added or updated in place if it matches the filter. */
  onLive(e: AlertEvent): void {
    const existing = this.#rows.get(e.alert.id);
    if (!matchesFilter(e.alert, e.status, this.#filter, Date.now())) {
      if (existing !== undefined) {
        this.#rows.delete(e.alert.id);
        this.#render();
      }
      return;
    }
    const row = { ...(existing ?? {}), alert: e.alert, status: e.status, originator: e.originator, releasability: e.releasability } as AlertRow;
    this.#rows.set(e.alert.id, row);
    this.#render(existing === undefined ? e.alert.id : undefined);
  }

  #sorted(): AlertRow[] {
    return [...this.#rows.values()].sort((a, b) => (a.alert.start < b.alert.start ? 1 : a.alert.start > b.alert.start ? -1 : 0)).slice(0, MAX_ROWS);
  }

  #render(fresh?: string): void {
    const rows = this.#sorted();
    this.#count.textContent = `${rows.length}${rows.length >= MAX_ROWS ? '+' : ''}`;
    replaceChildren(this.#list, rows.map((r) => this.#item(r, r.alert.id === fresh)));
    this.#renderActions();
  }

  #item(r: AlertRow, fresh: boolean): HTMLElement {
    const a = r.alert;
    const check = h('input', { type: 'checkbox', 'aria-label': `select alert ${a.id}`, checked: this.#checked.has(a.id) });
    check.addEventListener('click', (e) => e.stopPropagation());
    check.addEventListener('change', () => {
      if (check.checked) this.#checked.add(a.id);
      else this.#checked.delete(a.id);
      this.#renderActions();
    });
    const li = h('li', {
      class: `alert sev-${a.severity} ${r.status}${a.id === this.#selected ? ' selected' : ''}${fresh ? ' fresh' : ''}`, 'data-alert-id': a.id, 'data-rule': a.rule, tabindex: 0,
      onclick: () => this.#select(a.id),
    },
    this.me.actions.includes('incident:create') ? check : null,
    h('div', { class: 'alert-main' },
      h('div', { class: 'alert-title' }, h('span', { class: `sev sev-${a.severity}` }, a.severity), ' ', h('b', {}, a.rule), ' · ', a.type, a.zone ? ` · ${a.zone}` : ''),
      h('div', { class: 'alert-entity' }, `${a.entity.name ?? a.entity.id}${a.entity.party ? ` (${a.entity.party})` : ''} · ${a.domain}`),
      h('div', { class: 'alert-meta' }, `${formatTime(a.start)} · ${r.status} · ${r.releasability}`)));
    return li;
  }

  #select(id: string): void {
    this.#selected = this.#selected === id ? undefined : id;
    this.host.select(this.#selected === undefined ? undefined : this.#rows.get(id));
    for (const li of this.#list.querySelectorAll('li.alert')) li.classList.toggle('selected', (li as HTMLElement).dataset.alertId === this.#selected);
  }

  #renderActions(): void {
    if (!this.me.actions.includes('incident:create')) return;
    if (this.#actions.childElementCount === 0) this.#buildActions();
    const n = this.#checked.size;
    const create = this.#actions.querySelector<HTMLButtonElement>('[data-test=create-incident]')!;
    create.disabled = n === 0;
    create.textContent = `Create incident from ${n} alert${n === 1 ? '' : 's'}`;
    this.#actions.classList.toggle('has-selection', n > 0);
  }

  #buildActions(): void {
    const title = h('input', { type: 'text', placeholder: 'incident title', 'aria-label': 'incident title', 'data-test': 'incident-title' });
    const marking = h('select', { 'aria-label': 'incident releasability', 'data-test': 'incident-marking' },
      h('option', { value: '' }, 'releasable as its alerts'), h('option', { value: 'ORIGINATOR ONLY' }, 'ORIGINATOR ONLY'));
    const create = h('button', { type: 'button', class: 'primary', disabled: true, 'data-test': 'create-incident' }, '');
    const status = h('span', { class: 'status-text', 'data-test': 'create-status' });
    create.addEventListener('click', () => {
      const ids = [...this.#checked];
      const first = this.#rows.get(ids[0] ?? '');
      const t = title.value.trim() || (first ? `${first.alert.rule}: ${first.alert.entity.name ?? first.alert.entity.id}` : 'Incident');
      create.disabled = true;
      this.host.createIncident(ids, t, marking.value).then(
        (id) => {
          this.#checked.clear();
          title.value = '';
          status.textContent = `created ${id}`;
          this.#render();
        },
        (e: Error) => {
          status.textContent = e.message;
          create.disabled = false;
        },
      );
    });
    // Adding to an existing incident needs `incident:edit`; the server refuses a decided one.
    const target = h('input', { type: 'text', placeholder: 'incident id', 'aria-label': 'incident id to add to', 'data-test': 'link-incident-id' });
    const link = h('button', { type: 'button', 'data-test': 'link-incident' }, 'Add to incident');
    link.addEventListener('click', () => {
      const id = target.value.trim();
      if (id === '' || this.#checked.size === 0) return;
      this.host.addToIncident(id, [...this.#checked]).then(
        () => {
          this.#checked.clear();
          status.textContent = `added to ${id}`;
          this.#render();
        },
        (e: Error) => (status.textContent = e.message),
      );
    });
    const linkRow = this.me.actions.includes('incident:edit') ? h('div', { class: 'create-fields' }, target, link) : null;
    replaceChildren(this.#actions, h('div', { class: 'create-fields' }, title, marking), create, linkRow, status);
  }
}
