import type { BrowserWindow, Input, WebContents } from 'electron';
import type { Logger } from 'pino';

/**
 * A key combination the kiosk swallows. `ctrl` also matches the Meta (Super/Command) key;
 * `shift: true` requires Shift, otherwise Shift may or may not be held (Ctrl+R and Ctrl+Shift+R
 * both reload). A combination without modifiers is blocked whatever is held with it.
 */
export interface Shortcut {
  /** What the keys would do, for the log and the docs. */
  does: string;
  /** `Input.key`, lower case ('w', 'f4', 'arrowleft'). */
  key: string;
  ctrl?: boolean;
  shift?: boolean;
  alt?: boolean;
  /** Opens developer tools: allowed outside production, where devtools are on. */
  devtools?: boolean;
}

/**
 * The shortcuts a resident's keyboard (or a barcode scanner acting as one) must not reach:
 * each leaves the kiosk, leaves full screen, reloads or changes the page, or opens a dialog
 * or devtools. Electron's default menu binds several of them; the menu is removed as well
 * (app.ts), and this list is the check that does not depend on it.
 */
export const BLOCKED_SHORTCUTS: readonly Shortcut[] = [
  { does: 'close the window', key: 'f4', alt: true },
  { does: 'close the window', key: 'f4', ctrl: true },
  { does: 'close the window', key: 'w', ctrl: true },
  { does: 'quit', key: 'q', ctrl: true },
  { does: 'leave full screen', key: 'f11' },
  { does: 'reload', key: 'f5' },
  { does: 'reload', key: 'r', ctrl: true },
  { does: 'go back', key: 'arrowleft', alt: true },
  { does: 'go forward', key: 'arrowright', alt: true },
  { does: 'go back', key: 'browserback' },
  { does: 'go forward', key: 'browserforward' },
  { does: 'open a new window', key: 'n', ctrl: true },
  { does: 'open a new tab', key: 't', ctrl: true },
  { does: 'open the print dialog', key: 'p', ctrl: true },
  { does: 'save the page', key: 's', ctrl: true },
  { does: 'open a file', key: 'o', ctrl: true },
  { does: 'zoom', key: '+', ctrl: true },
  { does: 'zoom', key: '=', ctrl: true },
  { does: 'zoom', key: '-', ctrl: true },
  { does: 'reset zoom', key: '0', ctrl: true },
  { does: 'open devtools', key: 'f12', devtools: true },
  { does: 'open devtools', key: 'i', ctrl: true, shift: true, devtools: true },
  { does: 'open devtools', key: 'j', ctrl: true, shift: true, devtools: true },
  { does: 'open devtools', key: 'c', ctrl: true, shift: true, devtools: true },
];

type KeyInput = Pick<Input, 'key' | 'control' | 'meta' | 'shift' | 'alt'>;

function matches(shortcut: Shortcut, input: KeyInput): boolean {
  if (input.key.toLowerCase() !== shortcut.key) return false;
  if (shortcut.ctrl === true && !(input.control || input.meta)) return false;
  if (shortcut.alt === true && !input.alt) return false;
  if (shortcut.shift === true && !input.shift) return false;
  return true;
}

/** The blocked shortcut `input` is, or undefined for a key the page may have. */
export function blockedShortcut(input: KeyInput, production: boolean): Shortcut | undefined {
  return BLOCKED_SHORTCUTS.find(
    (shortcut) => (production || shortcut.devtools !== true) && matches(shortcut, input),
  );
}

/**
 * Swallows the blocked shortcuts before the page or the menu sees them. In production every
 * one is blocked; outside it the devtools keys are left to developers.
 */
export function blockDesktopShortcuts(
  contents: WebContents,
  production: boolean,
  logger: Logger,
): void {
  contents.on('before-input-event', (event, input) => {
    const shortcut = blockedShortcut(input, production);
    if (shortcut === undefined) return;
    event.preventDefault();
    // Only the blocked combination is logged, never ordinary typing, which may be personal.
    if (input.type === 'keyDown') logger.info({ does: shortcut.does }, 'kiosk blocked a shortcut');
  });
}

/** The window's close guard, as returned by {@link refuseClose}. */
export interface CloseGuard {
  /** Lets the window close: the kiosk itself is quitting. */
  allowClose(): void;
}

/**
 * Keeps the window open unless the kiosk itself is quitting. Alt+F4 on an X11 desktop is the
 * window manager's, never seen as a key by the page: it arrives as a close request, refused
 * here, as is a page script's window.close().
 */
export function refuseClose(window: BrowserWindow, logger: Logger): CloseGuard {
  let quitting = false;
  window.on('close', (event) => {
    if (quitting) return;
    event.preventDefault();
    logger.warn('kiosk refused to close its window; it closes only when the kiosk quits');
  });
  return {
    allowClose() {
      quitting = true;
    },
  };
}
