import { APP_ENTRY_URL, isAppUrl } from './app-protocol.ts';

/**
 * What the kiosk window shows: the renderer served over http(s) (a development server), or the
 * built renderer folder, served on the app://kiosk origin (kiosk/main/app-protocol.ts).
 */
export type KioskContent = { url: string } | { rendererDir: string };

/** The URL the content loads as, for logs and for comparing navigation targets. */
export function contentUrl(content: KioskContent): string {
  return 'url' in content ? content.url : APP_ENTRY_URL;
}

/**
 * Decides whether a URL belongs to the app itself: for the built renderer, the app://kiosk
 * origin and nothing else (never file:, never another app: host); over http(s), the same
 * origin as the loaded page.
 */
export function ownUrlTest(content: KioskContent): (url: string) => boolean {
  if (!('url' in content)) return isAppUrl;
  const home = new URL(content.url).origin;
  return (url) => URL.canParse(url) && new URL(url).origin === home;
}
