/**
 * Exponential back-off for reopening a device that went away: quick first retries for a cable
 * that was only jostled, then ever longer waits so a reader left unplugged overnight costs
 * nothing, capped so a replugged one is back within the cap.
 */

/** How long to wait between attempts to reopen the port. */
export interface BackoffOptions {
  /** Wait before the first retry, in ms. Default 500. */
  initialMs?: number;
  /** Longest wait between retries, in ms. Default 30 000. */
  maxMs?: number;
  /** Growth of the wait per failed attempt. Default 2. */
  factor?: number;
  /**
   * Share of the wait that is randomised, 0-1. Default 0.2. The devices behind one USB hub
   * all drop when it resets, and would otherwise all retry in lock-step.
   */
  jitter?: number;
}

/**
 * The wait before retry number `attempt` (0 = the first retry): `initialMs * factor^attempt`,
 * capped at `maxMs`, with up to `jitter` of it taken off at random.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = {},
  random: () => number = Math.random,
): number {
  const initial = options.initialMs ?? 500;
  const max = options.maxMs ?? 30_000;
  const factor = options.factor ?? 2;
  const jitter = options.jitter ?? 0.2;
  if (!(initial > 0 && max >= initial && factor >= 1 && jitter >= 0 && jitter <= 1)) {
    throw new RangeError(
      `backoff needs 0 < initialMs <= maxMs, factor >= 1 and 0 <= jitter <= 1; got ${JSON.stringify(options)}`,
    );
  }
  const base = Math.min(max, initial * factor ** Math.max(0, attempt));
  return Math.round(base * (1 - jitter * random()));
}
