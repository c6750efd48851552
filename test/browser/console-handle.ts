/**
 * The part of `window.vigil` (web/src/main.ts `ConsoleHandle`) that the browser tests and the
 * render benchmark use, declared here so the Node side type-checks without the web build.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

export interface ConsoleHandleForTests {
  map: MapLibreMap;
  view: {
    tracks: Map<string, { geometry: { coordinates: [number, number] } }>;
    applyTracks(diff: { add: unknown[]; update: unknown[]; remove: string[] }): void;
  };
  received: { alert: number; tracks: number; incident: number };
  liveAlertIds: string[];
}

declare global {
  interface Window {
    vigil?: ConsoleHandleForTests;
  }
}
