import type { Logger } from 'pino';
import type { AnyStateMachine } from 'xstate';
import type { FlowPackage } from '../runner/flow-package.ts';
import type { SessionOwnerOptions } from './owner-options.ts';
import { ServiceBoard } from './service-board.ts';
import { buildShellMachine } from './shell-machine.ts';

/**
 * The flows the kiosk serves, with the shell machine built over them and the board of which
 * may start. A new set (an install or rollback noticed on disk) is only offered: it replaces the
 * served one at the next {@link FlowSet.settle} that finds the kiosk idle, so a session always
 * runs to its end on the flows it started with.
 */
export class FlowSet {
  private served: readonly FlowPackage[];
  private machine: AnyStateMachine;
  private board: ServiceBoard;
  private pending: readonly FlowPackage[] | undefined;

  constructor(
    private readonly options: Pick<SessionOwnerOptions, 'flows' | 'outOfService' | 'flowsApplied'>,
    private readonly log: Logger,
  ) {
    this.served = options.flows;
    this.machine = buildShellMachine(options.flows);
    this.board = new ServiceBoard(options.flows, () => options.outOfService());
  }

  /** The flows served now. */
  get flows(): readonly FlowPackage[] {
    return this.served;
  }

  /** The shell machine built once over the served flows; sessions provide its implementations. */
  get shell(): AnyStateMachine {
    return this.machine;
  }

  /** Which served flows may start. */
  get services(): ServiceBoard {
    return this.board;
  }

  /** True while an offered set waits for the kiosk to be idle. */
  get waiting(): boolean {
    return this.pending !== undefined;
  }

  /** Offers the next set; a later offer replaces one still waiting. */
  offer(flows: readonly FlowPackage[]): void {
    this.pending = flows;
  }

  /** Swaps the waiting set in unless `busy` (a session or maintenance is open); true if it did. */
  settle(busy: boolean): boolean {
    const next = this.pending;
    if (busy || next === undefined) return false;
    this.pending = undefined;
    let machine: AnyStateMachine;
    try {
      machine = buildShellMachine(next);
    } catch (error) {
      // Every package was checked before it was offered; should the shell still not build, the
      // kiosk keeps serving the set it has rather than stop between two residents.
      this.log.error(
        { err: error },
        'new flow set not swapped in: its shell machine does not build',
      );
      return false;
    }
    this.served = next;
    this.machine = machine;
    this.board = this.board.carryTo(next);
    this.options.flowsApplied?.(next);
    return true;
  }
}
