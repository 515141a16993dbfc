import type { BlockView, CountdownView, Locale, ScreenView } from '../../contract.ts';
import { maskPersonal } from '../log.ts';
import type { FlowPackage } from './flow-package.ts';
import type { BlockSpec, ScreenSpec } from './package-schema.ts';
import { interpolate } from './refs.ts';
import { renderAction, renderList, renderQr, type RenderScope } from './render-blocks.ts';

/** What the kiosk knows at the moment it draws a flow screen, besides the flow's context. */
export interface ScreenLive {
  /** Requirements out of service now: actions that need one show disabled. */
  down?: Iterable<string>;
  /** Set while the flow waits for the resident with a time limit. */
  countdown?: CountdownView;
}

/**
 * Turns a flow's screen spec into the ready-to-draw view the renderer gets: strings looked up
 * in the session's locale and `{{placeholders}}` filled from a MASKED copy of the context, so
 * no screen can show a full ID number or name whatever the vendor wrote. In English a value
 * with an English gloss beside it (`regionEn`) shows the gloss.
 */
export function renderFlowScreen(
  pkg: FlowPackage,
  screenId: string,
  context: unknown,
  locale: Locale,
  live: ScreenLive = {},
): ScreenView {
  const spec = pkg.screens[screenId];
  if (!spec) throw new RangeError(`flow ${pkg.manifest.id} has no screen "${screenId}"`);
  const view = maskPersonal(context);
  const strings = pkg.strings[locale];
  const gloss = locale === 'en';
  const scope: RenderScope = {
    text: (key, from = view) =>
      interpolate(strings[key] ?? pkg.strings['zh-CN'][key] ?? key, from, gloss),
    view,
    locale,
    down: new Set(live.down ?? []),
  };
  return {
    id: `${pkg.manifest.id}/${screenId}`,
    layout: spec.layout,
    tone: spec.tone,
    title: scope.text(spec.title),
    ...(spec.subtitle ? { subtitle: scope.text(spec.subtitle) } : {}),
    blocks: spec.blocks.flatMap((block) => renderBlock(block, scope)),
    actions: spec.actions.map((action) => renderAction(action, scope)),
    ...(live.countdown ? { countdown: live.countdown } : {}),
  };
}

/** True when the screen's spec marks it as busy (the idle timer pauses there). */
export function isBusyScreen(pkg: FlowPackage, screenId: string): boolean {
  const spec: ScreenSpec | undefined = pkg.screens[screenId];
  return spec?.busy ?? false;
}

function renderBlock(block: BlockSpec, scope: RenderScope): BlockView[] {
  const { view } = scope;
  const text = (key: string): string => scope.text(key);
  const gloss = scope.locale === 'en';
  switch (block.kind) {
    case 'text':
      return [
        {
          kind: 'text',
          text: text(block.text),
          ...(block.emphasis ? { emphasis: block.emphasis } : {}),
        },
      ];
    case 'fields':
      return [
        {
          kind: 'fields',
          rows: block.rows.map((row) => ({
            label: text(row.label),
            value: interpolate(row.value, view, gloss),
          })),
        },
      ];
    case 'choices':
      return [{ kind: 'choices', choices: block.choices.map((c) => renderAction(c, scope)) }];
    case 'illustration':
      return [{ kind: 'illustration', name: block.name, alt: text(block.alt) }];
    case 'progress':
      return [{ kind: 'progress', text: text(block.text) }];
    case 'ticket':
      return [{ kind: 'ticket', number: interpolate(block.number, view), text: text(block.text) }];
    case 'list':
      return [renderList(block, scope)];
    case 'entry':
      return [
        {
          kind: 'entry',
          pad: block.pad,
          label: text(block.label),
          event: block.event,
          submitLabel: text(block.submitLabel),
          minLength: block.minLength,
          maxLength: block.maxLength,
          ...(block.hint ? { hint: text(block.hint) } : {}),
        },
      ];
    case 'qr': {
      const qr = renderQr(block, scope);
      return qr ? [qr] : [];
    }
  }
}
