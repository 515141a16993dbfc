import type { EventEmitter } from 'node:events';
import { scaled } from '../../drivers/device/time-scale.ts';

/**
 * Time budgets and waits for tests. Every budget is a figure for an idle desktop passed through
 * {@link budget}, which stretches it by the one scale setting (KIOSK24_TIME_SCALE, raised under
 * CI); every wait names what it waited for, so a timeout says what did not happen.
 */

/** How often {@link waitFor} looks again; short against every budget, long against a CPU slice. */
const POLL_MS = 10;

/** The idle-desktop default for a wait that names no budget of its own. */
const DEFAULT_WAIT_MS = 5000;

/** An idle-desktop budget of `ms`, stretched by the scale in force. */
export function budget(ms: number): number {
  return scaled(ms);
}

/** Rejects with "timed out after N ms waiting for <what>" unless `promise` settles first. */
export function within<T>(promise: Promise<T>, what: string, ms = DEFAULT_WAIT_MS): Promise<T> {
  const limit = budget(ms);
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`timed out after ${limit} ms waiting for ${what}`)),
      limit,
    );
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * Waits until `check` returns something other than `undefined`, `null` or `false`, and returns
 * it. For state that has no event to wait on (a file appearing, a count reaching a number).
 */
export async function waitFor<T>(
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  what: string,
  ms = DEFAULT_WAIT_MS,
): Promise<T> {
  const limit = budget(ms);
  const deadline = Date.now() + limit;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() >= deadline) throw new Error(`timed out after ${limit} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** The arguments of the next `event` the emitter sends, within the budget. */
export function nextEvent(
  emitter: EventEmitter,
  event: string,
  what: string,
  ms = DEFAULT_WAIT_MS,
): Promise<unknown[]> {
  let listener: ((...args: unknown[]) => void) | undefined;
  const heard = new Promise<unknown[]>((resolve) => {
    listener = (...args: unknown[]) => resolve(args);
    emitter.once(event, listener);
  });
  return within(heard, what, ms).finally(() => {
    if (listener) emitter.off(event, listener);
  });
}
