import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * Builds the touchscreen renderer into dist/renderer. Everything lands in files the page
 * loads from its own origin (no inline script, no CDN) so `script-src 'self'` holds. The
 * simulator panel (sim-panel/) is built beside it as a second page.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  publicDir: false,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: 'chrome120',
    // The simulator panel is a second page; the browser host serves it at /sim only.
    rollupOptions: {
      input: {
        kiosk: fileURLToPath(new URL('./index.html', import.meta.url)),
        sim: fileURLToPath(new URL('./sim-panel/index.html', import.meta.url)),
      },
    },
  },
});
