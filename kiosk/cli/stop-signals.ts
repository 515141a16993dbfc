import type { Logger } from 'pino';
import { descendantsOf } from '../core/process-tree.ts';

/**
 * How a running kiosk stops on SIGTERM (systemd, a supervisor, `kill`) or SIGINT (Ctrl+C): the
 * stop steps run once, in order, within a budget; later signals are noted and change nothing;
 * and whatever happens, no child process outlives the kiosk and the process exits.
 */

/** The signals that ask the kiosk to stop. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * How long the stop steps may take. A stop must be over within 3 s of the signal (supervisors
 * and the operations team expect it; systemd would escalate to SIGKILL later anyway); the rest
 * of those 3 s is left for killing leftovers and leaving the event loop.
 */
export const STOP_BUDGET_MS = 2500;

/**
 * How long the process may linger after the stop has finished before it is made to exit: a
 * handle someone forgot to close must not keep a stopped kiosk running. Short, because all that
 * is left to do is flush the last log lines, which are written synchronously.
 */
export const EXIT_GRACE_MS = 300;

/** One named step of the stop, e.g. closing the browser host. */
export interface StopStep {
  name: string;
  run: () => Promise<void>;
}

/** Stop signals watched from the start of `kiosk24 start`, before anything is running. */
export interface StopSignals {
  /** Resolves with the first stop signal. */
  readonly requested: Promise<NodeJS.Signals>;
  /**
   * Runs the steps in order and resolves to the exit code: 0 when all of them finished within
   * {@link STOP_BUDGET_MS}; 1 when one failed or the budget ran out, in which case every child
   * process still running is killed. Either way the process exits soon after.
   */
  stop(steps: StopStep[]): Promise<number>;
  /** Stops watching, for a start that failed before anything was running. */
  dispose(): void;
}

/** What a stop may be given instead of the real thing, for tests. */
export interface StopOptions {
  /** The stop steps' budget; default {@link STOP_BUDGET_MS}. */
  budgetMs?: number;
  /** Ends the process; default `process.exit`. */
  exit?: (code: number) => void;
  /** The child processes to kill when the budget runs out; default every descendant via /proc. */
  children?: () => number[];
}

/**
 * Starts watching for stop signals. Installed first thing, so a signal that comes while the
 * kiosk is still starting is kept and acted on once it is up, rather than killing the process
 * half-way with its socat children left behind.
 */
export function watchStopSignals(log: Logger, options: StopOptions = {}): StopSignals {
  let first: NodeJS.Signals | undefined;
  let resolveRequested: (signal: NodeJS.Signals) => void = () => undefined;
  const requested = new Promise<NodeJS.Signals>((resolve) => (resolveRequested = resolve));
  const onSignal = (signal: NodeJS.Signals): void => {
    if (first === undefined) {
      first = signal;
      log.info({ signal }, 'stop requested');
      resolveRequested(signal);
    } else {
      // A second Ctrl+C or a supervisor repeating itself: the stop under way already ends the
      // process within its budget, so this signal must not end it sooner with children left.
      log.info({ signal }, 'already stopping');
    }
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  let stopping: Promise<number> | undefined;
  return {
    requested,
    stop: (steps) => (stopping ??= runStopSteps(steps, log, options)),
    // Only for a start that failed before anything ran: a stop keeps the handlers until the
    // process exits, so a late second signal is still only noted.
    dispose: () => {
      for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
    },
  };
}

async function runStopSteps(steps: StopStep[], log: Logger, options: StopOptions): Promise<number> {
  const budgetMs = options.budgetMs ?? STOP_BUDGET_MS;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let current = 'starting the stop';
  let timer: NodeJS.Timeout | undefined;
  const overrun = new Promise<'overrun'>((resolve) => {
    timer = setTimeout(() => resolve('overrun'), budgetMs);
  });
  const steady = (async (): Promise<number> => {
    let code = 0;
    for (const step of steps) {
      current = step.name;
      try {
        await step.run();
      } catch (error) {
        // A step that fails must not keep the later ones from releasing what they hold.
        log.error({ err: error, step: step.name }, 'a stop step failed');
        code = 1;
      }
    }
    return code;
  })();
  const outcome = await Promise.race([steady, overrun]);
  clearTimeout(timer);
  let code: number;
  if (outcome === 'overrun') {
    const left = killChildren(options.children?.() ?? descendantsOf(process.pid));
    log.error(
      { step: current, budgetMs, killed: left.length },
      'the stop ran over its budget; child processes were killed',
    );
    code = 1;
  } else {
    code = outcome;
    log.info('stopped');
  }
  // Nothing should be left to keep the event loop alive; if something is, it does not get to
  // keep a stopped kiosk running.
  setTimeout(() => exit(code), EXIT_GRACE_MS).unref();
  return code;
}

/** Kills the given processes; returns their ids. */
function killChildren(pids: number[]): number[] {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch (error) {
      // It exited on its own between the listing and the kill; that is what was wanted.
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }
  return pids;
}
