import type { Logger } from 'pino';
import { DeviceError } from '../../../drivers/device/errors.ts';
import type { CodeScanned, Scanner } from '../../../drivers/scanner/types.ts';
import type { Clock } from '../session/idle.ts';

/** The part of a scanner `scanner.read` listens to. */
export type CodeSource = Pick<Scanner, 'onCode' | 'onRefused'>;

/** What `waitForCode` needs besides the scanner. */
export interface CodeWait {
  /** Ends the wait early (session end, resident cancelled); the error carries `canceled`. */
  signal: AbortSignal;
  timeoutMs: number;
  /** Gets one line per outcome, with the code's length and symbology only. */
  log: Logger;
  /** The session the line belongs to. */
  session: string;
  /** The session clock the timeout runs on. */
  clock: Clock;
}

/**
 * Waits for the next code the scanner accepts. A refused scan (too long, control characters,
 * undecodable) rejects with a DeviceError flagged `unsupported`, so the flow can say "this code
 * cannot be read" at once instead of letting the resident wait for the timeout. The code's text
 * is a bearer credential (a resident code logs its holder in), so it never reaches the log.
 */
export function waitForCode(scanner: CodeSource, wait: CodeWait): Promise<CodeScanned> {
  return new Promise((resolve, reject) => {
    if (wait.signal.aborted) {
      reject(canceled(wait.signal));
      return;
    }
    const offCode = scanner.onCode((code) => {
      finish();
      wait.log.info(
        { session: wait.session, length: code.text.length, symbology: code.symbology },
        'code scanned',
      );
      resolve(code);
    });
    const offRefused = scanner.onRefused((refusal) => {
      finish();
      // The refusal's detail names the problem (length, byte) and never the content.
      wait.log.info(
        { session: wait.session, reason: refusal.reason, detail: refusal.detail },
        'code refused',
      );
      reject(
        new DeviceError(`the scanned code cannot be read: ${refusal.detail}`, {
          unsupported: true,
        }),
      );
    });
    const onAbort = (): void => {
      finish();
      reject(canceled(wait.signal));
    };
    const timer = wait.clock.setTimeout(() => {
      finish();
      reject(
        new DeviceError(`no code was scanned within ${Math.round(wait.timeoutMs / 1000)} s`, {
          timeout: true,
        }),
      );
    }, wait.timeoutMs);
    wait.signal.addEventListener('abort', onAbort, { once: true });

    function finish(): void {
      wait.clock.clearTimeout(timer);
      offCode();
      offRefused();
      wait.signal.removeEventListener('abort', onAbort);
    }
  });
}

function canceled(signal: AbortSignal): DeviceError {
  return new DeviceError('waiting for a code was canceled', {
    canceled: true,
    cause: signal.reason,
  });
}
