/**
 * Budgets that stop a flow which loops or floods the kiosk, whatever its package says. The
 * package check refuses eventless cycles and short timers already; these hold for anything that
 * gets past it, so no package can stop the process from answering HTTP, WebSocket or SIGTERM.
 */

/**
 * Microsteps one event may cause in a flow. The built-in journeys take at most 3 (a transition,
 * then an eventless step or two); 50 leaves vendors room for routing states while stopping an
 * eventless loop after a fraction of a millisecond instead of never.
 */
export const MAX_MICROSTEPS_PER_EVENT = 50;

/**
 * Microsteps a flow may take in any one second of the session clock. A resident taps a few
 * times a second at most, capabilities take tens of milliseconds or more and `after` delays are
 * at least a second, so 100 is far above any honest journey; an `after: 0` loop (about 700 a
 * second on this hardware, each one a snapshot to every screen) trips it within the second.
 */
export const MAX_TRANSITIONS_PER_SECOND = 100;

/** The window the rate budget counts over, in milliseconds. */
const RATE_WINDOW_MS = 1000;

/** Why a flow was stopped: which budget, and the state it was in. */
export class FlowBudgetError extends Error {
  override readonly name = 'FlowBudgetError';
  /** Always true: lets the shell's `error.is`-style checks tell a budget stop from a crash. */
  readonly overBudget = true;

  constructor(
    readonly budget: 'microsteps' | 'rate',
    readonly state: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Counts one flow actor's microsteps against both budgets. `step()` is called synchronously for
 * every microstep (from the actor system's inspection hook) and throws `FlowBudgetError` when a
 * budget is spent; thrown there, the error stops the flow's transition and the actor fails.
 */
export class FlowBudget {
  private sinceEvent = 0;
  /** Times of the last MAX_TRANSITIONS_PER_SECOND microsteps, oldest first (a ring). */
  private readonly times: number[] = [];
  private next = 0;

  constructor(
    /** The flow being counted, named in the error; read when a budget is spent. */
    private readonly flowId: () => string,
    private readonly now: () => number,
  ) {}

  /** A new event reached the flow: the per-event count starts again. */
  event(): void {
    this.sinceEvent = 0;
  }

  /** One microstep in `state`; throws when it spends a budget. */
  step(state: string): void {
    this.sinceEvent++;
    if (this.sinceEvent > MAX_MICROSTEPS_PER_EVENT) {
      throw new FlowBudgetError(
        'microsteps',
        state,
        `flow ${this.flowId()} took more than ${MAX_MICROSTEPS_PER_EVENT} steps for one event (in state ${state}): an eventless loop`,
      );
    }
    const at = this.now();
    if (this.times.length < MAX_TRANSITIONS_PER_SECOND) {
      this.times.push(at);
      return;
    }
    const oldest = this.times[this.next] ?? at;
    this.times[this.next] = at;
    this.next = (this.next + 1) % MAX_TRANSITIONS_PER_SECOND;
    if (at - oldest < RATE_WINDOW_MS) {
      throw new FlowBudgetError(
        'rate',
        state,
        `flow ${this.flowId()} took more than ${MAX_TRANSITIONS_PER_SECOND} steps within a second (in state ${state}): a timer or event loop`,
      );
    }
  }
}
