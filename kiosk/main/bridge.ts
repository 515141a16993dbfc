import { ipcMain, type BrowserWindow, type IpcMainEvent } from 'electron';
import type { Logger } from 'pino';
import {
  CHANNELS,
  parseRendererMessage,
  type CoreEndpoint,
  type CoreMessage,
} from '../contract.ts';

/** The IPC bridge between the kiosk window and the core, as returned by `attachBridge`. */
export interface IpcBridge {
  /** True while a renderer instance is connected to the core. */
  readonly connected: boolean;
  /** Stops listening and disconnects the renderer from the core. */
  dispose(): void;
}

/**
 * Relays renderer messages to the core and the core's replies back, over the two contract
 * channels. Only the kiosk window's own top frame, showing the app's own page, is heard: a
 * message from any other contents or frame is dropped and logged, and a malformed one is
 * refused with the reason. Each page instance (load, reload, crash restart) gets its own core
 * connection, so a reloaded page never receives replies meant for the one before it.
 */
export function attachBridge(options: {
  window: BrowserWindow;
  core: CoreEndpoint;
  isOwnUrl(url: string): boolean;
  logger: Logger;
}): IpcBridge {
  const { window, core, logger } = options;
  const contents = window.webContents;
  let connection: ReturnType<CoreEndpoint['connect']> | undefined;

  const deliver = (message: CoreMessage): void => {
    if (!contents.isDestroyed()) contents.send(CHANNELS.toRenderer, message);
  };
  const connect = (): ReturnType<CoreEndpoint['connect']> => {
    const link = core.connect((message) => {
      // A stale page's connection may still be answered by the core; never let that reach the new page.
      if (connection === link) deliver(message);
    });
    connection = link;
    return link;
  };
  const disconnect = (why: string): void => {
    if (connection === undefined) return;
    const link = connection;
    connection = undefined;
    logger.info({ why }, 'renderer disconnected from the core');
    link.disconnect();
  };

  const onMessage = (event: IpcMainEvent, raw: unknown): void => {
    if (event.sender !== contents) {
      logger.warn(
        { senderId: event.sender.id },
        'ignored a bridge message from contents that are not the kiosk window',
      );
      return;
    }
    const frame = event.senderFrame;
    if (frame === null || frame.parent !== null || !options.isOwnUrl(frame.url)) {
      logger.warn('ignored a bridge message from a frame that is not the app page');
      return;
    }
    const parsed = parseRendererMessage(raw);
    if (!parsed.ok) {
      // The raw message is not logged: it may carry what a resident typed.
      logger.warn({ reason: parsed.reason }, 'refused a malformed bridge message');
      deliver({ type: 'refused', reason: parsed.reason });
      return;
    }
    (connection ?? connect()).receive(parsed.message);
  };

  const onNavigated = (): void => disconnect('page loaded');
  const onGone = (): void => disconnect('renderer gone');
  const onClosed = (): void => disconnect('window closed');
  ipcMain.on(CHANNELS.toCore, onMessage);
  contents.on('did-navigate', onNavigated);
  contents.on('render-process-gone', onGone);
  window.on('closed', onClosed);

  return {
    get connected() {
      return connection !== undefined;
    },
    dispose() {
      ipcMain.off(CHANNELS.toCore, onMessage);
      contents.off('did-navigate', onNavigated);
      contents.off('render-process-gone', onGone);
      window.off('closed', onClosed);
      disconnect('bridge closed');
    },
  };
}
