import type { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  electronModule,
  MockBrowserWindow,
  MockFrame,
  MockWebContents,
  mockEvent,
  recordingLogger,
  resetElectronMock,
} from '../../test/support/electron-mock.ts';
import {
  CHANNELS,
  type CoreEndpoint,
  type CoreMessage,
  type RendererMessage,
} from '../contract.ts';
import { attachBridge } from './bridge.ts';
import { ownUrlTest } from './origin.ts';

vi.mock(
  'electron',
  async () => (await import('../../test/support/electron-mock.ts')).electronModule,
);

const PAGE = 'http://127.0.0.1:8024/';

/** A core that records what it received and lets the test answer through the latest connection. */
function recordingCore() {
  const received: RendererMessage[] = [];
  const connections: { send: (message: CoreMessage) => void; open: boolean }[] = [];
  const core: CoreEndpoint = {
    connect(send) {
      const connection = { send, open: true };
      connections.push(connection);
      return {
        receive: (message) => received.push(message),
        disconnect: () => {
          connection.open = false;
        },
      };
    },
  };
  return { core, received, connections };
}

function setUp() {
  const window = new MockBrowserWindow();
  void window.webContents.loadURL(PAGE);
  const { logger, lines } = recordingLogger();
  const core = recordingCore();
  const bridge = attachBridge({
    window: window as unknown as BrowserWindow,
    core: core.core,
    isOwnUrl: ownUrlTest({ url: PAGE }),
    logger,
  });
  const fromPage = (
    raw: unknown,
    sender: MockWebContents = window.webContents,
    frame = window.webContents.mainFrame,
  ) => electronModule.ipcMain.emit(CHANNELS.toCore, mockEvent({ sender, senderFrame: frame }), raw);
  return { window, bridge, lines, fromPage, ...core };
}

beforeEach(() => {
  resetElectronMock();
});

describe('the IPC bridge', () => {
  it('relays a valid message from the kiosk page to the core', () => {
    const { fromPage, received } = setUp();
    fromPage({ type: 'hello', contractVersion: 1 });
    fromPage({ type: 'action', event: 'menu.select', data: { serviceId: 'si-certificate' } });
    expect(received).toEqual([
      { type: 'hello', contractVersion: 1 },
      { type: 'action', event: 'menu.select', data: { serviceId: 'si-certificate' } },
    ]);
  });

  it("sends the core's replies to the page on the to-renderer channel", () => {
    const { fromPage, connections, window } = setUp();
    fromPage({ type: 'activity' });
    connections[0]?.send({ type: 'refused', reason: 'test reply' });
    expect(window.webContents.sent).toEqual([
      { channel: CHANNELS.toRenderer, args: [{ type: 'refused', reason: 'test reply' }] },
    ]);
  });

  it('ignores and logs a message from other web contents', () => {
    const { fromPage, received, lines } = setUp();
    const stranger = new MockWebContents();
    fromPage({ type: 'activity' }, stranger, stranger.mainFrame);
    expect(received).toEqual([]);
    expect(lines.some((line) => line.msg.includes('not the kiosk window'))).toBe(true);
  });

  it('ignores a message from a frame showing another origin, or from a child frame', () => {
    const { fromPage, received, window } = setUp();
    fromPage({ type: 'activity' }, window.webContents, new MockFrame('https://example.com/'));
    fromPage(
      { type: 'activity' },
      window.webContents,
      new MockFrame(PAGE, window.webContents.mainFrame),
    );
    expect(received).toEqual([]);
  });

  it('refuses a malformed message, telling the page why and logging the reason only', () => {
    const { fromPage, received, window, lines } = setUp();
    fromPage({ type: 'action', event: '', data: { idNumber: '110101199003070000' } });
    expect(received).toEqual([]);
    expect(window.webContents.sent).toEqual([
      {
        channel: CHANNELS.toRenderer,
        args: [{ type: 'refused', reason: 'action needs an event name of 1-64 characters' }],
      },
    ]);
    expect(JSON.stringify(lines)).not.toContain('110101199003070000');
  });

  it('gives each page load its own core connection and drops replies to the old one', () => {
    const { fromPage, connections, window } = setUp();
    fromPage({ type: 'hello', contractVersion: 1 });
    window.webContents.emit('did-navigate', mockEvent(), PAGE);
    fromPage({ type: 'hello', contractVersion: 1 });
    expect(connections.map((c) => c.open)).toEqual([false, true]);
    connections[0]?.send({ type: 'refused', reason: 'stale' });
    expect(window.webContents.sent).toEqual([]);
  });

  it('disconnects from the core when the renderer dies or the bridge is disposed', () => {
    const { fromPage, connections, window, bridge } = setUp();
    fromPage({ type: 'activity' });
    window.webContents.emit('render-process-gone', mockEvent(), { reason: 'crashed', exitCode: 1 });
    expect(connections[0]?.open).toBe(false);
    fromPage({ type: 'activity' });
    expect(bridge.connected).toBe(true);
    bridge.dispose();
    expect(connections[1]?.open).toBe(false);
    expect(electronModule.ipcMain.listenerCount(CHANNELS.toCore)).toBe(0);
  });
});
