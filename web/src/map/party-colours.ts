/**
 * Colours of the agreement's parties, assigned in the agreement's order from the palette the
 * report maps use too (src/report/svg/basemap-colours.ts).
 */
import { NO_PARTY_COLOUR, PARTY_PALETTE as PALETTE } from '../../../src/report/svg/basemap-colours.js';

export { NO_PARTY_COLOUR };

/** Party code → colour; call {@link setParties} once the agreement is known. */
const colours = new Map<string, string>();

/** Assigns palette colours to party codes in order. */
export function setParties(codes: readonly string[]): void {
  colours.clear();
  codes.forEach((c, i) => colours.set(c, PALETTE[i % PALETTE.length]!));
}

/** Colour of a party code (null/unknown: grey). */
export function partyColour(code: string | null | undefined): string {
  return (code !== null && code !== undefined ? colours.get(code) : undefined) ?? NO_PARTY_COLOUR;
}

/** The parties with their colours, for the legend. */
export function partyLegend(): [string, string][] {
  return [...colours.entries()];
}
