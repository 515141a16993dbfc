import { missingRequirements, type Requirement } from '../capabilities/catalogue.ts';
import { FlowBudgetError } from '../runner/budget.ts';
import type { FlowPackage } from '../runner/flow-package.ts';
import type { MenuEntry } from './shell-screens.ts';

/**
 * Which services the kiosk offers right now: installed, not stopped by the kiosk, and with every
 * device they require in service. A flow that failed or spent a budget stays stopped until the
 * kiosk restarts or the flow is reinstalled; the others keep serving.
 */
export class ServiceBoard {
  /** Flows stopped by a budget or a fault, with the reason. */
  private readonly stopped = new Map<string, string>();

  constructor(
    private readonly flows: readonly FlowPackage[],
    private readonly outOfService: () => Requirement[],
  ) {}

  /** The installed flow with this id. */
  flow(serviceId: string | undefined): FlowPackage | undefined {
    return this.flows.find((f) => f.manifest.id === serviceId);
  }

  /** True when the service may start now. */
  canStart(serviceId: string): boolean {
    const flow = this.flow(serviceId);
    return flow !== undefined && !this.stopped.has(serviceId) && this.missingFor(flow).length === 0;
  }

  /** Stops a flow for the rest of this run; returns the reason for the log. */
  stop(serviceId: string, error: unknown): string {
    const reason =
      error instanceof FlowBudgetError
        ? error.message
        : `the flow failed: ${error instanceof Error ? error.message : String(error)}`;
    this.stopped.set(serviceId, reason);
    return reason;
  }

  /**
   * A board for a new set of flows that keeps this one's stops for every flow it still serves
   * unchanged (the same loaded package); a reinstalled or rolled-back flow starts afresh.
   */
  carryTo(flows: readonly FlowPackage[]): ServiceBoard {
    const next = new ServiceBoard(flows, this.outOfService);
    for (const [id, reason] of this.stopped) {
      const flow = this.flow(id);
      if (flow && flows.includes(flow)) next.stopped.set(id, reason);
    }
    return next;
  }

  /** Every service as the menu shows it. */
  menu(): MenuEntry[] {
    return this.flows.map((flow) => ({
      flow,
      missing: this.missingFor(flow),
      stopped: this.stopped.has(flow.manifest.id),
    }));
  }

  /** What the flow requires that is out of service; `identity` only when reader AND scanner are. */
  private missingFor(flow: FlowPackage): string[] {
    return missingRequirements(flow.manifest.requires, this.outOfService());
  }
}
