import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electronModule, mockEvent } from '../../test/support/electron-mock.ts';
import { CHANNELS, type CoreMessage, type KioskBridge } from '../contract.ts';

vi.mock(
  'electron',
  async () => (await import('../../test/support/electron-mock.ts')).electronModule,
);

const { contextBridge, ipcRenderer } = electronModule;
let bridge: KioskBridge;

beforeEach(async () => {
  // The preload runs its exposeInMainWorld on import, once, like the real one per page load.
  await import('./index.ts');
  bridge = contextBridge.exposed.get('kiosk24') as KioskBridge;
  ipcRenderer.sent.length = 0;
  ipcRenderer.removeAllListeners();
});

describe('the preload', () => {
  it('exposes exactly send and onMessage as window.kiosk24, and nothing else', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['kiosk24']);
    expect(Object.keys(bridge).sort()).toEqual(['onMessage', 'send']);
  });

  it('sends renderer messages on the to-core channel only', () => {
    bridge.send({ type: 'activity' });
    expect(ipcRenderer.sent).toEqual([{ channel: CHANNELS.toCore, args: [{ type: 'activity' }] }]);
  });

  it('hands listeners the core message alone, never the IPC event', () => {
    const heard: unknown[][] = [];
    bridge.onMessage((...args: unknown[]) => heard.push(args));
    const message: CoreMessage = { type: 'refused', reason: 'x' };
    ipcRenderer.emit(CHANNELS.toRenderer, mockEvent({ sender: ipcRenderer }), message);
    expect(heard).toEqual([[message]]);
  });

  it('listens on the to-renderer channel only, and stops when unsubscribed', () => {
    const heard: CoreMessage[] = [];
    const stop = bridge.onMessage((message) => heard.push(message));
    ipcRenderer.emit('some-other-channel', mockEvent(), { type: 'refused', reason: 'other' });
    stop();
    ipcRenderer.emit(CHANNELS.toRenderer, mockEvent(), { type: 'refused', reason: 'late' });
    expect(heard).toEqual([]);
    expect(ipcRenderer.listenerCount(CHANNELS.toRenderer)).toBe(0);
  });
});
