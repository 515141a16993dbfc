import { app, type BrowserWindow } from 'electron';
import type { Logger } from 'pino';
import type { CoreEndpoint } from '../contract.ts';
import { attachBridge, type IpcBridge } from './bridge.ts';
import { hardenContents } from './harden.ts';
import { ownUrlTest, type KioskContent } from './origin.ts';
import { keepDisplayAwake } from './power.ts';
import type { RecoveryPolicy } from './recovery.ts';
import { createKioskWindow } from './window.ts';

/**
 * Chromium switches that stop traffic the kiosk never asked for: update pings, component
 * downloads, sync and reporting. A kiosk talks to its platform and nothing else.
 */
export const HOST_SWITCHES: readonly string[] = [
  'disable-background-networking',
  'disable-component-update',
  'disable-domain-reliability',
  'disable-sync',
  'no-pings',
];

/** What the Electron host needs: the core to talk to and the renderer to show. */
export interface ElectronHostOptions {
  core: CoreEndpoint;
  /** The renderer served over http(s) (e.g. a dev server). Give this or `loadFile`. */
  loadUrl?: string;
  /** The built renderer's index.html on disk. Give this or `loadUrl`. */
  loadFile?: string;
  /** Absolute path of the built CommonJS preload script. */
  preload: string;
  production: boolean;
  logger: Logger;
  backgroundColor?: string;
  recovery?: Partial<RecoveryPolicy>;
}

/** The running host. */
export interface ElectronHost {
  window: BrowserWindow;
  bridge: IpcBridge;
  /** Quits the app; the bridge and the display wake lock are released on the way out. */
  quit(): void;
}

function contentOf(options: ElectronHostOptions): KioskContent {
  const { loadUrl, loadFile } = options;
  if ((loadUrl === undefined) === (loadFile === undefined)) {
    throw new TypeError(
      'startElectronHost needs exactly one of loadUrl (a dev server URL) or loadFile (the built index.html)',
    );
  }
  if (loadUrl !== undefined) {
    if (!URL.canParse(loadUrl) || !/^(https?|file):$/.test(new URL(loadUrl).protocol)) {
      throw new TypeError(
        `loadUrl ${JSON.stringify(loadUrl)} is not an http(s) or file URL; pass e.g. http://127.0.0.1:5173/`,
      );
    }
    return { url: loadUrl };
  }
  return { file: loadFile ?? '' };
}

/**
 * Starts the kiosk in Electron: one instance only, sandbox for every renderer, quiet Chromium,
 * every web contents hardened, the kiosk window, the IPC bridge to the core and the display
 * kept awake. Resolves to null when another instance already runs (this one then quits).
 */
export async function startElectronHost(
  options: ElectronHostOptions,
): Promise<ElectronHost | null> {
  const { logger } = options;
  const content = contentOf(options);
  if (!app.requestSingleInstanceLock()) {
    logger.warn('another kiosk24 is already running on this machine; this instance quits');
    app.quit();
    return null;
  }
  // These must happen before 'ready': Chromium reads them while starting.
  app.enableSandbox();
  for (const name of HOST_SWITCHES) app.commandLine.appendSwitch(name);
  const isOwnUrl = ownUrlTest(content);
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, isOwnUrl, logger));

  await app.whenReady();
  const { window } = createKioskWindow({
    content,
    preload: options.preload,
    production: options.production,
    logger,
    ...(options.backgroundColor === undefined ? {} : { backgroundColor: options.backgroundColor }),
    ...(options.recovery === undefined ? {} : { recovery: options.recovery }),
  });
  const bridge = attachBridge({ window, core: options.core, isOwnUrl, logger });
  const wakeLock = keepDisplayAwake();

  app.on('second-instance', () => {
    // Someone started the kiosk again (a technician, a watchdog): bring the one window forward.
    if (window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    bridge.dispose();
    wakeLock.release();
    logger.info('kiosk host stopped');
  });
  logger.info({ production: options.production }, 'kiosk host started in Electron');
  return { window, bridge, quit: () => app.quit() };
}
