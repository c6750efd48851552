import 'maplibre-gl/dist/maplibre-gl.css';
import './styles.css';
import { setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { ApiClient } from './api/client.js';
import { openLiveStream } from './api/live-stream.js';
import type { AgreementSummary, AlertRow, Me, ZoneProps } from './api/types.js';
import { AlertQueue } from './alerts/alert-queue.js';
import { IncidentsView } from './incidents/incidents-view.js';
import { loginView } from './login-view.js';
import { MapView } from './map/map-view.js';
import { partyLegend, setParties } from './map/party-colours.js';
import { ReplayControl } from './map/replay-control.js';
import { ZONE_COLOURS } from './map/zone-style.js';
import { ReportsView } from './reports/reports-view.js';
import { TrendsView } from './trends/trends-view.js';
import { h } from './ui/dom.js';

// The worker is bundled as a file of our own origin (no CDN, works under a strict CSP).
setWorkerUrl(workerUrl);

/** What the browser tests and the render benchmark reach through `window.vigil`. */
export interface ConsoleHandle {
  me: Me;
  map: MapView['map'];
  view: MapView;
  ready: Promise<void>;
  /** Live events received, by type (tests wait on these). */
  received: { alert: number; tracks: number; incident: number };
  /** Ids of alerts that arrived on the stream, oldest first. */
  liveAlertIds: string[];
}

declare global {
  interface Window {
    vigil?: ConsoleHandle;
  }
}

/** The console's pages, in navigation order (`#/<page>`). */
const PAGES = ['map', 'incidents', 'trends', 'reports'] as const;

const api = new ApiClient();
const root = document.getElementById('app')!;

async function boot(): Promise<void> {
  const me = (await api.me()) ?? (await loginView(root, api));
  await start(me);
}

async function start(me: Me): Promise<void> {
  const agreement = await api.get<AgreementSummary>('/api/agreements');
  setParties(agreement.current.parties.map((p) => p.code));

  const mapBox = h('div', { class: 'map', id: 'map' });
  const legend = h('div', { class: 'legend' },
    h('div', {}, h('b', {}, 'Zones')), Object.entries(ZONE_COLOURS).map(([k, c]) => h('div', {}, h('i', { style: `background:${c}` }), k)),
    h('div', {}, h('b', {}, 'Parties')), partyLegend().map(([k, c]) => h('div', {}, h('i', { style: `background:${c}` }), k)));
  const live = h('span', { class: 'live-dot', title: 'live stream' });
  const nav = h('nav', {}, PAGES.map((v) => h('a', { href: `#/${v}`, 'data-view': v }, v[0]!.toUpperCase() + v.slice(1))));
  const logout = h('button', { type: 'button', class: 'link' }, 'Log out');
  logout.addEventListener('click', () => void api.logout().then(() => location.reload()));
  const header = h('header', { class: 'top' }, h('span', { class: 'brand' }, 'Vigil'), h('span', { class: 'agreement' }, `${agreement.current.title} v${agreement.current.version}`), nav,
    h('span', { class: 'user', 'data-test': 'user' }, live, h('b', {}, me.username), ' · ', h('span', { class: 'nation', 'data-test': 'nation' }, me.nation), ' · ', h('span', { class: 'roles', 'data-test': 'roles' }, me.roles.join(', '))), logout);
  const mapPage = h('section', { class: 'page page-map', 'data-page': 'map' });
  const incidentsPage = h('section', { class: 'page', 'data-page': 'incidents' });
  const trendsPage = h('section', { class: 'page', 'data-page': 'trends' });
  const reportsPage = h('section', { class: 'page', 'data-page': 'reports' });
  root.replaceChildren(header, mapPage, incidentsPage, trendsPage, reportsPage);

  const view = new MapView(mapBox, api);
  const replay = new ReplayControl(api, view);
  const zonesList = (): { id: string; name: string }[] => view.zones.features.map((f) => f.properties as ZoneProps).map((p) => ({ id: p.id, name: p.name ?? p.id }));
  const incidents = new IncidentsView(api, me, agreement, () => view.zones);
  const trends = new TrendsView(api);
  incidentsPage.append(incidents.element);
  trendsPage.append(trends.element);
  const reports = new ReportsView(api, me);
  reportsPage.append(reports.element);

  const received = { alert: 0, tracks: 0, incident: 0 };
  const liveAlertIds: string[] = [];
  window.vigil = { me, map: view.map, view, ready: view.ready, received, liveAlertIds };
  await view.ready;

  const queue = new AlertQueue(api, me, agreement, zonesList(), {
    select: (row: AlertRow | undefined) => view.highlightAlert(row),
    createIncident: async (alertIds, title, marking) => {
      const inc = await api.post<{ id: string }>('/api/incidents', { title, alertIds, ...(marking ? { marking } : {}) });
      location.hash = `#/incidents/${encodeURIComponent(inc.id)}`;
      return inc.id;
    },
    addToIncident: async (id, alertIds) => {
      await api.post(`/api/incidents/${encodeURIComponent(id)}/links`, { alertIds });
      location.hash = `#/incidents/${encodeURIComponent(id)}`;
    },
  });
  mapPage.append(h('div', { class: 'map-wrap' }, mapBox, legend, replay.element), queue.element);
  view.map.resize();
  await queue.reload();

  openLiveStream({
    alert: (e) => {
      received.alert++;
      liveAlertIds.push(e.alert.id);
      queue.onLive(e);
    },
    tracks: (e) => {
      received.tracks++;
      view.applyTracks(e);
    },
    incident: () => {
      received.incident++;
      if (currentPage() === 'incidents') void incidents.refresh();
    },
    status: (up) => live.classList.toggle('up', up),
  });

  const route = (): void => {
    const [page = 'map', id] = location.hash.replace(/^#\/?/, '').split('/');
    const name = (PAGES as readonly string[]).includes(page) ? page : 'map';
    for (const el of root.querySelectorAll<HTMLElement>('.page')) el.hidden = el.dataset.page !== name;
    for (const a of nav.querySelectorAll<HTMLElement>('a')) a.classList.toggle('active', a.dataset.view === name);
    if (name === 'map') view.map.resize();
    if (name === 'incidents') void incidents.refresh().then(() => incidents.open(id === undefined ? undefined : decodeURIComponent(id)));
    if (name === 'trends') void trends.refresh();
    if (name === 'reports') void reports.refresh();
  };
  const currentPage = (): string => location.hash.replace(/^#\/?/, '').split('/')[0] || 'map';
  window.addEventListener('hashchange', route);
  route();
  document.body.dataset.ready = 'true';
}

void boot().catch((e: unknown) => {
  root.replaceChildren(h('p', { class: 'error' }, `The console could not start: ${(e as Error).message}`));
});
