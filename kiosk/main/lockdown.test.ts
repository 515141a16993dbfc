import type { BrowserWindow, WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  MockBrowserWindow,
  recordingLogger,
  resetElectronMock,
} from '../../test/support/electron-mock.ts';
import { blockDesktopShortcuts, blockedShortcut, refuseClose } from './lockdown.ts';

vi.mock(
  'electron',
  async () => (await import('../../test/support/electron-mock.ts')).electronModule,
);

beforeEach(() => {
  resetElectronMock();
});

type Mods = { control?: boolean; shift?: boolean; alt?: boolean; meta?: boolean };

/** A window whose contents swallow shortcuts; `press` says whether a key was swallowed. */
function keyboard(production: boolean) {
  const window = new MockBrowserWindow();
  const { logger, lines } = recordingLogger();
  blockDesktopShortcuts(window.webContents as unknown as WebContents, production, logger);
  const press = (key: string, mods: Mods = {}, type = 'keyDown') =>
    window.webContents.emitCancelable(
      'before-input-event',
      {},
      {
        type,
        key,
        control: false,
        shift: false,
        alt: false,
        meta: false,
        ...mods,
      },
    ).defaultPrevented;
  return { press, lines };
}

describe('desktop shortcuts in the kiosk window', () => {
  it('cannot close the window or quit: Alt+F4, Ctrl+F4, Ctrl+W, Ctrl+Shift+W, Ctrl+Q', () => {
    const { press } = keyboard(true);
    expect(press('F4', { alt: true })).toBe(true);
    expect(press('F4', { control: true })).toBe(true);
    expect(press('w', { control: true })).toBe(true);
    expect(press('W', { control: true, shift: true })).toBe(true);
    expect(press('q', { control: true })).toBe(true);
  });

  it('cannot leave full screen, reload, navigate history or zoom', () => {
    const { press } = keyboard(true);
    expect(press('F11')).toBe(true);
    expect(press('F5')).toBe(true);
    expect(press('F5', { control: true })).toBe(true);
    expect(press('r', { control: true })).toBe(true);
    expect(press('R', { control: true, shift: true })).toBe(true);
    expect(press('ArrowLeft', { alt: true })).toBe(true);
    expect(press('BrowserBack')).toBe(true);
    expect(press('+', { control: true })).toBe(true);
    expect(press('0', { control: true })).toBe(true);
  });

  it('cannot open dialogs or windows: print, save, open, new window', () => {
    const { press } = keyboard(true);
    for (const key of ['p', 's', 'o', 'n', 't']) expect(press(key, { control: true })).toBe(true);
  });

  it('treats the Meta key like Ctrl, so Super+W is no way out either', () => {
    expect(keyboard(true).press('w', { meta: true })).toBe(true);
  });

  it('blocks on key up as well as key down, and logs the key-down only', () => {
    const { press, lines } = keyboard(true);
    expect(press('F11', {}, 'keyUp')).toBe(true);
    expect(lines).toHaveLength(0);
    press('F11');
    expect(lines.map((line) => [line.msg, line.does])).toEqual([
      ['kiosk blocked a shortcut', 'leave full screen'],
    ]);
  });

  it('leaves ordinary typing alone, and never logs it', () => {
    const { press, lines } = keyboard(true);
    for (const key of ['r', 'w', 'q', '5', 'Enter', 'Backspace', 'ArrowLeft', 'F4']) {
      expect(press(key)).toBe(false);
    }
    expect(press('R', { shift: true })).toBe(false);
    expect(press('i', { control: true })).toBe(false);
    expect(lines).toHaveLength(0);
  });

  it('blocks the devtools keys in production, and leaves them to developers outside it', () => {
    const devtools: [string, Mods][] = [
      ['F12', {}],
      ['I', { control: true, shift: true }],
      ['J', { control: true, shift: true }],
      ['C', { control: true, shift: true }],
    ];
    const production = keyboard(true);
    const development = keyboard(false);
    for (const [key, mods] of devtools) {
      expect(production.press(key, mods)).toBe(true);
      expect(development.press(key, mods)).toBe(false);
    }
    // The ways out stay blocked outside production too.
    expect(development.press('F4', { alt: true })).toBe(true);
    expect(development.press('r', { control: true })).toBe(true);
  });

  it('names what each blocked shortcut would have done', () => {
    const input = { key: 'F4', alt: true, control: false, shift: false, meta: false };
    expect(blockedShortcut(input, true)?.does).toBe('close the window');
  });
});

describe('closing the kiosk window', () => {
  it('is refused, and logged, while the kiosk runs (Alt+F4 from a window manager, window.close())', () => {
    const window = new MockBrowserWindow();
    const { logger, lines } = recordingLogger();
    refuseClose(window as unknown as BrowserWindow, logger);
    expect(window.close()).toBe(false);
    expect(window.isDestroyed()).toBe(false);
    expect(lines.map((line) => line.msg)).toEqual([
      'kiosk refused to close its window; it closes only when the kiosk quits',
    ]);
  });

  it('is allowed once the kiosk quits', () => {
    const window = new MockBrowserWindow();
    const guard = refuseClose(window as unknown as BrowserWindow, recordingLogger().logger);
    guard.allowClose();
    expect(window.close()).toBe(true);
    expect(window.isDestroyed()).toBe(true);
  });
});
