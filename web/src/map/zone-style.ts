import type { ZoneKind } from '../../../src/core/agreement/schema.js';

/**
 * Zone colours by kind (fill, outline). Distinct hues so a zone's kind reads at a glance;
 * the fill is drawn at {@link ZONE_FILL_OPACITY} so tracks inside stay visible. The browser
 * test looks for these fill colours in a screenshot.
 */
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

/** Fill opacity of zone polygons (0–1). */
export const ZONE_FILL_OPACITY = 0.28;

/** A MapLibre `match` expression on the zone's `kind` giving its colour. */
export function zoneColourExpression(): unknown[] {
  return ['match', ['get', 'kind'], ...Object.entries(ZONE_COLOURS).flat(), ZONE_COLOURS.other];
}
