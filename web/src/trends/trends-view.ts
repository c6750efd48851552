import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ApiClient } from '../api/client.js';
import type { AlertRow, Feed, IncidentRow } from '../api/types.js';
import { formatTime, h, replaceChildren } from '../ui/dom.js';
import { partyColour } from '../map/party-colours.js';
import { dailyCounts, type DailySeries } from './daily-counts.js';

/** Days shown in the trend charts. */
const TREND_DAYS = 14;

/** Most alerts read to build the charts (ten API pages). */
const MAX_TREND_ALERTS = 10_000;

/** A feed silent for longer than this is shown as a coverage gap, ms. */
const FEED_SILENCE_MS = 5 * 60_000;

const SERIES_COLOURS = ['#4dabf7', '#ff922b', '#51cf66', '#cc5de8', '#ffd43b', '#ff6b6b', '#20c997', '#748ffc', '#f783ac', '#a9e34b'];

/**
 * Trends: alerts per day by rule, party and domain and verified violations per day (counted
 * in the browser from `/api/alerts` and `/api/incidents` pages: the API has no daily
 * aggregate yet), and the feeds' status with silent feeds flagged as coverage gaps.
 */
export class TrendsView {
  readonly element: HTMLElement;
  #plots: uPlot[] = [];

  constructor(private readonly api: ApiClient) {
    this.element = h('section', { class: 'trends', 'data-test': 'trends' });
  }

  async refresh(): Promise<void> {
    const now = Date.now();
    const from = new Date(now - TREND_DAYS * 86_400_000).toISOString();
    const [alerts, incidents, feeds] = await Promise.all([
      this.api.all<AlertRow>('/api/alerts', { from }, MAX_TREND_ALERTS),
      this.api.all<IncidentRow>('/api/incidents', { status: 'verified-violation' }, 5000).catch(() => [] as IncidentRow[]),
      this.api.get<{ items: Feed[] }>('/api/feeds'),
    ]);
    for (const p of this.#plots) p.destroy();
    this.#plots = [];
    const t = (r: AlertRow): number => Date.parse(r.alert.start);
    const charts = h('div', { class: 'charts' });
    replaceChildren(this.element, h('h2', {}, `Trends — last ${TREND_DAYS} days (${alerts.length} alerts)`), charts, this.#feeds(feeds.items, now));
    this.#chart(charts, 'Alerts per day by rule', dailyCounts(alerts, t, (r) => r.alert.rule, TREND_DAYS, now));
    this.#chart(charts, 'Alerts per day by party', dailyCounts(alerts, t, (r) => r.alert.entity.party ?? 'none', TREND_DAYS, now), true);
    this.#chart(charts, 'Alerts per day by domain', dailyCounts(alerts, t, (r) => r.alert.domain, TREND_DAYS, now));
    // Strikes: one point per report (a report alerting in two zones counts once), and the weapons those reports count.
    const strikes = [...new Map(alerts.filter((r) => r.alert.type === 'no-strike').map((r) => [r.alert.entity.id, r])).values()];
    this.#chart(charts, 'Strike reports per day by party (unit: report)', dailyCounts(strikes, t, (r) => r.alert.entity.party ?? 'none', TREND_DAYS, now), true);
    const weapons = strikes.flatMap((r) => (['launched', 'destroyed', 'hit'] as const).map((k) => ({ r, k })));
    this.#chart(charts, 'Weapons per day in strike reports (unit: weapon)', dailyCounts(weapons, (w) => t(w.r), (w) => w.k, TREND_DAYS, now, (w) => {
      const n = w.r.alert.evidence[w.k];
      return typeof n === 'number' ? n : undefined;
    }));
    this.#chart(charts, 'Verified violations per day by attributed party', dailyCounts(incidents, (i) => i.updatedMs, (i) => i.attributedParty ?? 'unattributed', TREND_DAYS, now), true);
  }

  #chart(parent: HTMLElement, title: string, d: DailySeries, byParty = false): void {
    const box = h('div', { class: 'chart' }, h('h3', {}, title));
    parent.append(box);
    const keys = [...d.series.keys()];
    if (keys.length === 0) {
      box.append(h('p', { class: 'muted' }, 'Nothing in this period.'));
      return;
    }
    const bars = uPlot.paths.bars!({ size: [0.8, 40] });
    const opts: uPlot.Options = {
      width: 520, height: 220,
      scales: { x: { time: true } },
      axes: [{ stroke: '#9aa5b1', grid: { stroke: '#26303b' } }, { stroke: '#9aa5b1', grid: { stroke: '#26303b' } }],
      series: [{}, ...keys.map((k, i) => ({ label: k, stroke: byParty ? partyColour(k) : SERIES_COLOURS[i % SERIES_COLOURS.length]!, fill: `${byParty ? partyColour(k) : SERIES_COLOURS[i % SERIES_COLOURS.length]!}55`, paths: bars, width: 1 }))],
    };
    this.#plots.push(new uPlot(opts, [d.days, ...keys.map((k) => d.series.get(k)!)], box));
  }

  #feeds(feeds: Feed[], now: number): HTMLElement {
    return h('div', { class: 'feeds' }, h('h3', {}, 'Sensors and feeds'),
      h('table', { 'data-test': 'feeds' }, h('thead', {}, h('tr', {}, ['feed', 'kind', 'state', 'last line', 'lines', 'events', 'rejected', 'releasability'].map((c) => h('th', {}, c)))),
        h('tbody', {}, feeds.map((f) => {
          const last = f.lastLineAt ? Date.parse(f.lastLineAt) : f.updatedMs;
          const gap = f.state !== 'up' || now - last > FEED_SILENCE_MS;
          const counters = f.counters ?? {};
          const rejected = Object.entries(counters).filter(([k]) => k !== 'lines' && k !== 'events' && k !== 'outsidePeriod').reduce((s, [, v]) => s + v, 0);
          return h('tr', { class: gap ? 'gap' : '' }, h('td', {}, f.name), h('td', {}, f.kind), h('td', {}, f.state, gap ? ' — coverage gap' : ''), h('td', {}, formatTime(last)),
            h('td', {}, String(counters.lines ?? '')), h('td', {}, String(counters.events ?? '')), h('td', {}, String(rejected)), h('td', {}, f.releasability));
        }))));
  }
}
