import { app, Menu, type BrowserWindow } from 'electron';
import type { Logger } from 'pino';
import type { CoreEndpoint } from '../contract.ts';
import { registerAppScheme, serveAppProtocol } from './app-protocol.ts';
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
  /** The renderer served over http(s) (e.g. a dev server). Give this or `rendererDir`. */
  loadUrl?: string;
  /** The built renderer folder, served as app://kiosk. Give this or `loadUrl`. */
  rendererDir?: string;
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
  const { loadUrl, rendererDir } = options;
  if ((loadUrl === undefined) === (rendererDir === undefined)) {
    throw new TypeError(
      'startElectronHost needs exactly one of loadUrl (a dev server URL) or rendererDir (the built renderer folder)',
    );
  }
  if (loadUrl !== undefined) {
    if (!URL.canParse(loadUrl) || !/^https?:$/.test(new URL(loadUrl).protocol)) {
      throw new TypeError(
        `loadUrl ${JSON.stringify(loadUrl)} is not an http(s) URL; pass e.g. http://127.0.0.1:5173/, or rendererDir for the built renderer`,
      );
    }
    return { url: loadUrl };
  }
  return { rendererDir: rendererDir ?? '' };
}

/**
 * The steps Electron accepts only before it is ready, so the entry runs them in its first,
 * synchronous lines (an ES module main must not await anything Electron's 'ready' waits on):
 * one instance only, the sandbox for every renderer, quiet Chromium, the app: scheme, and no
 * application menu, whose default accelerators would close, reload or unzoom the kiosk.
 * Returns false, and quits, when another instance already runs.
 */
export function prepareElectronHost(logger: Logger): boolean {
  if (!app.requestSingleInstanceLock()) {
    logger.warn('another kiosk24 is already running on this machine; this instance quits');
    app.quit();
    return false;
  }
  app.enableSandbox();
  for (const name of HOST_SWITCHES) app.commandLine.appendSwitch(name);
  registerAppScheme();
  Menu.setApplicationMenu(null);
  return true;
}

/**
 * Starts the kiosk in Electron, after {@link prepareElectronHost}: every web contents hardened,
 * the renderer served on app://kiosk, the kiosk window, the IPC bridge to the core and the
 * display kept awake. The window closes only when the app quits.
 */
export async function startElectronHost(options: ElectronHostOptions): Promise<ElectronHost> {
  const { logger } = options;
  const content = contentOf(options);
  const isOwnUrl = ownUrlTest(content);
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, isOwnUrl, logger));

  await app.whenReady();
  const stopServing =
    'rendererDir' in content
      ? serveAppProtocol({ rootDir: content.rendererDir, logger })
      : () => undefined;
  const { window, closeGuard } = createKioskWindow({
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
  // Electron emits before-quit first, whoever asked (a signal, the core, a crash-loop stop).
  app.on('before-quit', () => closeGuard.allowClose());
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    bridge.dispose();
    wakeLock.release();
    stopServing();
    logger.info('kiosk host stopped');
  });
  logger.info({ production: options.production }, 'kiosk host started in Electron');
  return { window, bridge, quit: () => app.quit() };
}
