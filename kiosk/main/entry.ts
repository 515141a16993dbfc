// Electron main entry (bundled to dist/electron/main.mjs): loads the config, starts the core
// in this process and shows the renderer in the hardened kiosk window.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { app } from 'electron';
import { loadConfig } from '../core/config/index.ts';
import { startKiosk } from '../core/kiosk.ts';
import { createLogger } from '../core/log.ts';
import { startElectronHost } from './app.ts';

const here = dirname(fileURLToPath(import.meta.url));
const config = loadConfig();
const logger = createLogger({ level: config.log.level });
const kiosk = await startKiosk(config, logger);
const host = await startElectronHost({
  core: kiosk.sessions,
  loadFile: join(here, '..', 'renderer', 'index.html'),
  preload: join(here, 'preload.cjs'),
  production: config.production,
  logger,
});
if (host === null) await kiosk.close();
app.on('will-quit', () => {
  void kiosk.close();
});
