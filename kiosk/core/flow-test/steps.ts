import type { Locale } from '../../contract.ts';
import {
  ERROR_FLAGS,
  isActorCapability,
  type ActorCapabilityName,
  type ErrorFlag,
} from '../capabilities/catalogue.ts';
import { outcomeLabel, type Outcome } from './outcomes.ts';

/**
 * One step of an explored path, and its text form. A failing path is printed as the list of
 * these tokens, and `kiosk24 flow test --replay` reads the same list back:
 *
 *   identity.card                 the resident presses the action that sends `identity.card`
 *   choose{"serviceId":"x"}       ... one that carries data
 *   idcard.read:ok:resident       the pending `idcard.read` succeeds with that output
 *   platform.call:error:notFound  the pending `platform.call` fails with that flag
 *   tick:20000                    the clock moves 20 s, to the next timer of the flow
 *   idle                          nobody touches the screen: the idle timeout ends the session
 *   locale:en                     the resident switches the language
 */
export type Step =
  | { kind: 'press'; event: string; data: Record<string, string | number | boolean> }
  | { kind: 'outcome'; name: ActorCapabilityName; outcome: Outcome }
  | { kind: 'tick'; ms: number }
  | { kind: 'idle' }
  | { kind: 'locale'; locale: Locale };

/** Longest path `--replay` takes; no explored path comes near it. */
export const MAX_REPLAY_STEPS = 10_000;

/** The token of one step. */
export function formatStep(step: Step): string {
  switch (step.kind) {
    case 'press':
      return Object.keys(step.data).length === 0
        ? step.event
        : `${step.event}${JSON.stringify(step.data)}`;
    case 'outcome':
      return `${step.name}:${outcomeLabel(step.outcome)}`;
    case 'tick':
      return `tick:${step.ms}`;
    case 'idle':
      return 'idle';
    case 'locale':
      return `locale:${step.locale}`;
  }
}

/** Reads one token back; throws a RangeError that says what is wrong with it. */
export function parseStep(token: unknown): Step {
  if (typeof token !== 'string' || token.length === 0 || token.length > 1000)
    throw new RangeError(`a step must be a non-empty string of at most 1000 characters`);
  if (token === 'idle') return { kind: 'idle' };
  const tick = /^tick:(\d{1,10})$/.exec(token);
  if (tick) return { kind: 'tick', ms: Number(tick[1]) };
  const locale = /^locale:(zh-CN|en)$/.exec(token);
  if (locale) return { kind: 'locale', locale: locale[1] as Locale };
  const outcome = /^([a-z.]+):(ok|error):([A-Za-z-]+)$/.exec(token);
  if (outcome) {
    const [, name = '', kind, value = ''] = outcome;
    if (!isActorCapability(name)) throw new RangeError(`"${name}" is no capability (${token})`);
    if (kind === 'ok') return { kind: 'outcome', name, outcome: { kind: 'ok', variant: value } };
    if (!(ERROR_FLAGS as readonly string[]).includes(value))
      throw new RangeError(`"${value}" is no error flag (${token})`);
    return { kind: 'outcome', name, outcome: { kind: 'error', flag: value as ErrorFlag } };
  }
  const press = /^([a-z][a-z0-9_-]*(?:\.[a-z0-9_-]+)*)(\{.*\})?$/.exec(token);
  if (press) {
    const data = press[2] === undefined ? {} : parseData(press[2], token);
    return { kind: 'press', event: press[1] ?? '', data };
  }
  throw new RangeError(
    `"${token}" is not a step: write an event name, CAPABILITY:ok:VARIANT, CAPABILITY:error:FLAG, tick:MS, idle or locale:en`,
  );
}

/** Reads a path given as a JSON array of tokens or as tokens separated by commas. */
export function parsePath(text: string): Step[] {
  const trimmed = text.trim();
  let tokens: unknown[];
  if (trimmed.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      throw new RangeError('the path is not valid JSON: give a JSON array of steps');
    }
    if (!Array.isArray(parsed)) throw new RangeError('the path must be a JSON array of steps');
    tokens = parsed;
  } else tokens = trimmed === '' ? [] : trimmed.split(/\s*,\s*(?![^{]*\})/);
  if (tokens.length > MAX_REPLAY_STEPS)
    throw new RangeError(`the path has more than ${MAX_REPLAY_STEPS} steps`);
  return tokens.map(parseStep);
}

function parseData(text: string, token: string): Record<string, string | number | boolean> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new RangeError(`the data of "${token}" is not valid JSON`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new RangeError(`the data of "${token}" must be a JSON object`);
  for (const value of Object.values(data))
    if (!['string', 'number', 'boolean'].includes(typeof value))
      throw new RangeError(`the data of "${token}" may hold only strings, numbers and booleans`);
  return data as Record<string, string | number | boolean>;
}

/** A step the session cannot take (replay of a path that does not fit the flow). */
export class StepRefused extends Error {
  override readonly name = 'StepRefused';
}
