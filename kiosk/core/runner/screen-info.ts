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

/** A screen's blocks, each as unknown JSON (the readers check every field they use). */
function blocksOf(spec: ScreenSpec): unknown[] {
  return Array.isArray(spec.blocks) ? spec.blocks : [];
}

/**
 * The events a screen's data blocks send and the data key each carries: a touched list row
 * sends `{id}`, a submitted entry `{value}`.
 */
function blockEvents(spec: ScreenSpec): { event: string; key: string }[] {
  const out: { event: string; key: string }[] = [];
  for (const block of blocksOf(spec)) {
    const kind = own(block, 'kind');
    const event = own(block, 'event');
    if (typeof event !== 'string') continue;
    if (kind === 'list') out.push({ event, key: 'id' });
    if (kind === 'entry') out.push({ event, key: 'value' });
  }
  return out;
}

/** The events a screen's actions, choices, list rows and entries send. */
export function offeredEvents(spec: ScreenSpec | undefined): Set<string> {
  const out = new Set<string>();
  if (!spec) return out;
  for (const b of buttons(spec)) {
    const event = own(b, 'event');
    if (typeof event === 'string') out.add(event);
  }
  for (const b of blockEvents(spec)) out.add(b.event);
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
    for (const b of blockEvents(spec)) out.set(b.event, (out.get(b.event) ?? new Set()).add(b.key));
  }
  return out;
}

/**
 * The string keys a screen shows filled from the context (title, subtitle, labels, texts,
 * captions). List rows' keys are filled from each item instead: see `itemStringKeys`.
 */
export function screenStringKeys(spec: ScreenSpec): string[] {
  const keys: unknown[] = [spec.title, spec.subtitle];
  for (const b of buttons(spec)) keys.push(own(b, 'label'));
  for (const block of blocksOf(spec)) {
    for (const field of ['text', 'alt', 'empty', 'label', 'submitLabel', 'hint', 'caption'])
      if (field !== 'text' || own(block, 'kind') !== 'qr') keys.push(own(block, field));
    const rows = own(block, 'rows');
    if (Array.isArray(rows)) for (const row of rows as unknown[]) keys.push(own(row, 'label'));
  }
  return [...new Set(keys.filter((k): k is string => typeof k === 'string'))];
}

/** The row texts of a screen's lists (title and lines), each filled from one item. */
export function itemTexts(spec: ScreenSpec, pointer: string): { text: string; pointer: string }[] {
  const out: { text: string; pointer: string }[] = [];
  blocksOf(spec).forEach((block, i) => {
    if (own(block, 'kind') !== 'list') return;
    const at = childPointer(childPointer(pointer, 'blocks'), i);
    const title = own(block, 'title');
    if (typeof title === 'string') out.push({ text: title, pointer: childPointer(at, 'title') });
    const lines = own(block, 'lines');
    if (Array.isArray(lines))
      (lines as unknown[]).forEach((line, j) => {
        if (typeof line === 'string')
          out.push({ text: line, pointer: childPointer(childPointer(at, 'lines'), j) });
      });
  });
  return out;
}

/** The list row texts that are strings keys (an inline template holds `{{`). */
export function itemStringKeys(spec: ScreenSpec): string[] {
  return [
    ...new Set(
      itemTexts(spec, '')
        .map((t) => t.text)
        .filter((t) => !t.includes('{{')),
    ),
  ];
}

/** The `$context` references of a screen's blocks: list items, ticked ids, QR texts. */
export function screenRefs(spec: ScreenSpec, pointer: string): { text: string; pointer: string }[] {
  const out: { text: string; pointer: string }[] = [];
  blocksOf(spec).forEach((block, i) => {
    const at = childPointer(childPointer(pointer, 'blocks'), i);
    for (const field of ['items', 'selected', 'text']) {
      const value = own(block, field);
      if (typeof value === 'string' && value.startsWith('$'))
        out.push({ text: value, pointer: childPointer(at, field) });
    }
  });
  return out;
}

/** The value templates a screen fills from the context (`fields` values, `ticket` numbers, QR texts) and where they are. */
export function screenTemplates(
  spec: ScreenSpec,
  pointer: string,
): { text: string; pointer: string }[] {
  const out: { text: string; pointer: string }[] = [];
  blocksOf(spec).forEach((block, i) => {
    const at = childPointer(childPointer(pointer, 'blocks'), i);
    const number = own(block, 'number');
    if (own(block, 'kind') === 'ticket' && typeof number === 'string')
      out.push({ text: number, pointer: childPointer(at, 'number') });
    const qr = own(block, 'text');
    if (own(block, 'kind') === 'qr' && typeof qr === 'string' && !qr.startsWith('$'))
      out.push({ text: qr, pointer: childPointer(at, 'text') });
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
