import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { CHANNELS, type CoreMessage, type KioskBridge, type RendererMessage } from '../contract.ts';

/** The name the bridge is exposed under: `window.kiosk24` in the renderer. */
export const BRIDGE_GLOBAL = 'kiosk24';

/**
 * Builds the renderer's bridge over IPC: `send` on the to-core channel, `onMessage` on the
 * to-renderer channel, nothing else. Listeners get the message alone, never the
 * IpcRendererEvent, whose `sender` would hand the page the raw ipcRenderer.
 */
export function createPreloadBridge(
  ipc: Pick<IpcRenderer, 'send' | 'on' | 'removeListener'>,
): KioskBridge {
  return {
    send(message: RendererMessage): void {
      ipc.send(CHANNELS.toCore, message);
    },
    onMessage(listener: (message: CoreMessage) => void): () => void {
      const relay = (_event: IpcRendererEvent, message: CoreMessage): void => listener(message);
      ipc.on(CHANNELS.toRenderer, relay);
      return () => {
        ipc.removeListener(CHANNELS.toRenderer, relay);
      };
    },
  };
}
