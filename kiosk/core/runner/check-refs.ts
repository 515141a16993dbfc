import { analyseContext, type Facts } from './context-flow.ts';
import { childPointer, own, walkJson } from './json-walk.ts';
import type { ScreenSpec, ScreenSpecs } from './package-schema.ts';
import { forbiddenSegment, parseRef } from './ref-syntax.ts';
import {
  Findings,
  checkEventRefs,
  checkForbiddenNames,
  checkPlaceholderSyntax,
  checkStrayEventOutput,
} from './ref-static.ts';
import {
  placeholders,
  screenRefs,
  screenSpec,
  screenStringKeys,
  screenTemplates,
} from './screen-info.ts';
import { followShape, itemShape, type Shape } from './shapes.ts';
import { buildStateGraph, shownScreen, stateName, type StateGraph } from './state-graph.ts';
import type { CheckResult } from './check-graph.ts';

type Locale = 'zh-CN' | 'en';

/**
 * Checks every `$context`/`$event` reference of a flow's machine and every `{{placeholder}}`
 * of its screens and strings: no names that reach Object.prototype, `$event` only where the
 * event carries that data, and `$context` only for keys set on every path to that point, with
 * fields the stored capability output really has. It never throws, whatever `machine` holds.
 */
export function checkRefs(
  machineFile: string,
  machine: unknown,
  screensFile: string,
  screens: ScreenSpecs,
  strings: Record<Locale, Record<string, string>>,
  stringsFiles: Record<Locale, string>,
): CheckResult {
  const out = new Findings();
  try {
    checkForbiddenNames(machineFile, machine, out);
    checkPlaceholderSyntax(screensFile, screens, strings, stringsFiles, out);
    const graph = buildStateGraph(machineFile, machine);
    // checkGraph reports why a graph is unusable; without one there is no journey to follow.
    if (!graph.unusable) {
      const looked = checkEventRefs(machineFile, graph, screens, out);
      checkStrayEventOutput(machineFile, machine, looked, out);
      checkContextRefs(machineFile, graph, screensFile, screens, strings, stringsFiles, out);
    }
  } catch (error) {
    // A bug in this check must refuse the package with a reason, not crash the kiosk's loader.
    out.add(
      true,
      machineFile,
      '',
      `the reference check failed on this machine (${String(error)})`,
      'simplify the machine and report this to the kiosk maintainers',
    );
  }
  return out.result();
}

function checkContextRefs(
  file: string,
  graph: StateGraph,
  screensFile: string,
  screens: ScreenSpecs,
  strings: Record<Locale, Record<string, string>>,
  stringsFiles: Record<Locale, string>,
  out: Findings,
): void {
  const scanRefs = (value: unknown, pointer: string, facts: Facts, where: string): void =>
    walkJson(value, pointer, {
      string: (text, at) => {
        const ref = parseRef(text);
        if (ref?.kind !== 'ref' || ref.root !== 'context' || forbiddenSegment(ref.segments)) return;
        const finding = judge(ref.segments, facts, `$context.${ref.segments.join('.')}`, where);
        if (finding) out.add(true, file, at, finding.text, finding.fix);
      },
    });
  const flow = analyseContext(graph, (params, pointer, facts, scope) =>
    scanRefs(params, pointer, facts, `in state ${stateName(scope.state)}`),
  );
  for (const inv of graph.invokes) {
    const facts = flow.entered.get(inv.state);
    const state = graph.states[inv.state];
    if (facts && state)
      scanRefs(inv.input, `${inv.pointer}/input`, facts, `when state ${stateName(state)} starts`);
  }

  for (const [at, facts] of flow.rest) {
    const state = graph.states[at];
    const screen = shownScreen(graph, at);
    const spec = screenSpec(screens, screen);
    if (!spec || !state || screen === undefined) continue;
    const where = `on screen "${screen}" in state ${stateName(state)}`;
    const check = (file: string, pointer: string, text: string): void => {
      for (const p of placeholders(text)) {
        if (forbiddenSegment(p.segments) || p.segments.includes('')) continue;
        const finding = judge(p.segments, facts, p.raw, where, flow.assigned);
        if (finding) out.add(!finding.maybe, file, pointer, finding.text, finding.fix);
      }
    };
    for (const t of screenTemplates(spec, childPointer('', screen)))
      check(screensFile, t.pointer, t.text);
    for (const r of screenRefs(spec, childPointer('', screen))) {
      const ref = parseRef(r.text);
      if (ref?.kind !== 'ref' || ref.root !== 'context') continue;
      const bad = forbiddenSegment(ref.segments);
      if (bad) {
        out.add(true, screensFile, r.pointer, `"${r.text}" names "${bad}"`, 'rename it');
        continue;
      }
      const finding = judge(ref.segments, facts, r.text, where, flow.assigned);
      if (finding) out.add(!finding.maybe, screensFile, r.pointer, finding.text, finding.fix);
    }
    checkRowFields(spec, screen, facts, { screensFile, strings, stringsFiles }, out);
    for (const key of screenStringKeys(spec))
      for (const locale of ['zh-CN', 'en'] as const) {
        const text = own(own(strings, locale), key);
        const stringsFile = own(stringsFiles, locale);
        if (typeof text === 'string' && typeof stringsFile === 'string')
          check(stringsFile, childPointer('', key), text);
      }
  }
}

/**
 * The `{{fields}}` a list block's rows show, against the items' fields when the list's shape
 * knows them (a capability output declares its lists' items): a row naming a field the items
 * lack would draw blank for every resident.
 */
function checkRowFields(
  spec: ScreenSpec,
  screen: string,
  facts: Facts,
  files: {
    screensFile: string;
    strings: Record<Locale, Record<string, string>>;
    stringsFiles: Record<Locale, string>;
  },
  out: Findings,
): void {
  (Array.isArray(spec.blocks) ? spec.blocks : []).forEach((block, i) => {
    if (block.kind !== 'list') return;
    const ref = parseRef(block.items);
    if (ref?.kind !== 'ref' || ref.root !== 'context') return;
    const [key = '', ...rest] = ref.segments;
    const shape = facts.must.get(key);
    const followed = shape ? followShape(shape, rest) : undefined;
    const items = followed?.ok ? itemShape(followed.shape) : undefined;
    if (!items) return;
    const at = childPointer(childPointer(childPointer('', screen), 'blocks'), i);
    const texts = [block.title, ...(block.lines ?? [])].flatMap((text, j) => {
      const pointer = j === 0 ? `${at}/title` : `${at}/lines/${j - 1}`;
      if (text.includes('{{')) return [{ file: files.screensFile, pointer, text }];
      return (['zh-CN', 'en'] as const).flatMap((locale) => {
        const found = own(own(files.strings, locale), text);
        const file = own(files.stringsFiles, locale);
        return typeof found === 'string' && typeof file === 'string'
          ? [{ file, pointer: childPointer('', text), text: found }]
          : [];
      });
    });
    for (const t of texts)
      for (const p of placeholders(t.text)) {
        if (forbiddenSegment(p.segments)) continue;
        const field = followShape(items, p.segments);
        if (!field.ok)
          out.add(
            true,
            t.file,
            t.pointer,
            `${p.raw}: the items of ${block.items} have no field "${p.segments[field.at] ?? ''}" (a row of the list on screen "${screen}")`,
            field.fields.length
              ? `use one of: ${[...field.fields].sort().join(', ')}`
              : 'read the field whole',
          );
      }
  });
}

/**
 * Whether a context path is safe to read with these facts; `maybe` marks a key set on some
 * paths only (a screen renders it empty, a capability would get nothing).
 */
function judge(
  segments: string[],
  facts: Facts,
  shown: string,
  where: string,
  assigned?: Map<string, Shape[]>,
): { text: string; fix: string; maybe: boolean } | undefined {
  const [key = '', ...rest] = segments;
  const shape = facts.must.get(key);
  if (!shape) {
    const maybe = facts.may.has(key);
    // Set on some paths only: a field that none of the values it is ever set to has resolves
    // to nothing on every path, so it is a problem, not a warning.
    const shapes = maybe ? (assigned?.get(key) ?? []) : [];
    if (rest.length > 0 && shapes.length > 0 && shapes.every((s) => !followShape(s, rest).ok)) {
      const fields = [
        ...new Set(shapes.flatMap((s) => (s.kind === 'fields' ? [...s.fields.keys()] : []))),
      ];
      return {
        text: `${shown}: "${key}" is never set to a value with the field "${rest.join('.')}" ${where}`,
        fix: fields.length ? `use one of: ${fields.join(', ')}` : `read "${key}" whole`,
        maybe: false,
      };
    }
    return {
      text: maybe
        ? `${shown} reads "${key}", which is not set on every path ${where}`
        : `${shown} reads "${key}", which is never set before it is read ${where}`,
      fix: `set "${key}" with context.set on every path before this point (or guard with context.has)`,
      maybe,
    };
  }
  const followed = followShape(shape, rest);
  if (followed.ok) return undefined;
  const path = [key, ...rest.slice(0, followed.at)].join('.');
  if (followed.list)
    return {
      text: `${shown}: "${path}" is a list, so it has no field "${rest[followed.at] ?? ''}" ${where}`,
      fix: `show the list with a "list" block whose "items" is "$context.${path}"`,
      maybe: false,
    };
  return {
    text: `${shown}: "${path}" has no field "${rest[followed.at] ?? ''}" ${where}`,
    fix: followed.fields.length
      ? `use one of: ${followed.fields.join(', ')}`
      : `"${path}" is plain text, a number or a flag; read it whole`,
    maybe: false,
  };
}
