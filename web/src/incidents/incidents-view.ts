import type { Feature, FeatureCollection } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { ApiError, type ApiClient } from '../api/client.js';
import type { AgreementSummary, IncidentDetail, IncidentRow, Me, Observation, Page } from '../api/types.js';
import { formatTime, h, replaceChildren } from '../ui/dom.js';
import { miniMap } from './mini-map.js';
import { offeredTransitions } from './offered-transitions.js';

/** Margin of the track segment shown around an alert's time span, ms. */
const SEGMENT_MARGIN_MS = 30 * 60_000;

/**
 * Incident review: the list, and one incident with its evidence (mini-map of the track
 * segments, observations, alerts, reports, attachments), the decision (verdict, party,
 * confidence with reason), comments and history. Only the steps the user's actions allow are
 * offered; the server decides.
 */
export class IncidentsView {
  readonly element: HTMLElement;
  readonly #list: HTMLElement;
  readonly #detail: HTMLElement;
  #mini: MapLibreMap | undefined;
  #openId: string | undefined;

  constructor(private readonly api: ApiClient, private readonly me: Me, private readonly agreement: AgreementSummary, private readonly zones: () => FeatureCollection) {
    this.#list = h('div', { class: 'incident-list', 'data-test': 'incident-list' });
    this.#detail = h('div', { class: 'incident-detail', 'data-test': 'incident-detail' });
    this.element = h('section', { class: 'incidents' }, this.#list, this.#detail);
  }

  /** Reloads the list (and the open incident). */
  async refresh(): Promise<void> {
    const page = await this.api.get<Page<IncidentRow>>('/api/incidents', { limit: 200 });
    replaceChildren(this.#list, h('h2', {}, 'Incidents'), page.items.length === 0 ? h('p', { class: 'muted' }, 'No incidents you may see.') : null,
      h('ul', {}, page.items.map((i) => h('li', { class: `incident-item status-${i.status}${i.id === this.#openId ? ' selected' : ''}`, 'data-incident-id': i.id },
        h('a', { href: `#/incidents/${encodeURIComponent(i.id)}` }, h('b', {}, i.title)),
        h('div', { class: 'muted' }, `${i.status} · ${i.releasability} · ${formatTime(i.createdMs)}`)))));
  }

  /** Shows one incident (or the empty state). */
  async open(id: string | undefined): Promise<void> {
    this.#openId = id;
    this.#mini?.remove();
    this.#mini = undefined;
    if (id === undefined) {
      replaceChildren(this.#detail, h('p', { class: 'muted' }, 'Select an incident.'));
      return;
    }
    let inc: IncidentDetail;
    try {
      inc = await this.api.get<IncidentDetail>(`/api/incidents/${encodeURIComponent(id)}`);
    } catch (e) {
      replaceChildren(this.#detail, h('p', { class: 'error' }, e instanceof ApiError && e.status === 404 ? `No incident ${id} that you may see.` : String((e as Error).message)));
      return;
    }
    const alerts = inc.alerts ?? [];
    const segments = await this.#segments(inc);
    const mapBox = h('div', { class: 'mini-map', 'data-test': 'mini-map' });
    replaceChildren(this.#detail,
      h('header', { class: 'incident-head' },
        h('h2', {}, inc.title),
        h('div', { class: 'badges' }, h('span', { class: `badge status-${inc.status}`, 'data-test': 'incident-status' }, inc.status), h('span', { class: 'badge marking' }, inc.releasability)),
        h('div', { class: 'muted' }, `${inc.id} · opened by ${inc.createdBy.username} (${inc.createdBy.nation}) ${formatTime(inc.createdMs)} · revision ${inc.revision}`),
        inc.verdict !== null ? h('div', { class: 'decision', 'data-test': 'incident-decision' },
          `Verdict: ${inc.verdict}`, inc.attributedParty ? ` · attributed to ${inc.attributedParty}` : ' · not attributed',
          inc.confidence ? ` · confidence ${inc.confidence.level}: ${inc.confidence.reason}` : '') : null),
      h('div', { class: 'incident-grid' },
        h('section', {}, h('h3', {}, 'Evidence'), mapBox, this.#observationsTable(segments.observations)),
        h('section', {}, this.#decisionForm(inc), h('h3', {}, `Alerts (${alerts.length})`), h('ul', { class: 'evidence-alerts' }, alerts.map((r) => h('li', {},
          h('b', {}, `${r.alert.rule} · ${r.alert.type}`), ` ${r.alert.entity.name ?? r.alert.entity.id} · ${formatTime(r.alert.start)}–${r.alert.end ? formatTime(r.alert.end) : 'open'} · ${r.releasability}`,
          h('div', { class: 'kv-list' }, Object.entries(r.alert.evidence).map(([k, v]) => h('span', {}, `${k}: ${String(v)}`)))))),
        h('h3', {}, `Reports (${inc.reports?.length ?? 0})`), h('ul', {}, (inc.reports ?? []).map((r) => h('li', {}, `${String(r.id)} · ${String(r['category'] ?? '')} · ${String(r['text'] ?? r['description'] ?? '')}`))),
        this.#attachments(inc), this.#comments(inc), this.#history(inc))));
    this.#mini = miniMap(mapBox, this.zones(), segments.features, alerts.map((r) => ({ type: 'Feature', properties: { id: r.alert.id }, geometry: { type: 'Point', coordinates: [r.alert.position.lon, r.alert.position.lat] } })));
    void this.refresh();
  }

  async #segments(inc: IncidentDetail): Promise<{ features: Feature[]; observations: Observation[] }> {
    const features: Feature[] = [];
    const observations: Observation[] = [];
    const seen = new Set<string>();
    for (const r of inc.alerts ?? []) {
      const a = r.alert;
      if (seen.has(a.entity.id) || a.domain === 'report') continue;
      seen.add(a.entity.id);
      const from = Date.parse(a.start) - SEGMENT_MARGIN_MS;
      const to = (a.end !== null ? Date.parse(a.end) : Date.now()) + SEGMENT_MARGIN_MS;
      try {
        const page = await this.api.get<Page<Observation>>('/api/observations', { entity: a.entity.id, from: new Date(from).toISOString(), to: new Date(to).toISOString(), limit: 1000 });
        observations.push(...page.items);
        if (page.items.length > 1) features.push({ type: 'Feature', properties: { entity: a.entity.id }, geometry: { type: 'LineString', coordinates: page.items.map((o) => [o.lon, o.lat]) } });
      } catch {
        // A segment we may not see is simply not drawn.
      }
    }
    return { features, observations };
  }

  #observationsTable(obs: Observation[]): HTMLElement {
    const rows = obs.slice(-200);
    return h('details', { class: 'observations' }, h('summary', {}, `Observations (${obs.length}${obs.length > rows.length ? `, last ${rows.length} shown` : ''})`),
      h('table', {}, h('thead', {}, h('tr', {}, ['time', 'entity', 'lon', 'lat', 'kn', '°', 'feed', 'rel.'].map((c) => h('th', {}, c)))),
        h('tbody', {}, rows.map((o) => h('tr', {}, h('td', {}, formatTime(o.timeMs)), h('td', {}, o.entityId), h('td', {}, o.lon.toFixed(4)), h('td', {}, o.lat.toFixed(4)),
          h('td', {}, o.speedKn?.toFixed(1) ?? ''), h('td', {}, o.courseDeg?.toFixed(0) ?? ''), h('td', {}, o.feed), h('td', {}, o.originator))))));
  }

  #decisionForm(inc: IncidentDetail): HTMLElement | null {
    const steps = offeredTransitions(inc.status, this.me.actions, (inc as { allowedTransitions?: string[] }).allowedTransitions);
    if (steps.length === 0) return null;
    const status = h('div', { class: 'status-text', 'data-test': 'transition-status' });
    const party = h('select', { 'aria-label': 'attributed party', 'data-test': 'verdict-party' }, h('option', { value: '' }, 'not attributed'),
      this.agreement.current.parties.map((p) => h('option', { value: p.code }, `${p.code} ${p.name}`)));
    const level = h('select', { 'aria-label': 'confidence', 'data-test': 'verdict-confidence' }, h('option', { value: '' }, 'confidence: none'),
      ['high', 'medium', 'low'].map((l) => h('option', { value: l }, l)));
    const confidenceReason = h('textarea', { rows: 2, placeholder: 'why this confidence (required with a confidence)', 'data-test': 'verdict-confidence-reason' });
    const reason = h('textarea', { rows: 2, placeholder: 'reason (required to reopen)', 'data-test': 'transition-reason' });
    const decides = steps.some((s) => s.decides);
    const send = async (to: string, isDecision: boolean): Promise<void> => {
      const body: Record<string, unknown> = { to };
      if (reason.value.trim() !== '') body.reason = reason.value.trim();
      if (isDecision) {
        if (party.value !== '') body.attributedParty = party.value;
        if (level.value !== '') body.confidence = { level: level.value, reason: confidenceReason.value.trim() };
      }
      try {
        await this.api.post(`/api/incidents/${encodeURIComponent(inc.id)}/transition`, body);
        await this.open(inc.id);
      } catch (e) {
        status.textContent = (e as Error).message;
      }
    };
    return h('div', { class: 'decision-form', 'data-test': 'decision-form' }, h('h3', {}, 'Decision'),
      decides ? h('div', { class: 'decision-fields' }, party, level, confidenceReason) : null, reason,
      h('div', { class: 'buttons' }, steps.map((s) => h('button', { type: 'button', class: s.decides ? 'primary' : '', 'data-transition': s.to, onclick: () => void send(s.to, s.decides) }, s.label))),
      status);
  }

  #attachments(inc: IncidentDetail): HTMLElement {
    const canRead = this.me.actions.includes('evidence:read');
    const canEdit = this.me.actions.includes('incident:edit');
    const file = h('input', { type: 'file', 'aria-label': 'attach a file', 'data-test': 'evidence-file' });
    const status = h('span', { class: 'status-text' });
    file.addEventListener('change', () => {
      const f = file.files?.[0];
      if (f === undefined) return;
      this.api.postRaw(`/api/incidents/${encodeURIComponent(inc.id)}/evidence`, f, f.type || 'application/octet-stream', { name: f.name }).then(
        () => this.open(inc.id),
        (e: Error) => (status.textContent = e.message),
      );
    });
    const items = inc.evidence ?? [];
    return h('div', { class: 'attachments' }, h('h3', {}, `Attachments (${items.length})`),
      h('ul', {}, items.map((e) => h('li', {}, canRead ? h('a', { href: `/api/incidents/${encodeURIComponent(inc.id)}/evidence/${e.sha256}`, download: e.name }, e.name) : e.name,
        h('span', { class: 'muted' }, ` ${e.mediaType} · ${Math.ceil(e.sizeBytes / 1024)} KiB · sha256 ${e.sha256.slice(0, 12)}… · ${e.addedBy.username} ${formatTime(e.addedMs)}`)))),
      canEdit ? h('label', { class: 'upload' }, 'Attach: ', file, status) : null);
  }

  #comments(inc: IncidentDetail): HTMLElement {
    const text = h('textarea', { rows: 2, placeholder: 'comment', 'aria-label': 'comment', 'data-test': 'comment-text' });
    const status = h('span', { class: 'status-text' });
    const add = h('button', { type: 'button', 'data-test': 'comment-add' }, 'Add comment');
    add.addEventListener('click', () => {
      if (text.value.trim() === '') return;
      this.api.post(`/api/incidents/${encodeURIComponent(inc.id)}/comments`, { text: text.value.trim() }).then(() => this.open(inc.id), (e: Error) => (status.textContent = e.message));
    });
    const comments = inc.comments ?? [];
    return h('div', { class: 'comments' }, h('h3', {}, `Comments (${comments.length})`),
      h('ul', {}, comments.map((c) => h('li', {}, h('b', {}, `${c.author.username} (${c.author.nation})`), h('span', { class: 'muted' }, ` ${formatTime(c.createdMs)}`), h('p', {}, c.text)))),
      this.me.actions.includes('incident:edit') ? h('div', { class: 'comment-form' }, text, add, status) : null);
  }

  #history(inc: IncidentDetail): HTMLElement {
    const entries = inc.history ?? [];
    return h('div', { class: 'history' }, h('h3', {}, `History (${entries.length})`),
      h('table', { 'data-test': 'incident-history' }, h('tbody', {}, entries.map((e) => h('tr', {},
        h('td', {}, String(e.seq)), h('td', {}, formatTime(e.timeMs)), h('td', {}, `${e.actor.username} (${e.actor.nation})`), h('td', {}, e.action),
        h('td', { class: 'change' }, describeChange(e.before, e.after)), h('td', {}, e.reason ?? ''))))));
  }
}

function describeChange(before: Record<string, unknown> | null, after: Record<string, unknown>): string {
  return Object.entries(after).map(([k, v]) => {
    const was = before?.[k];
    const fmt = (x: unknown): string => (typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x));
    return was === undefined ? `${k}: ${fmt(v)}` : `${k}: ${fmt(was)} → ${fmt(v)}`;
  }).join('; ');
}
