import type { Feature, Geometry, Property } from '../features.js';

const xml = (s: string): string => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
const num = (n: number): string => String(Math.round(n * 1e7) / 1e7);

/** A position history drawn as `gx:Track`: times (ISO) and `[lon, lat]` of the same length. */
export interface KmlTrack {
  id: string;
  name: string;
  whens: string[];
  coords: [number, number][];
}

export interface KmlLayer {
  /** Folder name and schema id (`alerts`). */
  name: string;
  features: Feature[];
  /** Property names in schema order (typed by their first non-null value). */
  columns: string[];
  /** The property holding a placemark's time span start / end (or instant). */
  begin?: string;
  end?: string;
  /** Style id per feature (see `STYLES`). */
  style: (f: Feature) => string;
}

/** Styles by id: icon colour (KML aabbggrr) for points, line and fill for zones and tracks. */
const STYLES: Record<string, { icon?: string; line?: string; poly?: string }> = {
  'severity-high': { icon: 'ff4b4bff' }, 'severity-medium': { icon: 'ff4da9ff' }, 'severity-low': { icon: 'ff3bd4ff' },
  'party-RU': { icon: 'ff0f48d9', line: 'ff0f48d9' }, 'party-UA': { icon: 'ffc27119', line: 'ffc27119' }, 'party-none': { icon: 'ff988f8a', line: 'ff988f8a' },
  'verdict-violation': { icon: 'ff0000ff' }, 'verdict-other': { icon: 'ffaaaaaa' },
  zone: { line: 'ffed802f', poly: '472f80ed' },
};

function schemaType(features: readonly Feature[], column: string): string {
  const v = features.map((f) => f.properties[column]).find((x) => x !== null && x !== undefined);
  return typeof v === 'number' ? (Number.isInteger(v) ? 'int' : 'double') : typeof v === 'boolean' ? 'bool' : 'string';
}

function geometryKml(g: Geometry): string {
  const ring = (r: number[][]): string => `<LinearRing><coordinates>${r.map((p) => `${num(p[0]!)},${num(p[1]!)}`).join(' ')}</coordinates></LinearRing>`;
  const polygon = (rings: number[][][]): string => `<Polygon>${rings.map((r, i) => (i === 0 ? `<outerBoundaryIs>${ring(r)}</outerBoundaryIs>` : `<innerBoundaryIs>${ring(r)}</innerBoundaryIs>`)).join('')}</Polygon>`;
  switch (g.type) {
    case 'Point': return `<Point><coordinates>${num(g.coordinates[0])},${num(g.coordinates[1])}</coordinates></Point>`;
    case 'LineString': return `<LineString><coordinates>${g.coordinates.map((p) => `${num(p[0]!)},${num(p[1]!)}`).join(' ')}</coordinates></LineString>`;
    case 'Polygon': return polygon(g.coordinates);
    case 'MultiPolygon': return `<MultiGeometry>${g.coordinates.map(polygon).join('')}</MultiGeometry>`;
  }
}

const data = (layer: KmlLayer, p: Record<string, Property>): string =>
  `<ExtendedData><SchemaData schemaUrl="#${xml(layer.name)}">${layer.columns.filter((c) => p[c] !== null && p[c] !== undefined).map((c) => `<SimpleData name="${xml(c)}">${xml(String(p[c]))}</SimpleData>`).join('')}</SchemaData></ExtendedData>`;

/**
 * A KML 2.2 document: one folder per layer of styled placemarks with typed extended data
 * (a `Schema` per layer, so GIS clients read the attributes as columns) and time spans for
 * time sliders, plus position histories as `gx:Track`.
 */
export function kmlDocument(title: string, layers: readonly KmlLayer[], tracks: readonly KmlTrack[] = []): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2">',
    `<Document><name>${xml(title)}</name>`,
  ];
  for (const [id, s] of Object.entries(STYLES)) {
    out.push(`<Style id="${id}">${s.icon ? `<IconStyle><color>${s.icon}</color></IconStyle>` : ''}${s.line ? `<LineStyle><color>${s.line}</color><width>2</width></LineStyle>` : ''}${s.poly ? `<PolyStyle><color>${s.poly}</color></PolyStyle>` : ''}</Style>`);
  }
  for (const layer of layers) {
    out.push(`<Schema name="${xml(layer.name)}" id="${xml(layer.name)}">${layer.columns.map((c) => `<SimpleField type="${schemaType(layer.features, c)}" name="${xml(c)}"/>`).join('')}</Schema>`);
  }
  for (const layer of layers) {
    out.push(`<Folder><name>${xml(layer.name)}</name>`);
    for (const f of layer.features) {
      if (f.geometry === null) continue;
      const p = f.properties;
      const begin = layer.begin === undefined ? null : p[layer.begin];
      const end = layer.end === undefined ? null : p[layer.end];
      const time = typeof begin === 'string' ? (layer.end === undefined ? `<TimeStamp><when>${begin}</when></TimeStamp>` : `<TimeSpan><begin>${begin}</begin>${typeof end === 'string' ? `<end>${end}</end>` : ''}</TimeSpan>`) : '';
      const name = p['name'] ?? p['title'] ?? f.id;
      out.push(`<Placemark id="${xml(f.id)}"><name>${xml(String(name ?? f.id))}</name>${time}<styleUrl>#${layer.style(f)}</styleUrl>${data(layer, p)}${geometryKml(f.geometry)}</Placemark>`);
    }
    out.push('</Folder>');
  }
  if (tracks.length > 0) {
    out.push('<Folder><name>track histories</name>');
    for (const t of tracks) {
      out.push(`<Placemark id="${xml(`history-${t.id}`)}"><name>${xml(t.name)}</name><styleUrl>#party-none</styleUrl><gx:Track>${t.whens.map((w) => `<when>${w}</when>`).join('')}${t.coords.map((c) => `<gx:coord>${num(c[0])} ${num(c[1])} 0</gx:coord>`).join('')}</gx:Track></Placemark>`);
    }
    out.push('</Folder>');
  }
  out.push('</Document></kml>', '');
  return out.join('\n');
}
