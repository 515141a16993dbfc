import { useEffect, useState } from 'preact/hooks';
import type { BlockView, ListBlockView } from '../../contract.ts';
import { Blocks } from '../blocks/Block.tsx';
import { ListBlock } from '../blocks/ListBlock.tsx';
import { CORNER_ZONE_PX } from '../corner-gesture.ts';
import { useSendAction } from '../parts/action-context.ts';
import { Notices } from '../parts/Notices.tsx';
import type { LayoutProps } from './layout-props.ts';
import { ScreenFrame } from './ScreenFrame.tsx';

/**
 * How long each panel of what the terminal offers stays before the next: long enough to read a
 * few service names while walking up, short enough that a passer-by sees more than one.
 */
export const ATTRACT_PANEL_MS = 6000;

/** True when the person asked their system for less motion; the panels then stand still. */
function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Index of the panel shown, moving on every {@link ATTRACT_PANEL_MS} unless motion is reduced. */
function useRotation(count: number, still: boolean): number {
  const [index, setIndex] = useState(0);
  useEffect(() => {
    setIndex(0);
    if (still || count < 2) return undefined;
    const timer = setInterval(() => setIndex((i) => (i + 1) % count), ATTRACT_PANEL_MS);
    return () => clearInterval(timer);
  }, [count, still]);
  return index;
}

/**
 * What the terminal offers (services, hours, the hall), one panel at a time. The turning copy
 * is hidden from screen readers, which get every panel at once and in order instead; with
 * reduced motion everyone gets that still list.
 */
function OfferPanels({ list }: { list: ListBlockView }) {
  const [still] = useState(prefersReducedMotion);
  const index = useRotation(list.items.length, still);
  if (still) return <ListBlock block={list} />;
  const item = list.items[index];
  return (
    <div class="attract-offer">
      <div class="visually-hidden">
        <ListBlock block={list} />
      </div>
      {item !== undefined && (
        <div class="attract-panel" aria-hidden="true" key={item.id} data-panel={item.id}>
          <p class="attract-panel-title">{item.title}</p>
          <ul class="attract-panel-lines">
            {item.lines.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        </div>
      )}
      <div class="attract-dots" aria-hidden="true">
        {list.items.map((panel, i) => (
          <span key={panel.id} class={`attract-dot${i === index ? ' is-current' : ''}`} />
        ))}
      </div>
    </div>
  );
}

/**
 * The welcome screen between sessions. A touch anywhere on it starts, as its start button does
 * (the button stays, for keyboards and screen readers); touches in the maintenance corner are
 * left to the corner gesture.
 */
export function AttractLayout({ snapshot, screenKey }: LayoutProps) {
  const send = useSendAction();
  const screen = snapshot.screen;
  const start = screen.actions.find((a) => a.kind === 'primary' && a.disabled !== true);
  const list = screen.blocks.find((b): b is ListBlockView => b.kind === 'list');
  const others = screen.blocks.filter((b: BlockView) => b !== list);
  const touched = (event: MouseEvent): void => {
    if (start === undefined) return;
    if (event.clientX <= CORNER_ZONE_PX && event.clientY <= CORNER_ZONE_PX) return;
    // The start button sends on its own click; counting it here too would start twice.
    if (event.target instanceof Element && event.target.closest('button') !== null) return;
    send(start);
  };
  return (
    // The whole surface is a convenience for touch; the start button is the accessible way in.
    <div class="attract-surface" data-attract-surface onClick={touched}>
      <ScreenFrame screen={screen} screenKey={screenKey} layout="attract">
        <div class="attract-content">
          <Blocks blocks={others} />
          {list !== undefined && <OfferPanels list={list} />}
        </div>
        <Notices notices={snapshot.notices} />
      </ScreenFrame>
    </div>
  );
}
