// Builds what the kiosk serves: the renderer (Vite) into dist/renderer, and the Electron preload
// bundle (esbuild) into dist/electron. Electron's main process runs the sources in place through
// kiosk/main/electron-main.mjs, so it needs no bundle. Plain Node, no shell.
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';
import { build as esbuild } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

await viteBuild({ configFile: `${root}/kiosk/renderer/vite.config.ts`, logLevel: 'warn' });

// A sandboxed preload cannot load modules: it must be one CommonJS file.
await esbuild({
  entryPoints: [`${root}/kiosk/preload/index.ts`],
  outfile: `${root}/dist/electron/preload.cjs`,
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  external: ['electron'],
  logLevel: 'warning',
});
