/**
 * Flow packages that pass `flow check` but that `flow test` must refuse: each is wrong only at
 * run time, on a path the static checks cannot see.
 */
import { join } from 'node:path';
import { writeJson, type JsonObject } from '../../../../test/support/hostile-flows.ts';

/** A screen spec with these actions (event names double as ids and string keys). */
function screen(title: string, events: string[], extra: JsonObject = {}): JsonObject {
  return {
    layout: 'message',
    title,
    actions: events.map((event) => ({
      id: event.replaceAll('.', '-'),
      label: `label.${event}`,
      event,
      kind: 'primary',
    })),
    ...extra,
  };
}

/** A guard no path makes true: the key is never set. */
const NEVER = { type: 'context.has', params: { key: 'never' } };

/** Writes a package `id` under `root` with these states, screens and strings; returns its folder. */
function write(
  root: string,
  id: string,
  states: JsonObject,
  screens: JsonObject,
  options: { requires?: string[]; en?: Record<string, string> } = {},
): string {
  const dir = join(root, id);
  writeJson(dir, 'flow.json', {
    id,
    version: '1.0.0',
    catalogueVersion: 1,
    title: { 'zh-CN': '测试服务', en: 'Test service' },
    description: { 'zh-CN': '仅用于测试', en: 'For tests only' },
    category: 'other',
    requires: options.requires ?? [],
    strings: { 'zh-CN': 'i18n/zh-CN.json', en: 'i18n/en.json' },
  });
  writeJson(dir, 'machine.json', { id, initial: 'start', states });
  writeJson(dir, 'screens.json', screens);
  const keys = new Set<string>();
  for (const spec of Object.values(screens) as JsonObject[]) {
    keys.add(spec.title as string);
    if (typeof spec.subtitle === 'string') keys.add(spec.subtitle);
    for (const a of spec.actions as JsonObject[]) keys.add(a.label as string);
  }
  const zh = Object.fromEntries([...keys].map((k) => [k, `文字 ${k}`]));
  writeJson(dir, 'i18n/zh-CN.json', zh);
  writeJson(dir, 'i18n/en.json', {
    ...Object.fromEntries([...keys].map((k) => [k, `Text ${k}`])),
    ...options.en,
  });
  return dir;
}

const START = {
  meta: { screen: 'start' },
  on: { next: 'waiting', cancel: 'cancelled' },
};
const ENDS = {
  done: { type: 'final', output: { outcome: 'completed' } },
  cancelled: { type: 'final', output: { outcome: 'cancelled' } },
};

/**
 * Traps a session: a busy screen (the idle timeout pauses) whose only button re-enters it,
 * because the guard of its way out can never hold.
 */
export function trappingFlow(root: string): string {
  return write(
    root,
    'hostile-trap',
    {
      start: START,
      waiting: {
        meta: { screen: 'waiting' },
        on: {
          retry: [
            { guard: NEVER, target: 'done' },
            { target: 'waiting', reenter: true },
          ],
        },
      },
      ...ENDS,
    },
    {
      start: screen('start.title', ['next', 'cancel']),
      waiting: screen('waiting.title', ['retry'], { busy: true }),
    },
  );
}

/** Loops: two busy screens hand the session to each other on timers, for ever. */
export function loopingFlow(root: string): string {
  return write(
    root,
    'hostile-loop',
    {
      start: START,
      waiting: { meta: { screen: 'ping' }, after: { 1000: 'pong' } },
      pong: {
        meta: { screen: 'pong' },
        after: { 1000: 'waiting' },
        on: { next: [{ guard: NEVER, target: 'done' }] },
      },
      ...ENDS,
    },
    {
      start: screen('start.title', ['next', 'cancel']),
      ping: screen('ping.title', [], { busy: true }),
      pong: screen('pong.title', ['next'], { busy: true }),
    },
  );
}

/**
 * Leaks: after showing the card holder it goes back to its first screen for the next resident,
 * still holding the one before.
 */
export function leakingFlow(root: string): string {
  return write(
    root,
    'hostile-leak',
    {
      start: { meta: { screen: 'start' }, on: { 'identity.card': 'read', cancel: 'cancelled' } },
      read: {
        meta: { screen: 'reading' },
        invoke: {
          src: 'idcard.read',
          input: { timeoutSeconds: 60 },
          onDone: {
            target: 'shown',
            actions: { type: 'context.set', params: { key: 'resident', value: '$event.output' } },
          },
          onError: 'failed',
        },
      },
      shown: { meta: { screen: 'shown' }, on: { next: 'start' } },
      failed: { meta: { screen: 'failed' }, on: { next: 'done' } },
      ...ENDS,
    },
    {
      start: screen('start.title', ['identity.card', 'cancel']),
      reading: screen('reading.title', [], { busy: true }),
      shown: screen('shown.title', ['next'], { subtitle: 'shown.subtitle' }),
      failed: screen('failed.title', ['next']),
    },
    { requires: ['idCardReader'] },
  );
}

/** A string the English screen shows empty. */
export function missingStringFlow(root: string): string {
  return write(
    root,
    'hostile-missing-string',
    {
      start: { meta: { screen: 'start' }, on: { next: 'middle', cancel: 'cancelled' } },
      middle: { meta: { screen: 'middle' }, on: { next: 'done' } },
      ...ENDS,
    },
    { start: screen('start.title', ['next', 'cancel']), middle: screen('middle.title', ['next']) },
    { en: { 'middle.title': ' ' } },
  );
}
