import { app } from 'electron';
import type { Logger } from 'pino';

/** The one way the Electron host stops the kiosk, whoever asked. */
export interface KioskShutdown {
  /** Closes the kiosk, then quits Electron; a second call while closing does nothing. */
  stop(): void;
}

/**
 * Closes the kiosk (devices, servers, the session's temporary files) before Electron quits.
 * A quit can come from a service manager's signal (the caller wires `stop` to it) or from
 * Electron itself, e.g. when the window closes. Electron does not wait for promises in
 * `will-quit`, so that first quit is held back until closing has finished and then repeated;
 * otherwise the process could end with a resident's files still on disk.
 */
export function closeBeforeQuit(close: () => Promise<void>, logger: Logger): KioskShutdown {
  let state: 'running' | 'closing' | 'closed' = 'running';
  const stop = (): void => {
    if (state !== 'running') return;
    state = 'closing';
    close()
      .catch((error: unknown) => {
        logger.error({ err: error }, 'closing the kiosk failed');
      })
      .finally(() => {
        state = 'closed';
        app.quit();
      });
  };
  app.on('will-quit', (event: { preventDefault(): void }) => {
    if (state === 'closed') return;
    event.preventDefault();
    stop();
  });
  return { stop };
}
