import type { BrowserWindow } from 'electron';
import type { Logger } from 'pino';

/** How the kiosk brings back a crashed or hung renderer, and when it gives up. */
export interface RecoveryPolicy {
  /** Restarts allowed within `windowMs`; one more failure shows the out-of-service page. */
  maxRestarts: number;
  /** The sliding window restarts are counted in. */
  windowMs: number;
  /** Wait before the first restart; each further restart in the window doubles it. */
  firstDelayMs: number;
  /** The longest wait between restarts. */
  maxDelayMs: number;
}

/** Five restarts in ten minutes, waiting 1 s, 2 s, 4 s, ... up to 30 s. */
export const DEFAULT_RECOVERY: RecoveryPolicy = {
  maxRestarts: 5,
  windowMs: 10 * 60_000,
  firstDelayMs: 1000,
  maxDelayMs: 30_000,
};

/** What the window's recovery watch reports, for the watchdog and maintenance pages. */
export interface RendererRecovery {
  /** Restarts done or scheduled inside the current window. */
  readonly recentRestarts: number;
  /** True once the crash loop limit was hit and the out-of-service page is shown. */
  readonly outOfService: boolean;
  /** Stops watching and cancels a scheduled restart. */
  dispose(): void;
}

/**
 * Watches the window's renderer and reloads it after a crash or hang, with back-off so a
 * failing page does not spin the CPU. A renderer that keeps dying is a crash loop: the kiosk
 * then shows a static out-of-service page instead of flashing a broken UI at residents.
 */
export function recoverRenderer(
  window: BrowserWindow,
  options: { reload(): void; showOutOfService(): void; policy: RecoveryPolicy; logger: Logger },
): RendererRecovery {
  const { policy, logger } = options;
  const contents = window.webContents;
  const recent: number[] = [];
  let pending: { timer: NodeJS.Timeout; hung: boolean } | undefined;
  let killing = false;
  let outOfService = false;

  const schedule = (reason: string, exitCode: number | undefined, hung: boolean): void => {
    if (outOfService || pending !== undefined || window.isDestroyed()) return;
    const now = Date.now();
    while (recent.length > 0 && (recent[0] ?? now) <= now - policy.windowMs) recent.shift();
    if (recent.length >= policy.maxRestarts) {
      outOfService = true;
      logger.error(
        { reason, exitCode, restarts: recent.length, windowMs: policy.windowMs },
        'renderer keeps failing; showing the out-of-service page until the kiosk is restarted',
      );
      options.showOutOfService();
      return;
    }
    const delayMs = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** recent.length);
    recent.push(now);
    logger.warn(
      { reason, exitCode, attempt: recent.length, maxRestarts: policy.maxRestarts, delayMs },
      'renderer failed; reloading it after a back-off',
    );
    const timer = setTimeout(() => {
      pending = undefined;
      if (window.isDestroyed()) return;
      if (hung) {
        // A hung renderer will not navigate; kill it so the reload gets a fresh process.
        killing = true;
        contents.forcefullyCrashRenderer();
      }
      options.reload();
    }, delayMs);
    pending = { timer, hung };
  };

  const onGone = (_event: unknown, details: { reason: string; exitCode: number }): void => {
    if (killing) {
      killing = false;
      return;
    }
    schedule(details.reason, details.exitCode, false);
  };
  const onUnresponsive = (): void => schedule('unresponsive', undefined, true);
  const onResponsive = (): void => {
    if (pending?.hung !== true) return;
    clearTimeout(pending.timer);
    pending = undefined;
    recent.pop();
    logger.info('renderer is responsive again; restart cancelled');
  };

  contents.on('render-process-gone', onGone);
  contents.on('unresponsive', onUnresponsive);
  contents.on('responsive', onResponsive);

  return {
    get recentRestarts() {
      return recent.length;
    },
    get outOfService() {
      return outOfService;
    },
    dispose() {
      if (pending !== undefined) clearTimeout(pending.timer);
      pending = undefined;
      contents.off('render-process-gone', onGone);
      contents.off('unresponsive', onUnresponsive);
      contents.off('responsive', onResponsive);
    },
  };
}
