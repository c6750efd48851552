import { Marker, type Map as MapLibreMap } from 'maplibre-gl';

/**
 * Labels as HTML markers. The style ships no glyphs (MapLibre text needs SDF glyph PBFs,
 * which would have to be generated from a font at build time); the few dozen zone and
 * country names are cheaper as DOM elements, and the browser's own fonts render them.
 */
export class HtmlLabels {
  readonly #markers: { marker: Marker; minZoom: number }[] = [];
  readonly #map: MapLibreMap;

  constructor(map: MapLibreMap) {
    this.#map = map;
    map.on('zoom', () => this.#update());
  }

  /** Adds a label at `[lon, lat]`, shown from `minZoom` on. */
  add(text: string, lngLat: [number, number], className: string, minZoom: number): void {
    const el = document.createElement('div');
    el.className = `map-label ${className}`;
    el.textContent = text;
    const marker = new Marker({ element: el, anchor: 'center' }).setLngLat(lngLat).addTo(this.#map);
    this.#markers.push({ marker, minZoom });
    this.#update();
  }

  #update(): void {
    const z = this.#map.getZoom();
    for (const { marker, minZoom } of this.#markers) marker.getElement().style.display = z >= minZoom ? '' : 'none';
  }
}
