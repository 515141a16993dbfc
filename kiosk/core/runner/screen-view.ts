import type { ActionView, BlockView, Locale, ScreenView } from '../../contract.ts';
import { maskPersonal } from '../log.ts';
import type { FlowPackage } from './flow-package.ts';
import type { ActionSpec, BlockSpec, ScreenSpec } from './package-schema.ts';
import { interpolate } from './refs.ts';

/**
 * Turns a flow's screen spec into the ready-to-draw view the renderer gets: strings looked up
 * in the session's locale and `{{placeholders}}` filled from a MASKED copy of the context, so
 * no screen can show a full ID number or name whatever the vendor wrote.
 */
export function renderFlowScreen(
  pkg: FlowPackage,
  screenId: string,
  context: unknown,
  locale: Locale,
): ScreenView {
  const spec = pkg.screens[screenId];
  if (!spec) throw new RangeError(`flow ${pkg.manifest.id} has no screen "${screenId}"`);
  const view = maskPersonal(context);
  const strings = pkg.strings[locale];
  const text = (key: string): string =>
    interpolate(strings[key] ?? pkg.strings['zh-CN'][key] ?? key, view);
  return {
    id: `${pkg.manifest.id}/${screenId}`,
    layout: spec.layout,
    tone: spec.tone,
    title: text(spec.title),
    ...(spec.subtitle ? { subtitle: text(spec.subtitle) } : {}),
    blocks: spec.blocks.map((block) => renderBlock(block, text, view)),
    actions: spec.actions.map((action) => renderAction(action, text)),
  };
}

/** True when the screen's spec marks it as busy (the idle timer pauses there). */
export function isBusyScreen(pkg: FlowPackage, screenId: string): boolean {
  const spec: ScreenSpec | undefined = pkg.screens[screenId];
  return spec?.busy ?? false;
}

function renderAction(action: ActionSpec, text: (key: string) => string): ActionView {
  return {
    id: action.id,
    label: text(action.label),
    event: action.event,
    kind: action.kind,
    ...(action.data ? { data: action.data } : {}),
  };
}

function renderBlock(block: BlockSpec, text: (key: string) => string, view: unknown): BlockView {
  switch (block.kind) {
    case 'text':
      return {
        kind: 'text',
        text: text(block.text),
        ...(block.emphasis ? { emphasis: block.emphasis } : {}),
      };
    case 'fields':
      return {
        kind: 'fields',
        rows: block.rows.map((row) => ({
          label: text(row.label),
          value: interpolate(row.value, view),
        })),
      };
    case 'choices':
      return { kind: 'choices', choices: block.choices.map((c) => renderAction(c, text)) };
    case 'illustration':
      return { kind: 'illustration', name: block.name, alt: text(block.alt) };
    case 'progress':
      return { kind: 'progress', text: text(block.text) };
    case 'ticket':
      return { kind: 'ticket', number: interpolate(block.number, view), text: text(block.text) };
  }
}
