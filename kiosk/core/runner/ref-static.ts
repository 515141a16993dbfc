import { capabilityOutput } from '../capabilities/outputs.ts';
import { FlowPackageError } from './errors.ts';
import { childPointer, isObject, listAt, own, walkJson } from './json-walk.ts';
import type { ScreenSpecs } from './package-schema.ts';
import { forbiddenSegment, parseRef } from './ref-syntax.ts';
import {
  eventDataKeys,
  itemTexts,
  placeholders,
  screenSpec,
  screenTemplates,
} from './screen-info.ts';
import { followShape, shapeOfSchema } from './shapes.ts';
import type { StateGraph, TransitionInfo } from './state-graph.ts';

/**
 * The reference rules that need no journey analysis: forbidden names anywhere, references
 * that only look like references, where `$event` may be read and what it holds, and the
 * syntax of screen placeholders.
 */

/** Collects findings once per place; a problem at a place outranks a warning there. */
export class Findings {
  private readonly byPlace = new Map<string, { problem: boolean; error: FlowPackageError }>();

  /** Records a problem (refuses the package) or a warning. */
  add(problem: boolean, file: string, pointer: string, text: string, fix: string): void {
    const place = `${file}\u0000${pointer}`;
    const old = this.byPlace.get(place);
    if (old && (old.problem || !problem)) return;
    this.byPlace.set(place, { problem, error: new FlowPackageError(file, pointer, text, fix) });
  }

  /** True when something is already reported at this place. */
  has(file: string, pointer: string): boolean {
    return this.byPlace.has(`${file}\u0000${pointer}`);
  }

  /** The findings split into problems and warnings. */
  result(): { problems: FlowPackageError[]; warnings: FlowPackageError[] } {
    const all = [...this.byPlace.values()];
    return {
      problems: all.filter((f) => f.problem).map((f) => f.error),
      warnings: all.filter((f) => !f.problem).map((f) => f.error),
    };
  }
}

const KEY_ACTIONS = new Set([
  'context.set',
  'context.clear',
  'context.has',
  'context.toggle',
  'context.equals',
  'context.includes',
  'context.empty',
]);
const FORBIDDEN_FIX = 'rename it; __proto__, constructor and prototype reach kiosk internals';

/** Forbidden names as object keys, reference segments and context keys anywhere in the machine. */
export function checkForbiddenNames(file: string, machine: unknown, out: Findings): void {
  walkJson(machine, '', {
    key: (key, pointer) => {
      if (forbiddenSegment([key]))
        out.add(true, file, pointer, `the object key "${key}" is refused`, FORBIDDEN_FIX);
    },
    string: (text, pointer) => {
      const bad = text.startsWith('$') ? forbiddenSegment(text.split('.')) : undefined;
      if (bad)
        out.add(true, file, pointer, `the reference "${text}" names "${bad}"`, FORBIDDEN_FIX);
    },
    object: (value, pointer) => {
      const key = own(own(value, 'params'), 'key');
      const type = own(value, 'type');
      if (typeof type !== 'string' || !KEY_ACTIONS.has(type) || typeof key !== 'string') return;
      const bad = forbiddenSegment(key.split('.'));
      if (bad)
        out.add(
          true,
          file,
          `${pointer}/params/key`,
          `${type} names the context key "${key}"`,
          FORBIDDEN_FIX,
        );
    },
  });
}

/**
 * `$event` and malformed references in every place the runner resolves them: transition
 * actions, entry/exit actions and invoke inputs. Returns the pointers it looked at, so a
 * caller can tell which `$event.output` strings sit somewhere else.
 */
export function checkEventRefs(
  file: string,
  graph: StateGraph,
  screens: ScreenSpecs,
  out: Findings,
): Set<string> {
  const seen = new Set<string>();
  const dataKeys = eventDataKeys(screens);
  // `strict` is where a malformed reference is refused: context.set values and invoke inputs.
  const scan = (
    value: unknown,
    pointer: string,
    t: TransitionInfo | undefined,
    strict: string | undefined,
  ): void =>
    walkJson(value, pointer, {
      string: (text, at) => {
        seen.add(at);
        const ref = parseRef(text);
        const inStrict = strict !== undefined && (at === strict || at.startsWith(`${strict}/`));
        if (ref?.kind === 'malformed' && inStrict)
          out.add(
            true,
            file,
            at,
            `"${text}" looks like a reference but is not one, so it would be stored as text`,
            'write "$context.key.field" or "$event.output.field", or remove the leading "$"',
          );
        if (ref?.kind === 'ref' && ref.root === 'event')
          checkEventRef(file, ref.segments, at, t, dataKeys, out);
      },
    });
  const scanAction = (a: { value: unknown; pointer: string }, t?: TransitionInfo): void => {
    const type = own(a.value, 'type');
    const setValue =
      type === 'context.set' || type === 'context.toggle' ? `${a.pointer}/params/value` : undefined;
    scan(own(a.value, 'params'), `${a.pointer}/params`, t, setValue);
  };
  for (const t of graph.transitions) for (const a of t.actions) scanAction(a, t);
  for (const s of graph.states)
    for (const section of ['entry', 'exit'] as const)
      for (const a of listAt(own(s.config, section), childPointer(s.pointer, section)))
        scanAction(a);
  for (const inv of graph.invokes)
    scan(inv.input, `${inv.pointer}/input`, undefined, `${inv.pointer}/input`);
  return seen;
}

function checkEventRef(
  file: string,
  segments: string[],
  pointer: string,
  t: TransitionInfo | undefined,
  dataKeys: Map<string, Set<string>>,
  out: Findings,
): void {
  const text = `$event.${segments.join('.')}`;
  const [first = '', ...rest] = segments;
  if (forbiddenSegment(segments)) return;
  if (first === 'output') {
    if (t?.kind !== 'onDone') {
      out.add(
        true,
        file,
        pointer,
        `"${text}" is read outside an invoke's onDone actions, where there is no capability output`,
        'read $event.output only in the "actions" of the onDone of an invoke; elsewhere store it with context.set and read $context',
      );
      return;
    }
    const src = t.invoke?.src;
    const schema = typeof src === 'string' ? capabilityOutput(src, t.invoke?.input) : undefined;
    const followed = schema ? followShape(shapeOfSchema(schema), rest) : undefined;
    if (followed && !followed.ok)
      out.add(
        true,
        file,
        pointer,
        `"${text}": the output of ${String(src)} has no "${rest[followed.at] ?? ''}"`,
        `use one of: ${followed.fields.join(', ') || '(nothing inside this value)'}`,
      );
    return;
  }
  if (t?.kind !== 'on') {
    out.add(
      true,
      file,
      pointer,
      `"${text}" is read where the event carries no screen data (only an "on" transition's actions can read it)`,
      'branch on failures with the error.is guard, and store what you need with context.set where it arrives',
    );
    return;
  }
  if (!(dataKeys.get(t.name)?.has(first) ?? false))
    out.add(
      true,
      file,
      pointer,
      `"${text}": no screen action or choice sending "${t.name}" declares data "${first}"`,
      `add "data": { "${first}": ... } to the action that sends "${t.name}", or fix the name`,
    );
  else if (rest.length > 0)
    out.add(
      true,
      file,
      pointer,
      `"${text}" reads inside "${first}", which is plain text, a number or a flag`,
      `write "$event.${first}"`,
    );
}

/** `$event.output` strings in places the runner never resolves them (meta, outputs, …). */
export function checkStrayEventOutput(
  file: string,
  machine: unknown,
  looked: Set<string>,
  out: Findings,
): void {
  walkJson(machine, '', {
    string: (text, pointer) => {
      const ref = parseRef(text);
      if (
        ref?.kind === 'ref' &&
        ref.root === 'event' &&
        ref.segments[0] === 'output' &&
        !looked.has(pointer)
      )
        out.add(
          true,
          file,
          pointer,
          `"${text}" may appear only in the actions of an invoke's onDone`,
          'move it into the onDone actions of the invoke whose output it reads',
        );
    },
  });
}

/** Placeholders with forbidden names or empty segments, in every screen and every string. */
export function checkPlaceholderSyntax(
  screensFile: string,
  screens: ScreenSpecs,
  strings: Record<string, unknown>,
  stringsFiles: Record<string, unknown>,
  out: Findings,
): void {
  const check = (file: string, pointer: string, text: string): void => {
    for (const p of placeholders(text)) {
      const bad = forbiddenSegment(p.segments);
      if (bad)
        out.add(true, file, pointer, `the placeholder ${p.raw} names "${bad}"`, FORBIDDEN_FIX);
      else if (p.segments.includes(''))
        out.add(
          true,
          file,
          pointer,
          `the placeholder ${p.raw} has an empty segment and always renders empty`,
          'write {{key.field}}',
        );
    }
  };
  if (isObject(screens))
    for (const name of Object.keys(screens)) {
      const spec = screenSpec(screens, name);
      if (spec)
        for (const t of [
          ...screenTemplates(spec, childPointer('', name)),
          ...itemTexts(spec, childPointer('', name)),
        ])
          check(screensFile, t.pointer, t.text);
    }
  for (const locale of ['zh-CN', 'en']) {
    const file = own(stringsFiles, locale);
    const texts = own(strings, locale);
    if (typeof file !== 'string' || !isObject(texts)) continue;
    for (const [key, text] of Object.entries(texts))
      if (typeof text === 'string') check(file, childPointer('', key), text);
  }
}
