import type { AnyActorRef, InspectionEvent } from 'xstate';
import type { FlowBudget } from '../runner/budget.ts';
import type { CoverageHits } from './coverage.ts';
import type { MachineNode } from './model.ts';

type Nodes = { _nodes: MachineNode[]; value: unknown };

/**
 * Watches one flow actor's events and microsteps, synchronously, the way the session owner
 * does: each microstep is counted against the flow's budgets (a spent budget throws inside the
 * transition and fails the flow) and recorded as coverage, guard outcomes included.
 */
export class StepWatch {
  /** The event the flow is handling, with the configuration it met it in. */
  private inFlight: { type: string; nodes: MachineNode[]; steps: number } | undefined;

  constructor(
    private readonly hits: CoverageHits,
    private readonly budget: FlowBudget,
  ) {}

  /** The inspection hook of the flow actor `actor`. */
  inspect(actor: AnyActorRef | undefined, inspection: InspectionEvent): void {
    if (actor === undefined || inspection.actorRef !== actor) return;
    if (inspection.type === '@xstate.event') {
      this.close();
      this.budget.event();
      const nodes = (actor.getSnapshot() as Nodes)._nodes;
      this.inFlight = { type: inspection.event.type, nodes, steps: 0 };
    }
    if (inspection.type === '@xstate.microstep') {
      const snapshot = inspection.snapshot as unknown as Nodes;
      this.budget.step(JSON.stringify(snapshot.value));
      this.hits.microstep(this.inFlight?.nodes ?? [], inspection._transitions);
      this.hits.visit(snapshot._nodes);
      // xstate reports a microstep with no transition when nothing took the event.
      if (this.inFlight && inspection._transitions.length > 0) {
        this.inFlight.steps++;
        this.inFlight.nodes = snapshot._nodes;
      }
    }
  }

  /** The event in flight has been handled; when nothing took it, its guards were all false. */
  close(): void {
    const event = this.inFlight;
    this.inFlight = undefined;
    if (event && event.steps === 0) this.hits.nothingTaken(event.nodes, event.type);
  }
}
