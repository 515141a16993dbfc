import type {
  ActionView,
  ListBlockView,
  ListItemView,
  Locale,
  QrBlockView,
} from '../../contract.ts';
import { requirementDown } from '../capabilities/catalogue.ts';
import { MAX_LIST_ROWS, MAX_QR_TEXT_LENGTH } from './block-specs.ts';
import type { ActionSpec, BlockSpec } from './package-schema.ts';
import { interpolate, resolveRefs } from './refs.ts';
import { disabledReason } from './requirement-text.ts';

/**
 * Drawing the blocks a flow fills from data: list rows, QR texts and actions that need a
 * device. Every value is read from the MASKED view of the context the caller hands in.
 */

/** Longest row id a list offers: ids are codes, and the id travels back as event data. */
export const MAX_ROW_ID_LENGTH = 64;

/**
 * Characters of one row title or line. The data comes from the platform, not the vendor; a
 * row is one touch target, and a longer text would push every other row off the screen.
 */
export const MAX_ROW_TEXT_LENGTH = 200;

/** What the renderers of one screen share. */
export interface RenderScope {
  /** A strings key looked up and filled from `scope` (the context, or one list item). */
  text(key: string, scope?: unknown): string;
  /** The masked context. */
  view: unknown;
  locale: Locale;
  /** Requirements out of service right now. */
  down: ReadonlySet<string>;
}

/** An action as drawn: disabled, with the kiosk's reason, while what it requires is down. */
export function renderAction(action: ActionSpec, scope: RenderScope): ActionView {
  const down = action.requires !== undefined && requirementDown(action.requires, scope.down);
  return {
    id: action.id,
    label: scope.text(action.label),
    event: action.event,
    kind: action.kind,
    ...(action.data ? { data: action.data } : {}),
    ...(down && action.requires
      ? { disabled: true, disabledReason: disabledReason(action.requires, scope.locale) }
      : {}),
  };
}

/** The rows of a list block, at most MAX_LIST_ROWS, from the items its reference finds. */
export function renderList(
  block: Extract<BlockSpec, { kind: 'list' }>,
  scope: RenderScope,
): ListBlockView {
  const found = resolveRefs(block.items, { context: scope.view, event: undefined });
  const ticked = block.selected
    ? resolveRefs(block.selected, { context: scope.view, event: undefined })
    : undefined;
  const selected = new Set(Array.isArray(ticked) ? ticked : []);
  const items: ListItemView[] = [];
  for (const item of Array.isArray(found) ? found : []) {
    if (items.length >= MAX_LIST_ROWS) break;
    const id = rowId(item, block.id);
    if (id === undefined) continue;
    const rowText = (t: string): string => rowTemplate(t, item, scope);
    const title = rowText(block.title);
    const state = block.state ? (item as Record<string, unknown>)[block.state] : undefined;
    items.push({
      id,
      title,
      lines: (block.lines ?? []).map(rowText).filter((l) => l.trim() !== ''),
      ...(block.style === 'steps' && isStepState(state) ? { state } : {}),
      ...(block.style === 'checklist' ? { selected: selected.has(id) } : {}),
      ...(block.event
        ? {
            action: {
              id: `row-${id}`,
              label: title,
              event: block.event,
              data: { id },
              kind: 'secondary' as const,
            },
          }
        : {}),
    });
  }
  return {
    kind: 'list',
    style: block.style,
    items,
    ...(block.empty ? { empty: scope.text(block.empty) } : {}),
  };
}

/** A QR block, or nothing when its text renders empty or too long to scan. */
export function renderQr(
  block: Extract<BlockSpec, { kind: 'qr' }>,
  scope: RenderScope,
): QrBlockView | undefined {
  const value = block.text.startsWith('$')
    ? resolveRefs(block.text, { context: scope.view, event: undefined })
    : interpolate(block.text, scope.view);
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  if (text === '' || text.length > MAX_QR_TEXT_LENGTH) return undefined;
  return { kind: 'qr', text, caption: scope.text(block.caption) };
}

/** A row's text: a strings key filled from the item, or an inline `{{field}}` template. */
function rowTemplate(text: string, item: unknown, scope: RenderScope): string {
  const filled = text.includes('{{')
    ? interpolate(text, item, scope.locale === 'en')
    : scope.text(text, item);
  return filled.length > MAX_ROW_TEXT_LENGTH
    ? `${filled.slice(0, MAX_ROW_TEXT_LENGTH - 1)}…`
    : filled;
}

function rowId(item: unknown, field: string): string | undefined {
  if (typeof item !== 'object' || item === null || !Object.hasOwn(item, field)) return undefined;
  const id = (item as Record<string, unknown>)[field];
  const text = typeof id === 'string' || typeof id === 'number' ? String(id) : '';
  return text !== '' && text.length <= MAX_ROW_ID_LENGTH ? text : undefined;
}

function isStepState(value: unknown): value is 'done' | 'current' | 'todo' {
  return value === 'done' || value === 'current' || value === 'todo';
}
