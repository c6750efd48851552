import * as maplibregl from 'maplibre-gl';
import { type GeoJSONSource, type Map as MapLibreMap, type MapGeoJSONFeature, Popup } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import type { ApiClient } from '../api/client.js';
import type { AlertRow, Track, TrackFeature, TracksEvent, TrackWithHistory, ZoneProps } from '../api/types.js';
import { formatTime, h } from '../ui/dom.js';
import { basemapStyle } from './basemap-style.js';
import { HtmlLabels } from './html-labels.js';
import { labelPoint } from './label-point.js';
import { installTrackIcons } from './track-icons.js';
import { CLUSTER_MAX_ZOOM, trackLayers } from './track-layers.js';
import { ZONE_FILL_OPACITY, zoneColourExpression } from './zone-style.js';

/** Most tracks loaded at start (the API pages by 1000); the live stream adds the rest. */
const MAX_INITIAL_TRACKS = 50_000;

/**
 * Least time between two diffs sent to the map's worker, ms. The stream may deliver many
 * small `tracks` events per second; merging them keeps re-tiling to a few times a second.
 */
const FLUSH_INTERVAL_MS = 250;

/** Initial view: the Black Sea, the Sea of Azov and the Bosphorus. */
const HOME: { center: [number, number]; zoom: number } = { center: [34.0, 44.2], zoom: 5.2 };

/** Converts a track record into the map's feature (same shape as the stream's). */
export function trackToFeature(t: Track): TrackFeature {
  return {
    type: 'Feature', id: t.id, geometry: { type: 'Point', coordinates: [t.lon, t.lat] },
    properties: {
      id: t.id, kind: t.kind, name: t.name ?? null, flag: t.flag ?? null, category: t.category, party: t.party ?? null,
      speedKn: t.speedKn ?? null, courseDeg: t.courseDeg ?? null, altitudeFt: t.altitudeFt ?? null, shipType: t.shipType ?? null, lastMs: t.lastMs,
    },
  };
}

/**
 * The live map: offline basemap, zones by kind, live tracks from the stream (clustered at
 * low zoom), a selected track's trail, and the highlight of a selected alert. It renders what
 * the server decided; it decides nothing.
 */
export class MapView {
  readonly map: MapLibreMap;
  /** Latest feature per track id (for counts, replay properties and the bench). */
  readonly tracks = new Map<string, TrackFeature>();
  /** Resolves once the style, zones and first tracks are on the map. */
  readonly ready: Promise<void>;
  /** Called with a track id when the user selects a track (undefined: cleared). */
  onSelectTrack: ((id: string | undefined) => void) | undefined;

  readonly #api: ApiClient;
  readonly #pending = new Map<string, TrackFeature>();
  readonly #removed = new Set<string>();
  #flushTimer: ReturnType<typeof setTimeout> | undefined;
  #lastFlush = 0;
  #popup: Popup | undefined;
  #labels: HtmlLabels;
  #zones: FeatureCollection = { type: 'FeatureCollection', features: [] };
  /** Diffs applied to the map (for the status bar and tests). */
  updatesApplied = 0;

  constructor(container: HTMLElement, api: ApiClient) {
    this.#api = api;
    this.map = new maplibregl.Map({
      container, style: basemapStyle(import.meta.env.BASE_URL), center: HOME.center, zoom: HOME.zoom,
      attributionControl: { compact: true, customAttribution: 'Natural Earth; Marine Regions (ODbL)' },
      canvasContextAttributes: { preserveDrawingBuffer: true },
      maxPitch: 0,
    });
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-left');
    this.map.addControl(new maplibregl.ScaleControl({ unit: 'nautical', maxWidth: 120 }), 'bottom-left');
    this.map.addControl(new maplibregl.ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-left');
    installTrackIcons(this.map);
    this.#labels = new HtmlLabels(this.map);
    this.ready = new Promise<void>((resolve, reject) => {
      this.map.once('load', () => this.#setup().then(resolve, reject));
    });
  }

  async #setup(): Promise<void> {
    const m = this.map;
    const zones = await this.#api.get<FeatureCollection>('/api/zones');
    this.#zones = zones;
    m.addSource('zones', { type: 'geojson', data: zones, promoteId: 'id' });
    m.addLayer({ id: 'zones-fill', type: 'fill', source: 'zones', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': zoneColourExpression() as never, 'fill-opacity': ZONE_FILL_OPACITY } });
    m.addLayer({ id: 'zones-outline', type: 'line', source: 'zones', paint: { 'line-color': zoneColourExpression() as never, 'line-width': ['case', ['==', ['geometry-type'], 'LineString'], 3, 1.5] } });
    m.addLayer({ id: 'zones-highlight', type: 'line', source: 'zones', filter: ['==', ['get', 'id'], ''], paint: { 'line-color': '#ffffff', 'line-width': 4 } });
    for (const f of zones.features) {
      const p = labelPoint(f.geometry);
      const props = f.properties as ZoneProps;
      if (p !== undefined) this.#labels.add(props.name ?? props.id, p, `zone-label kind-${props.kind}`, 5.5);
    }
    this.#addCountryLabels();

    m.addSource('trail', { type: 'geojson', data: emptyCollection() });
    m.addLayer({ id: 'trail', type: 'line', source: 'trail', paint: { 'line-color': '#ffe066', 'line-width': 2, 'line-opacity': 0.9 } });

    m.addSource('tracks', { type: 'geojson', data: emptyCollection(), promoteId: 'id', cluster: true, clusterMaxZoom: CLUSTER_MAX_ZOOM, clusterRadius: 36, clusterMinPoints: 3 });
    for (const layer of trackLayers('tracks', 'tracks', true)) m.addLayer(layer);
    m.addSource('replay', { type: 'geojson', data: emptyCollection(), promoteId: 'id' });
    for (const layer of trackLayers('replay', 'replay', false)) m.addLayer({ ...layer, layout: { ...layer.layout, visibility: 'none' } } as never);

    m.addLayer({ id: 'track-selected', type: 'circle', source: 'tracks', filter: ['==', ['get', 'id'], ''], paint: { 'circle-radius': 14, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#ffe066', 'circle-stroke-width': 2 } });
    m.addSource('alert-position', { type: 'geojson', data: emptyCollection() });
    m.addLayer({ id: 'alert-position', type: 'circle', source: 'alert-position', paint: { 'circle-radius': 9, 'circle-color': 'rgba(255,80,80,0.25)', 'circle-stroke-color': '#ff5050', 'circle-stroke-width': 2 } });

    for (const layer of ['tracks-shapes', 'tracks-symbols', 'replay-shapes', 'replay-symbols']) {
      m.on('click', layer, (e) => {
        const f = e.features?.[0];
        if (f !== undefined) void this.selectTrack(String(f.properties.id), f);
      });
      m.on('mouseenter', layer, () => (m.getCanvas().style.cursor = 'pointer'));
      m.on('mouseleave', layer, () => (m.getCanvas().style.cursor = ''));
    }
    m.on('click', 'tracks-clusters', (e) => {
      const f = e.features?.[0];
      if (f === undefined) return;
      void (m.getSource('tracks') as GeoJSONSource).getClusterExpansionZoom(f.properties.cluster_id as number).then((zoom) => {
        m.easeTo({ center: (f.geometry as GeoJSON.Point).coordinates as [number, number], zoom });
      });
    });

    const initial = await this.#api.all<Track>('/api/tracks', {}, MAX_INITIAL_TRACKS);
    for (const t of initial) this.tracks.set(t.id, trackToFeature(t));
    await (m.getSource('tracks') as GeoJSONSource).setData({ type: 'FeatureCollection', features: [...this.tracks.values()] } as never);
  }

  async #addCountryLabels(): Promise<void> {
    try {
      const res = await fetch(`${import.meta.env.BASE_URL}basemap/country-labels.json`);
      const fc = (await res.json()) as FeatureCollection;
      for (const f of fc.features) {
        if (f.geometry.type === 'Point') this.#labels.add(String(f.properties?.name ?? ''), f.geometry.coordinates as [number, number], 'country-label', 3);
      }
    } catch {
      // Labels are decoration: a missing file leaves the map usable.
    }
  }

  /**
   * Applies a live `tracks` diff (MapLibre's GeoJSONSourceDiff: whole features to add,
   * geometry/property patches to update, ids to remove). Diffs are merged into the known
   * features and handed to the source at most every FLUSH_INTERVAL_MS as whole features.
   */
  applyTracks(diff: TracksEvent): void {
    for (const f of diff.add) this.#queue(f);
    for (const u of diff.update) {
      const known = this.tracks.get(u.id);
      if (known === undefined) continue;
      const properties = { ...known.properties } as Record<string, unknown>;
      for (const { key, value } of u.addOrUpdateProperties) properties[key] = value;
      this.#queue({ ...known, geometry: u.newGeometry, properties: properties as TrackFeature['properties'] });
    }
    for (const id of diff.remove ?? []) {
      this.tracks.delete(id);
      this.#pending.delete(id);
      this.#removed.add(id);
    }
    this.#scheduleFlush();
  }

  #queue(f: TrackFeature): void {
    this.tracks.set(f.id, f);
    this.#pending.set(f.id, f);
    this.#removed.delete(f.id);
  }

  #scheduleFlush(): void {
    if (this.#flushTimer !== undefined) return;
    const wait = Math.max(0, this.#lastFlush + FLUSH_INTERVAL_MS - performance.now());
    this.#flushTimer = setTimeout(() => {
      this.#flushTimer = undefined;
      this.#lastFlush = performance.now();
      if (this.#pending.size === 0 && this.#removed.size === 0) return;
      const add = [...this.#pending.values()];
      const remove = [...this.#removed];
      this.#pending.clear();
      this.#removed.clear();
      const source = this.map.getSource('tracks') as GeoJSONSource | undefined;
      if (source === undefined) return;
      this.updatesApplied++;
      // `add` replaces a feature with the same id (promoteId): a merged update goes in whole.
      void source.updateData({ add: add as never, remove });
    }, wait);
  }

  /** Selects a track: ring, details popup and its last hours as a trail. */
  async selectTrack(id: string | undefined, feature?: MapGeoJSONFeature): Promise<void> {
    this.map.setFilter('track-selected', ['==', ['get', 'id'], id ?? '']);
    this.#popup?.remove();
    this.onSelectTrack?.(id);
    if (id === undefined) {
      (this.map.getSource('trail') as GeoJSONSource).setData(emptyCollection());
      return;
    }
    const known = this.tracks.get(id);
    const coords = feature !== undefined ? ((feature.geometry as GeoJSON.Point).coordinates as [number, number]) : known?.geometry.coordinates;
    let detail: TrackWithHistory | undefined;
    try {
      detail = await this.#api.get<TrackWithHistory>(`/api/tracks/${encodeURIComponent(id)}`);
    } catch {
      detail = undefined;
    }
    if (detail !== undefined && detail.history.length > 1) {
      (this.map.getSource('trail') as GeoJSONSource).setData({ type: 'Feature', properties: { id }, geometry: { type: 'LineString', coordinates: detail.history.map((o) => [o.lon, o.lat]) } });
    } else {
      (this.map.getSource('trail') as GeoJSONSource).setData(emptyCollection());
    }
    const at = detail !== undefined ? ([detail.lon, detail.lat] as [number, number]) : coords;
    if (at === undefined) return;
    const p = detail ?? known?.properties;
    if (p === undefined) return;
    this.#popup = new Popup({ closeButton: true, maxWidth: '280px' }).setLngLat(at).setDOMContent(trackCard(id, p, detail?.releasability)).addTo(this.map);
  }

  /** Highlights an alert: its zone outlined, its position marked, its entity selected. */
  highlightAlert(row: AlertRow | undefined): void {
    const m = this.map;
    if (row === undefined) {
      m.setFilter('zones-highlight', ['==', ['get', 'id'], '']);
      (m.getSource('alert-position') as GeoJSONSource).setData(emptyCollection());
      void this.selectTrack(undefined);
      return;
    }
    const a = row.alert;
    m.setFilter('zones-highlight', ['==', ['get', 'id'], a.zone ?? '']);
    (m.getSource('alert-position') as GeoJSONSource).setData({ type: 'Feature', properties: { id: a.id }, geometry: { type: 'Point', coordinates: [a.position.lon, a.position.lat] } });
    m.flyTo({ center: [a.position.lon, a.position.lat], zoom: Math.max(m.getZoom(), 8), speed: 1.6 });
    void this.selectTrack(a.entity.id);
  }

  /** Shows replayed positions instead of the live picture (undefined: back to live). */
  showReplay(features: TrackFeature[] | undefined): void {
    const live = features === undefined;
    for (const l of ['tracks-clusters', 'tracks-cluster-count', 'tracks-shapes', 'tracks-symbols', 'track-selected']) this.map.setLayoutProperty(l, 'visibility', live ? 'visible' : 'none');
    for (const l of ['replay-shapes', 'replay-symbols']) this.map.setLayoutProperty(l, 'visibility', live ? 'none' : 'visible');
    if (!live) void (this.map.getSource('replay') as GeoJSONSource).setData({ type: 'FeatureCollection', features } as never);
  }

  /** The zones as loaded (for filters and the incident mini-map). */
  get zones(): FeatureCollection {
    return this.#zones;
  }
}

function emptyCollection(): FeatureCollection {
  return { type: 'FeatureCollection', features: [] };
}

function trackCard(id: string, p: { name?: string | null; kind: string; flag?: string | null; category: string; party?: string | null; speedKn?: number | null; courseDeg?: number | null; altitudeFt?: number | null; lastMs: number }, releasability: string | undefined): HTMLElement {
  const row = (k: string, v: string | number | null | undefined): HTMLElement | null => (v === null || v === undefined || v === '' ? null : h('div', { class: 'kv' }, h('span', {}, k), h('b', {}, String(v))));
  return h('div', { class: 'track-card' },
    h('h3', {}, p.name ?? id),
    row('id', id), row('kind', p.kind), row('category', p.category), row('party', p.party), row('flag', p.flag),
    row('speed', p.speedKn !== null && p.speedKn !== undefined ? `${p.speedKn.toFixed(1)} kn` : null),
    row('course', p.courseDeg !== null && p.courseDeg !== undefined ? `${Math.round(p.courseDeg)}°` : null),
    row('altitude', p.altitudeFt !== null && p.altitudeFt !== undefined ? `${Math.round(p.altitudeFt)} ft` : null),
    row('last seen', formatTime(p.lastMs)), row('releasability', releasability));
}
