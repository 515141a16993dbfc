import type { AnyActorRef } from 'xstate';
import type { Locale, ScreenView } from '../../contract.ts';
import { countdownView } from '../runner/countdown.ts';
import type { FlowPackage } from '../runner/flow-package.ts';
import { isBusyScreen, renderFlowScreen } from '../runner/screen-view.ts';
import { flowChildOf, flowScreenOf } from './session-actor.ts';

/** What the kiosk knows when it draws the running flow's screen. */
export interface FlowScreenMoment {
  locale: Locale;
  /** Requirements out of service now. */
  down: readonly string[];
  /** How long ago the flow entered its current state, for the countdown. */
  elapsedMs: number;
}

/**
 * The running flow's screen, drawn with the devices out of service and the countdown of what
 * it waits for; undefined when the flow shows no screen of its own (between states).
 */
export function drawFlowScreen(
  actor: AnyActorRef | undefined,
  flows: readonly FlowPackage[],
  moment: FlowScreenMoment,
): ScreenView | undefined {
  const current = flowScreenOf(actor, flows);
  if (!current) return undefined;
  const value = (flowChildOf(actor)?.getSnapshot() as { value?: unknown } | undefined)?.value;
  // Nobody waits for the resident on a busy screen: the kiosk is printing or asking.
  const countdown = isBusyScreen(current.flow, current.screenId)
    ? undefined
    : countdownView(current.flow.config, activePaths(value), moment.elapsedMs, moment.locale);
  return renderFlowScreen(current.flow, current.screenId, current.context, moment.locale, {
    down: moment.down,
    ...(countdown ? { countdown } : {}),
  });
}

/** Every active state node's path, from an xstate state value (`{ a: { b: 'c' } }`). */
export function activePaths(value: unknown, prefix: readonly string[] = []): string[][] {
  if (typeof value === 'string') return [[...prefix, value]];
  if (typeof value !== 'object' || value === null) return [];
  const out: string[][] = [];
  for (const [key, child] of Object.entries(value)) {
    out.push([...prefix, key]);
    out.push(...activePaths(child, [...prefix, key]));
  }
  return out;
}
