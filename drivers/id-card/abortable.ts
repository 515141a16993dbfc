import { DeviceError, canceledError } from '../device/errors.ts';

/**
 * Waiting that stops when a signal fires. A signal aborted with a DeviceError as its reason
 * (the reader's own deadline) rejects with that error; any other reason means the caller
 * cancelled, which rejects with a DeviceError flagged `canceled`.
 */

/** The error a fired signal stands for. */
export function abortError(what: string, signal: AbortSignal): DeviceError {
  return signal.reason instanceof DeviceError ? signal.reason : canceledError(what, signal);
}

/** Settles like `promise`, or rejects as soon as `signal` fires. */
export function raceAbort<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  what: string,
): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    // The work goes on regardless; its outcome is observed so it never surfaces as unhandled.
    promise.then(noop, noop);
    return Promise.reject(abortError(what, signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortError(what, signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** Waits `ms`, or rejects as soon as `signal` fires. */
export function sleep(ms: number, signal: AbortSignal | undefined, what: string): Promise<void> {
  return raceAbort(new Promise<void>((resolve) => setTimeout(resolve, ms)), signal, what);
}

/**
 * A signal that fires when `outer` fires or after `timeoutMs`, whichever is first; the
 * timeout fires with `timeoutError` as its reason. Call `dispose` to clear the timer.
 */
export function deadlineSignal(
  outer: AbortSignal | undefined,
  timeoutMs: number,
  timeoutError: () => DeviceError,
): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onOuter = (): void => controller.abort(outer?.reason);
  if (outer?.aborted) controller.abort(outer.reason);
  else outer?.addEventListener('abort', onOuter, { once: true });
  const timer = setTimeout(() => controller.abort(timeoutError()), timeoutMs);
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuter);
    },
  };
}

function noop(): void {
  // Deliberately nothing: see raceAbort.
}
