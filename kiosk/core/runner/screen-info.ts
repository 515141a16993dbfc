import { childPointer, isObject, own } from './json-walk.ts';
import type { ScreenSpec, ScreenSpecs } from './package-schema.ts';

/**
 * What the package checks need to know about screens: the events each offers, the data those
 * events carry, the string keys and the `{{placeholders}}` each shows. Screens normally passed
 * their schema already; these readers still take nothing for granted.
 */

/** A screen spec by name, never one inherited from Object.prototype. */
export function screenSpec(screens: ScreenSpecs, name: string | undefined): ScreenSpec | undefined {
  if (name === undefined) return undefined;
  const spec = own(screens, name);
  return isObject(spec) ? (spec as ScreenSpec) : undefined;
}

/** Every action and choice of a screen: the buttons a resident can press. */
function buttons(spec: ScreenSpec): unknown[] {
  const out: unknown[] = Array.isArray(spec.actions) ? [...spec.actions] : [];
  if (Array.isArray(spec.blocks))
    for (const block of spec.blocks as unknown[])
      if (own(block, 'kind') === 'choices') {
        const choices = own(block, 'choices');
        if (Array.isArray(choices)) out.push(...(choices as unknown[]));
      }
  return out;
}

/** The events a screen's actions and choices send. */
export function offeredEvents(spec: ScreenSpec | undefined): Set<string> {
  const out = new Set<string>();
  if (!spec) return out;
  for (const b of buttons(spec)) {
    const event = own(b, 'event');
    if (typeof event === 'string') out.add(event);
  }
  return out;
}

/** For each event any screen sends, the data keys some sender declares. */
export function eventDataKeys(screens: ScreenSpecs): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  if (!isObject(screens)) return out;
  for (const name of Object.keys(screens)) {
    const spec = screenSpec(screens, name);
    if (!spec) continue;
    for (const b of buttons(spec)) {
      const event = own(b, 'event');
      if (typeof event !== 'string') continue;
      const keys = out.get(event) ?? new Set<string>();
      const data = own(b, 'data');
      if (isObject(data)) for (const k of Object.keys(data)) keys.add(k);
      out.set(event, keys);
    }
  }
  return out;
}

/** The string keys a screen shows (title, subtitle, labels, texts). */
export function screenStringKeys(spec: ScreenSpec): string[] {
  const keys: unknown[] = [spec.title, spec.subtitle];
  for (const b of buttons(spec)) keys.push(own(b, 'label'));
  if (Array.isArray(spec.blocks))
    for (const block of spec.blocks as unknown[]) {
      keys.push(own(block, 'text'), own(block, 'alt'));
      const rows = own(block, 'rows');
      if (Array.isArray(rows)) for (const row of rows as unknown[]) keys.push(own(row, 'label'));
    }
  return [...new Set(keys.filter((k): k is string => typeof k === 'string'))];
}

/** The value templates a screen fills (`fields` row values, `ticket` numbers) and where they are. */
export function screenTemplates(
  spec: ScreenSpec,
  pointer: string,
): { text: string; pointer: string }[] {
  const out: { text: string; pointer: string }[] = [];
  if (!Array.isArray(spec.blocks)) return out;
  (spec.blocks as unknown[]).forEach((block, i) => {
    const at = childPointer(childPointer(pointer, 'blocks'), i);
    const number = own(block, 'number');
    if (own(block, 'kind') === 'ticket' && typeof number === 'string')
      out.push({ text: number, pointer: childPointer(at, 'number') });
    const rows = own(block, 'rows');
    if (own(block, 'kind') === 'fields' && Array.isArray(rows))
      (rows as unknown[]).forEach((row, j) => {
        const value = own(row, 'value');
        if (typeof value === 'string')
          out.push({ text: value, pointer: `${childPointer(childPointer(at, 'rows'), j)}/value` });
      });
  });
  return out;
}

/** The `{{a.b}}` placeholders of a text, split into segments, as the renderer reads them. */
export function placeholders(text: string): { raw: string; segments: string[] }[] {
  return [...text.matchAll(/\{\{\s*([A-Za-z0-9_.]+)\s*\}\}/g)].map((m) => ({
    raw: m[0],
    segments: (m[1] ?? '').split('.'),
  }));
}
