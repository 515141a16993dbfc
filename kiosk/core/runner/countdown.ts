import type { CountdownView, Locale } from '../../contract.ts';
import { ACTOR_CAPABILITIES, type ActorCapabilityName } from '../capabilities/catalogue.ts';
import { own } from './json-walk.ts';

/**
 * The countdown a waiting screen shows: how long the flow still waits for the resident (a card
 * on the reader, a code at the scanner, a delay before it moves on), worked out from the flow's
 * own machine.json and the session clock, never from what the renderer says.
 */

/** Capabilities that wait for the resident, with a `timeoutSeconds` input. */
const WAITING_CAPABILITIES: readonly ActorCapabilityName[] = ['idcard.read', 'scanner.read'];

/**
 * The label beside the countdown. The renderer draws the seconds left after it, counting down
 * locally, so the label carries no number that could go stale between snapshots.
 */
const LABELS: Record<Locale, string> = {
  'zh-CN': '剩余时间',
  en: 'Time left',
};

/** The raw JSON of a state node, found by its path in the machine config. */
function rawNode(config: unknown, path: readonly string[]): unknown {
  let here = config;
  for (const key of path) here = own(own(here, 'states'), key);
  return here;
}

/** The time limits (ms) the active state nodes wait on: waiting invokes and `after` delays. */
export function waitLimitsMs(config: unknown, paths: readonly (readonly string[])[]): number[] {
  const out: number[] = [];
  for (const path of paths) {
    const node = rawNode(config, path);
    const invoke = own(node, 'invoke');
    for (const inv of Array.isArray(invoke) ? invoke : invoke === undefined ? [] : [invoke]) {
      const src = own(inv, 'src');
      if (typeof src !== 'string' || !(WAITING_CAPABILITIES as readonly string[]).includes(src))
        continue;
      const parsed = ACTOR_CAPABILITIES[src as 'idcard.read'].input.safeParse(
        own(inv, 'input') ?? {},
      );
      if (parsed.success) out.push(parsed.data.timeoutSeconds * 1000);
    }
    const after = own(node, 'after');
    if (typeof after === 'object' && after !== null)
      for (const delay of Object.keys(after))
        if (/^\d{1,9}$/.test(delay) && Number(delay) > 0) out.push(Number(delay));
  }
  return out;
}

/**
 * The countdown for a screen whose state was entered `elapsedMs` ago, or undefined when the
 * screen waits on nothing (or its time is up). The nearest limit counts: it is what happens next.
 */
export function countdownView(
  config: unknown,
  paths: readonly (readonly string[])[],
  elapsedMs: number,
  locale: Locale,
): CountdownView | undefined {
  const left = waitLimitsMs(config, paths).map((ms) => ms - Math.max(0, elapsedMs));
  if (left.length === 0) return undefined;
  const seconds = Math.ceil(Math.min(...left) / 1000);
  return seconds > 0 ? { seconds, label: LABELS[locale] } : undefined;
}
