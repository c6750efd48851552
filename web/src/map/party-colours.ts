/**
 * Colours of the agreement's parties, assigned in the agreement's order from a palette that
 * avoids the zone hues' meaning clash (red is not "enemy": monitors are impartial).
 */
const PALETTE = ['#d9480f', '#1971c2', '#2b8a3e', '#862e9c', '#e67700', '#0b7285'];

/** Colour for tracks of no party (third-flag and unidentified traffic). */
export const NO_PARTY_COLOUR = '#8a8f98';

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
