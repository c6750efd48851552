import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { basemapPlugin } from './build/basemap-plugin.js';

/**
 * The console's build: `web/` is the root, output goes to `web/dist/` (served by `vigil serve`
 * at `/`). `npm run dev:web` proxies /api to a running `vigil serve` (VIGIL_API, default :8080).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [basemapPlugin()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // maplibre-gl alone is ~1 MB minified; one chunk for it is expected, not a regression.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { '/api': { target: process.env.VIGIL_API ?? 'http://127.0.0.1:8080', changeOrigin: false } },
  },
});
