/**
 * Zone colours by kind and their fill opacity: shared with the report maps
 * (src/report/svg/basemap-colours.ts), so a printed map reads like the console. The browser
 * test looks for these fill colours in a screenshot.
 */
export { ZONE_COLOURS, ZONE_FILL_OPACITY } from '../../../src/report/svg/basemap-colours.js';
import { ZONE_COLOURS } from '../../../src/report/svg/basemap-colours.js';

/** A MapLibre `match` expression on the zone's `kind` giving its colour. */
export function zoneColourExpression(): unknown[] {
  return ['match', ['get', 'kind'], ...Object.entries(ZONE_COLOURS).flat(), ZONE_COLOURS.other];
}
