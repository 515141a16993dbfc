import type { DriverLogger } from '../device/logger.ts';
import type { DeviceState } from '../device/model.ts';

/**
 * Brings a reader back after a transient fault without a technician: while it is offline or
 * in hardware error, it is asked for its self-test again and again, waiting longer after each
 * failure, until it answers. A glitch that clears in a second costs a second of service; a
 * reader that stays dead costs one 10-byte frame per {@link RECOVERY_MAX_DELAY_MS}.
 */

/**
 * First re-probe after the reader went out of service. Most glitches (a USB-serial bridge
 * resetting, a module busy after an RF burst) clear within a second.
 */
export const RECOVERY_FIRST_DELAY_MS = 1000;

/**
 * Longest wait between re-probes. A reader fixed by staff (or a fault that cleared) is back
 * in service within this, while a dead one is not probed often enough to matter.
 */
export const RECOVERY_MAX_DELAY_MS = 30_000;

/** Each failed re-probe multiplies the wait by this, up to the maximum. */
export const RECOVERY_BACKOFF_FACTOR = 2;

/** How re-probing is paced; the defaults are the constants above. */
export interface RecoveryTiming {
  firstDelayMs: number;
  maxDelayMs: number;
}

/** What recovery needs from the reader it watches. */
export interface RecoveryTarget {
  state(): DeviceState;
  /** Runs the self-test; failures show in the returned state. */
  selfTest(): Promise<DeviceState>;
  log: DriverLogger;
}

/** Statuses a re-probe can clear; `noDevice` and `starting` are the opener's business. */
function needsRecovery(state: DeviceState): boolean {
  return state.status === 'offline' || state.status === 'hardwareError';
}

/** Schedules re-probes while the reader is out of service; `stop()` ends it for good. */
export class ReaderRecovery {
  private timer: NodeJS.Timeout | undefined;
  private delay: number;
  private probing = false;
  private stopped = false;

  constructor(
    private readonly target: RecoveryTarget,
    private readonly timing: RecoveryTiming = {
      firstDelayMs: RECOVERY_FIRST_DELAY_MS,
      maxDelayMs: RECOVERY_MAX_DELAY_MS,
    },
  ) {
    this.delay = timing.firstDelayMs;
  }

  /** Called on every state change of the reader. */
  noteState(state: DeviceState): void {
    if (this.stopped) return;
    if (!needsRecovery(state)) {
      // Back in service (or busy reading): the next outage starts from the short wait again.
      this.cancelTimer();
      this.delay = this.timing.firstDelayMs;
      return;
    }
    if (this.timer === undefined && !this.probing) this.schedule();
  }

  /** Stops re-probing; used when the reader is closed. */
  stop(): void {
    this.stopped = true;
    this.cancelTimer();
  }

  private schedule(): void {
    const wait = this.delay;
    this.timer = setTimeout(() => void this.probe(), wait);
    // A pending re-probe must not keep a process alive that has nothing else to do.
    this.timer.unref();
  }

  private async probe(): Promise<void> {
    this.timer = undefined;
    if (this.stopped || !needsRecovery(this.target.state())) return;
    this.probing = true;
    let state: DeviceState;
    try {
      state = await this.target.selfTest();
    } catch (error) {
      // A self-test reports failures in its state; a throw here is a link closing under it.
      this.target.log.warn({ err: error }, 'id-card: re-probe failed');
      state = this.target.state();
    } finally {
      this.probing = false;
    }
    if (this.stopped) return;
    if (needsRecovery(state)) {
      this.delay = Math.min(this.delay * RECOVERY_BACKOFF_FACTOR, this.timing.maxDelayMs);
      this.target.log.info(
        { status: state.status, nextProbeMs: this.delay },
        'id-card: reader still out of service, probing again later',
      );
      this.schedule();
    } else {
      this.target.log.info({ status: state.status }, 'id-card: reader back in service');
    }
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
