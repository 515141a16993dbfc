import { SimulatedClock } from 'xstate';

/** The instant every explored session starts at (a weekday morning, China Standard Time). */
export const EXPLORE_EPOCH = Date.parse('2026-12-01T02:00:00Z');

/**
 * xstate's SimulatedClock, also keeping when each of its timers is due, so the tester can move
 * time exactly to the next one and tell timers apart in a state's key.
 */
export class TrackingClock extends SimulatedClock {
  private readonly due = new Map<number, number>();

  constructor() {
    super();
    this.set(EXPLORE_EPOCH);
  }

  override setTimeout(fn: (...args: unknown[]) => void, timeout: number): number {
    const holder: { id?: number } = {};
    const id = super.setTimeout((...args: unknown[]) => {
      if (holder.id !== undefined) this.due.delete(holder.id);
      fn(...args);
    }, timeout);
    holder.id = id;
    this.due.set(id, this.now() + timeout);
    return id;
  }

  override clearTimeout(id: number): void {
    this.due.delete(id);
    super.clearTimeout(id);
  }

  /** Milliseconds until the next timer is due, or undefined when none is set. */
  nextDueIn(): number | undefined {
    let next: number | undefined;
    for (const at of this.due.values()) if (next === undefined || at < next) next = at;
    return next === undefined ? undefined : Math.max(0, next - this.now());
  }

  /** How far away every timer is, shortest first: part of an explored state's identity. */
  pendingIn(): number[] {
    return [...this.due.values()].map((at) => at - this.now()).sort((a, b) => a - b);
  }
}
