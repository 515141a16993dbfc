import { systemClock, type Clock } from '../session/idle.ts';
import { verifyMaintenancePin } from './pin.ts';

/** The answer to one PIN attempt. */
export type PinAttempt =
  | { result: 'accepted' }
  | { result: 'wrong'; attemptsLeft: number }
  | { result: 'locked'; secondsLeft: number };

/** How many wrong PINs lock the keypad, and for how long. */
export interface PinGateOptions {
  pinHash: string;
  maxAttempts?: number;
  lockoutSeconds?: number;
  clock?: Clock;
  /** Swapped in tests so they need not spend a real scrypt per attempt. */
  verify?: (pin: string, hash: string) => Promise<boolean>;
}

/**
 * Checks maintenance PINs and locks the keypad after too many wrong ones, so a passer-by
 * cannot try all million six-digit PINs. The count survives leaving the PIN screen: cancelling
 * and coming back does not reset it; only a right PIN or the end of a lockout does.
 */
export class PinGate {
  private wrong = 0;
  private lockedUntil = 0;
  /** Wrong PINs in a row before the keypad locks. */
  readonly maxAttempts: number;
  private readonly lockoutMs: number;
  private readonly clock: Clock;
  private readonly verify: (pin: string, hash: string) => Promise<boolean>;

  constructor(private readonly options: PinGateOptions) {
    this.maxAttempts = options.maxAttempts ?? 5;
    this.lockoutMs = (options.lockoutSeconds ?? 60) * 1000;
    this.clock = options.clock ?? systemClock;
    this.verify = options.verify ?? verifyMaintenancePin;
  }

  /** Seconds until the keypad opens again, or 0 when it is open. */
  lockedSeconds(): number {
    const left = this.lockedUntil - this.clock.now();
    if (left <= 0) return 0;
    return Math.ceil(left / 1000);
  }

  /** Checks one PIN; while locked, the PIN is not even looked at. */
  async attempt(pin: string): Promise<PinAttempt> {
    const locked = this.lockedSeconds();
    if (locked > 0) return { result: 'locked', secondsLeft: locked };
    if (this.lockedUntil !== 0) {
      // A lockout that ran out gives a fresh set of attempts.
      this.lockedUntil = 0;
      this.wrong = 0;
    }
    if (await this.verify(pin, this.options.pinHash)) {
      this.wrong = 0;
      return { result: 'accepted' };
    }
    this.wrong += 1;
    if (this.wrong >= this.maxAttempts) {
      this.lockedUntil = this.clock.now() + this.lockoutMs;
      return { result: 'locked', secondsLeft: this.lockedSeconds() };
    }
    return { result: 'wrong', attemptsLeft: this.maxAttempts - this.wrong };
  }
}
