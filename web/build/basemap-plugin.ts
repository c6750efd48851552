import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { buildBasemap } from './basemap.js';

/**
 * Vite plugin: generates the offline basemap into `web/public/basemap/` before a build (and
 * before the dev server starts), so `vite build` alone yields a console that needs no network.
 */
export function basemapPlugin(): Plugin {
  const outDir = fileURLToPath(new URL('../public/basemap/', import.meta.url));
  return {
    name: 'vigil-basemap',
    buildStart() {
      const t0 = performance.now();
      const written = buildBasemap(outDir);
      if (written.length > 0) this.info(`basemap: wrote ${written.length} files to ${outDir} in ${Math.round(performance.now() - t0)} ms`);
    },
  };
}
