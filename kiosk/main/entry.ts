// Electron main entry, compiled to dist/electron/main.mjs (scripts/node-bundles.mjs), the file
// Electron starts: loads the config, starts the core in this process and shows the renderer in
// the hardened kiosk window.
import { app } from 'electron';
import { assetPath } from '../../assets.ts';
import { loadConfig } from '../core/config/index.ts';
import { startKiosk } from '../core/kiosk.ts';
import { createLogger } from '../core/log.ts';
import { startElectronHost } from './app.ts';
import { closeBeforeQuit } from './shutdown.ts';

const config = loadConfig();
const logger = createLogger({ level: config.log.level });
// A second copy must not touch the devices the first one holds: check before opening anything.
if (!app.requestSingleInstanceLock()) {
  logger.warn('another kiosk24 is already running on this machine; this instance quits');
  app.quit();
} else {
  const kiosk = await startKiosk(config, logger);
  const host = await startElectronHost({
    core: kiosk.sessions,
    loadFile: assetPath('renderer', 'index.html'),
    preload: assetPath('preload'),
    production: config.production,
    logger,
  });
  // A service manager stops the kiosk with SIGTERM: devices, simulators and servers are closed
  // before Electron quits, so no port stays held and no resident data outlives the process.
  const shutdown = closeBeforeQuit(() => kiosk.close(), logger);
  if (host === null) shutdown.stop();
  process.once('SIGTERM', () => shutdown.stop());
  process.once('SIGINT', () => shutdown.stop());
}
