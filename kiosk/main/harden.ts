import type { Session, WebContents } from 'electron';
import type { Logger } from 'pino';

const hardened = new WeakSet<WebContents>();

/**
 * Locks a page's contents in place: no new windows, no navigation or redirect away from the
 * app, no <webview>. Applied to the kiosk window and, through `web-contents-created`, to any
 * other contents Electron ever makes, so nothing can open a way out of the kiosk.
 */
export function hardenContents(
  contents: WebContents,
  isOwnUrl: (url: string) => boolean,
  logger: Logger,
): void {
  // The kiosk window is hardened twice (by itself and by web-contents-created); once is enough.
  if (hardened.has(contents)) return;
  hardened.add(contents);
  contents.setWindowOpenHandler(({ url }) => {
    logger.warn({ url: safeForLog(url) }, 'kiosk refused to open a new window');
    return { action: 'deny' };
  });
  const stayHome = (event: { url: string; preventDefault(): void }, what: string): void => {
    if (isOwnUrl(event.url)) return;
    event.preventDefault();
    logger.warn({ url: safeForLog(event.url) }, `kiosk refused a ${what} away from the app`);
  };
  contents.on('will-navigate', (event) => stayHome(event, 'navigation'));
  contents.on('will-redirect', (event) => stayHome(event, 'redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('kiosk refused to attach a <webview>');
  });
}

/**
 * Denies every permission a page can ask for (camera, microphone, geolocation, notifications,
 * HID/serial, ...). A QR camera may be allowed by config later; until then nothing is granted,
 * and the checks that skip the request prompt are answered "no" as well.
 */
export function denyAllPermissions(session: Session, logger: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    logger.warn({ permission }, 'kiosk denied a permission request');
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
}

/**
 * Strips query and fragment before a URL is logged: a crafted link could carry a resident's
 * data in them, and logs must never hold personal data.
 */
function safeForLog(url: string): string {
  if (!URL.canParse(url)) return '[unparseable url]';
  const parsed = new URL(url);
  if (parsed.protocol === 'data:') return 'data:[...]';
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}
