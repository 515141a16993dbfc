import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  electronModule,
  lastWindow,
  MockWebContents,
  recordingLogger,
  resetElectronMock,
} from '../../test/support/electron-mock.ts';
import { CHANNELS, type CoreEndpoint } from '../contract.ts';
import { HOST_SWITCHES, startElectronHost, type ElectronHostOptions } from './app.ts';
import { keepDisplayAwake } from './power.ts';

vi.mock(
  'electron',
  async () => (await import('../../test/support/electron-mock.ts')).electronModule,
);

const { app, powerSaveBlocker } = electronModule;
const silentCore: CoreEndpoint = {
  connect: () => ({ receive: () => undefined, disconnect: () => undefined }),
};

function start(overrides: Partial<ElectronHostOptions> = {}) {
  const { logger, lines } = recordingLogger();
  const host = startElectronHost({
    core: silentCore,
    loadFile: '/opt/kiosk24/renderer/index.html',
    preload: '/opt/kiosk24/preload.cjs',
    production: true,
    logger,
    ...overrides,
  });
  return { host, lines };
}

beforeEach(() => {
  resetElectronMock();
});

describe('startElectronHost', () => {
  it('enables the sandbox for every renderer and switches off background networking', async () => {
    await start().host;
    expect(app.sandboxEnabled).toBe(true);
    expect([...app.switches.keys()]).toEqual(HOST_SWITCHES);
    expect(HOST_SWITCHES).toContain('disable-background-networking');
  });

  it('opens the hardened kiosk window on the built page', async () => {
    const host = await start().host;
    expect(host?.window).toBe(lastWindow());
    expect(lastWindow().options).toMatchObject({ kiosk: true, fullscreen: true });
    expect(lastWindow().webContents.loads).toEqual(['file:///opt/kiosk24/renderer/index.html']);
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

  it('quits at once, without a window, when another instance holds the lock', async () => {
    app.gotLock = false;
    const { host, lines } = start();
    expect(await host).toBeNull();
    expect(app.quitCalls).toBe(1);
    expect(lastWindow).toThrow('no BrowserWindow');
    expect(lines.some((line) => line.msg.includes('already running'))).toBe(true);
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
      startElectronHost({ ...base, loadUrl: 'http://127.0.0.1/', loadFile: 'index.html' }),
    ).rejects.toThrow('exactly one of loadUrl');
    await expect(startElectronHost({ ...base, loadUrl: 'javascript:alert(1)' })).rejects.toThrow(
      'not an http(s) or file URL',
    );
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
