import type { AnyActorRef } from 'xstate';
import type { FlowPackage } from '../runner/flow-package.ts';
import type { RatingReceipt, ShellEvent } from './shell-machine.ts';

/**
 * Reading a session's actors: the shell's tags and service, the invoked flow and the screen its
 * deepest state names. The session owner asks through these, never by state-name strings.
 */

/** The shell's snapshot, or one that has no tag when no session is open. */
export function shellStateOf(actor: AnyActorRef | undefined): { hasTag(tag: string): boolean } {
  return (
    (actor?.getSnapshot() as { hasTag(tag: string): boolean } | undefined) ?? {
      hasTag: () => false,
    }
  );
}

/** The service the session is in (or was in, on the rating and stopped screens). */
export function serviceIdOf(actor: AnyActorRef | undefined): string | undefined {
  const shell = actor?.getSnapshot() as { context: { serviceId: string | null } } | undefined;
  return shell?.context.serviceId ?? undefined;
}

/** What became of the session's rating, for the thank-you screen. */
export function ratingOf(actor: AnyActorRef | undefined): RatingReceipt | null {
  const shell = actor?.getSnapshot() as { context: { rating?: RatingReceipt | null } } | undefined;
  return shell?.context.rating ?? null;
}

/** The running flow, invoked by the shell as child `flow`. */
export function flowChildOf(actor: AnyActorRef | undefined): AnyActorRef | undefined {
  const snapshot = actor?.getSnapshot() as { children?: Record<string, AnyActorRef> } | undefined;
  return snapshot?.children?.flow;
}

/** The flow screen on show, when the session is inside a service. */
export function flowScreenOf(
  actor: AnyActorRef | undefined,
  flows: readonly FlowPackage[],
): { flow: FlowPackage; screenId: string; context: unknown } | undefined {
  const serviceId = serviceIdOf(actor);
  const flow = flows.find((f) => f.manifest.id === serviceId);
  const child = flowChildOf(actor)?.getSnapshot() as
    { context: unknown; getMeta(): Record<string, unknown> } | undefined;
  const screenId = child ? currentScreen(child) : undefined;
  if (!flow || !child || !screenId) return undefined;
  return { flow, screenId, context: child.context };
}

/** The screen named by the deepest active state that names one. */
function currentScreen(snapshot: { getMeta(): Record<string, unknown> }): string | undefined {
  const metas = Object.values(snapshot.getMeta()) as ({ screen?: unknown } | undefined)[];
  for (let i = metas.length - 1; i >= 0; i--) {
    const screen = metas[i]?.screen;
    if (typeof screen === 'string') return screen;
  }
  return undefined;
}

/** A shell event, typed, from an action the gate let through; undefined for any other name. */
export function shellEvent(
  event: string,
  data: Record<string, string | number | boolean>,
): ShellEvent | undefined {
  switch (event) {
    case 'service.chosen':
      return { type: 'service.chosen', serviceId: String(data.serviceId) };
    case 'rating.chosen':
      return { type: 'rating.chosen', score: Number(data.score) };
    case 'rating.skip':
    case 'next':
    case 'session.end':
      return { type: event };
    default:
      return undefined;
  }
}
