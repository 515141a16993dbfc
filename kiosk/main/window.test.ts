import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  lastWindow,
  recordingLogger,
  resetElectronMock,
} from '../../test/support/electron-mock.ts';
import { KIOSK_CSP } from './csp.ts';
import { createKioskWindow, OUT_OF_SERVICE_URL, type KioskWindowOptions } from './window.ts';

vi.mock(
  'electron',
  async () => (await import('../../test/support/electron-mock.ts')).electronModule,
);

beforeEach(() => {
  resetElectronMock();
});

function open(overrides: Partial<KioskWindowOptions> = {}) {
  const { logger, lines } = recordingLogger();
  const kiosk = createKioskWindow({
    content: { url: 'http://127.0.0.1:8024/' },
    preload: '/opt/kiosk24/preload.cjs',
    production: true,
    logger,
    ...overrides,
  });
  return { kiosk, lines, mock: lastWindow() };
}

describe('the kiosk window', () => {
  it('is fullscreen in kiosk mode without a menu bar', () => {
    const { options } = open().mock;
    expect(options).toMatchObject({ fullscreen: true, kiosk: true, autoHideMenuBar: true });
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('runs its page isolated and sandboxed, without Node, with web security on', () => {
    const prefs = open().mock.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      preload: '/opt/kiosk24/preload.cjs',
    });
  });

  it('loads the configured page', () => {
    expect(open().mock.webContents.loads).toEqual(['http://127.0.0.1:8024/']);
  });

  it('denies every new window', () => {
    const { webContents } = open().mock;
    expect(webContents.windowOpenHandler?.({ url: 'http://127.0.0.1:8024/other' })).toEqual({
      action: 'deny',
    });
    expect(webContents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({
      action: 'deny',
    });
  });

  it('prevents navigation and redirects to another origin but allows its own', () => {
    const { webContents } = open().mock;
    expect(
      webContents.emitCancelable('will-navigate', { url: 'https://example.com/' }).defaultPrevented,
    ).toBe(true);
    expect(
      webContents.emitCancelable('will-redirect', { url: 'http://127.0.0.1:9999/' })
        .defaultPrevented,
    ).toBe(true);
    expect(
      webContents.emitCancelable('will-navigate', { url: 'file:///etc/passwd' }).defaultPrevented,
    ).toBe(true);
    expect(
      webContents.emitCancelable('will-navigate', { url: 'http://127.0.0.1:8024/menu' })
        .defaultPrevented,
    ).toBe(false);
  });

  it('loads the built renderer from app://kiosk and keeps it on that origin', () => {
    const { webContents } = open({ content: { rendererDir: '/opt/kiosk24/renderer' } }).mock;
    expect(webContents.loads).toEqual(['app://kiosk/index.html']);
    const prevented = (url: string) =>
      webContents.emitCancelable('will-navigate', { url }).defaultPrevented;
    expect(prevented('app://kiosk/index.html#menu')).toBe(false);
    expect(prevented('app://kiosk/other.html')).toBe(false);
    expect(prevented('file:///opt/kiosk24/renderer/index.html')).toBe(true);
    expect(prevented('file:///etc/passwd')).toBe(true);
    expect(prevented('app://elsewhere/index.html')).toBe(true);
    expect(prevented('app://kiosk:8080/index.html')).toBe(true);
    expect(prevented('app://user@kiosk/index.html')).toBe(true);
    expect(prevented('http://127.0.0.1:8024/')).toBe(true);
    expect(webContents.windowOpenHandler?.({ url: 'app://kiosk/index.html' })).toEqual({
      action: 'deny',
    });
  });

  it('refuses to close until the kiosk says it is quitting', () => {
    const { kiosk, mock } = open();
    expect(mock.close()).toBe(false);
    kiosk.closeGuard.allowClose();
    expect(mock.close()).toBe(true);
  });

  it('prevents attaching a webview', () => {
    expect(open().mock.webContents.emitCancelable('will-attach-webview').defaultPrevented).toBe(
      true,
    );
  });

  it('denies every permission, camera included, and logs the request', () => {
    const { mock, lines } = open();
    for (const permission of ['media', 'geolocation', 'notifications', 'serial']) {
      expect(mock.webContents.session.requestPermission(permission)).toBe(false);
    }
    expect(mock.webContents.session.permissionCheckHandler?.()).toBe(false);
    expect(lines.filter((line) => line.msg === 'kiosk denied a permission request')).toHaveLength(
      4,
    );
  });
});

describe('the Content-Security-Policy header', () => {
  it('is added to every response', () => {
    const headers = open().mock.webContents.session.respond('http://127.0.0.1:8024/', {
      'Content-Type': ['text/html'],
    });
    expect(headers?.['Content-Security-Policy']).toEqual([KIOSK_CSP]);
    expect(headers?.['Content-Type']).toEqual(['text/html']);
  });

  it('is strict: nothing by default, scripts only from the app, no eval, inline, plugins or frames', () => {
    const directives = new Map(
      KIOSK_CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(KIOSK_CSP).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('keeps a server policy beside its own so it can only get stricter', () => {
    const headers = open().mock.webContents.session.respond('http://127.0.0.1:8024/', {
      'content-security-policy': ["img-src 'none'"],
    });
    expect(headers?.['content-security-policy']).toEqual(["img-src 'none'", KIOSK_CSP]);
  });
});

describe('devtools', () => {
  it('are disabled in production, and closed if they open anyway', () => {
    const { mock, lines } = open({ production: true });
    expect((mock.options.webPreferences as Record<string, unknown>).devTools).toBe(false);
    mock.webContents.openDevTools();
    expect(mock.webContents.isDevToolsOpened()).toBe(false);
    expect(lines.some((line) => line.msg.includes('devtools opened in production'))).toBe(true);
  });

  it('stay available outside production', () => {
    const { mock } = open({ production: false });
    expect((mock.options.webPreferences as Record<string, unknown>).devTools).toBe(true);
    mock.webContents.openDevTools();
    expect(mock.webContents.isDevToolsOpened()).toBe(true);
  });

  it('and their keys are swallowed in production, with the other desktop shortcuts', () => {
    const { webContents } = open({ production: true }).mock;
    const press = (key: string, mods: { control?: boolean; shift?: boolean; alt?: boolean } = {}) =>
      webContents.emitCancelable(
        'before-input-event',
        {},
        {
          type: 'keyDown',
          key,
          control: false,
          shift: false,
          meta: false,
          alt: false,
          ...mods,
        },
      ).defaultPrevented;
    expect(press('F12')).toBe(true);
    expect(press('I', { control: true, shift: true })).toBe(true);
    expect(press('r', { control: true })).toBe(true);
    expect(press('F5')).toBe(true);
    expect(press('F4', { alt: true })).toBe(true);
    expect(press('w', { control: true })).toBe(true);
    expect(press('F11')).toBe(true);
    expect(press('5')).toBe(false);
  });
});

describe('the out-of-service page', () => {
  it('is a static page with no script, in Chinese and English', () => {
    const html = decodeURIComponent(OUT_OF_SERVICE_URL.slice(OUT_OF_SERVICE_URL.indexOf(',') + 1));
    expect(html).toContain('暂停服务');
    expect(html).toContain('out of service');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("default-src 'none'");
  });
});
