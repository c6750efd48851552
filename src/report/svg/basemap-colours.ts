/**
 * The map colours of the console and the report maps, in one place so a printed map looks
 * like the console's: web/src/map (basemap style, zone style, party colours) imports them.
 * The line paints mirror the layers of web/src/map/basemap-style.ts, and the severity
 * colours the `--high`, `--medium`, `--low` of web/src/styles.css.
 */
import type { ZoneKind } from '../../core/agreement/schema.js';

/** Sea and land: a muted chart look so zones and tracks stand out. */
export const SEA_COLOUR = '#0f2233';
export const LAND_COLOUR = '#2a3340';

/** A stroked basemap line: colour, width px, opacity, dash pattern px (none: solid). */
export interface LinePaint {
  colour: string;
  widthPx: number;
  opacity: number;
  dashPx?: readonly number[];
}

export const COASTLINE_PAINT: LinePaint = { colour: '#6b7c8f', widthPx: 0.8, opacity: 1 };
export const BORDER_PAINT: LinePaint = { colour: '#8d99a6', widthPx: 1, opacity: 1, dashPx: [4, 2] };
/** The 12 nm territorial-sea limits. */
export const MARITIME_PAINT: LinePaint = { colour: '#5c7ea3', widthPx: 1, opacity: 0.7, dashPx: [3, 3] };
/**
 * Graticule lines. The console draws them at 0.08 opacity under its own labels; on a
 * printed page they carry degree labels and need to be seen, hence a little more.
 */
export const GRATICULE_PAINT: LinePaint = { colour: '#ffffff', widthPx: 1, opacity: 0.14 };

/** Zone colours by kind (fill and outline): distinct hues so a zone's kind reads at a glance. */
export const ZONE_COLOURS: Readonly<Record<ZoneKind, string>> = {
  'port-approach': '#2f80ed',
  corridor: '#27ae60',
  'naval-base': '#eb5757',
  strait: '#9b51e0',
  exclusion: '#f2994a',
  'no-fly': '#f2c94c',
  'transit-line': '#56ccf2',
  other: '#828282',
};

/** Fill opacity of zone polygons (0–1): tracks inside stay visible. */
export const ZONE_FILL_OPACITY = 0.28;

/** Colour of a zone kind; an unknown kind gets `other`'s. */
export function zoneColour(kind: string): string {
  return Object.hasOwn(ZONE_COLOURS, kind) ? ZONE_COLOURS[kind as ZoneKind] : ZONE_COLOURS.other;
}

/**
 * Party colours, assigned in the agreement's order (red is not "enemy": monitors are
 * impartial, so the palette starts with orange and blue).
 */
export const PARTY_PALETTE: readonly string[] = ['#d9480f', '#1971c2', '#2b8a3e', '#862e9c', '#e67700', '#0b7285'];

/** Colour of no party (third-flag and unidentified traffic). */
export const NO_PARTY_COLOUR = '#8a8f98';

/**
 * Colour of a party code given the agreement's party codes in order (the console's
 * assignment); a code not among them, or none, is grey.
 * @example partyColour('RU', ['UA', 'RU']) // '#1971c2'
 */
export function partyColour(code: string | undefined, parties: readonly string[]): string {
  const i = code === undefined ? -1 : parties.indexOf(code);
  return i < 0 ? NO_PARTY_COLOUR : PARTY_PALETTE[i % PARTY_PALETTE.length]!;
}

/** Alert severity colours (the console's `--high`, `--medium`, `--low`). */
export const SEVERITY_COLOURS: Readonly<Record<string, string>> = { high: '#ff6b6b', medium: '#ffa94d', low: '#ffd43b' };

/** Colour of a point with no (or an unknown) severity. */
export const NO_SEVERITY_COLOUR = '#ced4da';

/** Text on the map (the console's `--text` and `--muted`) and its halo. */
export const MAP_TEXT_COLOUR = '#dde5ec';
export const MAP_MUTED_COLOUR = '#8d99a6';
/** The title and caption bands (the console's `--panel`). */
export const PANEL_COLOUR = '#121f2b';
