import { z } from 'zod';

/**
 * Fault injection: tests and the simulator panel make the sandbox slow, silent, broken or
 * gone, so every failure path of the client and the flows can be driven on purpose.
 */

/** The failures the sandbox can be told to produce. */
export const FAULT_KINDS = ['timeout', 'http-500', 'malformed', 'unavailable'] as const;
/**
 * One injectable failure. `timeout`: the request is held and never answered. `http-500`: a 500
 * with the error envelope. `malformed`: a 200 whose JSON is cut off. `unavailable`: the
 * connection is dropped without any reply, as when a gateway is down.
 */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The outages the sandbox can be told to stay in until it is told to come back. */
export const DOWN_KINDS = ['unavailable', 'http-500'] as const;
/** A lasting outage: `unavailable` drops every connection, `http-500` answers every request 500. */
export type DownKind = (typeof DOWN_KINDS)[number];

/** Body of `faults.set()` and `POST /sandbox/faults`. Strict, because a typo here is silent. */
export const faultSettingsSchema = z.strictObject({
  /** Delay before every reply from now on; 0 removes it. */
  delayMs: z.number().int().min(0).max(120_000).optional(),
  /** Failure for the next `count` requests (control endpoints excluded). */
  failNext: z.enum(FAULT_KINDS).optional(),
  /** How many requests `failNext` applies to; default 1. */
  count: z.number().int().min(1).max(1000).optional(),
  /** Outage for every request (control endpoints excluded) until set back to null. */
  down: z.enum(DOWN_KINDS).nullable().optional(),
});
/** Fault settings. */
export type FaultSettings = z.infer<typeof faultSettingsSchema>;

/** What the sandbox is currently set to do. */
export interface FaultState {
  delayMs: number;
  failNext: FaultKind | null;
  remaining: number;
  down: DownKind | null;
}

/** The fault switchboard of one sandbox instance. */
export class SandboxFaults {
  #delayMs = 0;
  #failNext: FaultKind | null = null;
  #remaining = 0;
  #down: DownKind | null = null;

  /**
   * Changes the faults. Fields left out keep their current value; `failNext` replaces any
   * pending failure. Throws a RangeError naming the bad field.
   */
  set(settings: FaultSettings): void {
    const parsed = faultSettingsSchema.safeParse(settings);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') ?? '';
      throw new RangeError(
        `fault setting ${field === '' ? '' : `"${field}" `}is invalid: ${issue?.message ?? 'unknown problem'}`,
      );
    }
    const { delayMs, failNext, count, down } = parsed.data;
    if (count !== undefined && failNext === undefined) {
      throw new RangeError('fault setting "count" needs "failNext" to say which failure to repeat');
    }
    if (delayMs !== undefined) this.#delayMs = delayMs;
    if (down !== undefined) this.#down = down;
    if (failNext !== undefined) {
      this.#failNext = failNext;
      this.#remaining = count ?? 1;
    }
  }

  /** Removes every fault. */
  clear(): void {
    this.#delayMs = 0;
    this.#failNext = null;
    this.#remaining = 0;
    this.#down = null;
  }

  /** Current settings, for the simulator panel. */
  get state(): FaultState {
    return {
      delayMs: this.#delayMs,
      failNext: this.#failNext,
      remaining: this.#remaining,
      down: this.#down,
    };
  }

  /**
   * Claims the fault for one incoming request, using up one of the remaining failures. While
   * the sandbox is down, the outage wins and pending `failNext` failures are kept for later.
   */
  take(): { delayMs: number; fail: FaultKind | null } {
    if (this.#down !== null) return { delayMs: this.#delayMs, fail: this.#down };
    const fail = this.#remaining > 0 ? this.#failNext : null;
    if (fail !== null) {
      this.#remaining -= 1;
      if (this.#remaining === 0) this.#failNext = null;
    }
    return { delayMs: this.#delayMs, fail };
  }
}
