import { BrowserWindow } from 'electron';
import type { Logger } from 'pino';
import { installCsp } from './csp.ts';
import { denyAllPermissions, hardenContents } from './harden.ts';
import { blockDesktopShortcuts, refuseClose, type CloseGuard } from './lockdown.ts';
import { contentUrl, ownUrlTest, type KioskContent } from './origin.ts';
import {
  DEFAULT_RECOVERY,
  recoverRenderer,
  type RecoveryPolicy,
  type RendererRecovery,
} from './recovery.ts';

/** What `createKioskWindow` needs to know. */
export interface KioskWindowOptions {
  /** The renderer to show. */
  content: KioskContent;
  /** Absolute path of the built preload script (CommonJS: sandboxed preloads cannot be ESM). */
  preload: string;
  /** Production locks devtools and their keys away; the other desktop shortcuts always are. */
  production: boolean;
  logger: Logger;
  /** Shown before the page paints, so a slow start is not a white flash. */
  backgroundColor?: string;
  /** Overrides the default CSP (kiosk/main/csp.ts). */
  csp?: string;
  /** Overrides parts of the crash-restart policy. */
  recovery?: Partial<RecoveryPolicy>;
}

/** The kiosk window and its crash-restart watch. */
export interface KioskWindow {
  window: BrowserWindow;
  recovery: RendererRecovery;
  /** Refuses to close the window until the kiosk quits; `allowClose` when it does. */
  closeGuard: CloseGuard;
  /** True for URLs that belong to the app (app://kiosk, or the dev server's origin). */
  isOwnUrl(url: string): boolean;
}

const OUT_OF_SERVICE_HTML = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>暂停服务 Out of service</title><style>body{margin:0;height:100vh;display:flex;
flex-direction:column;align-items:center;justify-content:center;font-family:sans-serif;
background:#f4f6f8;color:#1f2933}h1{font-size:64px;margin:0 0 24px}p{font-size:32px;margin:8px}
</style></head><body><h1>暂停服务</h1><p>本机暂时无法使用，请前往其他自助终端或服务窗口办理。</p>
<p lang="en">This terminal is out of service. Please use another terminal or a service counter.</p>
</body></html>`;

/** The static page shown after a crash loop: no script, nothing to go wrong. */
export const OUT_OF_SERVICE_URL = `data:text/html;charset=utf-8,${encodeURIComponent(OUT_OF_SERVICE_HTML)}`;

/**
 * Creates the one fullscreen kiosk window, hardened: isolated sandboxed renderer without Node,
 * no new windows or navigation away, no permissions, a strict CSP, desktop shortcuts swallowed,
 * no closing until the kiosk quits, devtools locked in production, and a crashed or hung
 * renderer reloaded with back-off until a crash-loop limit.
 */
export function createKioskWindow(options: KioskWindowOptions): KioskWindow {
  const { logger, production } = options;
  const window = new BrowserWindow({
    fullscreen: true,
    kiosk: true,
    autoHideMenuBar: true,
    backgroundColor: options.backgroundColor ?? '#f4f6f8',
    title: 'kiosk24',
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: !production,
      spellcheck: false,
      preload: options.preload,
    },
  });
  const contents = window.webContents;
  const isOwnUrl = ownUrlTest(options.content);
  hardenContents(contents, isOwnUrl, logger);
  denyAllPermissions(contents.session, logger);
  // For a dev server's http(s) responses; app:// responses carry the policy themselves.
  installCsp(contents.session, options.csp);
  blockDesktopShortcuts(contents, production, logger);
  const closeGuard = refuseClose(window, logger);

  if (production) {
    contents.on('devtools-opened', () => {
      logger.warn('devtools opened in production; closing them');
      contents.closeDevTools();
    });
  }

  const load = (): void => {
    contents.loadURL(contentUrl(options.content)).catch((error: unknown) => {
      // A failed load leaves a blank screen; the crash watch does not see it, so say so loudly.
      logger.error({ err: error, url: contentUrl(options.content) }, 'kiosk page failed to load');
    });
  };
  const recovery = recoverRenderer(window, {
    reload: load,
    showOutOfService: () => {
      contents.loadURL(OUT_OF_SERVICE_URL).catch((error: unknown) => {
        logger.error({ err: error }, 'out-of-service page failed to load');
      });
    },
    policy: { ...DEFAULT_RECOVERY, ...options.recovery },
    logger,
  });
  window.on('closed', () => recovery.dispose());
  load();
  return { window, recovery, closeGuard, isOwnUrl };
}
