import type { Logger } from 'pino';
import type { ActionView, EntryBlockView, ScreenView } from '../../contract.ts';
import { entryValueProblem } from './entry-values.ts';

/** What the renderer sent as an action: an event name and its flat data. */
export interface RendererAction {
  event: string;
  data: Record<string, string | number | boolean>;
}

/**
 * The kiosk's own events, accepted whatever the screen shows: the maintenance corner gesture
 * (the technician's way in) and ending the session (the resident's way out). Language, text
 * size, more time and activity are messages of their own in the contract, not actions.
 */
const KIOSK_EVENTS: ReadonlySet<string> = new Set(['maintenance.request', 'session.end']);

/** Why an action was dropped, for the warn line; undefined when the gate lets it through. */
export function gateAction(
  screen: ScreenView,
  action: RendererAction,
  inSession: boolean,
): string | undefined {
  // xstate's own events (done, error, init, stop) move machines past their invokes: never
  // from a renderer, whatever a screen offers.
  if (action.event.startsWith('xstate.') || action.event.startsWith('@xstate')) {
    return 'xstate events never come from a renderer';
  }
  if (KIOSK_EVENTS.has(action.event)) {
    if (action.event === 'session.end' && !inSession) return 'no session is open';
    return Object.keys(action.data).length === 0 ? undefined : 'this event carries no data';
  }
  const entries = screen.blocks.filter(
    (b): b is EntryBlockView => b.kind === 'entry' && b.event === action.event,
  );
  const offered = offeredActions(screen).filter((a) => a.event === action.event);
  if (entries.length > 0) {
    // An entry's value is free within its pad and bounds; a button's data must match exactly.
    const problems = entries.map((e) => entryValueProblem(e, action.data));
    if (problems.includes(undefined)) return undefined;
    if (offered.length === 0) return problems[0];
  }
  if (offered.length === 0) return 'the screen offers no such action';
  const match = offered.find((a) => sameData(a.data ?? {}, action.data));
  if (!match) return 'the screen offers this action with other data';
  if (match.disabled) return 'the action is disabled';
  return undefined;
}

/** Every action a screen shows: its buttons, its choices, its list rows and its rating faces. */
function offeredActions(screen: ScreenView): ActionView[] {
  const out = [...screen.actions];
  for (const block of screen.blocks) {
    if (block.kind === 'choices') out.push(...block.choices);
    if (block.kind === 'rating') out.push(...block.options);
    if (block.kind === 'list')
      for (const item of block.items) if (item.action) out.push(item.action);
  }
  return out;
}

function sameData(
  offered: Record<string, string | number | boolean>,
  sent: Record<string, string | number | boolean>,
): boolean {
  const keys = Object.keys(offered);
  return (
    keys.length === Object.keys(sent).length &&
    keys.every((k) => Object.hasOwn(sent, k) && sent[k] === offered[k])
  );
}

/**
 * Dropped-event lines a renderer may cause per minute. A hostile or broken renderer can send
 * thousands of events a second; each is still dropped, but only this many reach the log, so it
 * cannot fill the disk of a kiosk nobody visits for a week.
 */
export const MAX_DROP_LINES_PER_MINUTE = 30;

/** Counts dropped events and says whether this one may still be logged. */
export class DropLog {
  private windowStart = Number.NEGATIVE_INFINITY;
  private inWindow = 0;
  /** Events dropped without a line since the last line was written. */
  unlogged = 0;

  constructor(private readonly now: () => number) {}

  /** True when this drop may be logged; otherwise it is only counted. */
  admit(): boolean {
    const at = this.now();
    if (at - this.windowStart >= 60_000) {
      this.windowStart = at;
      this.inWindow = 0;
    }
    this.inWindow++;
    if (this.inWindow > MAX_DROP_LINES_PER_MINUTE) {
      this.unlogged++;
      return false;
    }
    return true;
  }

  /** Logs one dropped event, with the count of those dropped unlogged since the last line. */
  report(log: Logger, drop: { screen: string; event: string; reason: string }): void {
    if (!this.admit()) return;
    const unlogged = this.unlogged;
    this.unlogged = 0;
    log.warn({ ...drop, unlogged }, 'renderer event dropped');
  }
}
