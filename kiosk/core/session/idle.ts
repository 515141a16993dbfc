/** The timer functions the idle timer uses; tests pass a fake clock. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** What the idle timer tells its owner. */
export interface IdleListener {
  /** The warning is shown (or its countdown ticked); `secondsLeft` until the session ends. */
  onWarning(secondsLeft: number): void;
  /** The resident came back (touch or "extend") while the warning was up. */
  onWarningCleared(): void;
  /** Time is up: end the session. */
  onExpired(): void;
}

/**
 * Ends a resident's session when nobody touches the screen: after `timeoutSeconds` without
 * activity, with a warning and a per-second countdown for the last `warningSeconds`. It pauses
 * while the kiosk itself is busy (printing, asking the platform), so a slow printer never
 * throws a resident out.
 */
export class IdleTimer {
  private handle: unknown = undefined;
  private deadline = 0;
  private warning = false;
  private paused = false;
  private running = false;

  constructor(
    private readonly timeoutSeconds: number,
    private readonly warningSeconds: number,
    private readonly listener: IdleListener,
    private readonly clock: Clock = systemClock,
  ) {
    if (warningSeconds >= timeoutSeconds) {
      throw new RangeError(
        `idle warning (${warningSeconds} s) must be shorter than the idle timeout (${timeoutSeconds} s)`,
      );
    }
  }

  /** Starts counting from now. */
  start(): void {
    this.running = true;
    this.restart();
  }

  /** Stops for good (session over). */
  stop(): void {
    this.running = false;
    this.clear();
    this.warning = false;
  }

  /** The resident touched the screen or asked for more time. */
  activity(): void {
    if (!this.running) return;
    const wasWarning = this.warning;
    this.restart();
    if (wasWarning) this.listener.onWarningCleared();
  }

  /** Pauses or resumes the countdown while the kiosk is busy on the resident's behalf. */
  setBusy(busy: boolean): void {
    if (!this.running || busy === this.paused) return;
    this.paused = busy;
    if (busy) {
      const wasWarning = this.warning;
      this.clear();
      this.warning = false;
      if (wasWarning) this.listener.onWarningCleared();
    } else {
      this.restart();
    }
  }

  /** True while the kiosk is busy on the resident's behalf (the countdown is paused). */
  get busy(): boolean {
    return this.paused;
  }

  /** True while the warning is showing. */
  get warningShown(): boolean {
    return this.warning;
  }

  private restart(): void {
    this.clear();
    this.warning = false;
    if (this.paused) return;
    this.deadline = this.clock.now() + this.timeoutSeconds * 1000;
    this.schedule((this.timeoutSeconds - this.warningSeconds) * 1000);
  }

  private schedule(ms: number): void {
    this.handle = this.clock.setTimeout(() => this.tick(), ms);
  }

  private tick(): void {
    this.handle = undefined;
    const left = Math.ceil((this.deadline - this.clock.now()) / 1000);
    if (left <= 0) {
      this.running = false;
      this.warning = false;
      this.listener.onExpired();
      return;
    }
    this.warning = true;
    this.listener.onWarning(left);
    this.schedule(Math.min(1000, this.deadline - this.clock.now()));
  }

  private clear(): void {
    if (this.handle !== undefined) this.clock.clearTimeout(this.handle);
    this.handle = undefined;
  }
}
