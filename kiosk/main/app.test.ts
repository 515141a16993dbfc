import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  electronModule,
  lastWindow,
  MockWebContents,
  recordingLogger,
  resetElectronMock,
} from '../../test/support/electron-mock.ts';
import { CHANNELS, type CoreEndpoint } from '../contract.ts';
import { APP_ENTRY_URL } from './app-protocol.ts';
import {
  HOST_SWITCHES,
  prepareElectronHost,
  startElectronHost,
  type ElectronHostOptions,
} from './app.ts';
import { keepDisplayAwake } from './power.ts';

vi.mock(
  'electron',
  async () => (await import('../../test/support/electron-mock.ts')).electronModule,
);

const { app, powerSaveBlocker, protocol, Menu } = electronModule;
const silentCore: CoreEndpoint = {
  connect: () => ({ receive: () => undefined, disconnect: () => undefined }),
};

function start(overrides: Partial<ElectronHostOptions> = {}) {
  const { logger, lines } = recordingLogger();
  const prepared = prepareElectronHost(logger);
  const host = startElectronHost({
    core: silentCore,
    rendererDir: '/opt/kiosk24/renderer',
    preload: '/opt/kiosk24/preload.cjs',
    production: true,
    logger,
    ...overrides,
  });
  return { prepared, host, lines };
}

beforeEach(() => {
  resetElectronMock();
});

describe('preparing the Electron host before the app is ready', () => {
  it('enables the sandbox for every renderer and switches off background networking', () => {
    expect(prepareElectronHost(recordingLogger().logger)).toBe(true);
    expect(app.sandboxEnabled).toBe(true);
    expect([...app.switches.keys()]).toEqual(HOST_SWITCHES);
    expect(HOST_SWITCHES).toContain('disable-background-networking');
  });

  it('declares app: a standard, secure scheme that fetch may use, and no other origin may read', () => {
    prepareElectronHost(recordingLogger().logger);
    expect(protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('removes the application menu, whose default keys close, reload and zoom the window', () => {
    prepareElectronHost(recordingLogger().logger);
    expect(Menu.applicationMenu).toBeNull();
  });

  it('quits at once, before any of that, when another instance holds the lock', () => {
    app.gotLock = false;
    const { logger, lines } = recordingLogger();
    expect(prepareElectronHost(logger)).toBe(false);
    expect(app.quitCalls).toBe(1);
    expect(app.sandboxEnabled).toBe(false);
    expect(protocol.privileged).toEqual([]);
    expect(lines.some((line) => line.msg.includes('already running'))).toBe(true);
  });

  it('does all of it before ready: the stand-in refuses these calls afterwards', async () => {
    await app.whenReady();
    expect(() => prepareElectronHost(recordingLogger().logger)).toThrow('before the app is ready');
  });
});

describe('startElectronHost', () => {
  it('opens the hardened kiosk window on app://kiosk, not file://', async () => {
    const host = await start().host;
    expect(host.window).toBe(lastWindow());
    expect(lastWindow().options).toMatchObject({ kiosk: true, fullscreen: true });
    expect(lastWindow().webContents.loads).toEqual([APP_ENTRY_URL]);
    expect(protocol.isProtocolHandled('app')).toBe(true);
  });

  it('loads a development server over http when given its URL, and serves no app: files', async () => {
    await start({ rendererDir: undefined, loadUrl: 'http://127.0.0.1:5173/' }).host;
    expect(lastWindow().webContents.loads).toEqual(['http://127.0.0.1:5173/']);
    expect(protocol.isProtocolHandled('app')).toBe(false);
  });

  it('keeps its window open against a close request until the kiosk quits', async () => {
    const { lines, host } = start();
    await host;
    expect(lastWindow().close()).toBe(false);
    expect(lastWindow().isDestroyed()).toBe(false);
    expect(lines.some((line) => line.msg.includes('refused to close its window'))).toBe(true);
    app.quit();
    expect(lastWindow().close()).toBe(true);
  });

  it('stops serving app: when it quits, even when will-quit comes twice', async () => {
    await start().host;
    app.emit('will-quit');
    app.emit('will-quit');
    expect(protocol.isProtocolHandled('app')).toBe(false);
  });

  it('keeps the display awake while running, and lets it sleep after quitting', async () => {
    await start().host;
    expect([...powerSaveBlocker.active.values()]).toEqual(['prevent-display-sleep']);
    app.emit('will-quit');
    expect(powerSaveBlocker.active.size).toBe(0);
  });

  it('hardens any other web contents Electron creates', async () => {
    await start().host;
    const other = new MockWebContents();
    app.emit('web-contents-created', {}, other);
    expect(other.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(
      other.emitCancelable('will-navigate', { url: 'https://example.com/' }).defaultPrevented,
    ).toBe(true);
    expect(other.emitCancelable('will-attach-webview').defaultPrevented).toBe(true);
  });

  it('brings its window forward when a second instance starts', async () => {
    await start().host;
    app.emit('second-instance');
    expect(lastWindow().focused).toBe(1);
  });

  it('quits when the window is closed and stops listening to the renderer', async () => {
    await start().host;
    app.emit('window-all-closed');
    expect(app.quitCalls).toBe(1);
    app.emit('will-quit');
    expect(electronModule.ipcMain.listenerCount(CHANNELS.toCore)).toBe(0);
  });

  it('refuses options naming both or neither page source, saying what to pass', async () => {
    const base = {
      core: silentCore,
      preload: 'p',
      production: false,
      logger: recordingLogger().logger,
    };
    await expect(startElectronHost(base)).rejects.toThrow('exactly one of loadUrl');
    await expect(
      startElectronHost({ ...base, loadUrl: 'http://127.0.0.1/', rendererDir: '/opt/r' }),
    ).rejects.toThrow('exactly one of loadUrl');
    await expect(startElectronHost({ ...base, loadUrl: 'javascript:alert(1)' })).rejects.toThrow(
      'not an http(s) URL',
    );
    await expect(
      startElectronHost({ ...base, loadUrl: 'file:///opt/kiosk24/renderer/index.html' }),
    ).rejects.toThrow('rendererDir for the built renderer');
    expect(app.quitCalls).toBe(0);
  });
});

describe('keepDisplayAwake', () => {
  it('holds one prevent-display-sleep blocker until released', () => {
    const lock = keepDisplayAwake();
    expect([...powerSaveBlocker.active.values()]).toEqual(['prevent-display-sleep']);
    lock.release();
    lock.release();
    expect(powerSaveBlocker.active.size).toBe(0);
  });
});
