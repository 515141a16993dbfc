// Electron main entry, compiled to dist/electron/main.mjs (scripts/node-bundles.mjs), the file
// Electron starts: loads the config, starts the core in this process and shows the renderer in
// the hardened kiosk window.
//
// Electron emits 'ready' only once this module has finished evaluating, so nothing here awaits at
// the top level: awaiting the host (which awaits 'ready') would hang the app. The steps Electron
// takes only before 'ready' run synchronously first; the rest runs in `run`.
import { app } from 'electron';
import type { Logger } from 'pino';
import { assetPath } from '../../assets.ts';
import { ConfigError, loadConfig, type KioskConfig } from '../core/config/index.ts';
import { startKiosk } from '../core/kiosk.ts';
import { createLogger } from '../core/log.ts';
import { prepareElectronHost, startElectronHost } from './app.ts';
import { closeBeforeQuit } from './shutdown.ts';

/** Exit status for a config the kiosk cannot start with (sysexits' EX_CONFIG). */
const EXIT_BAD_CONFIG = 78;
/** Exit status when start-up failed for another reason. */
const EXIT_START_FAILED = 1;

async function run(config: KioskConfig, logger: Logger): Promise<void> {
  const kiosk = await startKiosk(config, logger);
  // A service manager stops the kiosk with SIGTERM: devices, simulators and servers are closed
  // before Electron quits, so no port stays held and no resident data outlives the process.
  const shutdown = closeBeforeQuit(() => kiosk.close(), logger);
  process.once('SIGTERM', () => shutdown.stop());
  process.once('SIGINT', () => shutdown.stop());
  await startElectronHost({
    core: kiosk.sessions,
    rendererDir: assetPath('renderer'),
    preload: assetPath('preload'),
    production: config.production,
    logger,
  });
}

let config: KioskConfig | undefined;
try {
  config = loadConfig();
} catch (error) {
  // A bad config is the operator's to fix: say what is wrong, without Electron's error dialog.
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`kiosk24: ${error.message}\n`);
  app.exit(EXIT_BAD_CONFIG);
}
if (config !== undefined) {
  const logger = createLogger({ level: config.log.level });
  // A second copy must not touch the devices the first one holds: check before opening anything.
  if (prepareElectronHost(logger)) {
    run(config, logger).catch((error: unknown) => {
      logger.fatal({ err: error }, 'kiosk24 could not start in Electron');
      app.exit(EXIT_START_FAILED);
    });
  }
}
