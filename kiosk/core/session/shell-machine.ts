import { and, assign, fromPromise, setup, type AnyStateMachine } from 'xstate';
import type { FlowPackage } from '../runner/flow-package.ts';

/** A rating (好差评) the resident gave at the end of a service. */
export interface RatingInput {
  serviceId: string;
  score: number;
  outcome: string;
  sessionRef: string;
}

/** What became of a rating: sent now, saved to be sent later, or not saved at all. */
export type RatingReceipt = 'sent' | 'queued' | 'failed';

/** The events the shell takes; the session owner's event gate lets no other name through. */
export type ShellEvent =
  | { type: 'service.chosen'; serviceId: string }
  | { type: 'rating.chosen'; score: number }
  | { type: 'rating.skip' }
  | { type: 'next' }
  | { type: 'session.end' };

/** Tags the session owner reads instead of state names. */
export const SHELL_TAGS = {
  menu: 'menu',
  service: 'service',
  stopped: 'stopped',
  rating: 'rating',
  thanks: 'thanks',
} as const;

/** How long the out-of-service notice of a stopped flow shows before the session ends. */
const STOPPED_NOTICE_MS = 8000;
/** How long the thank-you screen shows before the kiosk returns to the attract screen. */
const THANKS_MS = 6000;

type ShellContext = {
  serviceId: string | null;
  outcome: string | null;
  sessionRef: string;
  rating: RatingReceipt | null;
};

/** What a session provides to the shell: its rating submitter and its view of the flows. */
export interface ShellSession {
  sessionRef: string;
  /** The flow machines of this session, with its capability runtime provided. */
  flows: Record<string, AnyStateMachine>;
  submitRating(rating: RatingInput): Promise<RatingReceipt>;
  /** True when the service may start now (its devices are up and it is not disabled). */
  canStart(serviceId: string): boolean;
  /** The flow failed or spent a budget: the kiosk disables it and says why. */
  flowStopped(serviceId: string, error: unknown): void;
  /** A service began (the journal's `journey.started`). */
  flowStarted(serviceId: string): void;
  /** A service reached a final state with this outcome. */
  flowFinished(serviceId: string, outcome: string): void;
}

function serviceState(flowId: string): string {
  return `service-${flowId}`;
}

/**
 * The machine that runs every resident session: menu → one service (the flow package's own
 * machine, invoked as child `flow`) → rating → thanks → ended. It is built once from the
 * installed flows; each session provides its own flows, rating submitter and guards, so vendors
 * never touch it and every service ends with the same rating and wipe.
 */
export function buildShellMachine(flows: readonly FlowPackage[]): AnyStateMachine {
  const flowActors = Object.fromEntries(flows.map((f) => [f.manifest.id, f.machine]));
  const machine = setup({
    types: {
      context: {} as ShellContext,
      events: {} as ShellEvent,
      input: {} as { sessionRef: string },
    },
    actors: {
      ...flowActors,
      'rating.submit': fromPromise<RatingReceipt, RatingInput>(() =>
        Promise.reject(new Error('no session provided a rating submitter')),
      ),
    },
    guards: {
      isService: ({ event }, params: { serviceId: string }) =>
        event.type === 'service.chosen' && event.serviceId === params.serviceId,
      canStart: () => false,
      flowCancelled: ({ event }) =>
        (event as { output?: { outcome?: unknown } }).output?.outcome === 'cancelled',
      validScore: ({ event }) =>
        event.type === 'rating.chosen' &&
        Number.isInteger(event.score) &&
        event.score >= 1 &&
        event.score <= 5,
    },
    actions: {
      flowStopped: () => undefined,
      flowStarted: () => undefined,
      flowFinished: () => undefined,
    },
  }).createMachine({
    id: 'session',
    initial: 'menu',
    context: ({ input }) => ({
      serviceId: null,
      outcome: null,
      sessionRef: input.sessionRef,
      rating: null,
    }),
    states: {
      menu: {
        tags: [SHELL_TAGS.menu],
        on: {
          'service.chosen': flows.map((f) => ({
            guard: and([
              { type: 'isService' as const, params: { serviceId: f.manifest.id } },
              'canStart',
            ]),
            target: serviceState(f.manifest.id),
            actions: [assign({ serviceId: f.manifest.id, outcome: null }), 'flowStarted'],
          })),
          'session.end': 'ended',
        },
      },
      ...Object.fromEntries(
        flows.map((f) => [
          serviceState(f.manifest.id),
          {
            tags: [SHELL_TAGS.service],
            invoke: {
              id: 'flow',
              src: f.manifest.id,
              onDone: [
                { guard: 'flowCancelled', target: 'menu', actions: 'flowFinished' },
                {
                  target: 'rating',
                  actions: [
                    'flowFinished',
                    assign({
                      outcome: ({ event }) =>
                        (event as unknown as { output?: { outcome?: string } }).output?.outcome ??
                        'completed',
                    }),
                  ],
                },
              ],
              onError: { target: 'stopped', actions: 'flowStopped' },
            },
            on: { 'session.end': 'ended' },
          },
        ]),
      ),
      stopped: {
        tags: [SHELL_TAGS.stopped],
        after: { [STOPPED_NOTICE_MS]: 'ended' },
        on: { next: 'ended', 'session.end': 'ended' },
      },
      rating: {
        tags: [SHELL_TAGS.rating],
        on: {
          'rating.chosen': { guard: 'validScore', target: 'submitting' },
          'rating.skip': 'thanks',
          'session.end': 'ended',
        },
      },
      submitting: {
        tags: [SHELL_TAGS.rating],
        invoke: {
          src: 'rating.submit',
          input: ({ context, event }) => ({
            serviceId: context.serviceId ?? 'unknown',
            score: event.type === 'rating.chosen' ? event.score : 0,
            outcome: context.outcome ?? 'unknown',
            sessionRef: context.sessionRef,
          }),
          onDone: {
            target: 'thanks',
            actions: assign({ rating: ({ event }) => event.output }),
          },
          // The kiosk could not even save it: the resident is told, not thanked for nothing.
          onError: { target: 'thanks', actions: assign({ rating: 'failed' as const }) },
        },
      },
      thanks: {
        tags: [SHELL_TAGS.thanks],
        after: { [THANKS_MS]: 'ended' },
        on: { next: 'ended', 'session.end': 'ended' },
      },
      ended: { type: 'final' },
    },
  });
  return machine;
}

/** The shell of one session: the built machine with that session's implementations. */
export function provideShell(shell: AnyStateMachine, session: ShellSession): AnyStateMachine {
  return shell.provide({
    actors: {
      ...session.flows,
      'rating.submit': fromPromise<RatingReceipt, RatingInput>(({ input }) =>
        session.submitRating(input),
      ),
    },
    guards: {
      canStart: ({ event }: { event: ShellEvent }) =>
        event.type === 'service.chosen' && session.canStart(event.serviceId),
    },
    actions: {
      flowStopped: ({ context, event }: { context: ShellContext; event: unknown }) =>
        session.flowStopped(context.serviceId ?? 'unknown', (event as { error?: unknown }).error),
      flowStarted: ({ event }: { event: ShellEvent }) => {
        if (event.type === 'service.chosen') session.flowStarted(event.serviceId);
      },
      flowFinished: ({ context, event }: { context: ShellContext; event: unknown }) => {
        const outcome = (event as { output?: { outcome?: unknown } }).output?.outcome;
        session.flowFinished(
          context.serviceId ?? 'unknown',
          typeof outcome === 'string' ? outcome : 'completed',
        );
      },
    },
  } as never);
}
