import { assign, fromPromise, setup, type AnyStateMachine } from 'xstate';
import { buildFlowMachine, type CapabilityRuntime } from '../runner/build-machine.ts';
import type { FlowPackage } from '../runner/load-package.ts';

/** A rating (好差评) the resident gave at the end of a service. */
export interface RatingInput {
  serviceId: string;
  score: number;
  outcome: string;
  sessionRef: string;
}

/** The state names of the shell that wraps every service. */
function serviceState(flowId: string): string {
  return `service-${flowId}`;
}

/**
 * The machine that runs one resident session: menu → one service (the flow package's own
 * machine, invoked as child `flow`) → rating → thanks → ended. It is generated per session from
 * the installed flows, so vendors never touch it and every service ends with the same rating
 * and wipe.
 */
export function buildSessionMachine(
  flows: readonly FlowPackage[],
  runtime: CapabilityRuntime,
  submitRating: (rating: RatingInput) => Promise<void>,
  sessionRef: string,
): AnyStateMachine {
  const actors = Object.fromEntries(
    flows.map((f) => [f.manifest.id, buildFlowMachine(f, runtime)]),
  );
  type Ctx = { serviceId: string | null; outcome: string | null };
  const machine = setup({
    types: {
      context: {} as Ctx,
      events: {} as { type: string; serviceId?: string; score?: number },
    },
    actors: {
      ...actors,
      'rating.submit': fromPromise<void, RatingInput>(({ input }) => submitRating(input)),
    },
  }).createMachine({
    id: 'session',
    initial: 'menu',
    context: { serviceId: null, outcome: null },
    states: {
      menu: {
        on: {
          'service.chosen': flows.map((f) => ({
            guard: ({ event }: { event: { serviceId?: string } }) =>
              event.serviceId === f.manifest.id,
            target: serviceState(f.manifest.id),
            actions: assign({ serviceId: f.manifest.id, outcome: null }),
          })),
          'session.end': 'ended',
        },
      },
      ...Object.fromEntries(
        flows.map((f) => [
          serviceState(f.manifest.id),
          {
            invoke: {
              id: 'flow',
              src: f.manifest.id,
              onDone: [
                {
                  guard: ({ event }: { event: { output?: { outcome?: string } } }) =>
                    event.output?.outcome === 'cancelled',
                  target: 'menu',
                },
                {
                  target: 'rating',
                  actions: assign({
                    outcome: ({ event }) =>
                      (event as { output?: { outcome?: string } }).output?.outcome ?? 'completed',
                  }),
                },
              ],
              onError: { target: 'rating', actions: assign({ outcome: 'crashed' }) },
            },
            on: { 'session.end': 'ended' },
          },
        ]),
      ),
      rating: {
        on: {
          'rating.chosen': {
            guard: ({ event }) =>
              Number.isInteger(event.score) && (event.score ?? 0) >= 1 && (event.score ?? 0) <= 5,
            target: 'submitting',
            actions: assign({ outcome: ({ context }) => context.outcome }),
          },
          'rating.skip': 'thanks',
        },
      },
      submitting: {
        invoke: {
          src: 'rating.submit',
          input: ({ context, event }) => ({
            serviceId: context.serviceId ?? 'unknown',
            score: (event as { score?: number }).score ?? 0,
            outcome: context.outcome ?? 'unknown',
            sessionRef,
          }),
          onDone: 'thanks',
          onError: 'thanks',
        },
      },
      thanks: { after: { 6000: 'ended' }, on: { next: 'ended' } },
      ended: { type: 'final' },
    },
  });
  return machine;
}
