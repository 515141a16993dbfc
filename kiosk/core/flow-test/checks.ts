import type { Locale, ScreenView } from '../../contract.ts';
import type { FlowPackage } from '../runner/flow-package.ts';
import { isObject } from '../runner/json-walk.ts';
import { MAX_LIST_ROWS } from '../runner/block-specs.ts';
import { readPath, resolveRefs } from '../runner/refs.ts';
import { placeholders, screenStringKeys, screenTemplates } from '../runner/screen-info.ts';
import type { Finding } from './problems.ts';
import { sampleEntry } from './entry-samples.ts';
import { sentinelsIn } from './sentinels.ts';

/** The languages every screen must speak. */
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/** The view fields that carry a resident's identity or a handle to their sealed data. */
const RESIDENT_FIELDS = [
  'holder',
  'nameMasked',
  'idNumberMasked',
  'record',
  'code',
  'applicantMasked',
];

/** The resident values a capability output holds, each with its field name, for the search after a path's end. */
export function residentValuesOf(output: unknown): [string, string][] {
  if (!isObject(output)) return [];
  return RESIDENT_FIELDS.map((k): [unknown, string] => [output[k], k]).filter(
    (e): e is [string, string] => typeof e[0] === 'string' && e[0].length > 0,
  );
}

/**
 * What a screen shows at run time: each of its strings present and non-blank in every language,
 * and each `{{placeholder}}` in those strings and in its value templates resolving to something.
 */
export function screenFindings(
  pkg: FlowPackage,
  screenId: string,
  context: unknown,
  state: string,
): Finding[] {
  const spec = pkg.screens[screenId];
  if (!spec) return [];
  const out: Finding[] = [];
  const texts: string[] = screenTemplates(spec, '').map((t) => t.text);
  for (const key of screenStringKeys(spec)) {
    for (const locale of LOCALES) {
      const text = Object.hasOwn(pkg.strings[locale], key) ? pkg.strings[locale][key] : undefined;
      if (text === undefined || text.trim() === '') {
        out.push({
          kind: 'missing-string',
          state,
          message: `screen "${screenId}" shows string "${key}", which ${locale} ${text === undefined ? 'lacks' : 'leaves empty'} (${pkg.manifest.strings[locale]})`,
        });
      } else texts.push(text);
    }
  }
  out.push(...rowFindings(pkg, screenId, context, state));
  for (const text of texts) {
    for (const p of placeholders(text)) {
      if (readPath(context, p.segments) === undefined) {
        out.push({
          kind: 'unresolved-reference',
          state,
          message: `screen "${screenId}" shows ${p.raw}, which resolves to nothing here (the resident sees a blank)`,
        });
      }
    }
  }
  return out;
}

/**
 * What list rows show at run time: every `{{field}}` of a row's title (inline or in the strings
 * of either language) present in each item the list draws.
 */
function rowFindings(
  pkg: FlowPackage,
  screenId: string,
  context: unknown,
  state: string,
): Finding[] {
  const spec = pkg.screens[screenId];
  const out: Finding[] = [];
  for (const block of spec?.blocks ?? []) {
    if (block.kind !== 'list') continue;
    const items = resolveRefs(block.items, { context, event: undefined });
    if (!Array.isArray(items)) continue;
    // Only the title: a line that renders blank is left out, so optional fields may go there.
    const title = block.title;
    const texts = title.includes('{{')
      ? [title]
      : LOCALES.map((locale) => pkg.strings[locale][title] ?? '');
    const missing = new Set<string>();
    for (const item of items.slice(0, MAX_LIST_ROWS))
      for (const text of texts)
        for (const p of placeholders(text))
          if (readPath(item, p.segments) === undefined) missing.add(p.raw);
    for (const raw of missing)
      out.push({
        kind: 'unresolved-reference',
        state,
        message: `a row of the ${block.style} list on screen "${screenId}" shows ${raw}, which an item of ${block.items} lacks (the resident sees a blank)`,
      });
  }
  return out;
}

/**
 * The references of an invoke's input (as machine.json wrote it) that resolved to nothing in
 * the input the capability got.
 */
export function unresolvedInputs(raw: unknown, resolved: unknown, at = 'input'): string[] {
  if (typeof raw === 'string' && raw.startsWith('$'))
    return resolved === undefined ? [`${at} = "${raw}"`] : [];
  if (!isObject(raw)) return [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(raw))
    out.push(
      ...unresolvedInputs(value, isObject(resolved) ? resolved[key] : undefined, `${at}.${key}`),
    );
  return out;
}

/** A leak finding for each raw sentinel value in `text`. */
export function rawLeaks(text: string, where: string, state: string): Finding[] {
  return sentinelsIn(text).map((value) => ({
    kind: 'leak' as const,
    state,
    message: `the raw personal value "${value}" reached ${where}`,
  }));
}

/** A leak finding naming the resident's fields whose values are still in `text` after the path ended. */
export function leftoverLeaks(
  text: string,
  values: ReadonlyMap<string, string>,
  where: string,
  state: string,
): Finding[] {
  const fields = [...new Set([...values].filter(([v]) => text.includes(v)).map(([, f]) => f))];
  return fields.length === 0
    ? []
    : [
        {
          kind: 'leak',
          state,
          message: `${where} still holds the resident's ${fields.join(', ')} after the path ended`,
        },
      ];
}

/** JSON that never throws (cycles and bigints become markers). */
export function safeJson(value: unknown): string {
  const seen = new WeakSet<object>();
  try {
    return (
      JSON.stringify(value, (_k, v: unknown) => {
        if (typeof v === 'bigint') return `${v}n`;
        if (typeof v === 'object' && v !== null) {
          if (seen.has(v)) return '[cycle]';
          seen.add(v);
          if (v instanceof Error) return { error: v.message, ...v };
        }
        return v;
      }) ?? 'undefined'
    );
  } catch {
    return '[unserialisable]';
  }
}

/**
 * The actions a drawn screen offers: its buttons, its choices, each row of its lists, and a
 * valid sample submission of each entry (a refused value is the kiosk's gate's business, never
 * reaches the flow, and so is no path of the flow's).
 */
export function offered(
  view: ScreenView | undefined,
): { event: string; data: Record<string, string | number | boolean> }[] {
  if (!view) return [];
  const all = [...view.actions];
  const entries: { event: string; data: Record<string, string> }[] = [];
  for (const block of view.blocks) {
    if (block.kind === 'choices') all.push(...block.choices);
    if (block.kind === 'list')
      for (const item of block.items) if (item.action) all.push(item.action);
    if (block.kind === 'entry')
      entries.push({ event: block.event, data: { value: sampleEntry(block) } });
  }
  return [
    ...all.filter((a) => !a.disabled).map((a) => ({ event: a.event, data: a.data ?? {} })),
    ...entries,
  ];
}

/** What one step left behind, for the checks. */
export interface StepState {
  pkg: FlowPackage;
  state: string;
  /** The screen on show, unless the session has ended. */
  screen: string | undefined;
  context: unknown;
  /** The screen drawn in each language. */
  screens: unknown[];
  /** Log lines written during the step. */
  log: string;
  /** Invokes that started during the step, with the input as written and as resolved. */
  invokes: { name: string; raw: unknown; input: unknown }[];
  /** Resident values handed out so far, each with the field it came in. */
  residentValues: ReadonlyMap<string, string>;
  /** The flow's output, when the step reached a final state. */
  output: unknown;
  /** The flow is back in its first state (ready for the next resident). */
  atStart: boolean;
}

/**
 * Every check of one step: the screen's strings and placeholders, raw personal values in the
 * flow state, the screens and the log, inputs that resolved to nothing, and resident values
 * that outlive the path (in the flow's output, or in a flow back at its start).
 */
export function stepFindings(step: StepState): Finding[] {
  const { pkg, state, screen, context } = step;
  const out: Finding[] = [];
  if (screen) out.push(...screenFindings(pkg, screen, context, state));
  out.push(...rawLeaks(safeJson(context), 'the flow state', state));
  step.screens.forEach((view, i) =>
    out.push(...rawLeaks(safeJson(view), `the ${LOCALES[Math.floor(i / 2)] ?? ''} screen`, state)),
  );
  out.push(...rawLeaks(step.log, 'the log', state));
  for (const inv of step.invokes)
    for (const ref of unresolvedInputs(inv.raw, inv.input))
      out.push({
        kind: 'unresolved-reference',
        state,
        message: `${inv.name} got ${ref}, which resolves to nothing here`,
      });
  if (step.output !== undefined)
    out.push(
      ...leftoverLeaks(safeJson(step.output), step.residentValues, 'the flow output', state),
    );
  if (step.atStart && isObject(context))
    out.push(
      ...leftoverLeaks(
        safeJson(context),
        step.residentValues,
        'the flow, back at its first state,',
        state,
      ),
    );
  return out;
}
