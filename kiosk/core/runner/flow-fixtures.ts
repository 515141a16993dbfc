import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScreenSpecs } from './package-schema.ts';

/**
 * Flow package fixtures for the graph and reference check tests: the built-in package as
 * shipped, and a small clean journey each test breaks in one way.
 */

const FLOW_DIR = join(import.meta.dirname, '../../../flows/si-payment-certificate');

/** The built-in package's files, parsed from disk as the loader reads them. */
export function builtIn(): {
  machine: Record<string, unknown>;
  screens: ScreenSpecs;
  strings: Record<'zh-CN' | 'en', Record<string, string>>;
} {
  const read = (file: string): unknown => JSON.parse(readFileSync(join(FLOW_DIR, file), 'utf8'));
  return {
    machine: read('machine.json') as Record<string, unknown>,
    screens: read('screens.json') as ScreenSpecs,
    strings: {
      'zh-CN': read('i18n/zh-CN.json') as Record<string, string>,
      en: read('i18n/en.json') as Record<string, string>,
    },
  };
}

/** The strings file names the checks report against. */
export const STRINGS_FILES = { 'zh-CN': 'i18n/zh-CN.json', en: 'i18n/en.json' } as const;

/** Parses JSON text, as the loader does (so `__proto__` becomes an own key). */
export function json(text: string): Record<string, unknown> {
  return JSON.parse(text) as Record<string, unknown>;
}

/** A small clean journey: choose, read the card, show the masked name, finish. */
export function smallMachine(): Record<string, unknown> {
  return json(`{
    "id": "small",
    "initial": "start",
    "states": {
      "start": { "meta": { "screen": "start" }, "on": { "go": "read", "cancel": "cancelled" } },
      "read": {
        "meta": { "screen": "reading" },
        "invoke": {
          "src": "idcard.read",
          "input": { "timeoutSeconds": 60 },
          "onDone": {
            "target": "show",
            "actions": { "type": "context.set", "params": { "key": "resident", "value": "$event.output" } }
          },
          "onError": "failed"
        }
      },
      "show": { "meta": { "screen": "show" }, "on": { "next": "done" } },
      "done": { "type": "final", "output": { "outcome": "completed" } },
      "failed": { "type": "final", "output": { "outcome": "failed" } },
      "cancelled": { "type": "final", "output": { "outcome": "cancelled" } }
    }
  }`);
}

/** Screens for {@link smallMachine}. */
export function smallScreens(): ScreenSpecs {
  return json(`{
    "start": {
      "layout": "task", "tone": "neutral", "title": "t", "blocks": [], "busy": false,
      "actions": [
        { "id": "go", "label": "t", "event": "go", "kind": "primary" },
        { "id": "cancel", "label": "t", "event": "cancel", "kind": "secondary" }
      ]
    },
    "reading": { "layout": "task", "tone": "neutral", "title": "t", "blocks": [], "actions": [], "busy": true },
    "show": {
      "layout": "task", "tone": "neutral", "title": "show.title", "busy": false,
      "blocks": [{ "kind": "fields", "rows": [{ "label": "t", "value": "{{resident.nameMasked}}" }] }],
      "actions": [{ "id": "next", "label": "t", "event": "next", "kind": "primary" }]
    }
  }`) as ScreenSpecs;
}

/** Strings for {@link smallScreens}. */
export function smallStrings(): Record<'zh-CN' | 'en', Record<string, string>> {
  return { 'zh-CN': { t: '文字', 'show.title': '核对' }, en: { t: 'text', 'show.title': 'Check' } };
}

/** The states object of a machine, for tests that edit it. */
export function statesOf(
  machine: Record<string, unknown>,
): Record<string, Record<string, unknown>> {
  return machine.states as Record<string, Record<string, unknown>>;
}
